"""Rounds in bundles.

A round travels with the assessments that belong to it (a whole-database bundle carries
every round), with its checklists and the expected units the bundle carries. On import, a
round not yet known is added, and expected units are only ever added to a round, never
taken away (the office's list is the union of what each side expected). A round already on
both sides otherwise stays as each side has it. (Deleted drafts travel as removals:
``models.removal_merge``.)
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bundle import dump_rows
from models.entities import Assessment, Round, round_checklists, round_units

ROUND_TABLES = ("rounds", "round_checklists", "round_units")


def round_ids_of(session: Session, assessment_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for start in range(0, len(assessment_ids), 500):
        chunk = assessment_ids[start : start + 500]
        found |= {
            r
            for r in session.scalars(select(Assessment.round_id).where(Assessment.id.in_(chunk)))
            if r is not None
        }
    return found


def collect_rounds(
    session: Session, round_ids: set[uuid.UUID] | None
) -> tuple[dict[str, list[dict[str, Any]]], set[uuid.UUID], set[uuid.UUID]]:
    """The rows of these rounds (every round with ``None``), the checklists they name and
    the units they need (areas and expected units)."""
    where = None if round_ids is None else Round.id.in_(sorted(round_ids))
    rounds = dump_rows(session, "rounds", where)
    chosen = [uuid.UUID(row["id"]) for row in rounds]
    lists = dump_rows(session, "round_checklists", round_checklists.c.round_id.in_(chosen))
    units = dump_rows(session, "round_units", round_units.c.round_id.in_(chosen))
    checklist_ids = {uuid.UUID(row["checklist_id"]) for row in lists}
    unit_ids = {uuid.UUID(row["unit_id"]) for row in units}
    unit_ids |= {uuid.UUID(row["area_id"]) for row in rounds if row["area_id"]}
    records = {"rounds": rounds, "round_checklists": lists, "round_units": units}
    return records, checklist_ids, unit_ids


def plan_rounds(
    session: Session, records: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """The rounds, round checklists and expected units this database does not have yet."""
    ids = [row["id"] for row in records["rounds"]]
    have = set(session.scalars(select(Round.id).where(Round.id.in_(ids)))) if ids else set()
    pairs_have_lists = set(
        session.execute(
            select(round_checklists.c.round_id, round_checklists.c.checklist_id).where(
                round_checklists.c.round_id.in_(ids)
            )
        ).all()
    )
    pairs_have_units = set(
        session.execute(
            select(round_units.c.round_id, round_units.c.unit_id).where(
                round_units.c.round_id.in_(ids)
            )
        ).all()
    )
    return {
        "rounds": [row for row in records["rounds"] if row["id"] not in have],
        "round_checklists": [
            row
            for row in records["round_checklists"]
            if (row["round_id"], row["checklist_id"]) not in pairs_have_lists
        ],
        "round_units": [
            row
            for row in records["round_units"]
            if (row["round_id"], row["unit_id"]) not in pairs_have_units
        ],
    }
