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

from reports import atomic_output
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
from reports.rows import AssessmentReport, assessment_report

COLUMNS = ("Mã", "Yêu cầu", "Trả lời", "Ghi chú", "Biện pháp khắc phục")
WIDTHS = (21, 58, 15, 38, 38)


def header_block(report: AssessmentReport) -> list[tuple[str, object]]:
    """The label/value lines above the table, shared with the PDF's information block."""
    score = report.compliance
    failed = ", ".join(report.failed_critical) or "Không"
    return [
        ("Đơn vị", report.unit),
        ("Danh mục", f"{report.title} ({report.checklist}, phiên bản {report.version})"),
        ("Văn bản", f"{report.directive.reference()}: {report.directive.subject}"),
        ("Kỳ báo cáo", report.period_label),
        ("Hình thức", report.kind_label),
        ("Người đánh giá", report.assessor or "—"),
        ("Trạng thái", report.status_label),
        ("Tuân thủ (%)", score if score is not None else "—"),
        (
            "Đã trả lời",
            f"{report.answered}/{report.total} mục"
            + (f" ({report.coverage}%)" if report.coverage is not None else ""),
        ),
        ("Mục trọng yếu chưa đạt", failed),
    ]


def write_assessment_xlsx(session: Session, assessment_id: uuid.UUID, path: Path) -> Path:
    report = assessment_report(session, assessment_id)
    workbook = build_workbook(report)
    with atomic_output(path) as temporary:
        workbook.save(temporary)
    return Path(path)


def build_workbook(report: AssessmentReport) -> Workbook:
    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]
    sheet.title = "Đánh giá"
    widths(sheet, *WIDTHS)
    last = "E"
    sheet.merge_cells(f"A1:{last}1")
    set_text(sheet["A1"], f"KẾT QUẢ {report.kind_label.upper()}").font = font(14, bold=True)
    sheet["A1"].alignment = CENTRE
    sheet.merge_cells(f"A2:{last}2")
    set_text(sheet["A2"], report.title).font = font(12, italic=True)
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
            item.requirement,
            item.answer_label,
            item.note,
            item.action.describe() if item.action else "",
        )
        for column, value in enumerate(values, 1):
            cell = set_text(sheet.cell(line, column), value)
            cell.font, cell.border = BODY, BOX
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", indent=item.depth if column == 2 else 0
            )
        fit_height(sheet, line, list(zip(map(str, values), WIDTHS, strict=True)))
        if item.answer:
            sheet.cell(line, 3).fill = ANSWER_FILLS[item.answer]
    note_row = header_row + len(report.items) + 2
    set_text(
        sheet.cell(note_row, 1), "(!) mục trọng yếu: chưa đạt thì bài đánh giá bị cảnh báo."
    ).font = font(10, italic=True)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    print_ready(sheet, landscape=True, title_rows=f"{header_row}:{header_row}")
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(report.items)}"
    workbook.properties.title = f"{report.unit} — {report.period_label}"
    workbook.properties.creator = "Kiểm tra"
    return workbook
