"""A round seen from the office: who was expected, who has not started, who is in progress,
who has submitted, who is overdue, and the figures of what was submitted, per area.

Every figure states its basis. Compliance is the mean of the submitted assessments of the
round's own kind (one per unit and checklist); drafts are counted apart and never averaged
in; inspections of a self-assessment round (same checklists and period) have their own
columns and are never averaged together with self-assessments.

A fixed handful of queries, whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from models.entities import (
    Assessment,
    ChecklistVersion,
    CorrectiveAction,
    Unit,
    round_checklists,
    round_units,
)
from models.periods import Period
from models.queries.basis import Basis
from models.queries.follow_up import days_overdue, still_open
from models.scoring import assessment_scores, mean_percent, tenths
from models.services.rounds import RoundInfo, list_rounds, round_info

STATES = ("none", "draft", "submitted")


@dataclass(frozen=True)
class Standing:
    """Where one expected unit stands in the round."""

    unit_id: uuid.UUID
    name: str
    kind: str
    parent_id: uuid.UUID | None
    contact_person: str | None
    phone: str | None
    state: str  # none / draft / submitted (for the round's kind; "submitted" only if every
    # checklist of the round is submitted)
    assessments: tuple[uuid.UUID, ...]
    compliance: float | None  # mean of its submitted assessments of the round's kind
    scores: tuple[float, ...]  # each submitted assessment's compliance (scored ones)
    submitted_count: int  # its submitted assessments of the round's kind
    draft_count: int  # its assessments in progress
    failed_critical: int
    overdue: bool
    inspection_state: str  # none / draft / submitted: inspections of the same period
    inspection_compliance: float | None
    inspection_scores: tuple[float, ...]
    inspection_count: int  # inspections of the period (any state)
    actions_open: int
    actions_overdue: int


@dataclass
class AreaLine:
    """Counts for one area (a unit with expected units under it), or for the whole round."""

    area_id: uuid.UUID | None
    name: str
    depth: int
    expected: int = 0
    not_started: int = 0
    in_progress: int = 0
    submitted: int = 0
    overdue: int = 0
    inspected: int = 0
    failed_critical_units: int = 0
    actions_open: int = 0
    actions_overdue: int = 0
    submitted_assessments: int = 0
    draft_assessments: int = 0
    inspections: int = 0
    _compliance: list[float] = field(default_factory=list, repr=False)
    _inspection: list[float] = field(default_factory=list, repr=False)

    def add(self, standing: Standing) -> None:
        self.expected += 1
        self.not_started += standing.state == "none"
        self.in_progress += standing.state == "draft"
        self.submitted += standing.state == "submitted"
        self.overdue += standing.overdue
        self.inspected += standing.inspection_state == "submitted"
        self.failed_critical_units += standing.failed_critical > 0
        self.actions_open += standing.actions_open
        self.actions_overdue += standing.actions_overdue
        self.submitted_assessments += standing.submitted_count
        self.draft_assessments += standing.draft_count
        self.inspections += standing.inspection_count
        self._compliance.extend(standing.scores)
        self._inspection.extend(standing.inspection_scores)

    @property
    def compliance(self) -> float | None:
        """Mean compliance of the submitted assessments that have a score (drafts never)."""
        return _mean(self._compliance)

    @property
    def scored(self) -> int:
        return len(self._compliance)

    @property
    def unscored(self) -> int:
        return self.submitted_assessments - self.scored

    @property
    def inspection_compliance(self) -> float | None:
        return _mean(self._inspection)


@dataclass(frozen=True)
class RoundOverview:
    round: RoundInfo
    as_of: dt.date
    units: list[Standing]
    areas: list[AreaLine]  # in tree order, each with its depth
    totals: AreaLine
    drafts_outside: int  # assessments in progress, not counted in the compliance
    inspections: int  # inspections of the period, in their own columns

    @property
    def missing(self) -> list[Standing]:
        """The expected units that have not submitted: for the follow-up calls."""
        return [u for u in self.units if u.state != "submitted"]

    @property
    def counts(self) -> Basis:
        t = self.totals
        return Basis(
            kind=self.round.kind,
            submitted=t.submitted_assessments,
            submitted_units=t.submitted,
            expected_units=t.expected,
            drafts=t.draft_assessments,
            others=self.inspections,
            unscored=t.unscored,
            as_of=self.as_of,
        )

    def basis(self, language: str = "vi") -> str:
        """What the figures count, in words, printed beside them on every surface."""
        return self.counts.text(language)


def _mean(values: list[float]) -> float | None:
    return mean_percent(values)


def _scores(
    session: Session, assessment_ids: Select[Any]
) -> dict[uuid.UUID, tuple[float | None, int]]:
    """Compliance and failed critical items of many assessments in one query, by the one
    scoring rule's SQL form."""
    scores = assessment_scores(assessment_ids)
    rows = session.execute(
        select(scores.c.assessment_id, scores.c.compliance_tenths, scores.c.failed_critical)
    )
    return {row[0]: (tenths(row[1]), int(row[2] or 0)) for row in rows}


def round_actions(session: Session, round_id: uuid.UUID) -> ColumnElement[bool]:
    """The corrective actions a round answers for (to join from ``CorrectiveAction`` to its
    ``Assessment``): still open, required by any assessment of the round's period and
    checklists (its own kind's and the inspections beside them) of a unit it expects. The
    overview's counts and the summary's annex both read this, so they agree."""
    info = round_info(session, round_id)
    versions = select(ChecklistVersion.id).where(
        ChecklistVersion.checklist_id.in_(
            select(round_checklists.c.checklist_id).where(round_checklists.c.round_id == round_id)
        )
    )
    return and_(
        Assessment.period == Period(info.period).key,
        Assessment.version_id.in_(versions),
        Assessment.unit_id.in_(
            select(round_units.c.unit_id).where(round_units.c.round_id == round_id)
        ),
        still_open(),
    )


def round_overview(
    session: Session, round_id: uuid.UUID, as_of: dt.date | None = None
) -> RoundOverview:
    """The round's standing per expected unit and per area, as of a date (default today)."""
    info = round_info(session, round_id)
    today = as_of or dt.date.today()
    period = Period(info.period)
    expected = session.execute(
        select(Unit.id, Unit.name, Unit.kind, Unit.parent_id, Unit.contact_person, Unit.phone)
        .join(round_units, round_units.c.unit_id == Unit.id)
        .where(round_units.c.round_id == round_id)
        .order_by(Unit.name)
    ).all()
    checklist_count = len(info.checklists)
    versions = select(ChecklistVersion.id).where(
        ChecklistVersion.checklist_id.in_(
            select(round_checklists.c.checklist_id).where(round_checklists.c.round_id == round_id)
        )
    )
    same_period = and_(Assessment.period == period.key, Assessment.version_id.in_(versions))
    expected_ids = select(round_units.c.unit_id).where(round_units.c.round_id == round_id)
    # The round's own assessments are those attached to it; the other kind's of the same
    # period and checklists (inspections of a self-assessment round) stand beside them.
    of_round = and_(Assessment.round_id == round_id, Assessment.kind == info.kind)
    others = and_(same_period, Assessment.kind != info.kind)
    rows = session.execute(
        select(Assessment.id, Assessment.unit_id, Assessment.kind, Assessment.status).where(
            or_(of_round, others), Assessment.unit_id.in_(expected_ids)
        )
    ).all()
    # Only submitted assessments are ever averaged: score those alone.
    ids = select(Assessment.id).where(
        or_(of_round, others), Assessment.status != "draft", Assessment.unit_id.in_(expected_ids)
    )
    scores = _scores(session, ids)
    actions: defaultdict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, due_on in session.execute(
        select(Assessment.unit_id, CorrectiveAction.due_on)
        .join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
        .where(round_actions(session, round_id))
    ):
        actions[unit_id][0] += 1
        actions[unit_id][1] += days_overdue(due_on, today) > 0
    own: dict[uuid.UUID, list] = defaultdict(list)
    inspections: dict[uuid.UUID, list] = defaultdict(list)
    for row in rows:
        (own if row.kind == info.kind else inspections)[row.unit_id].append(row)
    due_passed = info.due_on is not None and info.due_on < today
    standings = []
    for unit in expected:
        mine = own.get(unit.id, [])
        state = _state(mine, checklist_count)
        submitted_scores = [
            scores.get(r.id, (None, 0)) for r in mine if r.status in ("submitted", "reviewed")
        ]
        own_scores = tuple(c for c, _ in submitted_scores if c is not None)
        theirs = inspections.get(unit.id, []) if info.kind == "tu-danh-gia" else []
        inspected_scores = [
            scores.get(r.id, (None, 0)) for r in theirs if r.status in ("submitted", "reviewed")
        ]
        standings.append(
            Standing(
                unit_id=unit.id,
                name=unit.name,
                kind=unit.kind,
                parent_id=unit.parent_id,
                contact_person=unit.contact_person,
                phone=unit.phone,
                state=state,
                assessments=tuple(r.id for r in mine),
                compliance=_mean(list(own_scores)),
                scores=own_scores,
                submitted_count=len(submitted_scores),
                draft_count=sum(r.status == "draft" for r in mine),
                failed_critical=sum(f for _, f in submitted_scores),
                overdue=due_passed and state != "submitted",
                inspection_state=_state(theirs, checklist_count),
                inspection_compliance=_mean([c for c, _ in inspected_scores if c is not None]),
                inspection_scores=tuple(c for c, _ in inspected_scores if c is not None),
                inspection_count=len(theirs),
                actions_open=actions[unit.id][0],
                actions_overdue=actions[unit.id][1],
            )
        )
    areas, totals = _by_area(session, standings)
    return RoundOverview(
        round=info,
        as_of=today,
        units=standings,
        areas=areas,
        totals=totals,
        drafts_outside=totals.draft_assessments,
        inspections=sum(len(v) for v in inspections.values()) if info.kind == "tu-danh-gia" else 0,
    )


def _state(rows: list, checklists: int) -> str:
    if not rows:
        return "none"
    done = sum(r.status in ("submitted", "reviewed") for r in rows)
    return "submitted" if done >= checklists and done == len(rows) else "draft"


def _by_area(session: Session, standings: list[Standing]) -> tuple[list[AreaLine], AreaLine]:
    """Sum the standings up the unit tree: every ancestor of an expected unit gets a line."""
    tree = _ancestors(session, {s.parent_id for s in standings if s.parent_id is not None})
    lines: dict[uuid.UUID, AreaLine] = {}
    totals = AreaLine(None, "Tổng cộng", 0)
    for standing in standings:
        totals.add(standing)
        parent, seen = standing.parent_id, set()
        while parent is not None and parent in tree and parent not in seen:
            seen.add(parent)
            line = lines.get(parent)
            if line is None:
                line = lines[parent] = AreaLine(parent, tree[parent][1], 0)
            line.add(standing)
            parent = tree[parent][0]
    # Tree order: parents before children, siblings by name, with depth.
    children: dict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
    for area_id in lines:
        parent = tree[area_id][0]
        while parent is not None and parent not in lines:
            parent = tree.get(parent, (None, ""))[0]
        children[parent].append(area_id)
    ordered: list[AreaLine] = []

    def walk(parent: uuid.UUID | None, depth: int) -> None:
        for area_id in sorted(children.get(parent, []), key=lambda a: lines[a].name):
            lines[area_id].depth = depth
            ordered.append(lines[area_id])
            walk(area_id, depth + 1)

    walk(None, 0)
    return ordered, totals


def _ancestors(
    session: Session, parents: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID | None, str]]:
    """The parent and name of these units and of everything above them: a query per level
    of the tree (a handful), never the whole list of units."""
    tree: dict[uuid.UUID, tuple[uuid.UUID | None, str]] = {}
    wanted = set(parents)
    while wanted:
        found = session.execute(
            select(Unit.id, Unit.parent_id, Unit.name).where(Unit.id.in_(sorted(wanted)))
        ).all()
        for row in found:
            tree[row.id] = (row.parent_id, row.name)
        wanted = {row.parent_id for row in found if row.parent_id is not None} - set(tree)
    return tree


def round_trend(
    session: Session, round_id: uuid.UUID, unit_id: uuid.UUID | None = None
) -> list[tuple[RoundInfo, float | None, int]]:
    """Compliance across the rounds of the same checklists and kind, oldest first: for the
    whole round (or one unit or area: its expected units under it), with the count scored."""
    info = round_info(session, round_id)
    same = [
        r
        for r in _rounds_like(session, info)
        if r.kind == info.kind and set(r.checklists) == set(info.checklists)
    ]
    points = []
    for other in sorted(same, key=lambda r: Period(r.period).first_day):
        overview = round_overview(session, other.id)
        if unit_id is None:
            line = overview.totals
        else:
            line = next((a for a in overview.areas if a.area_id == unit_id), None) or AreaLine(
                unit_id, "", 0
            )
            for standing in overview.units:
                if standing.unit_id == unit_id:
                    line = AreaLine(unit_id, standing.name, 0)
                    line.add(standing)
        points.append((other, line.compliance, line.scored))
    return points


def _rounds_like(session: Session, info: RoundInfo) -> list[RoundInfo]:
    return [r for r in list_rounds(session) if r.kind == info.kind]


__all__ = ["AreaLine", "RoundOverview", "STATES", "Standing", "round_overview", "round_trend"]
