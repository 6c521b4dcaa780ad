"""Scanned paper forms read into answers: read every page, show, then apply all or nothing.

``read_scans`` finds each page, checks its QR against this database (the checklist version,
its content, the unit, the page's printed geometry) and reads its boxes and notes; pages are
grouped by form, in page order whatever order they were scanned in. Nothing is written
there: a person looks at the result (the window's review dialog, or ``--dry-run``) and
decides every unclear row. ``apply_scanned`` then writes one form's answers through the
Excel form's own path (``reports.form_import``): the same identity and version checks,
idempotent, all or nothing, a stale form a conflict, each change audited "từ phiếu quét",
and each handwritten note attached to its item as a picture.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.entities import EvidenceFile, Unit
from models.errors import InvalidInput, KnownError, NotFound
from models.periods import Period
from models.queries.items import version_items
from models.services.evidence import attach_evidence
from reports.form_changes import FormReport
from reports.form_identity import FormIdentity, base_token
from reports.form_import import FormRejected, apply_form, check_form
from reports.form_values import FormValues, Line, Problem
from reports.scan_code import PageCode, page_seal
from reports.scan_images import ScanImage, load_scans
from reports.scan_layout import FormLayout, form_layout, layout_items
from reports.scan_marks import OUTLINE_SEEN, RowReading, read_rows
from reports.scan_read import LocatedPage, PageNotRead, locate

REASON = "từ phiếu quét"


@dataclass
class ScannedPage:
    """One picture: the page it is, what was read on it, or why it was refused."""

    source: str
    source_en: str
    code: PageCode | None = None
    rows: list[RowReading] = field(default_factory=list)
    problem: Problem | None = None
    picture: Any = None  # the squared page (numpy), for the review dialog

    @property
    def form_key(self) -> tuple[Any, ...] | None:
        c = self.code
        return None if c is None else (c.checklist, c.version, c.unit_id, c.period, c.kind)


@dataclass
class ScannedForm:
    """The pages of one form found among the scans, and the person's decisions."""

    code: PageCode  # its first page's, for the identity
    pages: dict[int, ScannedPage]
    version_id: str
    content_hash: str
    unit: str | None
    item_codes: list[str]
    #: item code -> the answer to write (None: leave as it is); starts as read
    answers: dict[str, str | None] = field(default_factory=dict)
    unit_id: str | None = None  # chosen by the person when the form did not carry it
    period: str | None = None

    @property
    def rows(self) -> list[RowReading]:
        return [row for number in sorted(self.pages) for row in self.pages[number].rows]

    @property
    def unclear(self) -> list[RowReading]:
        return [row for row in self.rows if row.unclear]

    @property
    def missing_pages(self) -> list[int]:
        return [n for n in range(1, self.code.pages + 1) if n not in self.pages]

    @property
    def title(self) -> str:
        period = self.period or self.code.period
        shown = Period(period).label if period else "—"
        return f"{self.code.checklist} v{self.code.version} — {self.unit or '—'} — {shown}"


@dataclass
class ScanBatch:
    forms: list[ScannedForm] = field(default_factory=list)
    refused: list[ScannedPage] = field(default_factory=list)


def read_scans(database: Database, paths: list[Path]) -> ScanBatch:
    """Read every page of ``paths``; a file that cannot be opened at all raises."""
    with database.session() as session:
        return read_images(session, list(load_scans([Path(p) for p in paths])))


def read_images(session: Session, images: list[ScanImage]) -> ScanBatch:
    batch = ScanBatch()
    layouts: dict[tuple[str, int], tuple[Any, FormLayout]] = {}
    forms: dict[tuple[Any, ...], ScannedForm] = {}
    for image in images:
        page = read_page(session, image, layouts)
        if page.code is None or page.form_key is None:
            batch.refused.append(page)
            continue
        form = forms.get(page.form_key)
        if form is None:
            version, layout = layouts[(page.code.checklist, page.code.version)]
            form = forms[page.form_key] = ScannedForm(
                page.code,
                {},
                str(version.id),
                version.content_hash,
                _unit_name(session, page.code.unit_id),
                [item.code for item in layout.items],
            )
        if page.code.page in form.pages:
            page.problem = Problem(
                None,
                None,
                f"{page.source}: trang {page.code.page} của phiếu này đã có ở trên; bỏ qua.",
                f"{page.source_en}: page {page.code.page} of this form came already; skipped.",
            )
            batch.refused.append(page)
            continue
        form.pages[page.code.page] = page
        for row in page.rows:
            form.answers[row.code] = None if row.unclear else row.answer
    batch.forms = list(forms.values())
    return batch


def read_page(
    session: Session, image: ScanImage, layouts: dict[tuple[str, int], tuple[Any, FormLayout]]
) -> ScannedPage:
    page = ScannedPage(image.source, image.source_en)
    try:
        located = locate(image)
        code = located.code
        key = (code.checklist, code.version)
        if key not in layouts:
            version = get_version(session, code.checklist, code.version)
            layouts[key] = (version, form_layout(layout_items(version_items(session, version.id))))
        version, layout = layouts[key]
        _check_seal(session, image, located, version, layout)
        items = layout.on_page(code.page)
        rows = read_rows(located.page, items)
        boxes = [box for row in rows for box in row.boxes]
        if sum(box.outline < OUTLINE_SEEN for box in boxes) > 0.25 * len(boxes):
            raise PageNotRead(
                *_texts(
                    image,
                    "các ô in không nằm đúng chỗ (trang cong, gấp hoặc bị kéo "
                    "giãn); hãy quét lại trang cho phẳng",
                    "the printed boxes are not where they should be (the page is curled, "
                    "folded or stretched); scan it again, flat",
                )
            )
        page.rows, page.picture, page.code = rows, located.page, code
    except NotFound:
        page.problem = _problem(
            image,
            "trang thuộc một danh mục không có trong cơ sở dữ liệu này",
            "the page belongs to a checklist this database does not have",
        )
    except KnownError as exc:
        page.problem = Problem(None, None, exc.vi, exc.en)
    return page


def _problem(image: ScanImage, vi: str, en: str) -> Problem:
    return Problem(None, None, *_texts(image, vi, en))


def _texts(image: ScanImage, vi: str, en: str) -> tuple[str, str]:
    return (
        f"{image.source}: {vi}; trang bị từ chối, không có gì được ghi.",
        f"{image.source_en}: {en}; the page is refused and nothing was written.",
    )


def _check_seal(
    session: Session, image: ScanImage, located: LocatedPage, version: Any, layout: FormLayout
) -> None:
    code = located.code
    if code.unit_id is not None:
        unit = session.get(Unit, uuid.UUID(code.unit_id))
        if unit is None or unit.archived_at is not None:
            raise InvalidInput(
                *_texts(
                    image,
                    "phiếu in cho một đơn vị không có trong cơ sở dữ liệu này",
                    "the form was printed for a unit this database does not have",
                )
            )
    expected = page_seal(
        checklist=code.checklist,
        version=code.version,
        content_hash=version.content_hash,
        unit_id=code.unit_id,
        period=code.period,
        kind=code.kind,
        page=code.page,
        pages=code.pages,
        layout_digest=layout.page_digest(code.page) if code.pages == layout.pages else "",
        base=code.base,
    )
    if expected != code.seal:
        problem = _problem(
            image,
            "mã của trang không khớp với danh mục trong cơ sở dữ liệu này (phiếu in từ cơ sở "
            "dữ liệu khác, từ một phiên bản danh mục đã khác, hoặc bằng chương trình khác)",
            "the page's code does not match the checklist in this database (a form printed "
            "from another database, another content of the checklist, or another program)",
        )
        raise InvalidInput(problem.vi, problem.en)
    code.base_statuses(tuple(item.code for item in layout.on_page(code.page)))


def _unit_name(session: Session, unit_id: str | None) -> str | None:
    if unit_id is None:
        return None
    unit = session.get(Unit, uuid.UUID(unit_id))
    return unit.name if unit else None


# -- applying one form ---------------------------------------------------------------------


def form_values(form: ScannedForm) -> FormValues:
    """What the form says, as the Excel form's reader would have said it."""
    code = form.code
    unit_id = code.unit_id or form.unit_id
    period = code.period or form.period
    base: dict[str, str] | None = {}
    for page in form.pages.values():
        statuses = page.code.base_statuses(tuple(r.code for r in page.rows)) if page.code else None
        if statuses is None or base is None:
            base = None
            continue
        base.update({c: base_token(s, "") for c, s in statuses.items() if s})
    identity = FormIdentity(
        code.checklist,
        code.version,
        form.version_id,
        form.content_hash,
        unit_id,
        form.unit,
        period,
        code.kind,
        {item: number for number, item in enumerate(form.item_codes, 1)},
        base,
    )
    values = FormValues(identity, unit=form.unit)
    rows = {row.code: row for row in form.rows}
    for number, item in enumerate(form.item_codes, 1):
        if item in rows:
            values.lines.append(Line(item, number, form.answers.get(item), ""))
    if unit_id is None:
        values.problems.append(
            Problem(None, None, "Phiếu trống: hãy chọn đơn vị.", "A blank form: choose the unit.")
        )
    if period is None:
        values.problems.append(
            Problem(
                None, None, "Phiếu trống: hãy ghi kỳ báo cáo.", "A blank form: give the period."
            )
        )
    return values


def check_scanned(database: Database, form: ScannedForm) -> FormReport:
    values = form_values(form)
    if values.problems:  # a blank form without its unit or period: say only that
        return FormReport(file=form.title, problems=list(values.problems))
    return check_form(database, Path(form.title), values=values)


def apply_scanned(
    database: Database,
    form: ScannedForm,
    editor: Editor,
    *,
    prefer: str = "office",
    choices: dict[str, str] | None = None,
) -> FormReport:
    """Write the form's answers (as decided) and its notes' pictures in one transaction."""
    values = form_values(form)
    if values.problems:
        raise FormRejected(FormReport(file=form.title, problems=list(values.problems)))
    notes = [(row.code, row.note_png) for row in form.rows if row.note_png]
    with tempfile.TemporaryDirectory(prefix="kiemtra-scan-") as folder:
        files = []
        for code, png in notes:
            assert png is not None
            path = Path(folder) / f"ghi-chu-muc-{code}.png"
            path.write_bytes(png)
            files.append((code, path, hashlib.sha256(png).hexdigest()))

        def attach(
            session: Session, assessment_id: uuid.UUID, item_ids: dict[str, uuid.UUID]
        ) -> int:
            attached = 0
            for code, path, sha in files:
                already = session.scalar(
                    select(EvidenceFile.id).where(
                        EvidenceFile.assessment_id == assessment_id,
                        EvidenceFile.item_id == item_ids[code],
                        EvidenceFile.sha256 == sha,
                    )
                )
                if already is None:
                    attach_evidence(
                        session,
                        editor,
                        assessment_id,
                        item_ids[code],
                        path,
                        commit=False,
                        reason=REASON,
                    )
                    attached += 1
            return attached

        return apply_form(
            database,
            Path(form.title),
            editor,
            prefer=prefer,
            choices=choices,
            values=values,
            reason=REASON,
            also=attach if files else None,
        )
