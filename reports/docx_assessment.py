"""One assessment's report as an editable Word file: the same sections, figures, actions,
recipients and verification code as the PDF, in the same order (``reports.assessment_report``
words both); offices edit and sign in Word."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reports.assessment_report import (
    ACTIONS_HEAD,
    HEADINGS,
    ITEMS_HEAD,
    NO_ACTIONS,
    AssessmentReport,
    read_assessment_report,
    verification_lines,
)
from reports.docx_document import (
    closing,
    fixed_widths,
    page_numbers_and_draft,
    qr_picture,
    ruled_table,
    save,
    shade,
)
from reports.docx_record import a4_document, national_header, paragraph
from reports.pdf_assessment import ANSWER_COLOURS

NOT_ASKED = "#EEEEEE"


def assessment_docx(report: AssessmentReport) -> Any:
    document = a4_document()
    page_numbers_and_draft(document, report.draft)
    national_header(
        document, report.body_above, report.number, report.place, report.dated, body=report.body
    )
    paragraph(document, report.title, bold=True, centre=True, size=14)
    paragraph(document, report.subtitle, bold=True, centre=True, size=14)
    for label, value in report.information:
        line = document.add_paragraph()
        line.add_run(f"{label} ").bold = True
        line.add_run(value)
    paragraph(document, HEADINGS[0], bold=True)
    rows = [("\u00a0" * 3 * item.depth + item.requirement, item) for item in report.items]
    table = ruled_table(
        document,
        ITEMS_HEAD,
        [(item.code, text, item.answer, item.note) for text, item in rows],
        [1.5, 7.6, 2.4, 5.0],
    )
    for row, (_, item) in zip(table.rows[1:], rows, strict=True):
        if not item.asked:
            for cell in row.cells:
                shade(cell, NOT_ASKED)
        elif item.status:
            shade(row.cells[2], ANSWER_COLOURS[item.status])
    paragraph(document, HEADINGS[1], bold=True)
    for line in report.summary:
        paragraph(document, f"- {line}")
    paragraph(document, HEADINGS[2], bold=True)
    if report.actions:
        ruled_table(document, ACTIONS_HEAD, report.actions, [1.5, 5.8, 3.4, 2.9, 2.9])
    else:
        paragraph(document, NO_ACTIONS)
    document.add_paragraph()
    closing(document, report.recipients, report.signer, report.drafter)
    if report.code is not None:
        document.add_paragraph()
        block = document.add_table(rows=1, cols=2)
        fixed_widths(block, (3.6, 12.9))
        qr_picture(block.rows[0].cells[0], report.code.text())
        words = block.rows[0].cells[1]
        words.paragraphs[0].add_run("XÁC THỰC BẢN GIẤY").bold = True
        for line in verification_lines(report.code, report.submitted_on):
            paragraph(words, line, size=11)
    return document


def write_assessment_docx(
    session: Session, assessment_id: uuid.UUID, path: Path, today: dt.date | None = None
) -> Path:
    report = read_assessment_report(session, assessment_id, today)
    return save(assessment_docx(report), path, report.document_title)
