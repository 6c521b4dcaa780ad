"""Moving data between machines: choosing what goes into a bundle, and merging one in.

Records merge by UUID in one transaction. Whether an answer "changed on both sides since
they last met" is read from the audit trail, which travels with the bundle: a change is an
audit entry, and entries have ids. If the bundle holds changes this database has not seen
and this database holds changes the bundle has not seen, and the values differ, it is a
conflict; if only one side moved on, that side wins. A submitted (locked) assessment is
never changed by a merge; a different version of it arriving is a conflict to review.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from models.bundle import Bundle, BundleError, dump_rows, write_bundle
from models.changes import current_seq, last_export_seq, marked_since, remember_export
from models.closure_merge import (
    ClosurePlan,
    apply_closures,
    closure_files,
    collect_closures,
    plan_closures,
)
from models.content_hash import bundle_mismatches, content_hash, evidence_path
from models.db import Database, set_meta
from models.entities import (
    Answer,
    Assessment,
    AuditEntry,
    Base,
    ChecklistItem,
    ChecklistVersion,
    Unit,
    item_themes,
)
from models.periods import Period
from models.round_merge import (
    apply_deletions,
    collect_rounds,
    deletion_entries,
    plan_deletions,
    plan_rounds,
    round_ids_of,
)
from models.unit_merge import columns as unit_columns
from models.unit_merge import plan_units

#: Which audit actions record which field of an (assessment, item).
FIELD_ACTIONS = {"status": "answer", "note": "note", "action": "corrective-action"}
LAST_EXPORT_KEY = "last_bundle_export"
TABLES_BY_NAME = Base.metadata.tables


def _chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# -- export ---------------------------------------------------------------------------------


def _with_relatives(
    session: Session,
    unit_ids: set[uuid.UUID],
    descendants: bool,
) -> set[uuid.UUID]:
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).all())
    chosen = set(unit_ids)
    if descendants:
        children: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for child, parent in parents.items():
            if parent is not None:
                children[parent].append(child)
        stack = list(unit_ids)
        while stack:
            for child in children[stack.pop()]:
                if child not in chosen:
                    chosen.add(child)
                    stack.append(child)
    for unit in list(chosen):
        parent = parents.get(unit)
        while parent is not None and parent not in chosen:
            chosen.add(parent)
            parent = parents.get(parent)
    return chosen


def export_bundle(
    database: Database,
    destination: Path,
    *,
    units: list[uuid.UUID] | None = None,
    period: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    since_last_export: bool = False,
) -> dict[str, int]:
    """Write the selected assessments (with their units, checklists, history and evidence)."""
    with database.session() as session:
        high = current_seq(session)  # read first: what changes after it goes next time
        query = select(Assessment.id, Assessment.unit_id, Assessment.period)
        selected_units: set[uuid.UUID] | None = None
        if units:
            selected_units = _with_relatives(session, set(units), descendants=True)
            query = query.where(Assessment.unit_id.in_(selected_units))
        if period:
            query = query.where(Assessment.period == period)
        since = last_export_seq(session) if since_last_export else None
        touched: set[uuid.UUID] = set()
        changed_units: set[uuid.UUID] = set()
        if since is not None:  # by change number, never by a clock that may be wrong
            touched = marked_since(session, "assessment", since)
            changed_units = marked_since(session, "unit", since)
            if selected_units is not None:
                changed_units &= selected_units
        chosen = []
        for assessment_id, unit_id, period_key in session.execute(query):
            day = Period(period_key).first_day
            if date_from and day < date_from or date_to and day > date_to:
                continue
            if since is not None and assessment_id not in touched:
                continue
            chosen.append((assessment_id, unit_id))
        assessment_ids = [a for a, _ in chosen]
        everything = not (units or period or date_from or date_to or since_last_export)
        if everything:  # the whole database: units without assessments travel too
            unit_ids = set(session.scalars(select(Unit.id)))
        else:
            unit_ids = _with_relatives(
                session,
                {u for _, u in chosen} | set(units or []) | changed_units,
                descendants=False,
            )
        records = _collect(session, assessment_ids, unit_ids, all_rounds=everything)
        evidence = {
            sha: evidence_path(sha)
            for sha in {row["sha256"] for row in records["evidence_files"]}
            | closure_files(records["action_closures"])
        }
        started = dt.datetime.now(dt.UTC)
        filters = {
            "units": [str(u) for u in units or []],
            "period": period,
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
            "since": since,
        }
        write_bundle(
            destination,
            records,
            evidence,
            device_id=database.device.id,
            device_name=database.device.name,
            filters=filters,
        )
    with database.begin() as session:
        remember_export(session, high)
        set_meta(session, LAST_EXPORT_KEY, started.isoformat())  # shown to people only
    return {name: len(rows) for name, rows in records.items()}


def _collect(
    session: Session,
    assessment_ids: list[uuid.UUID],
    unit_ids: set[uuid.UUID],
    *,
    all_rounds: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    version_ids: set[uuid.UUID] = set()
    round_rows, round_checklist_ids, round_unit_ids = collect_rounds(
        session, None if all_rounds else round_ids_of(session, assessment_ids)
    )
    records.update(round_rows)
    if not all_rounds:  # the areas of the rounds travel; expected units only if they do
        unit_ids = _with_relatives(
            session, unit_ids | {u for u in round_unit_ids if u in _areas(round_rows)}, False
        )
        records["round_units"] = [
            row for row in records["round_units"] if uuid.UUID(row["unit_id"]) in unit_ids
        ]
    records["audit_entries"] += deletion_entries(session)
    for chunk in _chunks(assessment_ids):
        records["assessments"] += dump_rows(session, "assessments", Assessment.id.in_(chunk))
        for name in ("answers", "corrective_actions", "evidence_files"):
            table = TABLES_BY_NAME[name]
            records[name] += dump_rows(session, name, table.c.assessment_id.in_(chunk))
        records["action_closures"] += collect_closures(session, chunk)
        records["audit_entries"] += dump_rows(
            session, "audit_entries", AuditEntry.assessment_id.in_(chunk)
        )
        version_ids |= set(
            session.scalars(select(Assessment.version_id).where(Assessment.id.in_(chunk)))
        )
    for chunk in _chunks(sorted(unit_ids)):
        records["units"] += dump_rows(session, "units", Unit.id.in_(chunk))
        records["audit_entries"] += dump_rows(
            session,
            "audit_entries",
            AuditEntry.entity_id.in_(chunk) & (AuditEntry.entity == "unit"),
        )
    versions = dump_rows(session, "checklist_versions", ChecklistVersion.id.in_(version_ids))
    checklist_ids = {uuid.UUID(row["checklist_id"]) for row in versions} | round_checklist_ids
    tables = TABLES_BY_NAME
    records["checklists"] = dump_rows(
        session, "checklists", tables["checklists"].c.id.in_(checklist_ids)
    )
    directive_ids = {uuid.UUID(row["directive_id"]) for row in records["checklists"]}
    records["directives"] = dump_rows(
        session, "directives", tables["directives"].c.id.in_(directive_ids)
    )
    records["checklist_versions"] = versions
    records["checklist_items"] = dump_rows(
        session, "checklist_items", ChecklistItem.version_id.in_(version_ids)
    )
    item_ids = [uuid.UUID(row["id"]) for row in records["checklist_items"]]
    records["item_themes"] = dump_rows(session, "item_themes", item_themes.c.item_id.in_(item_ids))
    records["devices"] = dump_rows(session, "devices")
    from models.bundle import TABLES

    return {name: records.get(name, []) for name in TABLES}


def _areas(round_rows: dict[str, list[dict[str, Any]]]) -> set[uuid.UUID]:
    return {uuid.UUID(row["area_id"]) for row in round_rows["rounds"] if row["area_id"]}


# -- merge plan -----------------------------------------------------------------------------


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

    @property
    def changes(self) -> int:
        return (
            len(self.deleted)
            + sum(len(rows) for rows in self.new.values())
            + len(self.take_theirs)
            + len(self.updated_units)
            + len(self.submit)
            + len(self.closures.replace)
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
            "conflicts": [c.as_json() for c in self.conflicts],
        }


def _existing(session: Session, name: str, ids: list[Any]) -> set[Any]:
    table = TABLES_BY_NAME[name]
    found: set[Any] = set()
    for chunk in _chunks(ids):
        found |= set(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def _audit_index(rows: Iterable[Any]) -> dict[tuple[Any, Any, str], set[uuid.UUID]]:
    index: dict[tuple[Any, Any, str], set[uuid.UUID]] = defaultdict(set)
    for row in rows:
        index[(row["assessment_id"], row["item_id"], row["action"])].add(row["id"])
    return index


def _action_value(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "what": row["what"],
        "who": row["who"],
        "due_on": row["due_on"].isoformat() if row["due_on"] else None,
        "done_on": row["done_on"].isoformat() if row["done_on"] else None,
    }


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
    _plan_assessments(session, plan)
    plan.closures = plan_closures(
        session, records, {row["id"] for row in plan.new["corrective_actions"]}
    )
    plan.new["action_closures"] = plan.closures.new
    have = _existing(session, "audit_entries", [row["id"] for row in records["audit_entries"]])
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


def _plan_assessments(session: Session, plan: MergePlan) -> None:
    records = plan.bundle.records
    remote = {row["id"]: row for row in records["assessments"]}
    local: dict[uuid.UUID, Any] = {}
    for chunk in _chunks(list(remote)):
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
    for name in ("answers", "corrective_actions", "evidence_files"):
        plan.new[name] = [r for r in records[name] if r["assessment_id"] in fresh]
    known = [key for key in remote if key in local]
    if not known:
        return
    tables = TABLES_BY_NAME
    mine_answers: dict[tuple[Any, Any], Any] = {}
    mine_actions: dict[tuple[Any, Any], Any] = {}
    mine_audit: list[Any] = []
    mine_evidence: set[Any] = set()
    for chunk in _chunks(known):
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
    mine_history = _audit_index(mine_audit)
    their_history = _audit_index(r for r in records["audit_entries"] if r["assessment_id"])
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
            decide(key, "action", _action_value(mine_actions.get(key)), _action_value(theirs_row))
            == "theirs"
        ):
            plan.take_theirs.append(("action", key[0], key[1], theirs_row))
    for evidence in records["evidence_files"]:
        if evidence["assessment_id"] not in local or evidence["id"] in mine_evidence:
            continue
        owner = local[evidence["assessment_id"]]
        if owner.status == "draft":
            plan.new["evidence_files"].append(evidence)
        else:
            plan.conflicts.append(
                Conflict(
                    evidence["assessment_id"],
                    evidence["item_id"],
                    "evidence",
                    None,
                    evidence["file_name"],
                    owner.name,
                    codes.get(evidence["item_id"], ""),
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
        applied = _insert_new(session, plan)
        apply_closures(session, plan.closures, source, bundle.path.name)
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
                    old_value={"field": conflict.field, "mine": _plain(conflict.mine)},
                    new_value={"field": conflict.field, "theirs": _plain(conflict.theirs)},
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
                _take_answer(session, assessment_id, item_id, *payload)
            else:
                _take_action(session, assessment_id, item_id, payload)
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


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


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
    for name in (
        "devices",
        "directives",
        "checklists",
        "checklist_versions",
        "checklist_items",
        "item_themes",
        "units",
        "rounds",
        "round_checklists",
        "round_units",
        "assessments",
        "answers",
        "corrective_actions",
        "evidence_files",
        "action_closures",
        "audit_entries",
    ):
        rows = plan.new.get(name, [])
        if name == "units":
            rows = _parents_first(rows)
        if name == "checklist_items":
            rows = sorted(rows, key=lambda r: r["position"])
        for chunk in _chunks(rows, 2000):
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


def _take_answer(
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


def _take_action(
    session: Session, assessment_id: Any, item_id: Any, theirs: dict[str, Any] | None
) -> None:
    table = TABLES_BY_NAME["corrective_actions"]
    where = (table.c.assessment_id == assessment_id) & (table.c.item_id == item_id)
    session.execute(table.delete().where(where))
    if theirs is not None:
        session.execute(table.insert().values(**theirs))


def _new_files(plan: MergePlan) -> set[str]:
    """The evidence files the plan's new records name (answers' and closures')."""
    closures = plan.new.get("action_closures", []) + [t for _, t in plan.closures.replace]
    return {row["sha256"] for row in plan.new.get("evidence_files", [])} | closure_files(closures)


def _check_evidence(plan: MergePlan) -> None:
    import hashlib

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
