"""One unit's self-assessment against its inspection as a PDF in the administrative layout
(Nghị định 30/2020/NĐ-CP), beside the inspection record it follows from."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from reports.pdf_base import ReportDocument
from reports.unit_comparison import PAIR_HEAD, ComparisonReport, unit_comparison_report


class ComparisonDocument(ReportDocument):
    def __init__(self, report: ComparisonReport, today: dt.date | None = None) -> None:
        super().__init__(today)
        self.report = report
        self.title = f"So sánh tự đánh giá và kết quả kiểm tra — {report.unit}"

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [
            self.national_header(
                report.body_above, "Đoàn kiểm tra", "Số:        /BC-KT", report.place_date
            )
        ]
        story += self.document_title(report.title, report.subtitle)
        story.append(self.info_block(list[tuple[str, object]](report.information)))
        story.append(self.para(report.basis))
        for number, checklist in enumerate(report.checklists, start=1):
            story.append(self.para(f"{number}. {checklist.heading}", "heading"))
            story += [self.para(f"- {line}") for line in checklist.summary]
            story.append(self.pairs(checklist.rows))
            story.append(self.para("Các mục đơn vị tự đánh giá cao hơn kết quả kiểm tra:"))
            overstated = checklist.overstated or ["Không có mục nào."]
            story += [self.para(f"- {line}") for line in overstated]
        story.append(self.signatures(report.signatures))
        return story

    def pairs(self, rows: list[tuple[str, str, str, str, str, str]]) -> Flowable:
        data: list[list[object]] = [[self.para(h, "cell_bold") for h in PAIR_HEAD]]
        data += [[self.para(cell, "cell") for cell in row] for row in rows]
        return self.grid(data, [0.07, 0.35, 0.13, 0.13, 0.12, 0.20])


def write_unit_comparison_pdf(
    session: Session,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    path: Path,
    today: dt.date | None = None,
) -> Path:
    report = unit_comparison_report(session, round_id, unit_id)
    return ComparisonDocument(report, today).render(path)
