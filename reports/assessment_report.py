"""One assessment's report (Báo cáo kết quả tự đánh giá / kiểm tra), worded once for the PDF
and the Word writer.

Why one place: the PDF is filed and the .docx is edited in Word before signing; both must
give the same sections, figures, actions, recipients and verification code, in the same
order. The writers only lay these words out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.paper_code import PaperCode
from models.periods import Period
from models.queries.assessments import AssessmentDetail, assessment_detail
from models.queries.documents import DocumentFacts, document_facts
from models.scoring import band
from models.vocabulary import (
    ASSESSMENT_KINDS,
    ASSESSMENT_STATUSES,
    label_of,
    percent_text,
    vn_date,
)
from reports.pdf_base import NUMBER_ROOM
from reports.rows import (
    action_items,
    answer_label,
    document_place,
    failed_items,
    reference,
    requirement_text,
)

ITEMS_HEAD = ("Mục", "Nội dung yêu cầu", "Kết quả", "Ghi chú")
ACTIONS_HEAD = ("Mục", "Biện pháp", "Người thực hiện", "Hạn", "Kết quả")
HEADINGS = ("I. KẾT QUẢ TỪNG NỘI DUNG", "II. TỔNG HỢP", "III. BIỆN PHÁP KHẮC PHỤC")
NO_ACTIONS = "Không có biện pháp khắc phục nào được giao."


@dataclass(frozen=True)
class ReportItem:
    code: str  # with " (!)" when critical
    requirement: str  # with the honesty marks
    answer: str  # "—" when unanswered
    note: str
    status: str | None
    asked: bool
    depth: int


@dataclass(frozen=True)
class AssessmentReport:
    body_above: str | None
    body: str
    number: str
    place: str | None
    dated: dt.date  # the submission day; a draft bears the day it is printed
    draft: bool
    title: str
    subtitle: str
    information: list[tuple[str, str]]
    items: list[ReportItem]
    summary: list[str]
    actions: list[tuple[str, str, str, str, str]]  # in ACTIONS_HEAD order
    recipients: list[str]
    signer: tuple[str, str, str]  # role, how to sign, printed name
    drafter: tuple[str, str, str]
    code: PaperCode | None  # a submitted report's verification code
    submitted_on: dt.date | None
    document_title: str  # the file's own title (PDF metadata, Word properties)


def verification_lines(code: PaperCode, submitted_on: dt.date | None) -> list[str]:
    """What is printed beside the QR of a submitted report."""
    return [
        f"Ngày nộp: {vn_date(submitted_on) if submitted_on else '—'}",
        f"Mã băm nội dung (SHA-256): {code.content_hash}",
        f"Mã xác thực: {code.grouped()}",
        "Đối chiếu bản giấy với dữ liệu đã nộp: kiemtra assessments verify "
        "<mã xác thực> (gõ mã hoặc quét mã QR).",
    ]


def summary_lines(detail: AssessmentDetail) -> list[str]:
    score = detail.score
    found = band(score.compliance)
    failed = failed_items(detail.items)
    lines = [
        f"Tỷ lệ tuân thủ: {percent_text(score.compliance)}"
        + (f" — xếp loại: {found[1]}" if found else ""),
        f"Số mục đã đánh giá: {score.answered}/{score.total} ({percent_text(score.coverage)}).",
        f"Số mục chưa đạt: {len(failed)}"
        + (f" (mục {', '.join(item.code for item in failed)})." if failed else "."),
    ]
    if score.failed_critical:
        codes = ", ".join(score.failed_critical)
        lines.append(f"Số mục trọng yếu chưa đạt: {len(score.failed_critical)} (mục {codes}).")
    return lines


def assessment_report(
    detail: AssessmentDetail, facts: DocumentFacts, today: dt.date
) -> AssessmentReport:
    header = detail.header
    kind = label_of(ASSESSMENT_KINDS, header.kind)
    period = Period(header.period).label
    draft = header.status == "draft"
    items = [
        ReportItem(
            item.code + (" (!)" if item.critical else ""),
            requirement_text(item),
            answer_label(item) or "—",
            item.note,
            item.status,
            item.asked,
            item.depth,
        )
        for item in detail.items
    ]
    actions = []
    for item in action_items(detail.items):
        action = item.action
        assert action is not None
        actions.append(
            (
                item.code,
                action.what,
                action.who or "—",
                vn_date(action.due_on) if action.due_on else "—",
                f"Đã xong {vn_date(action.done_on)}" if action.done_on else "Chưa xong",
            )
        )
    code = None
    if not draft and header.content_hash:
        code = PaperCode(header.id, header.content_hash)
    return AssessmentReport(
        body_above=facts.parent_body,
        body=header.unit_name,
        number=f"Số:{NUMBER_ROOM}/BC",
        place=document_place(header),
        dated=facts.submitted_on or today,
        draft=draft,
        title="BÁO CÁO",
        subtitle=f"Kết quả {kind.lower()} thực hiện {reference(header.directive)}",
        information=[
            ("Đơn vị:", header.unit_name),
            ("Văn bản:", header.directive.subject),
            ("Danh mục:", f"{header.checklist_title} (phiên bản {header.version})"),
            ("Kỳ báo cáo:", period),
            ("Hình thức:", kind),
            ("Người đánh giá:", header.assessor or "—"),
            ("Trạng thái:", label_of(ASSESSMENT_STATUSES, header.status)),
        ],
        items=items,
        summary=summary_lines(detail),
        actions=actions,
        recipients=[f"{header.directive.issuer} (để báo cáo);", "Lưu: VT."],
        signer=("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", ""),
        drafter=("Người đánh giá", "(Ký, ghi rõ họ tên)", header.assessor),
        code=code,
        submitted_on=facts.submitted_on,
        document_title=f"Báo cáo {kind.lower()} — {header.unit_name} — {period}",
    )


def read_assessment_report(
    session: Session, assessment_id: uuid.UUID, today: dt.date | None = None
) -> AssessmentReport:
    detail = assessment_detail(session, assessment_id)
    facts = document_facts(session, assessment_id)
    return assessment_report(detail, facts, today or dt.date.today())
