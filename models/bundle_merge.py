"""Merging a bundle into this database: the plan (what is new, what is taken, where both
sides changed the same thing) and applying it in one transaction.

Records merge by UUID. A submitted (locked) assessment is never changed by a merge. The rules
for each kind of row live beside it: units in ``models.unit_merge``, rounds and deleted
drafts in ``models.round_merge``, closures in ``models.closure_merge``, answers, actions and
evidence in ``models.answer_merge``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from models.answer_merge import (
    FIELD_ACTIONS,
    Conflict,
    plain_value,
    plan_assessments,
    take_action,
    take_answer,
)
from models.bundle import TABLES, Bundle, BundleError, chunks
from models.closure_merge import ClosurePlan, apply_closures, closure_files, plan_closures
from models.content_hash import bundle_mismatches, content_hash, evidence_path
from models.entities import Assessment, Base, ChecklistVersion, Unit
from models.keying_merge import KeyingPlan, apply_settled, plan_keyings
from models.removal_merge import (
    Removals,
    apply_deletions,
    apply_removals,
    plan_deletions,
    plan_removals,
)
from models.round_merge import plan_rounds
from models.unit_merge import columns as unit_columns
from models.unit_merge import plan_units

__all__ = [
    "Conflict",
    "MergePlan",
    "MergeResult",
    "apply_merge",
    "plan_merge",
    "verify_bundle_content",
]
TABLES_BY_NAME = Base.metadata.tables


@dataclass
class MergePlan:
    bundle: Bundle
    new: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    take_theirs: list[tuple[str, uuid.UUID, uuid.UUID | None, Any]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    updated_units: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    submit: list[dict[str, Any]] = field(default_factory=list)
    deleted: list[uuid.UUID] = field(default_factory=list)  # drafts deleted on their side
    kept_submitted: list[uuid.UUID] = field(default_factory=list)  # deleted there, locked here
    closures: ClosurePlan = field(default_factory=lambda: ClosurePlan([], [], []))
    removals: Removals = field(default_factory=Removals)  # evidence and closures removed there
    keyings: KeyingPlan = field(default_factory=KeyingPlan)

    @property
    def changes(self) -> int:
        return (
            len(self.deleted)
            + sum(len(rows) for rows in self.new.values())
            + len(self.take_theirs)
            + len(self.updated_units)
            + len(self.submit)
            + len(self.closures.replace)
            + self.removals.count
            + len(self.keyings.settled)
        )

    def summary(self) -> dict[str, Any]:
        return {
            "new": {name: len(rows) for name, rows in self.new.items() if rows},
            "updated_answers": len(self.take_theirs),
            "updated_units": len(self.updated_units),
            "submitted": len(self.submit),
            "deleted_drafts": len(self.deleted),
            "kept_submitted": [str(a) for a in self.kept_submitted],
            "closed_twice": self.closures.summary(),  # one action closed on both sides
            **self.removals.summary(),
            **self.keyings.summary(),
            "conflicts": [c.as_json() for c in self.conflicts],
        }


def _existing(session: Session, name: str, ids: list[Any]) -> set[Any]:
    table = TABLES_BY_NAME[name]
    found: set[Any] = set()
    for chunk in chunks(ids):
        found |= set(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def plan_merge(session: Session, bundle: Bundle) -> MergePlan:
    """What merging ``bundle`` would change, and where both sides changed the same thing."""
    plan = MergePlan(bundle)
    records = bundle.records
    for name in ("devices", "directives", "checklists", "checklist_versions", "checklist_items"):
        have = _existing(session, name, [row["id"] for row in records[name]])
        plan.new[name] = [row for row in records[name] if row["id"] not in have]
    remote_versions = {row["id"]: row for row in records["checklist_versions"]}
    for version_id, content in session.execute(
        select(ChecklistVersion.id, ChecklistVersion.content_hash).where(
            ChecklistVersion.id.in_(list(remote_versions))
        )
    ):
        if remote_versions[version_id]["content_hash"] != content:
            raise BundleError(
                "Gói dữ liệu chứa một phiên bản danh mục khác với phiên bản cùng số ở đây; "
                "không có gì được ghi.",
                "The bundle holds a checklist version that differs from the one with the same "
                "number here; nothing was written.",
            )
    new_items = {row["id"] for row in plan.new["checklist_items"]}
    plan.new["item_themes"] = [r for r in records["item_themes"] if r["item_id"] in new_items]
    _plan_units(session, plan)
    plan.new.update(plan_rounds(session, records))
    plan.deleted, plan.kept_submitted = plan_deletions(session, records["audit_entries"])
    plan.removals = plan_removals(session, records)
    plan_assessments(session, plan)
    plan.closures = plan_closures(
        session,
        records,
        {row["id"] for row in plan.new["corrective_actions"]},
        plan.removals.gone,
    )
    plan.new["action_closures"] = plan.closures.new
    plan.keyings = plan_keyings(session, records)
    plan.new["form_keyings"] = plan.keyings.new
    have = _existing(session, "audit_entries", [row["id"] for row in records["audit_entries"]])
    have |= plan.removals.held  # a removal kept back here stays out of the trail here
    plan.new["audit_entries"] = [r for r in records["audit_entries"] if r["id"] not in have]
    return plan


def _plan_units(session: Session, plan: MergePlan) -> None:
    plan.new["units"], decisions = plan_units(session, plan.bundle.records)
    remote = {row["id"]: row for row in plan.bundle.records["units"]}
    taken: dict[uuid.UUID, list[str]] = defaultdict(list)
    for decision in decisions:
        if decision.conflict:
            plan.conflicts.append(
                Conflict(
                    None,
                    None,
                    decision.field,
                    decision.mine,
                    decision.theirs,
                    decision.unit,
                    unit_id=decision.unit_id,
                )
            )
        else:
            taken[decision.unit_id].append(decision.field)
    plan.updated_units = [(remote[key], fields) for key, fields in taken.items()]


@dataclass
class MergeResult:
    applied: dict[str, int]
    kept_mine: int
    took_theirs: int
    locked: list[Conflict]
    submitted: int
    left_draft: list[uuid.UUID]

    def as_json(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "kept_mine": self.kept_mine,
            "took_theirs": self.took_theirs,
            "submitted": self.submitted,
            "locked_conflicts": [c.as_json() for c in self.locked],
            "left_draft": [str(a) for a in self.left_draft],
        }


def apply_merge(
    session: Session,
    plan: MergePlan,
    *,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
    commit: bool = True,
) -> MergeResult:
    """Apply a plan in one transaction. Every open conflict needs a choice ("mine" or
    "theirs"), from ``choices`` by conflict key or from ``prefer``; locked ones are left."""
    from models.db import begin_write, explain_database_error

    choices = choices or {}
    open_conflicts = [c for c in plan.conflicts if not c.locked]
    undecided = [c for c in open_conflicts if choices.get(c.key, prefer) not in ("mine", "theirs")]
    if undecided:
        raise BundleError(
            f"Có {len(undecided)} xung đột cần chọn giữ bản nào (--prefer mine|theirs); "
            "không có gì được ghi.",
            f"{len(undecided)} conflicts need a choice of which side to keep "
            "(--prefer mine|theirs); nothing was written.",
        )
    bundle = plan.bundle
    source = bundle.source_device
    _check_evidence(plan)  # before anything is written
    begin_write(session)
    try:
        apply_deletions(session, plan.deleted)  # before a new draft takes the same keys
        apply_removals(session, plan.removals)  # before a closure of the same action arrives
        applied = _insert_new(session, plan)
        apply_closures(session, plan.closures, source, bundle.path.name)
        apply_settled(session, plan.keyings)
        tables = TABLES_BY_NAME
        took = kept = 0
        theirs_units = {row["id"]: row for row in bundle.records["units"]}
        unit_fields = [(row, list(fields)) for row, fields in plan.updated_units]
        for conflict in open_conflicts:
            if conflict.assessment_id is None and choices.get(conflict.key, prefer) == "theirs":
                unit_fields.append((theirs_units[conflict.unit_id], [conflict.field]))
        for row, fields in unit_fields:
            took += 1
            values = {k: v for f in fields for k, v in unit_columns(f, row).items()}
            session.execute(
                tables["units"]
                .update()
                .where(Unit.id == row["id"])
                .values(**values, device_id=row["device_id"])
            )
        decisions = list(plan.take_theirs)
        theirs_answers = {(r["assessment_id"], r["item_id"]): r for r in bundle.records["answers"]}
        theirs_actions = {
            (r["assessment_id"], r["item_id"]): r for r in bundle.records["corrective_actions"]
        }
        for conflict in open_conflicts:
            choice = choices.get(conflict.key, prefer)
            if conflict.assessment_id is None:
                kept += choice != "theirs"  # a unit's detail, taken above
            elif choice == "theirs":
                key = (conflict.assessment_id, conflict.item_id)
                if conflict.field == "action":
                    decisions.append(("action", *key, theirs_actions.get(key)))
                else:
                    decisions.append(("answer", *key, (theirs_answers[key], [conflict.field])))
            else:
                kept += 1
            session.execute(
                tables["audit_entries"]
                .insert()
                .values(
                    id=uuid.uuid4(),
                    at=dt.datetime.now(dt.UTC),
                    device_id=source,
                    actor=f"gói {bundle.path.name}",
                    action="merge-conflict",
                    entity="answer" if conflict.assessment_id else "unit",
                    entity_id=conflict.assessment_id or conflict.unit_id,
                    assessment_id=conflict.assessment_id,
                    item_id=conflict.item_id,
                    old_value={"field": conflict.field, "mine": plain_value(conflict.mine)},
                    new_value={"field": conflict.field, "theirs": plain_value(conflict.theirs)},
                    reason=(
                        "xung đột khi gộp, giữ bản "
                        f"{'của họ' if choice == 'theirs' else 'của tôi'}"
                        f" / merge conflict, kept {choice}"
                    ),
                )
            )
        for kind, assessment_id, item_id, payload in decisions:
            took += 1
            if kind == "answer":
                take_answer(session, assessment_id, item_id, *payload)
            else:
                take_action(session, assessment_id, item_id, payload)
        submitted, left = 0, []
        for row in plan.submit:
            if content_hash(session, row["id"]) == row["content_hash"]:
                session.execute(
                    tables["assessments"]
                    .update()
                    .where(Assessment.id == row["id"])
                    .values(
                        status=row["status"],
                        submitted_at=row["submitted_at"],
                        content_hash=row["content_hash"],
                        revision=Assessment.revision + 1,
                        device_id=source,
                    )
                )
                submitted += 1
            else:
                left.append(row["id"])
        _store_evidence(plan)
        if commit:
            session.commit()
    except OperationalError as exc:
        # Busy past the timeout, a full disk, a read-only file: the database's fault, not
        # the bundle's.
        if session.in_transaction():
            session.rollback()
        raise explain_database_error(exc) from exc
    except SQLAlchemyError as exc:
        # The checks before cover the format; what only the database can see (a record that
        # points at nothing, a second copy of a row) still refuses the whole bundle.
        if session.in_transaction():
            session.rollback()
        detail = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
        raise BundleError(
            f"Dữ liệu trong gói không nhất quán ({detail}); không có gì được ghi.",
            f"The bundle's records are inconsistent ({detail}); nothing was written.",
        ) from exc
    except BaseException:
        # plan_merge only read, so rolling back loses nothing of the caller's, and a failed
        # merge leaves no half-written rows in the session for a later commit.
        if session.in_transaction():
            session.rollback()
        raise
    return MergeResult(
        applied, kept, took, [c for c in plan.conflicts if c.locked], submitted, left
    )


def _insert_new(session: Session, plan: MergePlan) -> dict[str, int]:
    # History of changes held back by a locked assessment stays out, so that the same
    # conflict is raised again until someone reopens the assessment and decides.
    held = {
        (c.assessment_id, c.item_id, FIELD_ACTIONS.get(c.field)) for c in plan.conflicts if c.locked
    }
    held_whole = {c.assessment_id for c in plan.conflicts if c.locked and c.item_id is None}
    plan.new["audit_entries"] = [
        r
        for r in plan.new.get("audit_entries", [])
        if r["assessment_id"] not in held_whole
        and (r["assessment_id"], r["item_id"], r["action"]) not in held
    ]
    applied = {}
    for name in TABLES:  # parents first
        rows = plan.new.get(name, [])
        if name == "units":
            rows = _parents_first(rows)
        if name == "checklist_items":
            rows = sorted(rows, key=lambda r: r["position"])
        for chunk in chunks(rows, 2000):
            session.execute(TABLES_BY_NAME[name].insert(), chunk)
        if rows:
            applied[name] = len(rows)
    return applied


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    placed: set[Any] = set()

    def place(row: dict[str, Any], depth: int = 0) -> None:
        if row["id"] in placed or depth > 100:
            return
        parent = by_id.get(row["parent_id"])
        if parent is not None:
            place(parent, depth + 1)
        placed.add(row["id"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def _new_files(plan: MergePlan) -> set[str]:
    """The evidence files the plan's new records name (answers' and closures')."""
    closures = plan.new.get("action_closures", []) + [t for _, t in plan.closures.replace]
    return {row["sha256"] for row in plan.new.get("evidence_files", [])} | closure_files(closures)


def _check_evidence(plan: MergePlan) -> None:
    for sha in _new_files(plan):
        data = plan.bundle.evidence.get(sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            raise BundleError(
                f"Gói thiếu tệp minh chứng {sha[:12]}…; không có gì được ghi.",
                f"The bundle lacks the evidence file {sha[:12]}…; nothing was written.",
            )


def _store_evidence(plan: MergePlan) -> None:
    for sha in _new_files(plan):
        data = plan.bundle.evidence[sha]
        target = evidence_path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)


def verify_bundle_content(bundle: Bundle) -> list[str]:
    """Submitted assessments in the bundle whose content does not match their stored hash."""
    return [
        f"Bài đánh giá {assessment_id} không khớp mã băm khi nộp / assessment {assessment_id} "
        "does not match its submitted hash"
        for assessment_id in bundle_mismatches(bundle.records)
    ]
