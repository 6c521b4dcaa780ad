"""Follow-up that does not get lost: the corrective actions an inspection required, still
open, wherever the unit is looked at next.

Why a read model of its own: an action belongs to the inspection that required it, but the
people who must see it are those answering the unit's next assessment of the same checklist
and the office looking at the unit across rounds. "Quá hạn" is counted from a stated date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import (
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Unit,
)
from models.errors import NotFound
from models.periods import Period
from models.text import nfc


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

    def overdue(self, as_of: dt.date) -> bool:
        return self.due_on is not None and self.due_on < as_of

    def as_json(self, as_of: dt.date) -> dict[str, Any]:
        return {
            "id": str(self.action_id),
            "unit_id": str(self.unit_id),
            "unit": self.unit_name,
            "checklist": self.checklist,
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


def open_actions(
    session: Session,
    unit_id: uuid.UUID | None = None,
    *,
    checklist: str | None = None,
    kind: str | None = None,
) -> list[OpenAction]:
    """Every open action (of one unit, checklist or kind of assessment), oldest period
    first, then by item."""
    query = (
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
        .join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
        .join(Unit, Unit.id == Assessment.unit_id)
        .join(ChecklistItem, ChecklistItem.id == CorrectiveAction.item_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .where(CorrectiveAction.done_on.is_(None))
    )
    if unit_id is not None:
        query = query.where(Assessment.unit_id == unit_id)
    if checklist is not None:
        query = query.where(Checklist.slug == checklist)
    if kind is not None:
        query = query.where(Assessment.kind == kind)
    rows = sorted(
        session.execute(query), key=lambda r: (Period(r.period).first_day, r.name, r.position)
    )
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


__all__ = ["OpenAction", "follow_up_for", "open_actions"]
