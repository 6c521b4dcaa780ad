"""The audit trail's read model: every change, oldest first, with the names a reader needs
(unit, item code, device), and how an entry's values are said in words.

The window's history, ``kiemtra audit export`` and the audit workbook all read these lines,
so they always agree; none of it needs a workbook library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.entities import Assessment, AuditEntry, ChecklistItem, Device, Unit
from models.periods import Period
from models.vocabulary import (
    ANSWER_STATUSES,
    ASSESSMENT_KINDS,
    ASSESSMENT_STATUSES,
    AUDIT_ACTIONS,
    AUDIT_FIELDS,
    NOTHING,
    YES_NO,
    pick,
)


@dataclass(frozen=True)
class AuditLine:
    """One audit entry with the names a reader needs (unit, item code, device)."""

    at: dt.datetime  # UTC
    actor: str
    device: str
    action: str
    unit: str
    period: str  # a period key, or ""
    code: str
    old: Any
    new: Any
    reason: str


def action_label(action: str, lang: str = "vi") -> str:
    return pick(AUDIT_ACTIONS[action], lang) if action in AUDIT_ACTIONS else action


def field_label(name: str, lang: str = "vi") -> str:
    return pick(AUDIT_FIELDS[name], lang) if name in AUDIT_FIELDS else name


def period_label(key: str, lang: str = "vi") -> str:
    if not key:
        return ""
    try:
        return Period(key).label_in(lang)
    except ValueError:
        return key


def value_text(value: Any, lang: str = "vi") -> str:
    """An audit value as a reader says it: status labels, dates as dd/mm/yyyy, no ids."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return pick(YES_NO[value], lang)
    if isinstance(value, str):
        for labels in (ANSWER_STATUSES, ASSESSMENT_STATUSES, ASSESSMENT_KINDS):
            if value in labels:
                return pick(labels[value], lang)
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if len(value) == 10 else value
        except ValueError:
            return value
    if isinstance(value, dict):
        if "file_name" in value:
            return str(value["file_name"])
        if "field" in value:  # a merge conflict: which field, and one side's value
            side = next((value[k] for k in ("mine", "theirs") if k in value), None)
            return f"{field_label(str(value['field']), lang)}: {value_text(side, lang)}"
        parts = [
            f"{field_label(key, lang)}: "
            + (period_label(str(item), lang) if key == "period" else value_text(item, lang))
            for key, item in value.items()
            if item not in (None, "") and not key.endswith("_id") and key != "sha256"
        ]
        return "; ".join(parts) or "—"
    if isinstance(value, list):
        return ", ".join(value_text(item, lang) for item in value)
    return str(value)


def audit_lines(
    session: Session,
    *,
    assessment_id: Any = None,
    item_id: Any = None,
) -> Iterator[AuditLine]:
    """The audit entries, oldest first, streamed (a whole database's trail can be long)."""
    named_unit = aliased(Unit)
    query = (
        select(
            AuditEntry.at,
            AuditEntry.actor,
            Device.name,
            AuditEntry.action,
            Unit.name,
            named_unit.name,
            Assessment.period,
            ChecklistItem.code,
            AuditEntry.old_value,
            AuditEntry.new_value,
            AuditEntry.reason,
        )
        .outerjoin(Device, Device.id == AuditEntry.device_id)
        .outerjoin(Assessment, Assessment.id == AuditEntry.assessment_id)
        .outerjoin(Unit, Unit.id == Assessment.unit_id)
        .outerjoin(
            named_unit, (named_unit.id == AuditEntry.entity_id) & (AuditEntry.entity == "unit")
        )
        .outerjoin(ChecklistItem, ChecklistItem.id == AuditEntry.item_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    if assessment_id is not None:
        query = query.where(AuditEntry.assessment_id == assessment_id)
    if item_id is not None:
        query = query.where(AuditEntry.item_id == item_id)
    rows = session.execute(query.execution_options(yield_per=1000))
    for at, actor, device, action, unit, named, period, code, old, new, reason in rows:
        yield AuditLine(
            at,
            actor or "",
            device or "",
            action,
            unit or named or "",
            period or "",
            code or "",
            old,
            new,
            reason or "",
        )
