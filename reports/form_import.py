"""Reading a filled-in Excel form back: check everything, then apply all of it or nothing.

``check_form`` reads the file and compares it with the database without writing; its
report lists every problem with its sheet and row, and every change it would make.
``apply_form`` checks again and writes the changes in one transaction through the same
services as the window (so each change is audited), or raises ``FormRejected``. Empty cells
leave the answer in the database as it is, so importing the same file twice changes nothing.

What the form would change, and where the office changed an answer after the form was made
(a conflict, kept out unless chosen), is worked out in ``reports.form_changes``.

A scanned paper form (``reports.scan_import``) comes through the same two functions with its
values already read (``values``), so it meets the same checks and the same apply path.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.archive import ArchiveKind, open_archive
from models.audit import Editor
from models.db import Database, begin_write
from models.entities import ChecklistItem, ChecklistVersion, Unit
from models.errors import InvalidInput, KnownError
from models.item_scope import not_asked_text
from models.periods import Period
from models.queries.items import version_items
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_note
from models.text import collapse_spaces, fold, nfc
from reports.form_changes import Change, FormReport, compare
from reports.form_identity import FormIdentity
from reports.form_values import FormValues, Problem, read_values
from reports.xlsx_form import FORM_SHEET


def _not_a_form(name: str, detail_vi: str, detail_en: str) -> InvalidInput:
    return InvalidInput(
        f"'{name}' không phải bảng tính Excel (.xlsx) dùng được làm phiếu ({detail_vi}). Hãy "
        "lưu lại phiếu dưới dạng .xlsx. Không có gì được ghi.",
        f"'{name}' is not an Excel workbook (.xlsx) usable as a form ({detail_en}). Save the "
        "form again as .xlsx. Nothing was written.",
    )


#: A filled-in form: a few sheets, never more than a few MB of XML.
WORKBOOK = ArchiveKind(
    refuse=_not_a_form,
    max_file_bytes=20 * 1024 * 1024,
    max_entries=1_000,
    max_entry_bytes=50 * 1024 * 1024,
    max_total_bytes=200 * 1024 * 1024,
)


def read_form_file(path: Path) -> FormValues:
    """The form's values, read through the guarded door: every entry is checked (sizes,
    CRC, no XML entity declarations) before openpyxl parses any of it."""
    with open_archive(path, WORKBOOK) as archive:
        if "xl/workbook.xml" not in archive.names:
            raise _not_a_form(
                archive.name, "không có xl/workbook.xml", "there is no xl/workbook.xml"
            )
        archive.scan(refuse_doctype=True)
        return read_values(path)


class FormRejected(KnownError):
    """The form has problems; nothing was written. ``report`` lists them all."""

    def __init__(self, report: FormReport) -> None:
        first = report.problems[0]
        more = len(report.problems) - 1
        super().__init__(
            f"Phiếu bị từ chối, không có gì được ghi: {first.text('vi')}"
            + (f" (và {more} lỗi khác)" if more else ""),
            f"The form was refused and nothing was written: {first.text('en')}"
            + (f" (and {more} more)" if more else ""),
        )
        self.report = report


@dataclass
class _Plan:
    report: FormReport
    identity: FormIdentity | None = None
    unit_id: uuid.UUID | None = None
    period: str | None = None
    assessor: str = ""
    item_ids: dict[str, uuid.UUID] = field(default_factory=dict)


#: More writes in the apply's transaction (a scan's note images): given the session, the
#: assessment and the item ids by code; returns how many changes it made.
AlsoWrite = Callable[[Session, uuid.UUID, dict[str, uuid.UUID]], int]


def check_form(database: Database, path: Path, values: FormValues | None = None) -> FormReport:
    """Everything wrong with the form and every change it would make; writes nothing."""
    with database.session() as session:
        return _plan(session, Path(path), values).report


def apply_form(
    database: Database,
    path: Path,
    editor: Editor,
    *,
    prefer: str = "office",
    choices: dict[str, str] | None = None,
    values: FormValues | None = None,
    reason: str | None = None,
    also: AlsoWrite | None = None,
) -> FormReport:
    """Write the form's answers and notes in one transaction, or raise ``FormRejected``.

    A conflict keeps the office's value unless ``choices`` (by conflict key) or ``prefer``
    says "form".
    """
    if {prefer, *(choices or {}).values()} - {"office", "form"}:
        raise InvalidInput(
            "Chỉ có thể chọn giữ bản của văn phòng (office) hoặc của phiếu (form).",
            "Choose to keep the office's value (office) or the form's (form).",
        )
    with database.session() as session:
        begin_write(session)  # the plan is made from what is in the database under the lock
        plan = _plan(session, Path(path), values)
        report = plan.report
        if not report.ok:
            raise FormRejected(report)
        writes = list(report.changes)
        for conflict in report.conflicts:
            conflict.kept = (choices or {}).get(conflict.key, prefer)
            if conflict.kept == "form":
                old, new = conflict.office, conflict.form
                writes.append(Change(conflict.code, conflict.row, conflict.field, old, new))
        if not writes and also is None:
            return report
        assert plan.identity is not None and plan.unit_id is not None and plan.period
        try:
            assessment_id = svc.start_assessment(
                session,
                editor,
                plan.unit_id,
                uuid.UUID(plan.identity.version_id),
                plan.period,
                plan.identity.kind,
                plan.assessor,
                commit=False,
            )
            for change in writes:
                item_id = plan.item_ids[change.code]
                if change.field == "answer":
                    record_answer(
                        session,
                        editor,
                        assessment_id,
                        item_id,
                        change.new,
                        commit=False,
                        reason=reason,
                    )
                else:
                    set_note(session, editor, assessment_id, item_id, change.new, commit=False)
            extra = also(session, assessment_id, plan.item_ids) if also else 0
            if not writes and not extra:
                session.rollback()  # nothing new, not even the assessment
                return report
            session.commit()
        except BaseException:
            session.rollback()
            raise
        report.assessment_id = str(assessment_id)
        report.applied = True
        return report


def _plan(session: Session, path: Path, values: FormValues | None = None) -> _Plan:
    plan = _Plan(FormReport(file=str(path)))
    from_file = values is None  # a scan's values come read, with no sheet and row
    try:
        values = read_form_file(path) if values is None else values
    except KnownError as exc:
        plan.report.problems.append(Problem(None, None, exc.vi, exc.en))
        return plan
    plan.report.problems.extend(values.problems)
    identity = plan.identity = values.identity
    plan.report.checklist, plan.report.version = identity.checklist, identity.version
    try:
        _check_version(session, plan, identity)
        _resolve_unit(session, plan, values)
        _resolve_period(plan, values)
    except KnownError as exc:
        plan.report.problems.append(Problem(None, None, exc.vi, exc.en))
        return plan
    plan.assessor = collapse_spaces(values.assessor or "")
    if plan.report.ok:
        compare(session, plan.report, values, plan.unit_id, plan.period, plan.item_ids)
        _refuse_not_asked(session, plan, FORM_SHEET if from_file else None)
    return plan


def _refuse_not_asked(session: Session, plan: _Plan, sheet: str | None) -> None:
    """A value the form would write to an item not asked of its unit in its period (a
    heading, information, an item past its date or addressed to others) is a problem, as
    the service would refuse it; a value already stored is left alone."""
    unit = session.get(Unit, plan.unit_id)
    assert unit is not None and plan.identity is not None
    items = version_items(
        session, uuid.UUID(plan.identity.version_id), unit.kind, unit.name, plan.period
    )
    not_asked = {item.code: item for item in items if not item.asked}
    report = plan.report
    lines: list[Any] = [*report.changes, *report.conflicts]
    for line in lines:
        item = not_asked.get(line.code)
        if item is None or item.not_asked is None:
            continue
        why = (item.code, item.not_asked, item.valid_until, item.addressees, item.bodies)
        report.problems.append(
            Problem(sheet, line.row, not_asked_text(*why), not_asked_text(*why, lang="en"))
        )
    report.changes = [c for c in report.changes if c.code not in not_asked]
    report.conflicts = [c for c in report.conflicts if c.code not in not_asked]


def _check_version(session: Session, plan: _Plan, identity: FormIdentity) -> None:
    try:
        version = session.get(ChecklistVersion, uuid.UUID(identity.version_id))
    except ValueError:
        version = None
    if (
        version is None
        or version.checklist.slug != identity.checklist
        or version.version != identity.version
        or version.content_hash != identity.content_hash
        or version.status != "published"
    ):
        raise InvalidInput(
            f"Phiếu dành cho danh mục '{identity.checklist}' phiên bản {identity.version}, "
            "không có (hoặc đã khác) trong cơ sở dữ liệu này.",
            f"The form is for checklist '{identity.checklist}' version {identity.version}, "
            "which this database does not have (or has with other content).",
        )
    plan.item_ids = dict(
        session.execute(
            select(ChecklistItem.code, ChecklistItem.id).where(
                ChecklistItem.version_id == version.id
            )
        ).all()
    )
    if set(plan.item_ids) != set(identity.rows):
        raise InvalidInput(
            "Danh sách mục của phiếu không khớp với danh mục.",
            "The form's items do not match the checklist.",
        )


def _resolve_unit(session: Session, plan: _Plan, values: FormValues) -> None:
    identity = values.identity
    if identity.unit_id:
        unit = session.get(Unit, uuid.UUID(identity.unit_id))
        if unit is None or unit.archived_at is not None:
            raise InvalidInput(
                f"Đơn vị '{identity.unit}' của phiếu không có trong cơ sở dữ liệu.",
                f"The form's unit '{identity.unit}' is not in this database.",
            )
        plan.unit_id, plan.report.unit = unit.id, unit.name
        return
    from models.services.units import search_units

    name = collapse_spaces(values.unit or "")
    sheet, row = values.unit_at
    candidates = search_units(session, name) if name else []
    found = [u for u in candidates if nfc(u.name).casefold() == name.casefold()] or [
        u for u in candidates if fold(u.name) == fold(name)
    ]
    if not name:
        plan.report.problems.append(
            Problem(sheet, row, "Chưa ghi tên đơn vị.", "The unit's name is missing.")
        )
    elif len(found) != 1:
        plan.report.problems.append(
            Problem(
                sheet,
                row,
                f"Không tìm thấy đúng một đơn vị tên '{name}'.",
                f"No single unit is named '{name}'.",
            )
        )
    else:
        plan.unit_id, plan.report.unit = found[0].id, found[0].name


def _resolve_period(plan: _Plan, values: FormValues) -> None:
    from models.periods import parse_period

    if values.identity.period:
        plan.period = values.identity.period
    else:
        sheet, row = values.period_at
        raw = values.period
        if isinstance(raw, dt.datetime | dt.date):
            raw = raw.strftime("%d/%m/%Y")
        try:
            plan.period = parse_period(str(raw or "")).key
        except InvalidInput as exc:
            plan.report.problems.append(Problem(sheet, row, exc.vi, exc.en))
            return
    plan.report.period = Period(plan.period).label
