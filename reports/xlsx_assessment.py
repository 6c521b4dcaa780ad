"""One assessment as a print-ready workbook: the header block, then the items coloured by
answer. Small enough to build in memory; the summary is the one that streams.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from models.periods import Period
from models.queries.assessments import AssessmentDetail, assessment_detail
from models.vocabulary import ASSESSMENT_KINDS, ASSESSMENT_STATUSES, label_of
from reports import save_workbook
from reports.cells import (
    ANSWER_FILLS,
    BODY,
    BOLD,
    BOX,
    CENTRE,
    HEADER_FILL,
    WRAP,
    fit_height,
    font,
    print_ready,
    set_text,
    widths,
)
from reports.rows import answer_label, describe_action, reference, requirement_text

COLUMNS = ("Mã", "Yêu cầu", "Trả lời", "Ghi chú", "Biện pháp khắc phục")
GREYED = font(colour="FF808080")
WIDTHS = (21, 58, 15, 38, 38)


def header_block(detail: AssessmentDetail) -> list[tuple[str, object]]:
    """The label/value lines above the table."""
    header, score = detail.header, detail.score
    failed = ", ".join(score.failed_critical) or "Không"
    return [
        ("Đơn vị", header.unit_name),
        (
            "Danh mục",
            f"{header.checklist_title} ({header.checklist}, phiên bản {header.version})",
        ),
        ("Văn bản", f"{reference(header.directive)}: {header.directive.subject}"),
        ("Kỳ báo cáo", Period(header.period).label),
        ("Hình thức", label_of(ASSESSMENT_KINDS, header.kind)),
        ("Người đánh giá", header.assessor or "—"),
        ("Trạng thái", label_of(ASSESSMENT_STATUSES, header.status)),
        ("Tuân thủ (%)", score.compliance if score.compliance is not None else "—"),
        (
            "Đã trả lời",
            f"{score.answered}/{score.total} mục"
            + (f" ({score.coverage}%)" if score.coverage is not None else ""),
        ),
        ("Mục trọng yếu chưa đạt", failed),
    ]


def write_assessment_xlsx(session: Session, assessment_id: uuid.UUID, path: Path) -> Path:
    workbook = build_workbook(assessment_detail(session, assessment_id))
    save_workbook(workbook, path)
    return Path(path)


def build_workbook(report: AssessmentDetail) -> Workbook:
    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]
    sheet.title = "Đánh giá"
    widths(sheet, *WIDTHS)
    last = "E"
    sheet.merge_cells(f"A1:{last}1")
    header = report.header
    kind = label_of(ASSESSMENT_KINDS, header.kind)
    set_text(sheet["A1"], f"KẾT QUẢ {kind.upper()}").font = font(14, bold=True)
    sheet["A1"].alignment = CENTRE
    sheet.merge_cells(f"A2:{last}2")
    set_text(sheet["A2"], header.checklist_title).font = font(12, italic=True)
    sheet["A2"].alignment = CENTRE
    row = 4
    for label, value in header_block(report):
        set_text(sheet.cell(row, 1), label).font = BOLD
        sheet.cell(row, 1).alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        target = sheet.cell(row, 2)
        if isinstance(value, float):
            target.value = value
            target.number_format = "0.0"
            target.alignment = Alignment(horizontal="left")
        else:
            set_text(target, value)
            target.alignment = WRAP
            fit_height(sheet, row, [(str(value), sum(WIDTHS[1:]))])
        target.font = BODY
        row += 1
    header_row = row + 1
    for column, title in enumerate(COLUMNS, 1):
        cell = set_text(sheet.cell(header_row, column), title)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, CENTRE
    for offset, item in enumerate(report.items, 1):
        line = header_row + offset
        values = (
            item.code + (" (!)" if item.critical else ""),
            requirement_text(item),
            answer_label(item),
            item.note,
            describe_action(item.action) if item.action else "",
        )
        for column, value in enumerate(values, 1):
            cell = set_text(sheet.cell(line, column), value)
            cell.font, cell.border = BODY, BOX
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", indent=item.depth if column == 2 else 0
            )
        fit_height(sheet, line, list(zip(map(str, values), WIDTHS, strict=True)))
        if not item.asked:  # greyed: not this unit's to answer
            for column in range(1, len(values) + 1):
                sheet.cell(line, column).font = GREYED
        elif item.status:
            sheet.cell(line, 3).fill = ANSWER_FILLS[item.status]
    note_row = header_row + len(report.items) + 2
    set_text(
        sheet.cell(note_row, 1), "(!) mục trọng yếu: chưa đạt thì bài đánh giá bị cảnh báo."
    ).font = font(10, italic=True)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1).coordinate
    print_ready(sheet, landscape=True, title_rows=f"{header_row}:{header_row}")
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(report.items)}"
    workbook.properties.title = f"{header.unit_name} — {Period(header.period).label}"
    workbook.properties.creator = "Kiểm tra"
    return workbook
