"""Scores: compliance % = (Đạt + ½·Đạt một phần) / applicable answered items, by weight;
coverage % = answered / all items; any failed critical item flags the assessment.

"Applicable answered items" are the items answered with anything but Không áp dụng:
an unanswered item lowers coverage, not compliance. Percentages are rounded half up to
one decimal place.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Answer, Assessment, ChecklistItem, item_themes

CREDIT = {"dat": Decimal(1), "mot-phan": Decimal("0.5"), "chua-dat": Decimal(0)}
#: Compliance bands, highest first: (lower bound %, id, Vietnamese label, colour).
BANDS = (
    (90, "tot", "Tốt", "#2e7d32"),
    (70, "kha", "Khá", "#f9a825"),
    (0, "kem", "Chưa đạt yêu cầu", "#c62828"),
)


def percent(numerator: Decimal, denominator: Decimal) -> float | None:
    if denominator == 0:
        return None
    value = (numerator * 100 / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(value)


def band(compliance: float | None) -> tuple[str, str, str] | None:
    if compliance is None:
        return None
    for lower, band_id, label, colour in BANDS:
        if compliance >= lower:
            return band_id, label, colour
    return None


@dataclass
class Tally:
    """Running sums for one assessment, theme or directive."""

    total: int = 0
    answered: int = 0
    earned: Decimal = Decimal(0)
    applicable_weight: Decimal = Decimal(0)
    failed_critical: list[str] = field(default_factory=list)

    def add(self, weight: float, status: str | None, critical: bool, code: str) -> None:
        self.total += 1
        if status is None:
            return
        self.answered += 1
        if status == "khong-ap-dung":
            return
        w = Decimal(str(weight))
        self.applicable_weight += w
        self.earned += w * CREDIT[status]
        if critical and status == "chua-dat":
            self.failed_critical.append(code)

    @property
    def compliance(self) -> float | None:
        return percent(self.earned, self.applicable_weight)

    @property
    def coverage(self) -> float | None:
        return percent(Decimal(self.answered), Decimal(self.total))


@dataclass
class Score:
    compliance: float | None
    coverage: float | None
    answered: int
    total: int
    failed_critical: list[str]
    by_theme: dict[str, Tally]

    @property
    def flagged(self) -> bool:
        return bool(self.failed_critical)

    def as_json(self) -> dict[str, object]:
        return {
            "compliance": self.compliance,
            "coverage": self.coverage,
            "answered": self.answered,
            "total": self.total,
            "failed_critical": self.failed_critical,
            "by_theme": {
                theme: {"compliance": t.compliance, "coverage": t.coverage}
                for theme, t in self.by_theme.items()
            },
        }


def score_assessment(session: Session, assessment_id: uuid.UUID) -> Score:
    version_id = session.scalar(select(Assessment.version_id).where(Assessment.id == assessment_id))
    items = session.execute(
        select(ChecklistItem.id, ChecklistItem.code, ChecklistItem.weight, ChecklistItem.critical)
        .where(ChecklistItem.version_id == version_id)
        .order_by(ChecklistItem.position)
    ).all()
    statuses = dict(
        session.execute(
            select(Answer.item_id, Answer.status).where(Answer.assessment_id == assessment_id)
        ).all()
    )
    themes: dict[uuid.UUID, list[str]] = defaultdict(list)
    for item_id, theme_id in session.execute(
        select(item_themes.c.item_id, item_themes.c.theme_id)
        .join(ChecklistItem, ChecklistItem.id == item_themes.c.item_id)
        .where(ChecklistItem.version_id == version_id)
    ):
        themes[item_id].append(theme_id)
    overall = Tally()
    by_theme: dict[str, Tally] = defaultdict(Tally)
    for item_id, code, weight, critical in items:
        status = statuses.get(item_id)
        overall.add(weight, status, critical, code)
        for theme in themes[item_id]:
            by_theme[theme].add(weight, status, critical, code)
    return Score(
        overall.compliance,
        overall.coverage,
        overall.answered,
        overall.total,
        overall.failed_critical,
        dict(by_theme),
    )


def score_many(session: Session, assessment_ids: list[uuid.UUID]) -> dict[uuid.UUID, Score]:
    return {aid: score_assessment(session, aid) for aid in assessment_ids}


@dataclass
class DirectiveScore:
    """Compliance of all the assessments of one checklist (one directive) in a period."""

    checklist: str
    assessments: int
    flagged: int
    tally: Tally

    def as_json(self) -> dict[str, object]:
        return {
            "checklist": self.checklist,
            "assessments": self.assessments,
            "flagged": self.flagged,
            "compliance": self.tally.compliance,
            "coverage": self.tally.coverage,
        }


def score_by_directive(session: Session, period: str | None = None) -> list[DirectiveScore]:
    """Per checklist: answers pooled over its assessments (of ``period`` if given)."""
    from models.entities import Checklist, ChecklistVersion

    assessments = select(Assessment.id, Assessment.version_id)
    if period is not None:
        assessments = assessments.where(Assessment.period == period)
    chosen = assessments.subquery()
    slug_of = dict(
        session.execute(select(ChecklistVersion.id, Checklist.slug).join(Checklist)).all()
    )
    items_per_version = dict(
        session.execute(
            select(ChecklistItem.version_id, func.count()).group_by(ChecklistItem.version_id)
        ).all()
    )
    counts: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for _, version_id in session.execute(select(chosen.c.id, chosen.c.version_id)):
        counts[slug_of[version_id]] += 1
        totals[slug_of[version_id]] += items_per_version.get(version_id, 0)
    tallies: dict[str, Tally] = defaultdict(Tally)
    flagged: dict[str, set[uuid.UUID]] = defaultdict(set)
    rows = session.execute(
        select(
            chosen.c.version_id,
            Answer.assessment_id,
            ChecklistItem.code,
            ChecklistItem.weight,
            ChecklistItem.critical,
            Answer.status,
        )
        .join(Answer, Answer.assessment_id == chosen.c.id)
        .join(ChecklistItem, ChecklistItem.id == Answer.item_id)
    )
    for version_id, assessment_id, code, weight, critical, status in rows:
        tally = tallies[slug_of[version_id]]
        before = len(tally.failed_critical)
        tally.add(weight, status, critical, code)
        tally.total -= 1  # totals come from the item counts below
        if len(tally.failed_critical) > before:
            flagged[slug_of[version_id]].add(assessment_id)
    result = []
    for slug in sorted(counts):
        tally = tallies[slug]
        tally.total = totals[slug]
        result.append(DirectiveScore(slug, counts[slug], len(flagged[slug]), tally))
    return result
