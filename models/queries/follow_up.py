"""Follow-up that does not get lost: the corrective actions an inspection required, still
open, wherever the unit is looked at next.

Why a read model of its own: an action belongs to the inspection that required it, but the
people who must see it are those answering the unit's next assessment of the same checklist
and the office looking at the unit across rounds. "Quá hạn" is counted from a stated date.
An action stops being open in one way for every reader (``still_open``): marked done in its
inspection, or closed since (``ActionClosure``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.orm import Session

from models.content_hash import evidence_path
from models.entities import (
    ActionClosure,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Unit,
)
from models.errors import NotFound
from models.periods import Period
from models.queries.documents import directive_numbers
from models.text import nfc


def still_open() -> ColumnElement[bool]:
    """The one rule for a corrective action still open: not marked done in the inspection
    that required it, and not closed since."""
    return and_(
        CorrectiveAction.done_on.is_(None),
        ~select(ActionClosure.id)
        .where(ActionClosure.action_id == CorrectiveAction.id)
        .correlate(CorrectiveAction)
        .exists(),
    )


def days_overdue(due_on: dt.date | None, as_of: dt.date) -> int:
    """How many days an open action is past its deadline as of a date (0: not overdue; the
    deadline itself is still on time; no deadline is never overdue)."""
    return (as_of - due_on).days if due_on is not None and due_on < as_of else 0


@dataclass(frozen=True)
class OpenAction:
    """One corrective action not done yet, with where it was required."""

    action_id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    checklist: str
    period: str
    kind: str  # of the assessment that required it
    assessment_id: uuid.UUID
    code: str
    requirement: str
    what: str
    who: str
    due_on: dt.date | None
    document: str = ""  # the checklist as people name it: its directive's number

    def overdue(self, as_of: dt.date) -> bool:
        return days_overdue(self.due_on, as_of) > 0

    def as_json(self, as_of: dt.date) -> dict[str, Any]:
        return {
            "id": str(self.action_id),
            "unit_id": str(self.unit_id),
            "unit": self.unit_name,
            "checklist": self.checklist,
            "document": self.document,
            "period": self.period,
            "period_label": Period(self.period).label,
            "kind": self.kind,
            "assessment": str(self.assessment_id),
            "code": self.code,
            "requirement": self.requirement,
            "what": self.what,
            "who": self.who,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "overdue": self.overdue(as_of),
        }


Required = TypeVar("Required", bound=Select)  # a select of any columns


def where_required(query: Required) -> Required:
    """A query over corrective actions joined to where each was required: the assessment,
    its unit, the item and the checklist."""
    return (
        query.join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
        .join(Unit, Unit.id == Assessment.unit_id)
        .join(ChecklistItem, ChecklistItem.id == CorrectiveAction.item_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
    )


def open_actions(
    session: Session,
    unit_id: uuid.UUID | None = None,
    *,
    checklist: str | None = None,
    kind: str | None = None,
) -> list[OpenAction]:
    """Every open action (of one unit, checklist or kind of assessment), oldest period
    first, then by item."""
    query = where_required(
        select(
            CorrectiveAction.id,
            Assessment.unit_id,
            Unit.name,
            Checklist.slug,
            Assessment.period,
            Assessment.kind,
            Assessment.id.label("assessment_id"),
            ChecklistItem.code,
            ChecklistItem.requirement,
            ChecklistItem.position,
            CorrectiveAction.what,
            CorrectiveAction.who,
            CorrectiveAction.due_on,
        )
    ).where(still_open())
    if unit_id is not None:
        query = query.where(Assessment.unit_id == unit_id)
    if checklist is not None:
        query = query.where(Checklist.slug == checklist)
    if kind is not None:
        query = query.where(Assessment.kind == kind)
    rows = sorted(
        session.execute(query), key=lambda r: (Period(r.period).first_day, r.name, r.position)
    )
    documents = directive_numbers(session, sorted({r.slug for r in rows}))
    return [
        OpenAction(
            r.id,
            r.unit_id,
            nfc(r.name),
            r.slug,
            r.period,
            r.kind,
            r.assessment_id,
            r.code,
            nfc(r.requirement),
            nfc(r.what),
            nfc(r.who or ""),
            r.due_on,
            documents.get(r.slug, r.slug),
        )
        for r in rows
    ]


def follow_up_for(session: Session, assessment_id: uuid.UUID) -> list[OpenAction]:
    """The open actions inspections required of this assessment's unit for the same
    checklist in earlier periods: what the unit (or the next inspector) must look at."""
    row = session.execute(
        select(Assessment.unit_id, Assessment.period, Checklist.slug)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    if row is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    start = Period(row.period).first_day
    return [
        action
        for action in open_actions(session, row.unit_id, checklist=row.slug, kind="kiem-tra")
        if Period(action.period).last_day < start
    ]


@dataclass(frozen=True)
class ClosedAction:
    """A corrective action no longer open: when the work was done, who closed it and what
    shows it. One marked done inside its inspection has no closure (``closure_id`` None)."""

    action_id: uuid.UUID
    closure_id: uuid.UUID | None
    unit_id: uuid.UUID
    unit_name: str
    checklist: str
    period: str
    assessment_id: uuid.UUID
    code: str
    what: str
    who: str
    due_on: dt.date | None
    closed_on: dt.date
    closed_by: str
    note: str
    file_name: str | None
    sha256: str | None
    size: int | None
    closed_at: dt.datetime | None  # when the closure was recorded
    document: str = ""  # the checklist as people name it: its directive's number

    @property
    def evidence_file(self) -> Path | None:
        """Where the evidence file is kept in the data folder, if there is one."""
        return evidence_path(self.sha256) if self.sha256 else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.action_id),
            "closure": str(self.closure_id) if self.closure_id else None,
            "unit_id": str(self.unit_id),
            "unit": self.unit_name,
            "checklist": self.checklist,
            "document": self.document,
            "period": self.period,
            "period_label": Period(self.period).label,
            "assessment": str(self.assessment_id),
            "code": self.code,
            "what": self.what,
            "who": self.who,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "closed_on": self.closed_on.isoformat(),
            "closed_by": self.closed_by,
            "note": self.note,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size": self.size,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
        }


def closed_actions(session: Session, unit_id: uuid.UUID | None = None) -> list[ClosedAction]:
    """Every action no longer open (of one unit), most recently done first."""
    query = (
        where_required(
            select(
                CorrectiveAction.id,
                ActionClosure.id.label("closure_id"),
                Assessment.unit_id,
                Unit.name,
                Checklist.slug,
                Assessment.period,
                Assessment.id.label("assessment_id"),
                ChecklistItem.code,
                ChecklistItem.position,
                CorrectiveAction.what,
                CorrectiveAction.who,
                CorrectiveAction.due_on,
                CorrectiveAction.done_on,
                ActionClosure.closed_on,
                ActionClosure.closed_by,
                ActionClosure.note,
                ActionClosure.file_name,
                ActionClosure.sha256,
                ActionClosure.size,
                ActionClosure.created_at,
            )
        )
        .outerjoin(ActionClosure, ActionClosure.action_id == CorrectiveAction.id)
        .where(~still_open())
    )
    if unit_id is not None:
        query = query.where(Assessment.unit_id == unit_id)
    rows = list(session.execute(query))
    documents = directive_numbers(session, sorted({r.slug for r in rows}))
    found = [
        ClosedAction(
            r.id,
            r.closure_id,
            r.unit_id,
            nfc(r.name),
            r.slug,
            r.period,
            r.assessment_id,
            r.code,
            nfc(r.what),
            nfc(r.who or ""),
            r.due_on,
            r.closed_on or r.done_on,
            nfc(r.closed_by or ""),
            nfc(r.note or ""),
            r.file_name,
            r.sha256,
            r.size,
            r.created_at,
            documents.get(r.slug, r.slug),
        )
        for r in rows
    ]
    return sorted(found, key=lambda a: (a.closed_on, a.unit_name, a.code), reverse=True)


__all__ = [
    "ClosedAction",
    "OpenAction",
    "closed_actions",
    "days_overdue",
    "follow_up_for",
    "open_actions",
    "still_open",
]
