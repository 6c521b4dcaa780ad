"""One assessment as a report an office signs and files (Nghị định 30/2020/NĐ-CP layout)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from models.scoring import band
from reports.pdf_base import ReportDocument, vn_number
from reports.rows import AssessmentReport, assessment_report, vn_date

ANSWER_COLOURS = {
    "dat": "#C8E6C9",
    "chua-dat": "#FFCDD2",
    "mot-phan": "#FFF3C4",
    "khong-ap-dung": "#E0E0E0",
}


class AssessmentDocument(ReportDocument):
    def __init__(self, report: AssessmentReport, today: dt.date | None = None) -> None:
        super().__init__(today)
        self.report = report
        self.title = f"Báo cáo {report.kind_label.lower()} — {report.unit} — {report.period_label}"

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [
            self.national_header(report.parent_unit, report.unit, "Số:        /BC", report.place)
        ]
        story += self.document_title(
            "BÁO CÁO",
            f"Kết quả {report.kind_label.lower()} thực hiện {report.directive.reference()}",
        )
        story.append(self.info_block(self.information()))
        story.append(self.para("I. KẾT QUẢ TỪNG NỘI DUNG", "heading"))
        story.append(self.items_table())
        story += self.summary()
        story.append(
            self.signatures(
                [
                    ("Người đánh giá", "(Ký, ghi rõ họ tên)", report.assessor),
                    ("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", ""),
                ]
            )
        )
        return story

    def information(self) -> list[tuple[str, object]]:
        report = self.report
        return [
            ("Đơn vị:", report.unit),
            ("Văn bản:", report.directive.subject),
            ("Danh mục:", f"{report.title} (phiên bản {report.version})"),
            ("Kỳ báo cáo:", report.period_label),
            ("Hình thức:", report.kind_label),
            ("Người đánh giá:", report.assessor or "—"),
            ("Trạng thái:", report.status_label),
        ]

    def items_table(self) -> Flowable:
        data: list[list[object]] = [
            [self.para(h, "cell_bold") for h in ("Mục", "Nội dung yêu cầu", "Kết quả", "Ghi chú")]
        ]
        extra = []
        for row, item in enumerate(self.report.items, 1):
            code = item.code + (" (!)" if item.critical else "")
            requirement = ("\u00a0" * 3 * item.depth) + item.requirement
            data.append(
                [
                    self.para(code, "cell"),
                    self.para(requirement, "cell"),
                    self.para(item.answer_label or "—", "cell"),
                    self.para(item.note, "cell"),
                ]
            )
            if item.answer:
                extra.append(
                    ("BACKGROUND", (2, row), (2, row), colors.HexColor(ANSWER_COLOURS[item.answer]))
                )
        return self.grid(data, [0.09, 0.48, 0.15, 0.28], extra)

    def summary(self) -> list[Flowable]:
        report = self.report
        found = band(report.compliance)
        failed = report.failed
        lines = [
            f"Tỷ lệ tuân thủ: {vn_number(report.compliance)}"
            + (f" — xếp loại: {found[1]}" if found else ""),
            f"Số mục đã đánh giá: {report.answered}/{report.total} ({vn_number(report.coverage)}).",
            f"Số mục chưa đạt: {len(failed)}"
            + (f" (mục {', '.join(item.code for item in failed)})." if failed else "."),
        ]
        if report.failed_critical:
            lines.append("Mục trọng yếu chưa đạt: " + ", ".join(report.failed_critical) + ".")
        story: list[Flowable] = [self.para("II. TỔNG HỢP", "heading")]
        story += [self.para(f"- {line}") for line in lines]
        story.append(self.para("III. BIỆN PHÁP KHẮC PHỤC", "heading"))
        actions = report.actions
        if not actions:
            story.append(self.para("Không có biện pháp khắc phục nào được giao."))
            return story
        data: list[list[object]] = [
            [
                self.para(h, "cell_bold")
                for h in ("Mục", "Biện pháp", "Người thực hiện", "Hạn", "Kết quả")
            ]
        ]
        for item in actions:
            action = item.action
            assert action is not None
            data.append(
                [
                    self.para(item.code, "cell"),
                    self.para(action.what, "cell"),
                    self.para(action.who or "—", "cell"),
                    self.para(vn_date(action.due_on) if action.due_on else "—", "cell"),
                    self.para(
                        f"Đã xong {vn_date(action.done_on)}" if action.done_on else "Chưa xong",
                        "cell",
                    ),
                ]
            )
        story.append(self.grid(data, [0.09, 0.40, 0.20, 0.13, 0.18]))
        return story


def write_assessment_pdf(
    session: Session, assessment_id: uuid.UUID, path: Path, today: dt.date | None = None
) -> Path:
    return AssessmentDocument(assessment_report(session, assessment_id), today).render(path)
