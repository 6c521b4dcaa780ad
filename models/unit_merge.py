"""Merging a unit's own details (name, parent, address…) from what each side has seen.

Field laptops' clocks are often wrong, so the time a row was last updated decides nothing.
Every change of a unit is an audit entry, and the entries travel with the bundle: for each
field, the changes this database holds that the bundle lacks, and the other way round, say
who moved on since the two last met. Only the bundle's side moved: take its value. Only
this side moved: keep it. Both moved, or neither did and the values still differ (an old
merge decided by clocks): a conflict the person resolves.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import AuditEntry, Unit

#: The details of a unit a merge compares, as the conflict names them.
FIELDS = ("name", "kind", "parent_id", "address", "contact_person", "phone", "archived")
#: Which unit changes in the audit trail set which fields.
ACTION_FIELDS = {
    "create": FIELDS,
    "rename": ("name",),
    "move": ("parent_id",),
    "archive": ("archived",),
    "unarchive": ("archived",),
}


@dataclass(frozen=True)
class UnitDecision:
    """One field of one unit that differs between the two sides, and what to do with it."""

    unit_id: uuid.UUID
    field: str
    mine: Any
    theirs: Any
    unit: str  # the unit's name here, for people
    conflict: bool  # False: the bundle's side moved on alone, take it


def value(row: Any, field: str) -> Any:
    """A field of a unit row (ORM row or bundle record) as the merge compares it."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    if field == "archived":
        return get("archived_at") is not None
    return get(field)


def columns(field: str, theirs: dict[str, Any]) -> dict[str, Any]:
    """The stored columns that taking the bundle's ``field`` sets."""
    if field == "archived":
        return {"archived_at": theirs["archived_at"]}
    return {field: theirs[field]}


def _seen(entries: Iterable[Any]) -> dict[tuple[uuid.UUID, str], set[uuid.UUID]]:
    """Audit entry ids by (unit, field) they changed."""
    index: dict[tuple[uuid.UUID, str], set[uuid.UUID]] = defaultdict(set)
    for entry in entries:
        for field in ACTION_FIELDS.get(entry["action"], ()):
            index[(entry["entity_id"], field)].add(entry["id"])
    return index


def plan_units(
    session: Session, records: dict[str, list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[UnitDecision]]:
    """The bundle's units that are new here, and every field that differs on known ones."""
    remote = {row["id"]: row for row in records["units"]}
    local: dict[uuid.UUID, Any] = {}
    mine_entries: list[Any] = []
    keys = list(remote)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        local.update(
            {row.id: row for row in session.scalars(select(Unit).where(Unit.id.in_(chunk)))}
        )
        mine_entries += [
            row._mapping
            for row in session.execute(
                select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.action).where(
                    AuditEntry.entity == "unit", AuditEntry.entity_id.in_(chunk)
                )
            )
        ]
    new = [row for key, row in remote.items() if key not in local]
    mine_seen = _seen(mine_entries)
    their_seen = _seen(r for r in records["audit_entries"] if r["entity"] == "unit")
    names = {key: unit.name for key, unit in local.items()}
    names.update({row["id"]: row["name"] for row in new})
    decisions = []
    for key, row in remote.items():
        mine = local.get(key)
        if mine is None:
            continue
        for field in FIELDS:
            ours, theirs = value(mine, field), value(row, field)
            if ours == theirs:
                continue
            local_new = mine_seen[(key, field)] - their_seen[(key, field)]
            remote_new = their_seen[(key, field)] - mine_seen[(key, field)]
            if local_new and not remote_new:
                continue  # the bundle is behind this database
            if field == "parent_id":  # people know parents by name
                ours, theirs = _name(session, names, ours), _name(session, names, theirs)
            conflict = not (remote_new and not local_new)
            decisions.append(UnitDecision(key, field, ours, theirs, mine.name, conflict))
    return new, decisions


def _name(session: Session, names: dict[uuid.UUID, str], unit_id: uuid.UUID | None) -> Any:
    if unit_id is None:
        return None
    if unit_id not in names:
        unit = session.get(Unit, unit_id)
        names[unit_id] = unit.name if unit is not None else str(unit_id)
    return names[unit_id]
