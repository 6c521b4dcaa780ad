"""The items of a checklist version with what one assessment holds for each: answer, note,
revision, corrective action, evidence files and themes. One ``ItemRow`` for the window's
table, the CLI and the reports.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.entities import (
    Answer,
    Assessment,
    ChecklistItem,
    CorrectiveAction,
    EvidenceFile,
    Theme,
    item_themes,
)
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


def item_rows(session: Session, assessment_id: uuid.UUID) -> list[ItemRow]:
    """The items of an assessment's checklist version with its answers, actions and files."""
    version_id = session.scalar(select(Assessment.version_id).where(Assessment.id == assessment_id))
    if version_id is None:
        return []
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
            )
        )
    return rows


def version_items(session: Session, version_id: uuid.UUID) -> list[ItemRow]:
    """The items of a checklist version with nothing answered (what a blank form lists)."""
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
        )
        for item_id, code, label, depth, requirement, source, weight, critical in session.execute(
            query
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
