"""Keyings of paper forms in bundles.

Double entry asks two people to key the same paper form without seeing each other's keying:
one may be an inspector on a laptop, the other a clerk at the office, so a keying travels
like any other row, with the unit and checklist version it is for. A keying arriving for a
form that already has two open keyings here is left out and reported (a third keying cannot
be compared); a keying settled on the other side is settled here too (settling only moves
forward: what was decided, and when).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bundle import chunks, dump_rows
from models.entities import FormKeying
from models.periods import Period

TABLE = FormKeying.__table__


def collect_keyings(
    session: Session,
    units: set[uuid.UUID] | None,
    period: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[dict[str, Any]]:
    """The keyings of these units (every unit with ``None``) in the chosen periods. They carry
    no change number, so "since the last export" carries them all: merging is by id."""
    where = None if period is None else TABLE.c.period == period
    rows = dump_rows(session, "form_keyings", where)
    return [
        row
        for row in rows
        if (units is None or uuid.UUID(row["unit_id"]) in units)
        and not (date_from and Period(row["period"]).first_day < date_from)
        and not (date_to and Period(row["period"]).first_day > date_to)
    ]


def _form(row: Any) -> tuple[Any, ...]:
    return (row["unit_id"], row["version_id"], row["period"], row["kind"])


@dataclass
class KeyingPlan:
    new: list[dict[str, Any]] = field(default_factory=list)
    settled: list[dict[str, Any]] = field(default_factory=list)  # open here, settled there
    left_out: list[dict[str, Any]] = field(default_factory=list)  # a third open keying

    def summary(self) -> dict[str, Any]:
        return {
            "settled_keyings": len(self.settled),
            "keyings_left_out": [
                {"id": str(row["id"]), "keyer": row["keyer"], "period": row["period"]}
                for row in self.left_out
            ],
        }


def plan_keyings(session: Session, records: dict[str, list[dict[str, Any]]]) -> KeyingPlan:
    """How the bundle's keyings merge (an older bundle has none)."""
    plan = KeyingPlan()
    theirs = records.get("form_keyings", [])
    if not theirs:
        return plan
    mine: dict[Any, Any] = {}
    for chunk in chunks([row["id"] for row in theirs]):
        for found in session.execute(select(TABLE).where(TABLE.c.id.in_(chunk))):
            mine[found.id] = found._mapping
    unit_ids = sorted({row["unit_id"] for row in theirs})
    open_here: Counter[tuple[Any, ...]] = Counter()
    for chunk in chunks(unit_ids):
        for found in session.execute(
            select(TABLE).where(TABLE.c.unit_id.in_(chunk), TABLE.c.resolved_at.is_(None))
        ):
            open_here[_form(found._mapping)] += 1
    for row in sorted(theirs, key=lambda r: (r["created_at"], str(r["id"]))):
        here = mine.get(row["id"])
        if here is not None:
            if here["resolved_at"] is None and row["resolved_at"] is not None:
                plan.settled.append(row)
        elif row["resolved_at"] is not None or open_here[_form(row)] < 2:
            plan.new.append(row)
            open_here[_form(row)] += row["resolved_at"] is None
        else:
            plan.left_out.append(row)
    return plan


def apply_settled(session: Session, plan: KeyingPlan) -> None:
    """Settle here the keyings settled on the other side; the new ones are inserted with
    the other new records."""
    for row in plan.settled:
        session.execute(
            TABLE.update()
            .where(TABLE.c.id == row["id"])
            .values(final=row["final"], resolved_at=row["resolved_at"], device_id=row["device_id"])
        )
