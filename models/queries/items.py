"""The items of a checklist version with what one assessment holds for each: answer, note,
revision, corrective action, evidence files and themes. One ``ItemRow`` for the window's
table, the CLI and the reports.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.entities import (
    Answer,
    Assessment,
    ChecklistItem,
    CorrectiveAction,
    EvidenceFile,
    Theme,
    Unit,
    item_themes,
)
from models.item_scope import REQUIREMENT, split_bodies, split_kinds, why_not_asked
from models.text import nfc


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


@dataclass(frozen=True)
class ItemRow:
    """One checklist item with what the assessment holds for it (or nothing, for a form)."""

    item_id: uuid.UUID
    code: str
    label: str
    depth: int
    requirement: str
    source: str
    weight: float
    critical: bool
    themes: tuple[str, ...] = ()
    status: str | None = None
    note: str = ""
    revision: int = 0
    action: Action | None = None
    evidence: tuple[Evidence, ...] = ()
    role: str = "requirement"
    #: why the item is not asked of this unit in this period (``models.item_scope``)
    not_asked: str | None = None
    addressees: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    valid_until: dt.date | None = None
    source_incomplete: bool = False
    critical_reason: str | None = None

    @property
    def asked(self) -> bool:
        return self.not_asked is None


#: The item columns that say whether an item is asked and how it is marked.
_SCOPE = (
    ChecklistItem.role,
    ChecklistItem.valid_until,
    ChecklistItem.addressees,
    ChecklistItem.addressed_bodies,
    ChecklistItem.source_incomplete,
    ChecklistItem.critical_reason,
)


def _scope_fields(
    scope: tuple[Any, ...], unit_kind: str | None, unit_name: str | None, period: str | None
) -> dict[str, Any]:
    role, until, kinds, bodies, incomplete, reason = scope
    known = unit_kind is not None  # with no unit (a blank form) every addressee is asked
    return {
        "role": role or REQUIREMENT,
        "not_asked": why_not_asked(
            role,
            until,
            kinds if known else None,
            bodies if known else None,
            unit_kind,
            unit_name,
            period,
        ),
        "addressees": split_kinds(kinds),
        "bodies": tuple(nfc(b) for b in split_bodies(bodies)),
        "valid_until": until,
        "source_incomplete": bool(incomplete),
        "critical_reason": nfc(reason) if reason else None,
    }


def item_rows(session: Session, assessment_id: uuid.UUID) -> list[ItemRow]:
    """The items of an assessment's checklist version with its answers, actions and files."""
    found = session.execute(
        select(Assessment.version_id, Assessment.period, Unit.kind, Unit.name)
        .join(Unit, Unit.id == Assessment.unit_id)
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    if found is None:
        return []
    version_id, period, unit_kind, unit_name = found
    answer = and_(Answer.item_id == ChecklistItem.id, Answer.assessment_id == assessment_id)
    action = and_(
        CorrectiveAction.item_id == ChecklistItem.id,
        CorrectiveAction.assessment_id == assessment_id,
    )
    themes = version_themes(session, version_id)
    evidence: dict[uuid.UUID, list[Evidence]] = defaultdict(list)
    for item_id, file in evidence_rows(session, assessment_id):
        evidence[item_id].append(file)
    rows = []
    for (
        item_id,
        code,
        label,
        depth,
        requirement,
        source,
        weight,
        critical,
        status,
        note,
        revision,
        what,
        who,
        due_on,
        done_on,
        *scope,
    ) in session.execute(
        select(
            ChecklistItem.id,
            ChecklistItem.code,
            ChecklistItem.label,
            ChecklistItem.depth,
            ChecklistItem.requirement,
            ChecklistItem.source,
            ChecklistItem.weight,
            ChecklistItem.critical,
            Answer.status,
            Answer.note,
            Answer.revision,
            CorrectiveAction.what,
            CorrectiveAction.who,
            CorrectiveAction.due_on,
            CorrectiveAction.done_on,
            *_SCOPE,
        )
        .outerjoin(Answer, answer)
        .outerjoin(CorrectiveAction, action)
        .where(ChecklistItem.version_id == version_id)
        .order_by(ChecklistItem.position)
    ):
        rows.append(
            ItemRow(
                item_id,
                code,
                label,
                depth,
                nfc(requirement),
                nfc(source),
                weight,
                critical,
                tuple(themes.get(item_id, ())),
                status,
                nfc(note or ""),
                revision or 0,
                None if what is None else Action(nfc(what), nfc(who or ""), due_on, done_on),
                tuple(evidence.get(item_id, ())),
                **_scope_fields(tuple(scope), unit_kind, unit_name, period),
            )
        )
    return rows


def version_items(
    session: Session,
    version_id: uuid.UUID,
    unit_kind: str | None = None,
    unit_name: str | None = None,
    period: str | None = None,
) -> list[ItemRow]:
    """The items of a checklist version with nothing answered (what a blank form lists);
    given a unit (and a period), each says whether it is asked of that unit."""
    themes = version_themes(session, version_id)
    query = (
        select(
            ChecklistItem.id,
            ChecklistItem.code,
            ChecklistItem.label,
            ChecklistItem.depth,
            ChecklistItem.requirement,
            ChecklistItem.source,
            ChecklistItem.weight,
            ChecklistItem.critical,
            *_SCOPE,
        )
        .where(ChecklistItem.version_id == version_id)
        .order_by(ChecklistItem.position)
    )
    return [
        ItemRow(
            item_id,
            code,
            label,
            depth,
            nfc(requirement),
            nfc(source),
            weight,
            critical,
            tuple(themes.get(item_id, ())),
            **_scope_fields(tuple(scope), unit_kind, unit_name, period),
        )
        for item_id, code, label, depth, requirement, source, weight, critical, *scope in (
            session.execute(query)
        )
    ]


def version_themes(session: Session, version_id: uuid.UUID) -> dict[uuid.UUID, list[str]]:
    """The theme ids of every item of a checklist version, in the themes' fixed order."""
    themes: dict[uuid.UUID, list[str]] = defaultdict(list)
    for item_id, theme_id in session.execute(
        select(item_themes.c.item_id, item_themes.c.theme_id)
        .join(ChecklistItem, ChecklistItem.id == item_themes.c.item_id)
        .join(Theme, Theme.id == item_themes.c.theme_id)
        .where(ChecklistItem.version_id == version_id)
        .order_by(Theme.position)
    ):
        themes[item_id].append(theme_id)
    return themes


def evidence_rows(
    session: Session, assessment_id: uuid.UUID, item_id: uuid.UUID | None = None
) -> list[tuple[uuid.UUID, Evidence]]:
    """An assessment's evidence files (or one item's), oldest first, with their item."""
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
    query = select(Theme.id, Theme.label_vi, Theme.label_en).order_by(Theme.position)
    return [(theme_id, vi, en) for theme_id, vi, en in session.execute(query)]
