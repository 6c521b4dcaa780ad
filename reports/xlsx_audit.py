"""The audit trail as a workbook, and as lines the window shows.

Every change of an answer, a note, a corrective action, an evidence file or an assessment's
status is an audit entry; the office prints them for an inspection or a dispute. The
workbook is written in openpyxl's write-only mode, so the whole trail of a large database
streams to disk. User text (notes, reasons, names) always goes in as text cells.

The lines and their wording need no openpyxl: only the writer imports it, so the window
can show a history without paying for the workbook library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.entities import Assessment, AuditEntry, ChecklistItem, Device, Unit
from models.periods import Period
from models.vocabulary import (
    ANSWER_STATUSES,
    ASSESSMENT_KINDS,
    ASSESSMENT_STATUSES,
    AUDIT_ACTIONS,
    AUDIT_FIELDS,
    YES_NO,
    pick,
)
from reports import Progress, atomic_output

TITLES = [
    "Thời điểm",
    "Người thực hiện",
    "Thiết bị",
    "Thao tác",
    "Đơn vị",
    "Kỳ",
    "Mục",
    "Giá trị cũ",
    "Giá trị mới",
    "Lý do",
]
WIDTHS = [19, 22, 18, 18, 34, 14, 8, 34, 34, 30]
DATE_TIME = "DD/MM/YYYY HH:MM:SS"


@dataclass(frozen=True)
class AuditLine:
    """One audit entry with the names a reader needs (unit, item code, device)."""

    at: dt.datetime  # UTC
    actor: str
    device: str
    action: str
    unit: str
    period: str  # a period key, or ""
    code: str
    old: Any
    new: Any
    reason: str


def action_label(action: str, lang: str = "vi") -> str:
    return pick(AUDIT_ACTIONS[action], lang) if action in AUDIT_ACTIONS else action


def field_label(name: str, lang: str = "vi") -> str:
    return pick(AUDIT_FIELDS[name], lang) if name in AUDIT_FIELDS else name


def period_label(key: str, lang: str = "vi") -> str:
    if not key:
        return ""
    try:
        period = Period(key)
        return period.label_en if lang == "en" else period.label
    except ValueError:
        return key


def value_text(value: Any, lang: str = "vi") -> str:
    """An audit value as a reader says it: status labels, dates as dd/mm/yyyy, no ids."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return pick(YES_NO[value], lang)
    if isinstance(value, str):
        for labels in (ANSWER_STATUSES, ASSESSMENT_STATUSES, ASSESSMENT_KINDS):
            if value in labels:
                return pick(labels[value], lang)
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if len(value) == 10 else value
        except ValueError:
            return value
    if isinstance(value, dict):
        if "file_name" in value:
            return str(value["file_name"])
        if "field" in value:  # a merge conflict: which field, and one side's value
            side = next((value[k] for k in ("mine", "theirs") if k in value), None)
            return f"{field_label(str(value['field']), lang)}: {value_text(side, lang)}"
        parts = [
            f"{field_label(key, lang)}: "
            + (period_label(str(item), lang) if key == "period" else value_text(item, lang))
            for key, item in value.items()
            if item not in (None, "") and not key.endswith("_id") and key != "sha256"
        ]
        return "; ".join(parts) or "—"
    if isinstance(value, list):
        return ", ".join(value_text(item, lang) for item in value)
    return str(value)


def audit_lines(
    session: Session,
    *,
    assessment_id: Any = None,
    item_id: Any = None,
) -> Iterator[AuditLine]:
    """The audit entries, oldest first, streamed (a whole database's trail can be long)."""
    named_unit = aliased(Unit)
    query = (
        select(
            AuditEntry.at,
            AuditEntry.actor,
            Device.name,
            AuditEntry.action,
            Unit.name,
            named_unit.name,
            Assessment.period,
            ChecklistItem.code,
            AuditEntry.old_value,
            AuditEntry.new_value,
            AuditEntry.reason,
        )
        .outerjoin(Device, Device.id == AuditEntry.device_id)
        .outerjoin(Assessment, Assessment.id == AuditEntry.assessment_id)
        .outerjoin(Unit, Unit.id == Assessment.unit_id)
        .outerjoin(
            named_unit, (named_unit.id == AuditEntry.entity_id) & (AuditEntry.entity == "unit")
        )
        .outerjoin(ChecklistItem, ChecklistItem.id == AuditEntry.item_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    if assessment_id is not None:
        query = query.where(AuditEntry.assessment_id == assessment_id)
    if item_id is not None:
        query = query.where(AuditEntry.item_id == item_id)
    rows = session.execute(query.execution_options(yield_per=1000))
    for at, actor, device, action, unit, named, period, code, old, new, reason in rows:
        yield AuditLine(
            at,
            actor or "",
            device or "",
            action,
            unit or named or "",
            period or "",
            code or "",
            old,
            new,
            reason or "",
        )


def write_audit_xlsx(
    session: Session,
    path: Path,
    *,
    assessment_id: Any = None,
    item_id: Any = None,
    progress: Progress | None = None,
) -> Path:
    """The audit trail (of one assessment, one item, or everything) as one worksheet."""
    from openpyxl import Workbook

    from reports.cells import BOLD, CENTRE, HEADER_FILL, WRAP, print_ready, text_cell, value_cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhật ký")
    for letter, width in zip("ABCDEFGHIJ", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    print_ready(sheet, landscape=True, title_rows="1:1")
    sheet.append(
        [text_cell(sheet, t, font=BOLD, fill=HEADER_FILL, alignment=CENTRE) for t in TITLES]
    )
    count = 0
    for line in audit_lines(session, assessment_id=assessment_id, item_id=item_id):
        local = line.at.astimezone().replace(tzinfo=None)  # Excel has no time zones
        sheet.append(
            [
                value_cell(sheet, local, number_format=DATE_TIME),
                text_cell(sheet, line.actor),
                text_cell(sheet, line.device),
                text_cell(sheet, action_label(line.action)),
                text_cell(sheet, line.unit),
                text_cell(sheet, period_label(line.period)),
                text_cell(sheet, line.code),
                text_cell(sheet, value_text(line.old), alignment=WRAP),
                text_cell(sheet, value_text(line.new), alignment=WRAP),
                text_cell(sheet, line.reason, alignment=WRAP),
            ]
        )
        count += 1
        if progress and count % 500 == 0:
            progress(count, 0)
    sheet.auto_filter.ref = f"A1:J{count + 1}"
    workbook.properties.title = "Nhật ký thay đổi"
    workbook.properties.creator = "Kiểm tra"
    with atomic_output(path) as temporary:
        workbook.save(temporary)
    return Path(path)
