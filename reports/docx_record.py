"""The inspection record as an editable Word file: offices edit the record in Word before
signing (CSET's users asked for editable reports). Same words as the PDF."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from sqlalchemy.orm import Session

from models.output_files import output_stream
from reports.inspection_record import DOTS, InspectionRecord, RecordDetails, inspection_record
from reports.pdf_base import MOTTO, NATION, vn_long_date

FONT = "Times New Roman"


def _paragraph(cell_or_doc, text: str, *, bold=False, italic=False, centre=False, size=13):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _grid(document, head: list[str], rows: list[list[str]], widths: list[float]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(text)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)


def record_docx(record: InspectionRecord, today: dt.date) -> object:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    header = document.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    if record.body_above:
        _paragraph(left, record.body_above.upper(), centre=True, size=12)
    _paragraph(left, "ĐOÀN KIỂM TRA", bold=True, centre=True, size=12)
    _paragraph(right, NATION, bold=True, centre=True, size=12)
    _paragraph(right, MOTTO, bold=True, centre=True)
    number, date = header.rows[1].cells
    _paragraph(number, "Số:        /BB-KT", centre=True)
    _paragraph(
        date, f"{record.place_date or '……'}, {vn_long_date(today)}", italic=True, centre=True
    )
    _paragraph(document, record.title, bold=True, centre=True, size=14)
    _paragraph(document, record.subtitle, bold=True, centre=True)
    _paragraph(document, record.opening)
    for label, value in record.information:
        _paragraph(document, f"{label} {value}")
    _paragraph(document, "I. THÀNH PHẦN", bold=True)
    _paragraph(document, "1. Đoàn kiểm tra:")
    for name in record.team:
        _paragraph(document, f"- {name}")
    _paragraph(document, "2. Đại diện đơn vị được kiểm tra:")
    for name in record.representatives:
        _paragraph(document, f"- {name}")
    _paragraph(document, "II. KẾT QUẢ KIỂM TRA", bold=True)
    if record.with_own:
        head = ["Mục", "Nội dung", "Kết quả kiểm tra", "Đơn vị tự đánh giá", "Ghi nhận"]
        rows = [
            [
                f.code,
                f.requirement,
                f.finding,
                f.own + (f" ({f.verdict})" if f.verdict and f.own else ""),
                f.note,
            ]
            for f in record.findings
        ]
        widths = [1.3, 6.5, 2.4, 2.4, 3.9]
    else:
        head = ["Mục", "Nội dung", "Kết quả kiểm tra", "Ghi nhận"]
        rows = [[f.code, f.requirement, f.finding, f.note] for f in record.findings]
        widths = [1.3, 8.0, 2.8, 4.4]
    _grid(document, head, rows, widths)
    for line in record.conclusion:
        _paragraph(document, f"- {line}")
    _paragraph(document, "III. YÊU CẦU KHẮC PHỤC", bold=True)
    if record.actions:
        _grid(
            document,
            ["Mục", "Biện pháp", "Người thực hiện", "Hạn"],
            [[a.code, a.what, a.who, a.due] for a in record.actions],
            [1.3, 8.5, 4.0, 2.7],
        )
    else:
        _paragraph(document, "Không có yêu cầu khắc phục.")
    _paragraph(document, "IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True)
    for line in record.remarks.splitlines() if record.remarks else [DOTS * 2] * 3:
        _paragraph(document, line)
    _paragraph(document, record.closing)
    signatures = document.add_table(rows=1, cols=len(record.signatures))
    for cell, (role, how, name) in zip(signatures.rows[0].cells, record.signatures, strict=True):
        cell.paragraphs[0].add_run(role.upper()).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(cell, how, italic=True, centre=True, size=12)
        for _ in range(4):
            cell.add_paragraph()
        _paragraph(cell, name, bold=True, centre=True)
    return document


def write_record_docx(
    session: Session,
    assessment_id: uuid.UUID,
    path: Path,
    details: RecordDetails | None = None,
    today: dt.date | None = None,
) -> Path:
    day = today or dt.date.today()
    document = record_docx(inspection_record(session, assessment_id, details, day), day)
    with output_stream(Path(path)) as stream:
        document.save(stream)  # type: ignore[attr-defined]
    return Path(path)
