"""A round's self-assessments against its inspections as a PDF "Báo cáo" in the
administrative layout (Nghị định 30/2020/NĐ-CP), built from the same pieces as the round
summary (``reports.pdf_base``): the header from the settings, the body's sections with the
basis of each figure, Nơi nhận and the signer kept with the last lines, then the tables per
unit, per requirement and per area as annexes. The words are
``reports.round_comparison_report``'s, shared with the Word writer."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak
from sqlalchemy.orm import Session

from models.config import Issuer
from reports.pdf_base import ReportDocument
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


class RoundComparisonDocument(ReportDocument):
    def __init__(self, report: RoundComparisonReport) -> None:
        super().__init__(report.dated)
        self.report = report
        self.title = report.document_title

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [
            self.national_header(report.body_above, report.body, report.number, report.place)
        ]
        story += self.document_title(report.title, report.subtitle)
        story.append(self.para(HEADINGS[0], "heading"))
        story.append(self.para(report.basis_text()))
        story += [self.para(f"- {line}") for line in report.overview_lines()]
        story.append(self.para(HEADINGS[1], "heading"))
        story += [self.para(f"- {line}") for line in report.findings_lines()]
        story.append(self.para(HEADINGS[2], "heading"))
        story += [self.para(line, "small") for line in report.proposal_lines()]
        story = self.ending(story, self.closing(report.recipients, report.signer))
        annexes: list[list[Flowable]] = [
            self.blocks(UNIT_HEAD, report.unit_rows(), list(UNIT_WIDTHS)),
            [
                *self.blocks(ITEM_HEAD, report.item_rows(), list(ITEM_WIDTHS)),
                self.para(report.CRITICAL_NOTE, "small"),
            ],
            self.blocks(AREA_HEAD, report.area_rows(), list(AREA_WIDTHS)),
        ]
        for number, blocks in enumerate(annexes, 1):
            story += [PageBreak(), *self.annex_title(report.annex_lines(number)), *blocks]
        return story


def write_round_comparison_pdf(
    session: Session,
    round_id: uuid.UUID,
    path: Path,
    *,
    issuer: Issuer | None = None,
    dated: dt.date | None = None,
) -> Path:
    report = round_comparison_report(session, round_id, issuer, dated)
    return RoundComparisonDocument(report).render(path)
