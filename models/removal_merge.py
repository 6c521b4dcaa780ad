"""What was removed on the other side: deleted drafts, removed evidence, reopened closures.

A merge adds the rows it does not have and never takes one away by itself, so a removal
travels as its audit entry: a draft deleted ("delete" of an assessment), an evidence file
taken off an answer ("evidence" of an evidence file, with nothing new), a closure taken back
("action-reopened"). Here the same row goes too, when it is still what the other side
removed: a draft still a draft, an evidence file of a draft, the same closure. What is locked
here (a submitted assessment and its files) is kept and reported. A row removed on either
side is never added back by a later bundle; a row added again after its removal has a new
id and arrives like any other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.bundle import chunks, dump_rows
from models.entities import (
    ActionClosure,
    Answer,
    Assessment,
    AuditEntry,
    CorrectiveAction,
    EvidenceFile,
)


def is_removal(entry: Any) -> bool:
    """Whether an audit entry (a bundle record or a row here) records an evidence file taken
    off or a closure taken back."""
    if entry["entity"] == "evidence_file":
        return entry["action"] == "evidence" and entry["new_value"] is None
    return entry["entity"] == "action_closure" and entry["action"] == "action-reopened"


def deletion_entries(session: Session) -> list[dict[str, Any]]:
    """The audit entries of every assessment deleted here: they carry the deletion."""
    return dump_rows(
        session,
        "audit_entries",
        (AuditEntry.entity == "assessment") & (AuditEntry.action == "delete"),
    )


def plan_deletions(
    session: Session, audit_entries: list[dict[str, Any]]
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Drafts deleted on the other side: (to delete here, kept because submitted here)."""
    deleted = {
        row["entity_id"]
        for row in audit_entries
        if row["entity"] == "assessment" and row["action"] == "delete"
    }
    if not deleted:
        return [], []
    here = dict(
        session.execute(
            select(Assessment.id, Assessment.status).where(Assessment.id.in_(sorted(deleted)))
        ).all()
    )
    drop = sorted(a for a, status in here.items() if status == "draft")
    kept = sorted(a for a, status in here.items() if status != "draft")
    return drop, kept


def apply_deletions(session: Session, assessment_ids: list[uuid.UUID]) -> None:
    for chunk in chunks(assessment_ids):
        for table in (Answer, CorrectiveAction, EvidenceFile):
            session.execute(delete(table).where(table.assessment_id.in_(chunk)))
        session.execute(
            delete(Assessment).where(Assessment.id.in_(chunk), Assessment.status == "draft")
        )


@dataclass
class Removals:
    """Evidence files and closures the bundle's side removed, as this database holds them."""

    evidence: list[dict[str, Any]] = field(default_factory=list)  # to remove here
    closures: list[dict[str, Any]] = field(default_factory=list)  # to remove here
    kept: list[dict[str, Any]] = field(default_factory=list)  # evidence locked here
    gone: set[uuid.UUID] = field(default_factory=set)  # removed on either side: never re-added
    held: set[uuid.UUID] = field(default_factory=set)  # removal entries kept out of the trail

    @property
    def count(self) -> int:
        return len(self.evidence) + len(self.closures)

    def summary(self) -> dict[str, Any]:
        return {
            "removed": self.count,
            "removed_evidence": [_evidence_json(row) for row in self.evidence],
            "reopened_closures": [
                {
                    "id": str(row["id"]),
                    "action_id": str(row["action_id"]),
                    "closed_on": row["closed_on"].isoformat(),
                }
                for row in self.closures
            ],
            "kept_locked_evidence": [_evidence_json(row) for row in self.kept],
        }


def _evidence_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "assessment_id": str(row["assessment_id"]),
        "item_id": str(row["item_id"]),
        "file_name": row["file_name"],
    }


def plan_removals(session: Session, records: dict[str, list[dict[str, Any]]]) -> Removals:
    """What the bundle removed that is still here, and which of its rows were removed here."""
    plan = Removals()
    theirs = [row for row in records["audit_entries"] if is_removal(row)]
    plan.gone = {row["entity_id"] for row in theirs}
    offered = [row["id"] for name in ("evidence_files", "action_closures") for row in records[name]]
    for chunk in chunks(offered):
        for entry in session.execute(
            select(AuditEntry.entity, AuditEntry.action, AuditEntry.entity_id, AuditEntry.new_value)
            .where(AuditEntry.entity_id.in_(chunk))
            .where(AuditEntry.entity.in_(("evidence_file", "action_closure")))
        ):
            if is_removal(entry._mapping):
                plan.gone.add(entry.entity_id)
    evidence_ids = sorted(r["entity_id"] for r in theirs if r["entity"] == "evidence_file")
    closure_ids = sorted(r["entity_id"] for r in theirs if r["entity"] == "action_closure")
    for chunk in chunks(evidence_ids):
        found = session.execute(
            select(EvidenceFile.__table__, Assessment.status)
            .join(Assessment, Assessment.id == EvidenceFile.assessment_id)
            .where(EvidenceFile.id.in_(chunk))
        )
        for row in found:
            values = dict(row._mapping)
            (plan.evidence if values.pop("status") == "draft" else plan.kept).append(values)
    for chunk in chunks(closure_ids):
        table = ActionClosure.__table__
        found = session.execute(select(table).where(table.c.id.in_(chunk)))
        plan.closures += [dict(row._mapping) for row in found]
    kept = {row["id"] for row in plan.kept}
    plan.held = {r["id"] for r in theirs if r["entity_id"] in kept}
    return plan


def not_removed(rows: Iterable[dict[str, Any]], removals: Removals) -> list[dict[str, Any]]:
    """The rows of a bundle that were not removed on either side."""
    return [row for row in rows if row["id"] not in removals.gone]


def apply_removals(session: Session, removals: Removals) -> None:
    """Take away what the other side removed (its own audit entries arrive with the bundle)."""
    for model, rows in ((EvidenceFile, removals.evidence), (ActionClosure, removals.closures)):
        for chunk in chunks([row["id"] for row in rows]):
            session.execute(delete(model).where(model.id.in_(chunk)))
