"""The inspection record as an editable Word file: offices edit the record in Word before
signing (CSET's users asked for editable reports). Same words as the PDF."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from sqlalchemy.orm import Session

from models.output_files import output_stream
from reports.inspection_record import DOTS, InspectionRecord, RecordDetails, inspection_record
from reports.pdf_base import MOTTO, NATION, vn_long_date

FONT = "Times New Roman"


def paragraph(cell_or_doc, text: str, *, bold=False, italic=False, centre=False, size=13):
    added = cell_or_doc.add_paragraph()
    run = added.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    if centre:
        added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return added


def grid(document, head: list[str], rows: list[list[str]], widths: list[float]) -> None:
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


def a4_document() -> Any:
    """An empty A4 document with NĐ 30's margins and type: Times New Roman 13."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    return document


def national_header(
    document: Any,
    body_above: str | None,
    number: str,
    place: str | None,
    today: dt.date,
    body: str = "ĐOÀN KIỂM TRA",
) -> None:
    """The issuing body (the inspection team unless told) under the body above it at the
    left, Quốc hiệu – Tiêu ngữ at the right, then the number and the place and date."""
    header = document.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    if body_above:
        paragraph(left, body_above.upper(), centre=True, size=12)
    paragraph(left, body.upper(), bold=True, centre=True, size=12)
    paragraph(right, NATION, bold=True, centre=True, size=12)
    paragraph(right, MOTTO, bold=True, centre=True)
    number_cell, date = header.rows[1].cells
    paragraph(number_cell, number, centre=True)
    paragraph(date, f"{place or '……'}, {vn_long_date(today)}", italic=True, centre=True)


def signature_blocks(document: Any, blocks: list[tuple[str, str, str]]) -> None:
    """Signature blocks side by side: (role, how to sign, printed name)."""
    signatures = document.add_table(rows=1, cols=len(blocks))
    for cell, (role, how, name) in zip(signatures.rows[0].cells, blocks, strict=True):
        cell.paragraphs[0].add_run(role.upper()).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph(cell, how, italic=True, centre=True, size=12)
        for _ in range(4):
            cell.add_paragraph()
        paragraph(cell, name, bold=True, centre=True)


def record_docx(record: InspectionRecord, today: dt.date) -> object:
    document = a4_document()
    national_header(document, record.body_above, "Số:        /BB-KT", record.place_date, today)
    paragraph(document, record.title, bold=True, centre=True, size=14)
    paragraph(document, record.subtitle, bold=True, centre=True)
    paragraph(document, record.opening)
    for label, value in record.information:
        paragraph(document, f"{label} {value}")
    paragraph(document, "I. THÀNH PHẦN", bold=True)
    paragraph(document, "1. Đoàn kiểm tra:")
    for name in record.team:
        paragraph(document, f"- {name}")
    paragraph(document, "2. Đại diện đơn vị được kiểm tra:")
    for name in record.representatives:
        paragraph(document, f"- {name}")
    paragraph(document, "II. KẾT QUẢ KIỂM TRA", bold=True)
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
    grid(document, head, rows, widths)
    for line in record.conclusion:
        paragraph(document, f"- {line}")
    paragraph(document, "III. YÊU CẦU KHẮC PHỤC", bold=True)
    if record.actions:
        grid(
            document,
            ["Mục", "Biện pháp", "Người thực hiện", "Hạn"],
            [[a.code, a.what, a.who, a.due] for a in record.actions],
            [1.3, 8.5, 4.0, 2.7],
        )
    else:
        paragraph(document, "Không có yêu cầu khắc phục.")
    paragraph(document, "IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True)
    for line in record.remarks.splitlines() if record.remarks else [DOTS * 2] * 3:
        paragraph(document, line)
    paragraph(document, record.closing)
    signature_blocks(document, record.signatures)
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
