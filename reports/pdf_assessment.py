"""One assessment as a report an office signs and files (Nghị định 30/2020/NĐ-CP layout);
the words are ``reports.assessment_report``'s, shared with the Word writer."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from models.queries.assessments import AssessmentDetail, assessment_detail
from models.queries.documents import DocumentFacts, document_facts
from reports.assessment_report import (
    ACTIONS_HEAD,
    HEADINGS,
    ITEMS_HEAD,
    NO_ACTIONS,
    assessment_report,
)
from reports.pdf_base import ReportDocument
from reports.pdf_verification import verification_block

ANSWER_COLOURS = {
    "dat": "#C8E6C9",
    "chua-dat": "#FFCDD2",
    "mot-phan": "#FFF3C4",
    "khong-ap-dung": "#E0E0E0",
}


class AssessmentDocument(ReportDocument):
    def __init__(
        self,
        detail: AssessmentDetail,
        today: dt.date | None = None,
        facts: DocumentFacts | None = None,
    ) -> None:
        facts = facts or DocumentFacts(detail.header.parent_unit, None)
        report = assessment_report(detail, facts, today or dt.date.today())
        super().__init__(report.dated)
        self.report = report
        self.draft = report.draft
        self.title = report.document_title

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [
            self.national_header(report.body_above, report.body, report.number, report.place)
        ]
        story += self.document_title(report.title, report.subtitle)
        story.append(self.info_block(list[tuple[str, object]](report.information)))
        story.append(self.para(HEADINGS[0], "heading"))
        story.append(self.items_table())
        story.append(self.para(HEADINGS[1], "heading"))
        story += [self.para(f"- {line}") for line in report.summary]
        story.append(self.para(HEADINGS[2], "heading"))
        if report.actions:
            data: list[list[object]] = [[self.para(h, "cell_bold") for h in ACTIONS_HEAD]]
            data += [[self.para(cell, "cell") for cell in row] for row in report.actions]
            story.append(self.grid(data, [0.08, 0.38, 0.20, 0.16, 0.18]))
        else:
            story.append(self.para(NO_ACTIONS))
        closing = self.closing(report.recipients, report.signer, report.drafter)
        story = self.ending(story, closing)
        if report.code is not None:  # submitted: when, what it held, and a QR of both
            story += [Spacer(1, 6 * mm), verification_block(self, report.code, report.submitted_on)]
        return story

    def items_table(self) -> Flowable:
        data: list[list[object]] = [[self.para(h, "cell_bold") for h in ITEMS_HEAD]]
        extra = []
        for row, item in enumerate(self.report.items, 1):
            requirement = ("\u00a0" * 3 * item.depth) + item.requirement
            data.append(
                [
                    self.para(item.code, "cell"),
                    self.para(requirement, "cell"),
                    self.para(item.answer, "cell"),
                    self.para(item.note, "cell"),
                ]
            )
            if not item.asked:  # greyed: not this unit's to answer
                extra.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#eeeeee")))
            elif item.status:
                extra.append(
                    ("BACKGROUND", (2, row), (2, row), colors.HexColor(ANSWER_COLOURS[item.status]))
                )
        return self.grid(data, [0.09, 0.48, 0.15, 0.28], extra)


def write_assessment_pdf(
    session: Session, assessment_id: uuid.UUID, path: Path, today: dt.date | None = None
) -> Path:
    detail = assessment_detail(session, assessment_id)
    facts = document_facts(session, assessment_id)
    return AssessmentDocument(detail, today, facts).render(path)
