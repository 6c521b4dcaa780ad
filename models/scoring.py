"""The scoring rule, in Python and in SQL.

Compliance % = (Đạt + ½·Đạt một phần) / applicable answered items, by weight; coverage % =
answered / items asked; any failed critical item flags the assessment. "Applicable answered
items" are those answered with anything but Không áp dụng: an unanswered item lowers
coverage, not compliance. Items not asked of the unit (headings, information, past their
valid-until date, addressed to other kinds of unit: ``models.item_scope``) are outside
every figure, answered or not. Percentages are rounded half up to one decimal place.

Both forms add up whole numbers, so they agree to the printed digit on every backend:
weights count in millionths (``weight_units``) and credit in halves (Đạt 2, một phần 1),
and a percentage is rounded from two integers (``percent`` and ``percent_sql``). ``Tally``
scores items one by one (an assessment, a theme, the window's open assessment);
``score_sums`` is the same rule as aggregate expressions over joined answer rows, and
``assessment_scores`` a subquery of every assessment's sums for queries over many units.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Numeric, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from models.entities import Answer, Assessment, ChecklistItem, Unit, item_themes
from models.item_scope import asked_sql, why_not_asked
from models.vocabulary import RATING_BANDS

#: Credit of each answer, in halves; "khong-ap-dung" and no answer earn nothing and are
#: not applicable.
CREDIT_HALVES = {"dat": 2, "mot-phan": 1, "chua-dat": 0}
SCORED = tuple(CREDIT_HALVES)
WEIGHT_UNITS = 1_000_000
#: Compliance bands, highest first: (lower bound %, id, colour); labels in the vocabulary.
BANDS = (
    (90, "tot", "#2e7d32"),
    (70, "kha", "#f9a825"),
    (0, "kem", "#c62828"),
)


def weight_units(weight: float) -> int:
    """A weight in millionths, rounded half up (what the database's ``ROUND`` does)."""
    return int(Decimal(weight * WEIGHT_UNITS).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(numerator: int | Decimal, denominator: int | Decimal) -> float | None:
    """numerator/denominator as a percentage rounded half up to one decimal (None for 0/0)."""
    if not denominator:
        return None
    tenths = (numerator * 2000 + denominator) // (denominator * 2)
    return int(tenths) / 10


def mean_percent(values: Iterable[float]) -> float | None:
    """The mean of percentages (each to one decimal), rounded half up to one decimal."""
    tenths = [int(Decimal(str(v)).scaleb(1)) for v in values]
    return percent(sum(tenths), len(tenths) * 1000) if tenths else None


def band(compliance: float | None) -> tuple[str, str, str] | None:
    """(id, Vietnamese label, colour) of the band a compliance falls in."""
    if compliance is None:
        return None
    for lower, band_id, colour in BANDS:
        if compliance >= lower:
            return band_id, RATING_BANDS[band_id][0], colour
    return None


@dataclass
class Tally:
    """Running sums for one assessment, theme or directive (weights in millionths, credit in
    halves)."""

    total: int = 0
    answered: int = 0
    earned: int = 0
    applicable: int = 0
    failed_critical: list[str] = field(default_factory=list)

    def add(
        self, weight: float, status: str | None, critical: bool, code: str, asked: bool = True
    ) -> None:
        if not asked:
            return
        self.total += 1
        if status is None:
            return
        self.answered += 1
        if status not in CREDIT_HALVES:
            return
        units = weight_units(weight)
        self.applicable += 2 * units
        self.earned += CREDIT_HALVES[status] * units
        if critical and status == "chua-dat":
            self.failed_critical.append(code)

    @property
    def compliance(self) -> float | None:
        return percent(self.earned, self.applicable)

    @property
    def coverage(self) -> float | None:
        return percent(self.answered, self.total)


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


def score_items(
    items: Iterable[tuple[float, str | None, bool, str, Iterable[str], bool]],
) -> Score:
    """Score items given as (weight, answer, critical, code, themes, asked), in checklist
    order; an item not asked counts nowhere, not even in a theme."""
    overall = Tally()
    by_theme: dict[str, Tally] = defaultdict(Tally)
    for weight, status, critical, code, themes, asked in items:
        if not asked:
            continue
        overall.add(weight, status, critical, code)
        for theme in themes:
            by_theme[theme].add(weight, status, critical, code)
    return Score(
        overall.compliance,
        overall.coverage,
        overall.answered,
        overall.total,
        overall.failed_critical,
        dict(by_theme),
    )


def score_assessment(session: Session, assessment_id: uuid.UUID) -> Score:
    """One assessment scored item by item (the Python form of the rule)."""
    version_id, period, unit_kind, unit_name = session.execute(
        select(Assessment.version_id, Assessment.period, Unit.kind, Unit.name)
        .join(Unit, Unit.id == Assessment.unit_id)
        .where(Assessment.id == assessment_id)
    ).one()
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
    items = session.execute(
        select(
            ChecklistItem.id,
            ChecklistItem.code,
            ChecklistItem.weight,
            ChecklistItem.critical,
            ChecklistItem.role,
            ChecklistItem.valid_until,
            ChecklistItem.addressees,
            ChecklistItem.addressed_bodies,
        )
        .where(ChecklistItem.version_id == version_id)
        .order_by(ChecklistItem.position)
    )
    return score_items(
        (
            weight,
            statuses.get(item_id),
            critical,
            code,
            themes[item_id],
            why_not_asked(role, until, kinds, bodies, unit_kind, unit_name, period) is None,
        )
        for item_id, code, weight, critical, role, until, kinds, bodies in items
    )


# -- the SQL form -----------------------------------------------------------------------------


def weight_units_sql(weight: Any) -> ColumnElement[int]:
    """``weight_units`` in SQL: the same product, rounded half up by the database."""
    return cast(func.round(cast(weight * WEIGHT_UNITS, Numeric)), BigInteger)


def whole(value: Any) -> ColumnElement[int]:
    """An aggregate as a whole number on every backend (PostgreSQL sums bigints as numeric)."""
    return cast(func.coalesce(value, 0), BigInteger)


def score_sums(status: Any, weight: Any, critical: Any) -> dict[str, ColumnElement[int]]:
    """The rule as aggregate expressions over rows that join an answer's status to its item's
    weight and critical flag: earned and applicable (halves × millionths), answered, failed
    critical. Group the rows by whatever the figure is about."""
    units = weight_units_sql(weight)
    return {
        "earned": whole(
            func.sum(
                case(
                    (status == "dat", units * CREDIT_HALVES["dat"]),
                    (status == "mot-phan", units * CREDIT_HALVES["mot-phan"]),
                    else_=literal(0, BigInteger),
                )
            )
        ),
        "applicable": whole(
            func.sum(case((status.in_(SCORED), units * 2), else_=literal(0, BigInteger)))
        ),
        "answered": whole(func.count(status)),
        "failed_critical": whole(
            func.sum(case((and_(status == "chua-dat", critical.is_(True)), 1), else_=0))
        ),
    }


def percent_sql(numerator: Any, denominator: Any) -> ColumnElement[int | None]:
    """``percent`` in SQL, in tenths of a percent (integer division on both backends)."""
    return case(
        (denominator == 0, None),
        else_=(numerator * 2000 + denominator) / (denominator * 2),
    )


def assessment_scores(assessments: Any = None) -> Any:
    """A subquery: per assessment (of the ``assessments`` id selection, or all), its sums and
    its compliance and coverage in tenths of a percent (``tenths / 10`` is the figure)."""
    answers = Answer.__table__
    items = ChecklistItem.__table__
    sums = score_sums(answers.c.status, items.c.weight, items.c.critical)
    inner = (
        select(
            Assessment.id.label("assessment_id"),
            *(expression.label(name) for name, expression in sums.items()),
            whole(func.count(items.c.id)).label("total"),
        )
        .select_from(Assessment)
        .join(Unit, Unit.id == Assessment.unit_id)
        .outerjoin(
            items,
            and_(
                items.c.version_id == Assessment.version_id,
                asked_sql(items, Unit.kind, Unit.name, Assessment.period),
            ),
        )
        .outerjoin(
            answers,
            and_(answers.c.assessment_id == Assessment.id, answers.c.item_id == items.c.id),
        )
        .group_by(Assessment.id)
    )
    if assessments is not None:
        inner = inner.where(Assessment.id.in_(assessments))
    sums_of = inner.subquery()
    return select(
        *sums_of.c,
        percent_sql(sums_of.c.earned, sums_of.c.applicable).label("compliance_tenths"),
        percent_sql(sums_of.c.answered, sums_of.c.total).label("coverage_tenths"),
    ).subquery("assessment_scores")


def tenths(value: int | Decimal | None) -> float | None:
    """A figure read from ``percent_sql``, as ``percent`` gives it."""
    return None if value is None else int(value) / 10


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

    chosen = select(Assessment.id)
    if period is not None:
        chosen = chosen.where(Assessment.period == period)
    scores = assessment_scores(chosen)
    query = (
        select(
            Checklist.slug,
            func.count(),
            whole(func.sum(case((scores.c.failed_critical > 0, 1), else_=0))),
            whole(func.sum(scores.c.total)),
            whole(func.sum(scores.c.answered)),
            whole(func.sum(scores.c.earned)),
            whole(func.sum(scores.c.applicable)),
        )
        .select_from(scores)
        .join(Assessment, Assessment.id == scores.c.assessment_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .group_by(Checklist.slug)
        .order_by(Checklist.slug)
    )
    return [
        DirectiveScore(slug, count, flagged, Tally(total, answered, earned, applicable))
        for slug, count, flagged, total, answered, earned, applicable in session.execute(query)
    ]
