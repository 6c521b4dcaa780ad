"""One assessment as a report an office signs and files (Nghị định 30/2020/NĐ-CP layout)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from models.paper_code import PaperCode
from models.periods import Period
from models.queries.assessments import AssessmentDetail, assessment_detail
from models.queries.documents import DocumentFacts, document_facts
from models.scoring import band
from models.vocabulary import ASSESSMENT_KINDS, ASSESSMENT_STATUSES, label_of, vn_date
from reports.pdf_base import NUMBER_ROOM, ReportDocument, vn_number
from reports.pdf_verification import verification_block
from reports.rows import (
    action_items,
    answer_label,
    document_place,
    failed_items,
    reference,
    requirement_text,
)

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
        super().__init__(today)
        self.detail, self.header = detail, detail.header
        self.facts = facts or DocumentFacts(detail.header.parent_unit, None)
        self.draft = self.header.status == "draft"
        self.dated = self.facts.submitted_on or self.today  # a report bears its submission day
        self.kind = label_of(ASSESSMENT_KINDS, self.header.kind)
        self.period = Period(self.header.period).label
        self.title = f"Báo cáo {self.kind.lower()} — {self.header.unit_name} — {self.period}"

    def story(self) -> list[Flowable]:
        header = self.header
        story: list[Flowable] = [
            self.national_header(
                self.facts.parent_body,
                header.unit_name,
                f"Số:{NUMBER_ROOM}/BC",
                document_place(header),
            )
        ]
        story += self.document_title(
            "BÁO CÁO",
            f"Kết quả {self.kind.lower()} thực hiện {reference(header.directive)}",
        )
        story.append(self.info_block(self.information()))
        story.append(self.para("I. KẾT QUẢ TỪNG NỘI DUNG", "heading"))
        story.append(self.items_table())
        story += self.summary()
        closing = self.closing(
            [f"{header.directive.issuer} (để báo cáo);", "Lưu: VT."],
            ("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", ""),
            ("Người đánh giá", "(Ký, ghi rõ họ tên)", header.assessor),
        )
        return self.ending(story, closing) + self.verification()

    def verification(self) -> list[Flowable]:
        """A submitted report prints when it was submitted and what it held (its content
        hash, as text and as a QR), so a paper copy can be checked against the database."""
        header = self.header
        if header.status == "draft" or not header.content_hash:
            return []
        code = PaperCode(header.id, header.content_hash)
        return [Spacer(1, 6 * mm), verification_block(self, code, self.facts.submitted_on)]

    def information(self) -> list[tuple[str, object]]:
        header = self.header
        return [
            ("Đơn vị:", header.unit_name),
            ("Văn bản:", header.directive.subject),
            ("Danh mục:", f"{header.checklist_title} (phiên bản {header.version})"),
            ("Kỳ báo cáo:", self.period),
            ("Hình thức:", self.kind),
            ("Người đánh giá:", header.assessor or "—"),
            ("Trạng thái:", label_of(ASSESSMENT_STATUSES, header.status)),
        ]

    def items_table(self) -> Flowable:
        data: list[list[object]] = [
            [self.para(h, "cell_bold") for h in ("Mục", "Nội dung yêu cầu", "Kết quả", "Ghi chú")]
        ]
        extra = []
        for row, item in enumerate(self.detail.items, 1):
            code = item.code + (" (!)" if item.critical else "")
            requirement = ("\u00a0" * 3 * item.depth) + requirement_text(item)
            data.append(
                [
                    self.para(code, "cell"),
                    self.para(requirement, "cell"),
                    self.para(answer_label(item) or "—", "cell"),
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

    def summary(self) -> list[Flowable]:
        score = self.detail.score
        found = band(score.compliance)
        failed = failed_items(self.detail.items)
        lines = [
            f"Tỷ lệ tuân thủ: {vn_number(score.compliance)}"
            + (f" — xếp loại: {found[1]}" if found else ""),
            f"Số mục đã đánh giá: {score.answered}/{score.total} ({vn_number(score.coverage)}).",
            f"Số mục chưa đạt: {len(failed)}"
            + (f" (mục {', '.join(item.code for item in failed)})." if failed else "."),
        ]
        if score.failed_critical:
            codes = ", ".join(score.failed_critical)
            lines.append(f"Số mục trọng yếu chưa đạt: {len(score.failed_critical)} (mục {codes}).")
        story: list[Flowable] = [self.para("II. TỔNG HỢP", "heading")]
        story += [self.para(f"- {line}") for line in lines]
        story.append(self.para("III. BIỆN PHÁP KHẮC PHỤC", "heading"))
        actions = action_items(self.detail.items)
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
    detail = assessment_detail(session, assessment_id)
    facts = document_facts(session, assessment_id)
    return AssessmentDocument(detail, today, facts).render(path)
