"""Units as the tree shows them: every unit, and each one's badge for a round.

A badge is a unit's standing in one period: "draft" while any of its assessments of the
period is open, else "submitted", with the compliance of its answers pooled over those
assessments (by the rule's SQL form, so it is the figure the assessment shows when there is
one assessment). Two queries whatever the number of units.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models.entities import Assessment, Round, Unit
from models.periods import assessed_periods
from models.scoring import assessment_scores, percent, whole


@dataclass(frozen=True)
class UnitRow:
    id: uuid.UUID
    name: str
    kind: str
    parent_id: uuid.UUID | None


@dataclass(frozen=True)
class Badge:
    """A unit's standing in one round: "draft" if any assessment is open, else "submitted"."""

    state: str
    compliance: float | None
    failed_critical: int = 0


@dataclass(frozen=True)
class RoundChoice:
    """A round the tree can show, as the combo above it lists it."""

    id: uuid.UUID
    name: str
    period: str
    kind: str
    status: str


@dataclass(frozen=True)
class UnitTree:
    units: list[UnitRow]
    round: str | None  # the period the badges describe
    badges: dict[uuid.UUID, Badge]
    round_id: uuid.UUID | None = None  # the round shown, when the database has rounds
    rounds: tuple[RoundChoice, ...] = ()


def unit_rows(session: Session) -> list[UnitRow]:
    """Every unit not archived, in one query."""
    query = select(Unit.id, Unit.name, Unit.kind, Unit.parent_id).where(Unit.archived_at.is_(None))
    return [UnitRow(*row) for row in session.execute(query)]


def latest_round(session: Session) -> str | None:
    """The most recent period anything was assessed in: the round the badges describe."""
    periods = assessed_periods(session)
    return periods[0].key if periods else None


def unit_badges(
    session: Session,
    period: str,
    unit_id: uuid.UUID | None = None,
    *,
    round_id: uuid.UUID | None = None,
    kind: str | None = None,
) -> dict[uuid.UUID, Badge]:
    """Every unit's badge for one period (or one unit's), from one aggregate query; with
    ``round_id`` only that round's assessments count, with ``kind`` only that kind (a
    self-assessment round's badges never mix in inspections)."""
    chosen = select(Assessment.id).where(Assessment.period == period)
    if round_id is not None:
        chosen = chosen.where(Assessment.round_id == round_id)
    if kind is not None:
        chosen = chosen.where(Assessment.kind == kind)
    if unit_id is not None:
        chosen = chosen.where(Assessment.unit_id == unit_id)
    scores = assessment_scores(chosen)
    query = (
        select(
            Assessment.unit_id,
            whole(func.sum(scores.c.earned)),
            whole(func.sum(scores.c.applicable)),
            whole(func.sum(scores.c.failed_critical)),
            whole(func.sum(case((Assessment.status == "draft", 1), else_=0))),
        )
        .select_from(scores)
        .join(Assessment, Assessment.id == scores.c.assessment_id)
        .group_by(Assessment.unit_id)
    )
    return {
        unit: Badge("draft" if drafts else "submitted", percent(earned, applicable), failed)
        for unit, earned, applicable, failed, drafts in session.execute(query)
    }


def round_choices(session: Session) -> tuple[RoundChoice, ...]:
    """Every round, newest period first, open ones before closed ones of the same period."""
    rows = session.execute(
        select(Round.id, Round.name, Round.period, Round.kind, Round.status).order_by(
            Round.period.desc(), (Round.status == "open").desc(), Round.name
        )
    )
    return tuple(RoundChoice(*row) for row in rows)


def default_round(rounds: tuple[RoundChoice, ...]) -> RoundChoice | None:
    """The round the tree shows unless the user chose one: the newest open self-assessment
    round, else the newest round."""
    for choice in rounds:
        if choice.status == "open" and choice.kind == "tu-danh-gia":
            return choice
    return rounds[0] if rounds else None


def unit_tree(session: Session, round_id: uuid.UUID | None = None) -> UnitTree:
    """The units and their badges for a round (by default ``default_round``).

    A database without rounds shows the latest period anything was assessed in."""
    rounds = round_choices(session)
    chosen = next((r for r in rounds if r.id == round_id), None) or default_round(rounds)
    if chosen is not None:
        badges = unit_badges(session, chosen.period, round_id=chosen.id, kind=chosen.kind)
        return UnitTree(unit_rows(session), chosen.period, badges, chosen.id, rounds)
    period = latest_round(session)
    badges = unit_badges(session, period) if period else {}
    return UnitTree(unit_rows(session), period, badges)
