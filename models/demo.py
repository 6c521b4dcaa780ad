"""Realistic demo data: Quảng Ninh units in a tree, weekly self-assessments with answers,
notes and corrective actions. The same seed gives the same data, ids included; it is what
people try the program with and what the benchmarks measure.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.catalog import latest_versions
from models.content_hash import hash_assessment
from models.db import Database, begin_write
from models.demo_inspections import add_inspections
from models.demo_names import (
    ACTIONS,
    DISTRICTS,
    FAIL_NOTES,
    PARTIAL_NOTES,
    PLACES,
    person,
    unit_name,
)
from models.entities import (
    Answer,
    Assessment,
    AuditEntry,
    ChecklistItem,
    CorrectiveAction,
    Round,
    Unit,
    round_checklists,
    round_units,
)
from models.errors import InvalidInput
from models.periods import week

KIND_CHECKLISTS = {
    "htx": "451-cv-lmhtx-2021",
    "doanh-nghiep": "451-cv-lmhtx-2021",
    "co-quan": "2810-ubnd-kgvx-2021",
    "truong-hoc": "tb-tu-hoi-nghi-23-8-2021",
    "xa": "761-cv-tu-2021",
}
FIRST_WEEK, ROUNDS = 36, 4
ROUND_IDS = uuid.UUID("8f6a3c1e-2b4d-4e7a-9c5f-1d2e3f405162")  # namespace of demo round ids


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def generate_demo(database: Database, *, units: int, seed: int = 1) -> dict[str, int]:
    """Add ``units`` demo units (under a province and its districts) with four weekly rounds."""
    rng = random.Random(seed)
    device = database.device.id
    with database.session() as session:
        begin_write(session)  # the check below and the inserts see the same database
        province_id = _uuid(rng)
        if session.get(Unit, province_id) is not None:
            raise InvalidInput(
                f"Dữ liệu mẫu với seed {seed} đã có trong cơ sở dữ liệu.",
                f"Demo data with seed {seed} is already in the database.",
            )
        versions = {v.checklist.slug: v for v in latest_versions(session)}
        missing = sorted(set(KIND_CHECKLISTS.values()) - set(versions))
        if missing:
            raise InvalidInput(
                f"Thiếu danh mục: {', '.join(missing)}.",
                f"Missing checklists: {', '.join(missing)}.",
            )
        items = {
            slug: session.execute(
                select(ChecklistItem.id, ChecklistItem.code, ChecklistItem.critical)
                .where(ChecklistItem.version_id == v.id)
                .order_by(ChecklistItem.position)
            ).all()
            for slug, v in versions.items()
        }
        base = dt.datetime(2021, 9, 6, 1, 0, tzinfo=dt.UTC)
        rows: dict[Any, list[dict[str, Any]]] = {
            Unit: [],
            Round: [],
            round_checklists: [],
            round_units: [],
            Assessment: [],
            Answer: [],
            CorrectiveAction: [],
            AuditEntry: [],
        }

        def travelling(at: dt.datetime) -> dict[str, Any]:
            return {"created_at": at, "updated_at": at, "device_id": device}

        rows[Unit].append(
            {
                "id": province_id,
                "name": "Tỉnh Quảng Ninh",
                "kind": "tinh",
                "parent_id": None,
                **travelling(base),
            }
        )
        district_ids = []
        for name in DISTRICTS:
            district_ids.append(_uuid(rng))
            rows[Unit].append(
                {
                    "id": district_ids[-1],
                    "name": name,
                    "kind": "huyen",
                    "parent_id": province_id,
                    **travelling(base),
                }
            )
        kinds = ["htx"] * 10 + ["doanh-nghiep"] * 4 + ["co-quan"] * 3 + ["truong-hoc"] * 2 + ["xa"]
        used_names: set[str] = set()
        for _ in range(units):
            kind = rng.choice(kinds)
            district = rng.randrange(len(DISTRICTS))
            name = unit_name(rng, kind, DISTRICTS[district])
            suffix = 2
            unique = name
            while unique in used_names:
                unique, suffix = f"{name} {suffix}", suffix + 1
            used_names.add(unique)
            unit_id = _uuid(rng)
            rows[Unit].append(
                {
                    "id": unit_id,
                    "name": unique,
                    "kind": kind,
                    "parent_id": district_ids[district],
                    "address": f"{rng.choice(PLACES)}, {DISTRICTS[district]}, Quảng Ninh",
                    "contact_person": person(rng),
                    "phone": f"0{rng.randint(900000000, 999999999)}",
                    **travelling(base),
                }
            )
            _assessments(
                rng,
                rows,
                unit_id,
                versions[KIND_CHECKLISTS[kind]],
                items[KIND_CHECKLISTS[kind]],
                device,
                travelling,
            )
        _add_rounds(rows, versions, seed, base, travelling)
        by_version = {versions[slug].id: found for slug, found in items.items()}
        add_inspections(rows, by_version, ACTIONS, seed, device, travelling)
        _insert_all(session, rows)
        session.commit()
    return {
        "units": units + 1 + len(DISTRICTS),
        "assessments": len(rows[Assessment]),
        "answers": len(rows[Answer]),
        "corrective_actions": len(rows[CorrectiveAction]),
    }


def _assessments(
    rng: random.Random,
    rows: dict[Any, list[dict[str, Any]]],
    unit_id: uuid.UUID,
    version: Any,
    items: Sequence[Any],
    device: uuid.UUID,
    travelling: Any,
) -> None:
    diligence = rng.betavariate(5, 2)  # how well this unit complies, 0..1
    assessor = person(rng)
    for round_index in range(ROUNDS):
        period = week(2021, FIRST_WEEK + round_index)
        last_round = round_index == ROUNDS - 1
        if last_round and rng.random() < 0.25:
            continue  # has not reported yet this round
        started = dt.datetime.combine(period.first_day, dt.time(1, 30), dt.UTC) + dt.timedelta(
            minutes=rng.randrange(0, 4 * 24 * 60)
        )
        assessment_id = _uuid(rng)
        in_progress = last_round and rng.random() < 0.4
        answered = items if not in_progress else items[: rng.randrange(1, len(items) + 1)]
        answer_rows, action_rows = [], []
        moment = started
        for item_id, _code, _critical in answered:
            moment += dt.timedelta(seconds=rng.randrange(5, 90))
            roll = rng.random()
            if roll < 0.04:
                status = "khong-ap-dung"
            elif roll < 0.04 + diligence * 0.9:
                status = "dat"
            elif rng.random() < 0.5:
                status = "mot-phan"
            else:
                status = "chua-dat"
            note = ""
            if status == "chua-dat":
                note = rng.choice(FAIL_NOTES)
            elif status == "mot-phan" and rng.random() < 0.6:
                note = rng.choice(PARTIAL_NOTES)
            answer_id = _uuid(rng)
            answer_rows.append(
                {
                    "id": answer_id,
                    "assessment_id": assessment_id,
                    "item_id": item_id,
                    "status": status,
                    "note": note,
                    "answered_by": assessor,
                    "revision": 1,
                    **travelling(moment),
                }
            )
            rows[AuditEntry].append(
                {
                    "id": _uuid(rng),
                    "at": moment,
                    "device_id": device,
                    "actor": assessor,
                    "action": "answer",
                    "entity": "answer",
                    "entity_id": answer_id,
                    "assessment_id": assessment_id,
                    "item_id": item_id,
                    "old_value": None,
                    "new_value": status,
                    "reason": None,
                }
            )
            if status == "chua-dat" and rng.random() < 0.6:
                due = period.last_day + dt.timedelta(days=rng.randrange(3, 21))
                done = due - dt.timedelta(days=rng.randrange(0, 5)) if rng.random() < 0.4 else None
                action_rows.append(
                    {
                        "id": _uuid(rng),
                        "assessment_id": assessment_id,
                        "item_id": item_id,
                        "what": rng.choice(ACTIONS),
                        "who": person(rng),
                        "due_on": due,
                        "done_on": done,
                        **travelling(moment),
                    }
                )
        code_of = {item_id: code for item_id, code, _ in items}
        submitted = not in_progress and not (last_round and rng.random() < 0.3)
        record = {
            "id": assessment_id,
            "unit_id": unit_id,
            "version_id": version.id,
            "period": period.key,
            "kind": "tu-danh-gia",
            "assessor": assessor,
        }
        digest = (
            hash_assessment(record, answer_rows, action_rows, [], code_of) if submitted else None
        )
        rows[AuditEntry].append(
            {
                "id": _uuid(rng),
                "at": started,
                "device_id": device,
                "actor": assessor,
                "action": "start",
                "entity": "assessment",
                "entity_id": assessment_id,
                "assessment_id": assessment_id,
                "item_id": None,
                "old_value": None,
                "new_value": {"period": period.key, "kind": "tu-danh-gia"},
                "reason": None,
            }
        )
        if submitted:
            rows[AuditEntry].append(
                {
                    "id": _uuid(rng),
                    "at": moment,
                    "device_id": device,
                    "actor": assessor,
                    "action": "submit",
                    "entity": "assessment",
                    "entity_id": assessment_id,
                    "assessment_id": assessment_id,
                    "item_id": None,
                    "old_value": "draft",
                    "new_value": "submitted",
                    "reason": None,
                }
            )
        rows[Assessment].append(
            {
                "id": assessment_id,
                "unit_id": unit_id,
                "version_id": version.id,
                "period": period.key,
                "kind": "tu-danh-gia",
                "assessor": assessor,
                "status": "submitted" if submitted else "draft",
                "submitted_at": moment if submitted else None,
                "content_hash": digest,
                "revision": 2 if submitted else 1,
                **travelling(started),
            }
        )
        rows[Answer].extend(answer_rows)
        rows[CorrectiveAction].extend(action_rows)


def _add_rounds(
    rows: dict[Any, list[dict[str, Any]]],
    versions: dict[str, Any],
    seed: int,
    base: dt.datetime,
    travelling: Any,
) -> None:
    """One weekly self-assessment round per checklist, expecting every unit of the kinds that
    answer it (also those that have not reported), due two days after the week ends."""
    kind_of = {row["id"]: row["kind"] for row in rows[Unit]}
    for slug in sorted(set(KIND_CHECKLISTS.values())):
        version = versions[slug]
        expected = [
            unit_id for unit_id, kind in kind_of.items() if KIND_CHECKLISTS.get(kind) == slug
        ]
        if not expected:
            continue
        directive = version.checklist.directive
        number = " ".join(part for part in (directive.kind, directive.number) if part)
        for round_index in range(ROUNDS):
            period = week(2021, FIRST_WEEK + round_index)
            round_id = uuid.uuid5(ROUND_IDS, f"{seed}|{slug}|{period.key}")
            rows[Round].append(
                {
                    "id": round_id,
                    "name": f"Tự đánh giá {number} — {period.label}",
                    "kind": "tu-danh-gia",
                    "period": period.key,
                    "due_on": period.last_day + dt.timedelta(days=2),
                    "status": "closed" if round_index < ROUNDS - 1 else "open",
                    "closed_at": None,
                    **travelling(base),
                }
            )
            rows[round_checklists].append(
                {"round_id": round_id, "checklist_id": version.checklist_id}
            )
            rows[round_units].extend({"round_id": round_id, "unit_id": u} for u in expected)
            for assessment in rows[Assessment]:
                if assessment["version_id"] == version.id and assessment["period"] == period.key:
                    assessment["round_id"] = round_id


def _insert_all(session: Session, rows: dict[Any, list[dict[str, Any]]]) -> None:
    batch = 5000
    for entity, values in rows.items():
        for start in range(0, len(values), batch):
            session.execute(insert(entity), values[start : start + batch])
