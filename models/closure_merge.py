"""Closures of corrective actions in bundles: which travel, and how two of one action merge.

A closure travels with the inspection whose action it closes. Two devices may close the
same action before they meet (the inspector on the laptop, the office at its desk); one
action has one closure, so the merge keeps the one whose work was done first (the earlier
``closed_on``; on the same day the one recorded first; then the lower id, so that merging
either way round gives the same answer) and says so in the plan and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.bundle import dump_rows
from models.entities import ActionClosure, AuditEntry, CorrectiveAction
from models.services.follow_up import closure_record

TABLE = ActionClosure.__table__


def collect_closures(session: Session, assessment_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The closures of the actions these assessments required, as bundle records."""
    actions = select(CorrectiveAction.id).where(CorrectiveAction.assessment_id.in_(assessment_ids))
    return dump_rows(session, "action_closures", TABLE.c.action_id.in_(actions))


def closure_files(rows: Iterable[dict[str, Any]]) -> set[str]:
    """The SHA-256 of every evidence file these closures name."""
    return {row["sha256"] for row in rows if row["sha256"]}


def _first(row: Any) -> tuple[Any, ...]:
    return (row["closed_on"], row["created_at"], str(row["id"]))


@dataclass
class ClosurePlan:
    """What merging a bundle's closures does: new ones, and where both sides closed."""

    new: list[dict[str, Any]]
    replace: list[tuple[dict[str, Any], dict[str, Any]]]  # (mine, theirs): theirs was first
    kept: list[tuple[dict[str, Any], dict[str, Any]]]  # (mine, theirs): mine was first

    def summary(self) -> list[dict[str, Any]]:
        return [
            {
                "action_id": str(mine["action_id"]),
                "kept": side,
                "closed_on": kept["closed_on"].isoformat(),
                "other_closed_on": other["closed_on"].isoformat(),
            }
            for side, pairs in (("theirs", self.replace), ("mine", self.kept))
            for mine, theirs in pairs
            for kept, other in [(theirs, mine) if side == "theirs" else (mine, theirs)]
        ]


def plan_closures(
    session: Session,
    records: dict[str, list[dict[str, Any]]],
    new_actions: set[Any],
    gone: Container[Any] = (),
) -> ClosurePlan:
    """How the bundle's closures merge (an older bundle has none). A closure whose action
    neither is here nor arrives with it is left out, and so is one reopened on either side
    (``gone``: one reopened there and still here is taken away before the new arrive)."""
    theirs = [row for row in records.get("action_closures", []) if row["id"] not in gone]
    plan = ClosurePlan([], [], [])
    if not theirs:
        return plan
    action_ids = sorted({row["action_id"] for row in theirs})
    mine: dict[Any, dict[str, Any]] = {}
    present: set[Any] = set(new_actions)
    for start in range(0, len(action_ids), 500):
        chunk = action_ids[start : start + 500]
        present |= set(
            session.scalars(select(CorrectiveAction.id).where(CorrectiveAction.id.in_(chunk)))
        )
        for found in session.execute(select(TABLE).where(TABLE.c.action_id.in_(chunk))):
            if found.id not in gone:
                mine[found.action_id] = dict(found._mapping)
    ids = [row["id"] for row in theirs]
    reported: set[Any] = set()  # set aside at an earlier import of the same bundle
    for start in range(0, len(ids), 500):
        reported |= set(
            session.scalars(
                select(AuditEntry.entity_id).where(
                    AuditEntry.entity_id.in_(ids[start : start + 500]),
                    AuditEntry.entity == "action_closure",
                    AuditEntry.action == "merge-conflict",
                )
            )
        )
    for row in theirs:
        here = mine.get(row["action_id"])
        if row["action_id"] not in present or (here is not None and here["id"] == row["id"]):
            continue
        if here is None:
            plan.new.append(row)
        elif _first(row) < _first(here):
            plan.replace.append((here, row))
        elif row["id"] not in reported:
            plan.kept.append((here, row))
    return plan


def apply_closures(session: Session, plan: ClosurePlan, source: uuid.UUID, bundle: str) -> None:
    """Put the first closure in place of a later one, each with its audit entry; the new
    ones are inserted with the other new records."""
    for side, pairs in (("theirs", plan.replace), ("mine", plan.kept)):
        for mine, theirs in pairs:
            if side == "theirs":
                session.execute(TABLE.delete().where(TABLE.c.id == mine["id"]))
                session.execute(TABLE.insert().values(**theirs))
            action = session.get(CorrectiveAction, mine["action_id"])
            record_change(
                session,
                Editor(source, f"gói {bundle}"),
                action="merge-conflict",
                entity="action_closure",
                entity_id=(mine if side == "theirs" else theirs)["id"],  # the one set aside
                assessment_id=action.assessment_id if action else None,
                item_id=action.item_id if action else None,
                old={"field": "closure", "mine": _plain(mine)},
                new={"field": "closure", "theirs": _plain(theirs)},
                reason=(
                    "hai máy cùng đóng một biện pháp, giữ lần làm xong sớm hơn "
                    f"({'của họ' if side == 'theirs' else 'của tôi'}) / closed on two "
                    f"devices, kept the earlier ({side})"
                ),
                at=dt.datetime.now(dt.UTC),
            )


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return closure_record(ActionClosure(**row))
