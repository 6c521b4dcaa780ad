"""Read-only views the window needs (unit tree and badges, assessment header, item rows),
returning plain dataclasses.

Every function takes a session and plain values, runs a fixed handful of queries whatever
the number of units, and returns no ORM objects.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Directive,
    EvidenceFile,
    Theme,
    Unit,
    item_themes,
)
from models.periods import Period
from models.scoring import percent


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
class UnitTree:
    units: list[UnitRow]
    round: str | None
    badges: dict[uuid.UUID, Badge]


@dataclass(frozen=True)
class AssessmentChoice:
    id: uuid.UUID
    period: str
    kind: str
    status: str
    checklist_title: str
    directive_number: str | None
    version: int


@dataclass(frozen=True)
class Header:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    checklist_title: str
    version: int
    directive_number: str | None
    directive_kind: str
    period: str
    kind: str
    assessor: str
    status: str


@dataclass(frozen=True)
class Evidence:
    id: uuid.UUID
    sha256: str
    file_name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class Action:
    what: str
    who: str
    due_on: dt.date | None
    done_on: dt.date | None


@dataclass
class ItemRow:
    """One checklist item with what the assessment holds for it, as last read or written."""

    item_id: uuid.UUID
    code: str
    label: str
    depth: int
    requirement: str
    source: str
    weight: float
    critical: bool
    themes: list[str]
    status: str | None = None
    note: str = ""
    revision: int = 0
    action: Action | None = None
    evidence: list[Evidence] = field(default_factory=list)


def unit_rows(session: Session) -> list[UnitRow]:
    """Every unit not archived, in one query."""
    query = select(Unit.id, Unit.name, Unit.kind, Unit.parent_id).where(Unit.archived_at.is_(None))
    return [UnitRow(*row) for row in session.execute(query)]


def latest_round(session: Session) -> str | None:
    """The most recent period anything was assessed in: the round the badges describe."""
    periods = [Period(key) for key in session.scalars(select(Assessment.period).distinct())]
    if not periods:
        return None
    return max(periods, key=lambda p: (p.first_day, p.is_week)).key


def unit_badges(
    session: Session,
    period: str,
    unit_id: uuid.UUID | None = None,
) -> dict[uuid.UUID, Badge]:
    """Every unit's badge for one round, from one aggregate query (or one unit's)."""
    credit = case(
        (Answer.status == "dat", ChecklistItem.weight),
        (Answer.status == "mot-phan", ChecklistItem.weight * 0.5),
        else_=0.0,
    )
    applicable = case(
        (Answer.status.in_(("dat", "mot-phan", "chua-dat")), ChecklistItem.weight), else_=0.0
    )
    failed = case(((Answer.status == "chua-dat") & ChecklistItem.critical, 1), else_=0)
    query = (
        select(
            Assessment.unit_id,
            Assessment.status,
            func.sum(credit),
            func.sum(applicable),
            func.sum(failed),
        )
        .outerjoin(Answer, Answer.assessment_id == Assessment.id)
        .outerjoin(ChecklistItem, ChecklistItem.id == Answer.item_id)
        .where(Assessment.period == period)
        .group_by(Assessment.id)
    )
    if unit_id is not None:
        query = query.where(Assessment.unit_id == unit_id)
    totals: dict[uuid.UUID, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 1.0])
    for unit, status, earned, weight, critical in session.execute(query):
        total = totals[unit]
        total[0] += earned or 0.0
        total[1] += weight or 0.0
        total[2] += critical or 0
        if status == "draft":
            total[3] = 0.0
    return {
        unit: Badge(
            "submitted" if done else "draft",
            percent(Decimal(str(earned)), Decimal(str(weight))),
            int(critical),
        )
        for unit, (earned, weight, critical, done) in totals.items()
    }


def unit_tree(session: Session) -> UnitTree:
    period = latest_round(session)
    badges = unit_badges(session, period) if period else {}
    return UnitTree(unit_rows(session), period, badges)


def unit_assessments(session: Session, unit_id: uuid.UUID) -> list[AssessmentChoice]:
    """A unit's assessments, newest period first."""
    query = (
        select(
            Assessment.id,
            Assessment.period,
            Assessment.kind,
            Assessment.status,
            ChecklistVersion.title,
            Directive.number,
            ChecklistVersion.version,
        )
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(Assessment.unit_id == unit_id)
    )
    rows = [AssessmentChoice(*row) for row in session.execute(query)]
    rows.sort(key=lambda a: (Period(a.period).first_day, a.checklist_title), reverse=True)
    return rows


def assessment_header(session: Session, assessment_id: uuid.UUID) -> Header | None:
    query = (
        select(
            Assessment.id,
            Assessment.unit_id,
            Unit.name,
            ChecklistVersion.title,
            ChecklistVersion.version,
            Directive.number,
            Directive.kind,
            Assessment.period,
            Assessment.kind,
            Assessment.assessor,
            Assessment.status,
        )
        .join(Unit, Unit.id == Assessment.unit_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(Assessment.id == assessment_id)
    )
    row = session.execute(query).one_or_none()
    return Header(*row) if row is not None else None


def item_rows(session: Session, assessment_id: uuid.UUID) -> list[ItemRow]:
    """The items of an assessment's checklist version with its answers, actions and files."""
    version_id = session.scalar(select(Assessment.version_id).where(Assessment.id == assessment_id))
    themes: dict[uuid.UUID, list[str]] = defaultdict(list)
    for item_id, theme_id in session.execute(
        select(item_themes.c.item_id, item_themes.c.theme_id)
        .join(ChecklistItem, ChecklistItem.id == item_themes.c.item_id)
        .join(Theme, Theme.id == item_themes.c.theme_id)
        .where(ChecklistItem.version_id == version_id)
        .order_by(Theme.position)
    ):
        themes[item_id].append(theme_id)
    rows = {
        item_id: ItemRow(
            item_id, code, label, depth, requirement, source, weight, critical, themes[item_id]
        )
        for item_id, code, label, depth, requirement, source, weight, critical in session.execute(
            select(
                ChecklistItem.id,
                ChecklistItem.code,
                ChecklistItem.label,
                ChecklistItem.depth,
                ChecklistItem.requirement,
                ChecklistItem.source,
                ChecklistItem.weight,
                ChecklistItem.critical,
            )
            .where(ChecklistItem.version_id == version_id)
            .order_by(ChecklistItem.position)
        )
    }
    for item_id, status, note, revision in session.execute(
        select(Answer.item_id, Answer.status, Answer.note, Answer.revision).where(
            Answer.assessment_id == assessment_id
        )
    ):
        if item_id in rows:
            rows[item_id].status, rows[item_id].note = status, note or ""
            rows[item_id].revision = revision or 0
    for item_id, what, who, due_on, done_on in session.execute(
        select(
            CorrectiveAction.item_id,
            CorrectiveAction.what,
            CorrectiveAction.who,
            CorrectiveAction.due_on,
            CorrectiveAction.done_on,
        ).where(CorrectiveAction.assessment_id == assessment_id)
    ):
        if item_id in rows:
            rows[item_id].action = Action(what, who or "", due_on, done_on)
    for evidence in evidence_rows(session, assessment_id):
        if evidence[0] in rows:
            rows[evidence[0]].evidence.append(evidence[1])
    return list(rows.values())


def evidence_rows(
    session: Session, assessment_id: uuid.UUID, item_id: uuid.UUID | None = None
) -> list[tuple[uuid.UUID, Evidence]]:
    query = (
        select(
            EvidenceFile.item_id,
            EvidenceFile.id,
            EvidenceFile.sha256,
            EvidenceFile.file_name,
            EvidenceFile.media_type,
            EvidenceFile.size,
        )
        .where(EvidenceFile.assessment_id == assessment_id)
        .order_by(EvidenceFile.created_at)
    )
    if item_id is not None:
        query = query.where(EvidenceFile.item_id == item_id)
    return [(row[0], Evidence(*row[1:])) for row in session.execute(query)]


def theme_labels(session: Session) -> list[tuple[str, str, str]]:
    """Every theme as (id, Vietnamese label, English label), in their fixed order."""
    return [
        tuple(row)
        for row in session.execute(  # type: ignore[misc]
            select(Theme.id, Theme.label_vi, Theme.label_en).order_by(Theme.position)
        )
    ]


def has_units(session: Session) -> bool:
    return session.scalar(select(Unit.id).limit(1)) is not None
