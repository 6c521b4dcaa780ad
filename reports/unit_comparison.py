"""One unit's self-assessment against its inspection in a round, worded once for the PDF and
the Word writer ("So sánh tự đánh giá và kết quả kiểm tra").

Why one place: the PDF goes to the unit and the .docx is edited before it is sent; both must
give the same figures, the same overstated items and the same basis. The figures are the
comparison read model's own (``models.queries.comparison``), never recounted here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.errors import InvalidInput
from models.periods import Period
from models.queries.assessments import Header, assessment_header
from models.queries.comparison import ItemPair, UnitComparison, round_comparison
from models.vocabulary import (
    AGREEMENT,
    ANSWER_STATUSES,
    COMPARISON_WORDS,
    NOTHING,
    label_of,
    percent_text,
)
from reports.rows import document_place, reference

#: The item table's columns, in the order both writers print them.
PAIR_HEAD = ("Mục", "Yêu cầu", "Đơn vị tự đánh giá", "Đoàn kiểm tra", "Đối chiếu", "Ghi chú")


@dataclass(frozen=True)
class ComparedChecklist:
    """One checklist of the round: what was compared, the summary, and item by item."""

    heading: str
    summary: list[str]
    rows: list[tuple[str, str, str, str, str, str]]  # in PAIR_HEAD order
    overstated: list[str]  # "code — requirement" of each overstated item


@dataclass(frozen=True)
class ComparisonReport:
    body_above: str | None
    unit: str
    place_date: str | None
    title: str
    subtitle: str
    information: list[tuple[str, str]]
    basis: str
    checklists: list[ComparedChecklist]
    signatures: list[tuple[str, str, str]]


def _answer(status: str | None) -> str:
    return label_of(ANSWER_STATUSES, status) if status else NOTHING


def _notes(pair: ItemPair) -> str:
    parts = []
    if pair.own_note:
        parts.append(f"Đơn vị: {pair.own_note}")
    if pair.inspected_note:
        parts.append(f"Kiểm tra: {pair.inspected_note}")
    return "\n".join(parts)


def _checklist(session: Session, unit: UnitComparison) -> tuple[ComparedChecklist, Header]:
    assert unit.inspection_id is not None  # a round's comparison pairs only inspections
    header = assessment_header(session, unit.inspection_id)
    if header is None:  # removed between the two reads
        raise InvalidInput("Bài kiểm tra không còn.", "The inspection is gone.")
    overstated = [p for p in unit.items if p.verdict == "overstated"]
    summary = [
        f"Tỷ lệ đạt theo bài tự đánh giá: {percent_text(unit.self_compliance)}; "
        f"theo kết quả kiểm tra: {percent_text(unit.inspection_compliance)}.",
        f"Số mục so sánh được: {unit.compared}; khớp: {unit.agreed} "
        f"({percent_text(unit.agreement)}).",
        f"Số mục đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt: {unit.overstated}"
        + (f" (mục {', '.join(p.code for p in overstated)})." if overstated else "."),
    ]
    rows = [
        (
            p.code + (" (!)" if p.critical else ""),
            p.requirement,
            _answer(p.own_status),
            _answer(p.inspected_status),
            label_of(AGREEMENT, p.verdict),
            _notes(p),
        )
        for p in unit.items
    ]
    heading = (
        f"{header.checklist_title} (phiên bản {header.version}) — "
        f"người kiểm tra: {unit.inspector or NOTHING}"
    )
    return (
        ComparedChecklist(
            heading, summary, rows, [f"{p.code} — {p.requirement}" for p in overstated]
        ),
        header,
    )


def unit_comparison_report(
    session: Session, round_id: uuid.UUID, unit_id: uuid.UUID
) -> ComparisonReport:
    """The comparison of one unit of a round; refused when the unit has no pair to compare."""
    comparison = round_comparison(session, round_id, unit_id)
    if not comparison.units:
        raise InvalidInput(
            "Đơn vị chưa có cả bài tự đánh giá đã nộp và bài kiểm tra đã nộp trong đợt "
            f"“{comparison.round.name}”; chưa có gì để so sánh.",
            "The unit has no submitted self-assessment and submitted inspection in the round "
            f"“{comparison.round.name}”; there is nothing to compare.",
        )
    checklists: list[ComparedChecklist] = []
    headers: list[Header] = []
    for unit in comparison.units:
        checklist, header = _checklist(session, unit)
        checklists.append(checklist)
        headers.append(header)
    first = headers[0]
    directives = {reference(h.directive) for h in headers}
    subtitle = (
        f"Việc thực hiện {directives.pop()}"
        if len(directives) == 1
        else f"Đợt “{comparison.round.name}”"
    )
    unit = comparison.units[0]
    return ComparisonReport(
        body_above=first.parent_unit,
        unit=unit.unit_name,
        place_date=document_place(first),
        title=label_of(COMPARISON_WORDS, "title").upper(),
        subtitle=subtitle,
        information=[
            ("Đơn vị:", unit.unit_name),
            ("Đợt:", comparison.round.name),
            ("Kỳ:", Period(comparison.round.period).label),
        ],
        basis=(
            "Cách tính: so sánh từng mục mà cả đơn vị và đoàn kiểm tra đều đã trả lời, giữa bài "
            "tự đánh giá đã nộp và bài kiểm tra đã nộp cùng danh mục, cùng kỳ; tự đánh giá cao "
            "hơn: đơn vị trả lời Đạt, đoàn kiểm tra kết luận Chưa đạt."
        ),
        checklists=checklists,
        signatures=[
            ("Người lập", "(Ký, ghi rõ họ tên)", ""),
            ("Trưởng đoàn", "(Ký, ghi rõ họ tên)", comparison.units[0].inspector),
        ],
    )


__all__ = ["PAIR_HEAD", "ComparedChecklist", "ComparisonReport", "unit_comparison_report"]
