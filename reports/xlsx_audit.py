"""The audit trail as a workbook.

Every change of an answer, a note, a corrective action, an evidence file or an assessment's
status is an audit entry; the office prints them for an inspection or a dispute. The lines
and their wording come from ``models.queries.audit`` (what the window shows too); the
workbook is written in openpyxl's write-only mode, so the whole trail of a large database
streams to disk. User text (notes, reasons, names) always goes in as text cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.queries.audit import action_label, audit_lines, period_label, value_text
from reports import Progress, save_workbook

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
    save_workbook(workbook, path)
    return Path(path)
