"""The audit trail: every change written beside it, in the same transaction, never edited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import AuditEntry, utcnow

AUDIT_INSERT = AuditEntry.__table__.insert()


@dataclass(frozen=True)
class Editor:
    """Who makes a change, and on which device."""

    device_id: uuid.UUID
    name: str = ""


def change_row(
    editor: Editor,
    *,
    action: str,
    entity: str,
    entity_id: uuid.UUID,
    old: Any = None,
    new: Any = None,
    assessment_id: uuid.UUID | None = None,
    item_id: uuid.UUID | None = None,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The row one change adds to the trail, the same whichever way it is written."""
    return {
        "id": uuid.uuid4(),
        "at": at or utcnow(),
        "device_id": editor.device_id,
        "actor": editor.name,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "assessment_id": assessment_id,
        "item_id": item_id,
        "old_value": old,
        "new_value": new,
        "reason": reason,
    }


def record_change(
    session: Session,
    editor: Editor,
    *,
    action: str,
    entity: str,
    entity_id: uuid.UUID,
    old: Any = None,
    new: Any = None,
    assessment_id: uuid.UUID | None = None,
    item_id: uuid.UUID | None = None,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    session.connection().execute(
        AUDIT_INSERT,
        change_row(
            editor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            old=old,
            new=new,
            assessment_id=assessment_id,
            item_id=item_id,
            reason=reason,
            at=at,
        ),
    )


def history(
    session: Session,
    *,
    assessment_id: uuid.UUID | None = None,
    item_id: uuid.UUID | None = None,
    entity_id: uuid.UUID | None = None,
) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
    if assessment_id is not None:
        query = query.where(AuditEntry.assessment_id == assessment_id)
    if item_id is not None:
        query = query.where(AuditEntry.item_id == item_id)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(session.scalars(query))
