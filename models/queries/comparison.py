"""A unit's self-assessment beside the inspection of the same checklist and period.

Why: an office sends inspectors to learn whether self-assessments are true. Item by item
the unit's answer and the inspector's are set side by side; an item the unit called "Đạt"
that the inspector found "Chưa đạt" is *overstated*. Per unit an agreement rate and an
overstated count; per item and per area, which requirements and places overstate most.
Only four-way status items are compared (numbers and choices have no "agree").
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    Unit,
    round_checklists,
    round_units,
)
from models.errors import NotFound
from models.queries.documents import directive_numbers
from models.scoring import assessment_scores, percent, tenths
from models.services.rounds import RoundInfo, round_info
from models.text import nfc

DONE = ("submitted", "reviewed")


@dataclass(frozen=True)
class ItemPair:
    """One item: the unit's answer and note beside the inspector's."""

    code: str
    label: str
    requirement: str
    critical: bool
    own_status: str | None
    own_note: str
    inspected_status: str | None
    inspected_note: str

    @property
    def verdict(self) -> str:
        """agree / differ / overstated (unit "Đạt", inspector "Chưa đạt") / unanswered."""
        if self.own_status is None or self.inspected_status is None:
            return "unanswered"
        if self.own_status == self.inspected_status:
            return "agree"
        if self.own_status == "dat" and self.inspected_status == "chua-dat":
            return "overstated"
        return "differ"

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "requirement": self.requirement,
            "critical": self.critical,
            "unit": self.own_status,
            "unit_note": self.own_note,
            "inspector": self.inspected_status,
            "inspector_note": self.inspected_note,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class UnitComparison:
    """One unit's self-assessment and inspection of one checklist in one period."""

    unit_id: uuid.UUID
    unit_name: str
    parent_id: uuid.UUID | None
    checklist: str
    period: str
    self_id: uuid.UUID | None
    self_status: str | None
    inspection_id: uuid.UUID | None
    inspection_status: str | None
    inspector: str
    self_compliance: float | None
    inspection_compliance: float | None
    items: tuple[ItemPair, ...]
    document: str = ""  # the checklist as people name it: its directive's number

    @property
    def compared(self) -> int:
        """Items both sides answered."""
        return sum(p.verdict != "unanswered" for p in self.items)

    @property
    def agreed(self) -> int:
        return sum(p.verdict == "agree" for p in self.items)

    @property
    def overstated(self) -> int:
        return sum(p.verdict == "overstated" for p in self.items)

    @property
    def agreement(self) -> float | None:
        """Agreed over compared, as a percentage rounded like every other figure."""
        return percent(self.agreed, self.compared)

    def as_json(self, with_items: bool = True) -> dict[str, Any]:
        value: dict[str, Any] = {
            "unit_id": str(self.unit_id),
            "unit": self.unit_name,
            "checklist": self.checklist,
            "document": self.document,
            "period": self.period,
            "self_assessment": str(self.self_id) if self.self_id else None,
            "self_status": self.self_status,
            "inspection": str(self.inspection_id) if self.inspection_id else None,
            "inspection_status": self.inspection_status,
            "inspector": self.inspector,
            "self_compliance": self.self_compliance,
            "inspection_compliance": self.inspection_compliance,
            "compared": self.compared,
            "agreed": self.agreed,
            "overstated": self.overstated,
            "agreement": self.agreement,
        }
        if with_items:
            value["items"] = [p.as_json() for p in self.items]
        return value


@dataclass
class Tally:
    """Items compared, agreed and overstated for one requirement or one area. A requirement
    is its checklist's (``checklist``, a slug) and code: a round of several checklists has
    different requirements under one code."""

    key: str
    name: str
    checklist: str = ""  # a requirement's checklist; empty for an area
    document: str = ""  # that checklist as people name it: its directive's number
    depth: int = 0
    units: int = 0
    compared: int = 0
    agreed: int = 0
    overstated: int = 0
    critical: bool = False
    _seen: set[uuid.UUID] = field(default_factory=set, repr=False)

    def add(self, unit: UnitComparison, pairs: list[ItemPair]) -> None:
        if unit.unit_id not in self._seen:
            self._seen.add(unit.unit_id)
            self.units += 1
        for pair in pairs:
            self.compared += pair.verdict != "unanswered"
            self.agreed += pair.verdict == "agree"
            self.overstated += pair.verdict == "overstated"

    @property
    def agreement(self) -> float | None:
        return percent(self.agreed, self.compared)

    def as_json(self) -> dict[str, Any]:
        named = {"checklist": self.checklist, "document": self.document} if self.checklist else {}
        return {
            **named,
            "key": self.key,
            "name": self.name,
            "units": self.units,
            "compared": self.compared,
            "agreed": self.agreed,
            "overstated": self.overstated,
            "agreement": self.agreement,
        }


@dataclass(frozen=True)
class RoundComparison:
    """Every unit of a round with a submitted self-assessment and a submitted inspection."""

    round: RoundInfo
    units: list[UnitComparison]  # most overstated first
    items: list[Tally]  # per requirement (checklist and code), most often overstated first
    areas: list[Tally]  # per area, tree order
    totals: Tally
    pending: int  # inspections not submitted yet, or without a submitted self-assessment

    def basis(self, language: str = "vi") -> str:
        """What the comparison counts, printed beside it."""
        n, k = len(self.units), self.round.expected
        if language == "en":
            return (
                f"{n} of {k} units have a submitted self-assessment and a submitted inspection "
                f"of the same checklist and period; {self.pending} inspections without both "
                "are not compared. Overstated: the unit answered Compliant, the inspector "
                "found Not compliant."
            )
        return (
            f"{n}/{k} đơn vị có cả bài tự đánh giá đã nộp và bài kiểm tra đã nộp cùng danh "
            f"mục, cùng kỳ; {self.pending} bài kiểm tra chưa đủ cặp không được so sánh. "
            "Tự đánh giá cao hơn: đơn vị trả lời Đạt, đoàn kiểm tra kết luận Chưa đạt."
        )

    def as_json(self, with_items: bool = True) -> dict[str, Any]:
        return {
            "round": self.round.as_json(),
            "basis": self.basis(),
            "totals": self.totals.as_json(),
            "pending": self.pending,
            "units": [u.as_json(with_items) for u in self.units],
            "items": [t.as_json() for t in self.items],
            "areas": [t.as_json() for t in self.areas],
        }


def _pairs(session: Session, own_id: uuid.UUID | None, inspection_id: uuid.UUID | None) -> list:
    """Item pairs by item code (the two may answer different versions of the checklist)."""
    answers: dict[uuid.UUID | None, dict[str, tuple[str | None, str]]] = {}
    items: dict[str, tuple[str, str, bool]] = {}
    for assessment_id in (inspection_id, own_id):
        if assessment_id is None:
            continue
        version = select(Assessment.version_id).where(Assessment.id == assessment_id)
        answered = and_(Answer.item_id == ChecklistItem.id, Answer.assessment_id == assessment_id)
        found: dict[str, tuple[str | None, str]] = {}
        for code, label, requirement, critical, status, note in session.execute(
            select(
                ChecklistItem.code,
                ChecklistItem.label,
                ChecklistItem.requirement,
                ChecklistItem.critical,
                Answer.status,
                Answer.note,
            )
            .outerjoin(Answer, answered)
            .where(
                ChecklistItem.version_id == version.scalar_subquery(),
                ChecklistItem.answer_type == "status",
            )
            .order_by(ChecklistItem.position)
        ):
            items.setdefault(code, (label, nfc(requirement), critical))
            found[code] = (status, nfc(note or ""))
        answers[assessment_id] = found
    own = answers.get(own_id, {}) if own_id else {}
    theirs = answers.get(inspection_id, {}) if inspection_id else {}
    return [
        ItemPair(
            code,
            label,
            requirement,
            critical,
            *own.get(code, (None, "")),
            *theirs.get(code, (None, "")),
        )
        for code, (label, requirement, critical) in items.items()
    ]


def _compare(
    session: Session,
    own: Any,
    inspection: Any,
    scores: dict,
    documents: dict[str, str] | None = None,
) -> UnitComparison:
    some = inspection if inspection is not None else own
    if documents is None:
        documents = directive_numbers(session, [some.slug])
    return UnitComparison(
        document=documents.get(some.slug, some.slug),
        unit_id=some.unit_id,
        unit_name=nfc(some.unit_name),
        parent_id=some.parent_id,
        checklist=some.slug,
        period=some.period,
        self_id=own.id if own else None,
        self_status=own.status if own else None,
        inspection_id=inspection.id if inspection else None,
        inspection_status=inspection.status if inspection else None,
        inspector=nfc(inspection.assessor) if inspection else "",
        self_compliance=scores.get(own.id) if own else None,
        inspection_compliance=scores.get(inspection.id) if inspection else None,
        items=tuple(
            _pairs(session, own.id if own else None, inspection.id if inspection else None)
        ),
    )


def _assessments(session: Session, *where: Any) -> list:
    return list(
        session.execute(
            select(
                Assessment.id,
                Assessment.unit_id,
                Assessment.kind,
                Assessment.status,
                Assessment.period,
                Assessment.assessor,
                Assessment.updated_at,
                Checklist.slug,
                Unit.name.label("unit_name"),
                Unit.parent_id,
            )
            .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
            .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
            .join(Unit, Unit.id == Assessment.unit_id)
            .where(*where)
            .order_by(Assessment.updated_at)
        )
    )


def _scores(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, float | None]:
    if not ids:
        return {}
    scores = assessment_scores(ids)
    return {
        row[0]: tenths(row[1])
        for row in session.execute(select(scores.c.assessment_id, scores.c.compliance_tenths))
    }


def comparison_for(session: Session, assessment_id: uuid.UUID) -> UnitComparison:
    """An assessment (either kind, any state) beside its counterpart of the other kind: the
    same unit, checklist and period; the counterpart may be missing."""
    rows = _assessments(session, Assessment.id == assessment_id)
    if not rows:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    this = rows[0]
    other_kind = "tu-danh-gia" if this.kind == "kiem-tra" else "kiem-tra"
    others = _assessments(
        session,
        Assessment.unit_id == this.unit_id,
        Assessment.period == this.period,
        Assessment.kind == other_kind,
        Checklist.slug == this.slug,
    )
    other = others[-1] if others else None
    own, inspection = (other, this) if this.kind == "kiem-tra" else (this, other)
    ids = [r.id for r in (own, inspection) if r is not None and r.status in DONE]
    return _compare(session, own, inspection, _scores(session, ids))


@dataclass(frozen=True)
class OwnAnswers:
    """The unit's own answers of the same checklist and period, for an inspector to read
    beside the items being inspected (by item code: the versions may differ)."""

    self_id: uuid.UUID | None
    self_status: str | None  # None when the unit has no self-assessment for the period
    by_code: dict[str, tuple[str | None, str]]  # code -> (answer, note)


def own_answers(session: Session, assessment_id: uuid.UUID) -> OwnAnswers | None:
    """For an inspection, its unit's self-assessment item by item; None for any other."""
    compared = comparison_for(session, assessment_id)
    if compared.inspection_id != assessment_id:
        return None
    by_code = {p.code: (p.own_status, p.own_note) for p in compared.items}
    return OwnAnswers(compared.self_id, compared.self_status, by_code if compared.self_id else {})


def round_comparison(
    session: Session, round_id: uuid.UUID, unit_id: uuid.UUID | None = None
) -> RoundComparison:
    """The round's expected units (or one of them) with both sides submitted, compared."""
    info = round_info(session, round_id)
    checklists = select(round_checklists.c.checklist_id).where(
        round_checklists.c.round_id == round_id
    )
    expected = select(round_units.c.unit_id).where(round_units.c.round_id == round_id)
    where = [
        Assessment.period == info.period,
        Checklist.id.in_(checklists),
        Assessment.unit_id.in_(expected),
    ]
    if unit_id is not None:
        where.append(Assessment.unit_id == unit_id)
    own: dict[tuple, Any] = {}
    inspections: dict[tuple, Any] = {}
    pending = 0
    for row in _assessments(session, *where):
        key = (row.unit_id, row.slug)
        if row.kind == "kiem-tra":
            inspections[key] = row  # the latest changed wins (rows come oldest first)
        elif row.status in DONE:
            own[key] = row
    pairs = [(own[k], v) for k, v in inspections.items() if v.status in DONE and k in own]
    pending = len(inspections) - len(pairs)
    scores = _scores(session, [r.id for pair in pairs for r in pair])
    documents = directive_numbers(session, sorted({b.slug for _a, b in pairs}))
    units = [_compare(session, a, b, scores, documents) for a, b in pairs]
    units.sort(key=lambda u: (-u.overstated, u.agreement or 0, u.unit_name))
    by_item: dict[tuple[str, str], Tally] = {}
    for unit in units:
        for pair in unit.items:
            tally = by_item.get((unit.checklist, pair.code))
            if tally is None:
                tally = Tally(
                    pair.code,
                    pair.requirement,
                    unit.checklist,
                    unit.document,
                    critical=pair.critical,
                )
                by_item[unit.checklist, pair.code] = tally
            tally.add(unit, [pair])
    items = sorted(by_item.values(), key=lambda t: (-t.overstated, t.agreement or 0))
    areas, totals = _areas(session, units)
    return RoundComparison(info, units, items, areas, totals, pending)


def _areas(session: Session, units: list[UnitComparison]) -> tuple[list[Tally], Tally]:
    """Each compared unit counted in every area above it; areas in tree order."""
    totals = Tally("", "Tổng cộng")
    if not units:
        return [], totals
    tree = {
        row.id: (row.parent_id, nfc(row.name))
        for row in session.execute(select(Unit.id, Unit.parent_id, Unit.name))
    }
    lines: dict[uuid.UUID, Tally] = {}
    children: dict[uuid.UUID | None, set[uuid.UUID]] = defaultdict(set)
    for unit in units:
        totals.add(unit, list(unit.items))
        parent, child, seen = unit.parent_id, None, set()
        while parent is not None and parent in tree and parent not in seen:
            seen.add(parent)
            line = lines.setdefault(parent, Tally(str(parent), tree[parent][1]))
            line.add(unit, list(unit.items))
            if child is not None:
                children[parent].add(child)
            child, parent = parent, tree[parent][0]
        if child is not None:
            children[None].add(child)
    ordered: list[Tally] = []

    def walk(parent: uuid.UUID | None, depth: int) -> None:
        for area in sorted(children.get(parent, ()), key=lambda a: lines[a].name):
            lines[area].depth = depth
            ordered.append(lines[area])
            walk(area, depth + 1)

    walk(None, 0)
    return ordered, totals


__all__ = [
    "ItemPair",
    "OwnAnswers",
    "RoundComparison",
    "Tally",
    "UnitComparison",
    "comparison_for",
    "own_answers",
    "round_comparison",
]
