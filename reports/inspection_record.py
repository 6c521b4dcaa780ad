"""The inspection record (biên bản kiểm tra), worded once for the PDF and the Word writer.

Why one place: the PDF is printed to sign on the spot and the .docx is edited in Word
before signing; both must say the same findings, actions and blocks. What is not stored
with the inspection (where it was held, who was present, the unit's remarks) is given when
the record is printed (``RecordDetails``); blank lines are left for what is not given.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from models.errors import InvalidInput
from models.periods import Period
from models.queries.assessments import assessment_detail
from models.queries.comparison import comparison_for
from models.scoring import band
from models.text import nfc
from models.validation import NOTE
from models.vocabulary import AGREEMENT, ANSWER_STATUSES, NOTHING, label_of, percent_text, vn_date
from reports.rows import document_place, reference

DOTS = "……………………………………………"


@dataclass(frozen=True)
class RecordDetails:
    """What the team writes on the day: place, people present, the unit's remarks."""

    place: str = ""
    team: tuple[str, ...] = ()  # the leader first; the inspector of the record if empty
    representatives: tuple[str, ...] = ()  # of the unit, "Name — position"
    recorder: str = ""
    remarks: str = ""

    def cleaned(self) -> RecordDetails:
        """Every typed value through the one rule for typed text (NFC, no hidden marks)."""

        def clean(text: str) -> str:
            return NOTE.clean(text).strip()

        return RecordDetails(
            clean(self.place),
            tuple(t for t in (clean(x) for x in self.team) if t),
            tuple(t for t in (clean(x) for x in self.representatives) if t),
            clean(self.recorder),
            clean(self.remarks),
        )


@dataclass(frozen=True)
class Finding:
    code: str
    requirement: str
    finding: str
    own: str  # the unit's own answer, or "" when there is no self-assessment
    verdict: str  # agree/differ/overstated/unanswered label, or ""
    note: str


@dataclass(frozen=True)
class Required:
    code: str
    what: str
    who: str
    due: str


@dataclass(frozen=True)
class InspectionRecord:
    body_above: str | None
    unit: str
    place_date: str | None
    title: str
    subtitle: str
    opening: str
    information: list[tuple[str, str]]
    team: tuple[str, ...]
    representatives: tuple[str, ...]
    findings: list[Finding]
    conclusion: list[str]
    actions: list[Required]
    remarks: str
    closing: str
    signatures: list[tuple[str, str, str]] = field(default_factory=list)
    with_own: bool = False


def inspection_record(
    session: Session,
    assessment_id: uuid.UUID,
    details: RecordDetails | None = None,
    today: dt.date | None = None,
) -> InspectionRecord:
    """The record of one inspection; a self-assessment has none."""
    detail = assessment_detail(session, assessment_id)
    header = detail.header
    if header.kind != "kiem-tra":
        raise InvalidInput(
            "Chỉ bài kiểm tra mới có biên bản kiểm tra; đây là bài tự đánh giá.",
            "Only an inspection has an inspection record; this is a self-assessment.",
        )
    details = (details or RecordDetails()).cleaned()
    side = {p.code: p for p in comparison_for(session, assessment_id).items}
    with_own = any(p.own_status for p in side.values())
    day = today or dt.date.today()
    team = details.team or ((nfc(header.assessor),) if header.assessor else ())
    findings = []
    for item in detail.items:
        pair = side.get(item.code)
        findings.append(
            Finding(
                item.code + (" (!)" if item.critical else ""),
                ("\u00a0" * 3 * item.depth) + item.requirement,
                label_of(ANSWER_STATUSES, item.status) if item.status else NOTHING,
                label_of(ANSWER_STATUSES, pair.own_status) if pair and pair.own_status else "",
                label_of(AGREEMENT, pair.verdict) if pair and with_own else "",
                item.note,
            )
        )
    score = detail.score
    rating = band(score.compliance)
    conclusion = [
        f"Tỷ lệ đạt theo kết quả kiểm tra: {percent_text(score.compliance)}"
        + (f" — xếp loại: {rating[1]}." if rating else "."),
        f"Số nội dung đã kiểm tra: {score.answered}/{score.total}.",
    ]
    if score.failed_critical:
        conclusion.append("Nội dung trọng yếu chưa đạt: " + ", ".join(score.failed_critical) + ".")
    overstated = [p.code for p in side.values() if p.verdict == "overstated"]
    if with_own:
        conclusion.append(
            f"Đối chiếu với bài tự đánh giá của đơn vị: {len(overstated)} nội dung đơn vị tự "
            "đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt"
            + (f" (mục {', '.join(overstated)})." if overstated else ".")
        )
    actions = [
        Required(
            item.code,
            item.action.what,
            item.action.who or DOTS,
            vn_date(item.action.due_on) if item.action.due_on else DOTS,
        )
        for item in detail.items
        if item.action is not None and item.action.done_on is None
    ]
    place = details.place or nfc(header.unit_address or "") or DOTS
    period = Period(header.period).label
    return InspectionRecord(
        body_above=header.parent_unit,
        unit=header.unit_name,
        place_date=document_place(header),
        title="BIÊN BẢN KIỂM TRA",
        subtitle=f"Việc thực hiện {reference(header.directive)}",
        opening=(
            f"Hôm nay, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}, tại {place}, "
            f"Đoàn kiểm tra tiến hành kiểm tra việc thực hiện {reference(header.directive)} "
            f"tại {header.unit_name}, kỳ {period}."
        ),
        information=[
            ("Đơn vị được kiểm tra:", header.unit_name),
            ("Địa chỉ:", nfc(header.unit_address or "") or DOTS),
            ("Danh mục kiểm tra:", f"{header.checklist_title} (phiên bản {header.version})"),
            ("Kỳ:", period),
        ],
        team=team or (DOTS,),
        representatives=details.representatives or (DOTS, DOTS),
        findings=findings,
        conclusion=conclusion,
        actions=actions,
        remarks=details.remarks,
        closing=(
            "Biên bản được lập thành 02 bản có giá trị như nhau, đơn vị được kiểm tra giữ 01 "
            "bản, Đoàn kiểm tra giữ 01 bản. Biên bản đã được đọc lại cho những người có mặt "
            "cùng nghe, nhất trí và ký tên dưới đây."
        ),
        signatures=[
            ("Đại diện đơn vị", "(Ký, ghi rõ họ tên, đóng dấu)", _name(details.representatives)),
            ("Người ghi biên bản", "(Ký, ghi rõ họ tên)", details.recorder),
            ("Trưởng đoàn", "(Ký, ghi rõ họ tên)", _name(team)),
        ],
        with_own=with_own,
    )


def _name(people: tuple[str, ...]) -> str:
    """The first representative's name, without the position written after a dash."""
    return people[0].split(" — ")[0].split(" - ")[0] if people else ""


__all__ = ["DOTS", "Finding", "InspectionRecord", "RecordDetails", "Required", "inspection_record"]
