"""One unit's self-assessment against its inspection as an editable Word file, in the same
words as the PDF (offices edit before sending)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from models.output_files import output_stream
from reports.docx_record import a4_document, grid, national_header, paragraph, signature_blocks
from reports.unit_comparison import PAIR_HEAD, ComparisonReport, unit_comparison_report


def comparison_docx(report: ComparisonReport, today: dt.date) -> object:
    document = a4_document()
    national_header(document, report.body_above, "Số:        /BC-KT", report.place_date, today)
    paragraph(document, report.title, bold=True, centre=True, size=14)
    paragraph(document, report.subtitle, bold=True, centre=True)
    for label, value in report.information:
        paragraph(document, f"{label} {value}")
    paragraph(document, report.basis, italic=True)
    for number, checklist in enumerate(report.checklists, start=1):
        paragraph(document, f"{number}. {checklist.heading}", bold=True)
        for line in checklist.summary:
            paragraph(document, f"- {line}")
        grid(
            document,
            list(PAIR_HEAD),
            [list(row) for row in checklist.rows],
            [1.2, 5.6, 2.2, 2.2, 2.0, 3.3],
        )
        paragraph(document, "Các mục đơn vị tự đánh giá cao hơn kết quả kiểm tra:")
        for line in checklist.overstated or ["Không có mục nào."]:
            paragraph(document, f"- {line}")
    signature_blocks(document, report.signatures)
    return document


def write_unit_comparison_docx(
    session: Session,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    path: Path,
    today: dt.date | None = None,
) -> Path:
    day = today or dt.date.today()
    document = comparison_docx(unit_comparison_report(session, round_id, unit_id), day)
    with output_stream(Path(path)) as stream:
        document.save(stream)  # type: ignore[attr-defined]
    return Path(path)
