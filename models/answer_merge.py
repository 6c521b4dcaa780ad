"""How the assessments both sides hold merge: answers, corrective actions, evidence.

Whether an answer "changed on both sides since they last met" is read from the audit trail,
which travels with the bundle: a change is an audit entry, and entries have ids. If the
bundle holds changes this database has not seen and this database holds changes the bundle
has not seen, and the values differ, it is a conflict; if only one side moved on, that side
wins. A submitted (locked) assessment is never changed by a merge; a different version of it
arriving is a conflict to review.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bundle import chunks
from models.entities import Answer, Assessment, AuditEntry, Base, ChecklistItem, Unit
from models.removal_merge import not_removed

if TYPE_CHECKING:
    from models.bundle_merge import MergePlan

#: Which audit actions record which field of an (assessment, item).
FIELD_ACTIONS = {"status": "answer", "note": "note", "action": "corrective-action"}
TABLES_BY_NAME = Base.metadata.tables


@dataclass
class Conflict:
    """One field changed on both sides (or a locked assessment that differs).

    A conflict over a unit's own details (its name, its parent…) has a ``unit_id`` and no
    assessment.
    """

    assessment_id: uuid.UUID | None
    item_id: uuid.UUID | None
    field: str
    mine: Any
    theirs: Any
    unit: str = ""
    code: str = ""
    locked: bool = False
    unit_id: uuid.UUID | None = None

    @property
    def key(self) -> str:
        if self.assessment_id is None:
            return f"unit/{self.unit_id}/{self.field}"
        return f"{self.assessment_id}/{self.item_id}/{self.field}"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "assessment_id": str(self.assessment_id) if self.assessment_id else None,
            "unit_id": str(self.unit_id) if self.unit_id else None,
            "item_code": self.code,
            "unit": self.unit,
            "field": self.field,
            "mine": self.mine,
            "theirs": self.theirs,
            "locked": self.locked,
        }


def audit_index(rows: Iterable[Any]) -> dict[tuple[Any, Any, str], set[uuid.UUID]]:
    index: dict[tuple[Any, Any, str], set[uuid.UUID]] = defaultdict(set)
    for row in rows:
        index[(row["assessment_id"], row["item_id"], row["action"])].add(row["id"])
    return index


def action_value(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "what": row["what"],
        "who": row["who"],
        "due_on": row["due_on"].isoformat() if row["due_on"] else None,
        "done_on": row["done_on"].isoformat() if row["done_on"] else None,
    }


def plan_assessments(session: Session, plan: MergePlan) -> None:
    records = plan.bundle.records
    remote = {row["id"]: row for row in records["assessments"]}
    local: dict[uuid.UUID, Any] = {}
    for chunk in chunks(list(remote)):
        local.update(
            {
                row.id: row
                for row in session.execute(
                    select(Assessment.id, Assessment.status, Assessment.content_hash, Unit.name)
                    .join(Unit, Unit.id == Assessment.unit_id)
                    .where(Assessment.id.in_(chunk))
                )
            }
        )
    fresh = {key for key in remote if key not in local}
    plan.new["assessments"] = [remote[key] for key in remote if key in fresh]
    evidence = not_removed(records["evidence_files"], plan.removals)
    for name, rows in (
        ("answers", records["answers"]),
        ("corrective_actions", records["corrective_actions"]),
        ("evidence_files", evidence),
    ):
        plan.new[name] = [r for r in rows if r["assessment_id"] in fresh]
    known = [key for key in remote if key in local]
    if not known:
        return
    tables = TABLES_BY_NAME
    mine_answers: dict[tuple[Any, Any], Any] = {}
    mine_actions: dict[tuple[Any, Any], Any] = {}
    mine_audit: list[Any] = []
    mine_evidence: set[Any] = set()
    for chunk in chunks(known):
        for row in session.execute(
            select(tables["answers"]).where(Answer.assessment_id.in_(chunk))
        ):
            mine_answers[(row.assessment_id, row.item_id)] = row._mapping
        for row in session.execute(
            select(tables["corrective_actions"]).where(
                tables["corrective_actions"].c.assessment_id.in_(chunk)
            )
        ):
            mine_actions[(row.assessment_id, row.item_id)] = dict(row._mapping)
        mine_audit += [
            row._mapping
            for row in session.execute(
                select(
                    AuditEntry.id, AuditEntry.assessment_id, AuditEntry.item_id, AuditEntry.action
                ).where(AuditEntry.assessment_id.in_(chunk))
            )
        ]
        mine_evidence |= set(
            session.scalars(
                select(tables["evidence_files"].c.id).where(
                    tables["evidence_files"].c.assessment_id.in_(chunk)
                )
            )
        )
    mine_history = audit_index(mine_audit)
    their_history = audit_index(r for r in records["audit_entries"] if r["assessment_id"])
    codes = dict(session.execute(select(ChecklistItem.id, ChecklistItem.code)).all())
    codes.update({row["id"]: row["code"] for row in records["checklist_items"]})
    their_answers = {
        (r["assessment_id"], r["item_id"]): r
        for r in records["answers"]
        if r["assessment_id"] in local
    }
    their_actions = {
        (r["assessment_id"], r["item_id"]): r
        for r in records["corrective_actions"]
        if r["assessment_id"] in local
    }

    def decide(key: tuple[Any, Any], field_name: str, mine: Any, theirs: Any) -> str | None:
        if mine == theirs:
            return None
        action = FIELD_ACTIONS[field_name]
        local_new = mine_history[(*key, action)] - their_history[(*key, action)]
        remote_new = their_history[(*key, action)] - mine_history[(*key, action)]
        assessment = local[key[0]]
        locked = assessment.status != "draft"
        if local_new and not remote_new:
            return None  # the bundle is behind this database
        if remote_new and not local_new and not locked:
            return "theirs"
        plan.conflicts.append(
            Conflict(
                key[0],
                key[1],
                field_name,
                mine,
                theirs,
                assessment.name,
                codes.get(key[1], ""),
                locked,
            )
        )
        return None

    for key, theirs in their_answers.items():
        mine = mine_answers.get(key)
        fields = [
            f
            for f in ("status", "note")
            if decide(key, f, mine[f] if mine else (None if f == "status" else ""), theirs[f])
            == "theirs"
        ]
        if fields:
            plan.take_theirs.append(("answer", key[0], key[1], (theirs, fields)))
    for key in set(their_actions) | {k for k in mine_actions if k[0] in remote}:
        theirs_row = their_actions.get(key)
        if theirs_row is None and not their_history[(*key, "corrective-action")]:
            continue  # the bundle never touched this action
        if (
            decide(key, "action", action_value(mine_actions.get(key)), action_value(theirs_row))
            == "theirs"
        ):
            plan.take_theirs.append(("action", key[0], key[1], theirs_row))
    for attached in evidence:
        if attached["assessment_id"] not in local or attached["id"] in mine_evidence:
            continue
        owner = local[attached["assessment_id"]]
        if owner.status == "draft":
            plan.new["evidence_files"].append(attached)
        else:
            plan.conflicts.append(
                Conflict(
                    attached["assessment_id"],
                    attached["item_id"],
                    "evidence",
                    None,
                    attached["file_name"],
                    owner.name,
                    codes.get(attached["item_id"], ""),
                    True,
                )
            )
    for key in known:
        theirs, mine = remote[key], local[key]
        if theirs["status"] != "draft" and mine.status == "draft":
            plan.submit.append(theirs)
        elif (
            theirs["status"] != "draft"
            and mine.status != "draft"
            and theirs["content_hash"] != mine.content_hash
        ):
            plan.conflicts.append(
                Conflict(
                    key,
                    None,
                    "assessment",
                    mine.content_hash,
                    theirs["content_hash"],
                    mine.name,
                    "",
                    True,
                )
            )


def plain_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def take_answer(
    session: Session, assessment_id: Any, item_id: Any, theirs: dict[str, Any], fields: list[str]
) -> None:
    table = TABLES_BY_NAME["answers"]
    mine = session.execute(
        select(table.c.id, table.c.revision).where(
            table.c.assessment_id == assessment_id, table.c.item_id == item_id
        )
    ).one_or_none()
    if mine is None:
        session.execute(table.insert().values(**theirs))
        return
    values = {f: theirs[f] for f in fields}
    session.execute(
        table.update()
        .where(table.c.id == mine.id)
        .values(
            **values,
            revision=max(mine.revision, theirs["revision"]) + 1,
            updated_at=theirs["updated_at"],
            device_id=theirs["device_id"],
        )
    )


def take_action(
    session: Session, assessment_id: Any, item_id: Any, theirs: dict[str, Any] | None
) -> None:
    table = TABLES_BY_NAME["corrective_actions"]
    where = (table.c.assessment_id == assessment_id) & (table.c.item_id == item_id)
    session.execute(table.delete().where(where))
    if theirs is not None:
        session.execute(table.insert().values(**theirs))
