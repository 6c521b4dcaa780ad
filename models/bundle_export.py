"""Writing a bundle: which assessments, units, rounds, checklists and history go into it.

A bundle carries whole assessments (answers, actions, evidence, closures, audit trail) with
every row they point at: their units and the units above them, their checklist versions,
their rounds and the rounds' areas. "Since the last export" is decided by this database's
change sequence, never by a clock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bundle import TABLES, chunks, dump_rows, write_bundle
from models.changes import current_seq, last_export_seq, marked_since, remember_export
from models.closure_merge import closure_files, collect_closures
from models.content_hash import evidence_path
from models.db import Database, set_meta
from models.entities import (
    Assessment,
    AuditEntry,
    Base,
    ChecklistItem,
    ChecklistVersion,
    Unit,
    item_themes,
)
from models.keying_merge import collect_keyings
from models.periods import Period
from models.removal_merge import deletion_entries
from models.round_merge import collect_rounds, round_ids_of

LAST_EXPORT_KEY = "last_bundle_export"
TABLES_BY_NAME = Base.metadata.tables


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
        keyings = collect_keyings(session, selected_units, period, date_from, date_to)
        if not everything:  # a keying travels with its unit
            unit_ids = _with_relatives(
                session, unit_ids | {uuid.UUID(k["unit_id"]) for k in keyings}, descendants=False
            )
        records = _collect(session, assessment_ids, unit_ids, all_rounds=everything)
        records["form_keyings"] = keyings
        _add_versions(session, records, {uuid.UUID(k["version_id"]) for k in keyings})
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
    for chunk in chunks(assessment_ids):
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
    for chunk in chunks(sorted(unit_ids)):
        records["units"] += dump_rows(session, "units", Unit.id.in_(chunk))
        records["audit_entries"] += dump_rows(
            session,
            "audit_entries",
            AuditEntry.entity_id.in_(chunk) & (AuditEntry.entity == "unit"),
        )
    _add_versions(session, records, version_ids, round_checklist_ids)
    records["devices"] = dump_rows(session, "devices")
    return {name: records.get(name, []) for name in TABLES}


def _add_versions(
    session: Session,
    records: dict[str, list[dict[str, Any]]],
    version_ids: set[uuid.UUID],
    checklist_ids: set[uuid.UUID] | None = None,
) -> None:
    """These checklist versions with their items, themes, checklists and directives, added
    to what ``records`` holds already (each row once)."""

    def held(name: str) -> set[uuid.UUID]:
        return {uuid.UUID(row["id"]) for row in records[name]}

    tables = TABLES_BY_NAME
    version_ids = version_ids - held("checklist_versions")
    versions = dump_rows(session, "checklist_versions", ChecklistVersion.id.in_(version_ids))
    wanted = {uuid.UUID(row["checklist_id"]) for row in versions} | (checklist_ids or set())
    records["checklists"] += dump_rows(
        session, "checklists", tables["checklists"].c.id.in_(wanted - held("checklists"))
    )
    directive_ids = {uuid.UUID(row["directive_id"]) for row in records["checklists"]}
    records["directives"] += dump_rows(
        session, "directives", tables["directives"].c.id.in_(directive_ids - held("directives"))
    )
    records["checklist_versions"] += versions
    items = dump_rows(session, "checklist_items", ChecklistItem.version_id.in_(version_ids))
    records["checklist_items"] += items
    item_ids = [uuid.UUID(row["id"]) for row in items]
    records["item_themes"] += dump_rows(session, "item_themes", item_themes.c.item_id.in_(item_ids))


def _areas(round_rows: dict[str, list[dict[str, Any]]]) -> set[uuid.UUID]:
    return {uuid.UUID(row["area_id"]) for row in round_rows["rounds"] if row["area_id"]}
