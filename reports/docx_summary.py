"""The summary report as an editable Word file: the same "Báo cáo" as the PDF (header from
the settings, sections with the basis of each figure, Nơi nhận and signer) and the same
annexes, worded by ``reports.summary_report``; the charts become small tables of the same
figures, which Word users can edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docx.enum.text import WD_BREAK
from sqlalchemy.orm import Session

from models.config import Issuer
from models.queries.summary import Selection, SummaryData
from models.vocabulary import percent_text
from reports import Progress
from reports.docx_document import closing, page_numbers_and_draft, ruled_table, save
from reports.docx_record import a4_document, national_header, paragraph
from reports.summary_report import (
    ACTION_HEAD,
    BANDS_CAPTION,
    BLANK_LINE,
    FAILED_HEAD,
    FLAG_NOTE,
    HEADINGS,
    MISSING_HEAD,
    THEME_HEAD,
    UNIT_HEAD,
    OfficeReport,
    SummaryReport,
    summary_report,
)


def summary_docx(report: SummaryReport, progress: Progress | None = None) -> Any:
    expected = report.data.unit_count() if progress else 0
    units: list[list[str]] = []
    last = 0
    for done, row in report.unit_rows():  # first: it counts the totals the body quotes
        units.append(row)
        if progress and done != last and done % 50 == 0:
            progress(done, expected)
        last = done
    document = office_opening(report, HEADINGS[0])
    paragraph(document, BANDS_CAPTION, size=11)
    ruled_table(
        document,
        ("Xếp loại", "Số bài"),
        [(label, str(count)) for label, count, _ in report.band_counts()],
        [9.0, 3.0],
    )
    paragraph(document, HEADINGS[1], bold=True)
    for line in report.findings_lines():
        paragraph(document, f"- {line}")
    paragraph(document, HEADINGS[2], bold=True)
    for _ in range(3):
        paragraph(document, BLANK_LINE[:90], size=11)
    document.add_paragraph()
    closing(document, report.recipients, report.signer)

    annex(document, report, 1)
    ruled_table(document, UNIT_HEAD, units, [4.8, 2.0, 3.9, 2.0, 1.9, 1.9])
    paragraph(document, FLAG_NOTE, size=11)
    annex(document, report, 2)
    themes = report.theme_rows()
    if themes:
        rows = [(label, percent_text(value)) for label, value in themes]
        ruled_table(document, THEME_HEAD, rows, [12.0, 3.0])
    else:
        paragraph(document, SummaryReport.NO_THEMES)
    annex(document, report, 3)
    failed = report.failed_rows()
    if failed:
        ruled_table(document, FAILED_HEAD, failed, [3.2, 1.4, 8.0, 1.7, 2.2])
    else:
        paragraph(document, SummaryReport.NO_FAILED)
    annex(document, report, 4)
    paragraph(document, report.as_of_line(), italic=True, centre=True)
    actions, more = report.action_rows()
    if actions:
        ruled_table(document, ACTION_HEAD, actions, [4.0, 1.2, 4.4, 2.6, 2.4, 1.9])
        if more:
            paragraph(document, more, size=11)
    else:
        paragraph(document, SummaryReport.NO_ACTIONS)
    annex(document, report, 5)
    missing, instead = report.missing_rows()
    if instead:
        paragraph(document, instead)
    else:
        ruled_table(document, MISSING_HEAD, missing, [6.9, 3.6, 3.3, 2.7])
    return document


def office_opening(report: Any, heading: str) -> Any:
    """A Word "Báo cáo" up to its first section's lines: the issuing body, Quốc hiệu, Số,
    place and date, title, and section I (its basis, then its overview lines). Shared by the
    round summary and the round comparison, which open alike."""
    document = a4_document()
    page_numbers_and_draft(document, draft=False)
    national_header(
        document, report.body_above, report.number, report.place, report.dated, body=report.body
    )
    paragraph(document, report.title, bold=True, centre=True, size=14)
    paragraph(document, report.subtitle, bold=True, centre=True, size=14)
    paragraph(document, heading, bold=True)
    paragraph(document, report.basis_text())
    for line in report.overview_lines():
        paragraph(document, f"- {line}")
    return document


def annex(document: Any, report: OfficeReport, number: int) -> None:
    """A new page headed "Phụ lục N", its title and the report it is attached to."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    name, title, attached = report.annex_lines(number)
    paragraph(document, name, bold=True, centre=True)
    paragraph(document, title, bold=True, centre=True)
    paragraph(document, attached, italic=True, centre=True)


def write_summary_docx(
    session: Session,
    selection: Selection,
    path: Path,
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    issuer: Issuer | None = None,
) -> Path:
    data = SummaryData(session, selection, as_of)
    report = summary_report(session, data, issuer)
    return save(summary_docx(report, progress), path, report.document_title)
