"""A round's self-assessments against its inspections as an editable Word "Báo cáo": the
same header, sections, Nơi nhận, signer and annexes as the PDF, worded by
``reports.round_comparison_report`` and built from the summary report's Word pieces, since
offices edit the report before signing."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.config import Issuer
from reports.docx_document import closing, ruled_table, save
from reports.docx_record import paragraph
from reports.docx_summary import annex, office_opening
from reports.round_comparison_report import (
    AREA_HEAD,
    AREA_WIDTHS,
    HEADINGS,
    ITEM_HEAD,
    ITEM_WIDTHS,
    UNIT_HEAD,
    UNIT_WIDTHS,
    RoundComparisonReport,
    round_comparison_report,
)

TEXT_WIDTH_CM = 16.5  # A4 less NĐ 30's margins (3 cm left, 1.5 cm right)


def _cm(shares: Sequence[float]) -> list[float]:
    return [round(share * TEXT_WIDTH_CM, 2) for share in shares]


def round_comparison_docx(report: RoundComparisonReport) -> Any:
    document = office_opening(report, HEADINGS[0])
    paragraph(document, HEADINGS[1], bold=True)
    for line in report.findings_lines():
        paragraph(document, f"- {line}")
    paragraph(document, HEADINGS[2], bold=True)
    for line in report.proposal_lines():
        paragraph(document, line[:90], size=11)
    document.add_paragraph()
    closing(document, report.recipients, report.signer)

    annex(document, report, 1)
    ruled_table(document, UNIT_HEAD, report.unit_rows(), _cm(UNIT_WIDTHS))
    annex(document, report, 2)
    ruled_table(document, ITEM_HEAD, report.item_rows(), _cm(ITEM_WIDTHS))
    paragraph(document, report.CRITICAL_NOTE, size=11)
    annex(document, report, 3)
    ruled_table(document, AREA_HEAD, report.area_rows(), _cm(AREA_WIDTHS))
    return document


def write_round_comparison_docx(
    session: Session,
    round_id: uuid.UUID,
    path: Path,
    *,
    issuer: Issuer | None = None,
    dated: dt.date | None = None,
) -> Path:
    report = round_comparison_report(session, round_id, issuer, dated)
    return save(round_comparison_docx(report), path, report.document_title)
