"""Content hashes: what a submitted assessment says, and where an evidence file is kept.

A submitted assessment carries the SHA-256 of its content; the office checks it against the
database (``kiemtra assessments verify``), against a bundle before merging it, and after a
merge. All of them, and the demo data, hash through ``hash_assessment`` from plain records,
so what the hash covers can only change in one place, for every path at once. The
canonical form must never change: hashes already stored would stop matching.

Evidence files are stored under their own SHA-256 in the data folder (``evidence_path``).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import paths
from models.entities import Answer, Assessment, ChecklistItem, CorrectiveAction, EvidenceFile
from models.errors import NotFound

Record = Mapping[Any, Any]  # keyed by column name (SQLAlchemy types a RowMapping's keys wider)


def evidence_path(sha256: str) -> Path:
    """Where the evidence file with this SHA-256 is kept (two-letter folders keep them apart)."""
    return paths.evidence_dir() / sha256[:2] / sha256


def hash_assessment(
    assessment: Record,
    answers: Iterable[Record],
    actions: Iterable[Record],
    evidence: Iterable[Record],
    codes: Mapping[Any, str],
) -> str:
    """SHA-256 of an assessment's keys, answers, notes, corrective actions and evidence.

    Records are rows as the tables name their columns (a bundle's records, the database's
    rows as mappings, the demo's rows); ``codes`` maps item ids to item codes, so the hash
    does not depend on ids an item would get on another machine."""
    body = {
        "assessment": str(assessment["id"]),
        "unit": str(assessment["unit_id"]),
        "version": str(assessment["version_id"]),
        "period": assessment["period"],
        "kind": assessment["kind"],
        "assessor": assessment["assessor"],
        "answers": sorted(
            (
                [codes.get(a["item_id"]), a["status"], a["note"], a.get("value_number")]
                for a in answers
            ),
            key=str,
        ),
        "actions": sorted(
            (
                [codes.get(c["item_id"]), c["what"], c["who"], str(c["due_on"]), str(c["done_on"])]
                for c in actions
            ),
            key=str,
        ),
        "evidence": sorted(([codes.get(e["item_id"]), e["sha256"]] for e in evidence), key=str),
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(session: Session, assessment_id: uuid.UUID) -> str:
    """The hash of an assessment as the database holds it now."""
    assessment = (
        session.execute(select(Assessment.__table__).where(Assessment.id == assessment_id))
        .mappings()
        .one_or_none()
    )
    if assessment is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    codes = dict(
        session.execute(
            select(ChecklistItem.id, ChecklistItem.code).where(
                ChecklistItem.version_id == assessment["version_id"]
            )
        ).all()
    )

    def rows(entity: Any) -> list[Record]:
        table = entity.__table__
        query = select(table).where(table.c.assessment_id == assessment_id)
        return list(session.execute(query).mappings())

    return hash_assessment(
        assessment, rows(Answer), rows(CorrectiveAction), rows(EvidenceFile), codes
    )


def bundle_mismatches(records: Mapping[str, list[dict[str, Any]]]) -> list[Any]:
    """The ids of the submitted assessments in a bundle whose content does not match the
    hash they were submitted with."""
    codes = {row["id"]: row["code"] for row in records.get("checklist_items", [])}
    grouped: dict[str, dict[Any, list[Record]]] = {
        name: defaultdict(list) for name in ("answers", "corrective_actions", "evidence_files")
    }
    for name, by_assessment in grouped.items():
        for row in records.get(name, []):
            by_assessment[row["assessment_id"]].append(row)
    return [
        row["id"]
        for row in records.get("assessments", [])
        if row["content_hash"] is not None
        and row["content_hash"]
        != hash_assessment(
            row,
            grouped["answers"][row["id"]],
            grouped["corrective_actions"][row["id"]],
            grouped["evidence_files"][row["id"]],
            codes,
        )
    ]
