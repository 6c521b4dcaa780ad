"""Demo inspections: inspectors visit some units after they submitted their weekly
self-assessment, and sometimes find "Chưa đạt" where the unit said "Đạt".

Why apart from ``models.demo``: the inspections draw from their own random stream, so the
units and self-assessments a seed has always made stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from models.content_hash import hash_assessment
from models.entities import (
    ActionClosure,
    Answer,
    Assessment,
    AuditEntry,
    CorrectiveAction,
    Round,
    round_checklists,
    round_units,
)
from models.periods import Period
from models.vocabulary import ASSESSMENT_KINDS

INSPECTORS = ("Trần Văn Kiên", "Nguyễn Thị Thanh Hà", "Phạm Quốc Bảo", "Lê Minh Châu")
FINDINGS = (
    "Kiểm tra thực tế: chưa thực hiện như báo cáo",
    "Không có sổ sách chứng minh",
    "Người lao động chưa được phổ biến",
    "Thiết bị có nhưng không sử dụng",
)
INSPECTED_SHARE = 0.12  # of the submitted self-assessments of a week
CLOSED_SHARE = 0.35  # of the actions required, closed afterwards (some after their deadline)
CLOSING_NOTES = (
    "Đã bổ sung và đặt tại cổng ra vào",
    "Đã phổ biến cho toàn bộ người lao động, có ký nhận",
    "Đã lập sổ theo dõi, cập nhật hằng ngày",
    "Đoàn kiểm tra lại, xác nhận đã thực hiện",
)
INSPECTION_ROUNDS = uuid.UUID("4b1f7d2a-93c6-4e58-a0d1-6c2b9e8f7a31")  # namespace of their ids


def _id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def add_inspections(
    rows: dict[Any, list[dict[str, Any]]],
    items: dict[uuid.UUID, Sequence[Any]],
    actions: Sequence[str],
    seed: int,
    device: uuid.UUID,
    travelling: Callable[[dt.datetime], dict[str, Any]],
) -> None:
    """Inspect some submitted self-assessments (``items`` by version id: id, code, critical)
    and add one inspection round per checklist and week for the units inspected."""
    rng = random.Random(f"inspections|{seed}")
    answers: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for answer in rows[Answer]:
        answers.setdefault(answer["assessment_id"], []).append(answer)
    candour = {}  # per unit, how often a "Đạt" of its own is found untrue
    for own in list(rows[Assessment]):
        if own["status"] != "submitted" or rng.random() >= INSPECTED_SHARE:
            continue
        unit = own["unit_id"]
        if unit not in candour:
            candour[unit] = 0.0 if rng.random() < 0.45 else rng.uniform(0.2, 0.6)
        _inspect(
            rng,
            rows,
            own,
            answers.get(own["id"], []),
            items,
            candour[unit],
            actions,
            device,
            travelling,
        )
    _inspection_rounds(rows, seed, travelling)
    _close_some(rows, seed, device, travelling)


def _close_some(
    rows: dict[Any, list[dict[str, Any]]],
    seed: int,
    device: uuid.UUID,
    travelling: Callable[[dt.datetime], dict[str, Any]],
) -> None:
    """Close some of the required actions later, as the unit reports back: on time or a few
    days late, with a note (their own random stream: the inspections stay as they were)."""
    rng = random.Random(f"closures|{seed}")
    inspections = {a["id"]: a for a in rows[Assessment] if a["kind"] == "kiem-tra"}
    closures = rows.setdefault(ActionClosure, [])
    for action in rows[CorrectiveAction]:
        if action["assessment_id"] not in inspections or rng.random() >= CLOSED_SHARE:
            continue
        closed_on = action["due_on"] + dt.timedelta(days=rng.randrange(-6, 5))
        moment = dt.datetime.combine(closed_on, dt.time(3, 0), dt.UTC)
        closure = {
            "id": _id(rng),
            "action_id": action["id"],
            "closed_on": closed_on,
            "closed_by": action["who"],
            "note": rng.choice(CLOSING_NOTES),
            "sha256": None,
            "file_name": None,
            "media_type": None,
            "size": None,
            **travelling(moment),
        }
        closures.append(closure)
        rows[AuditEntry].append(
            {
                "id": _id(rng),
                "at": moment,
                "device_id": device,
                "actor": action["who"],
                "action": "action-closed",
                "entity": "action_closure",
                "entity_id": closure["id"],
                "assessment_id": action["assessment_id"],
                "item_id": action["item_id"],
                "old_value": None,
                "new_value": {
                    "action_id": str(action["id"]),
                    "closed_on": closed_on.isoformat(),
                    "closed_by": action["who"],
                    "note": closure["note"],
                    "file_name": None,
                    "sha256": None,
                },
                "reason": None,
            }
        )


def _inspect(
    rng: random.Random,
    rows: dict[Any, list[dict[str, Any]]],
    own: dict[str, Any],
    own_answers: list[dict[str, Any]],
    items: dict[uuid.UUID, Sequence[Any]],
    candour: float,
    actions: Sequence[str],
    device: uuid.UUID,
    travelling: Callable[[dt.datetime], dict[str, Any]],
) -> None:
    period = Period(own["period"])
    inspector = rng.choice(INSPECTORS)
    moment = dt.datetime.combine(period.last_day, dt.time(2, 0), dt.UTC)
    inspection_id = _id(rng)
    answer_rows, action_rows = [], []
    for answer in own_answers:
        status = answer["status"]
        note = ""
        if status == "dat" and rng.random() < candour:
            status, note = "chua-dat", rng.choice(FINDINGS)
        elif status in ("mot-phan", "chua-dat") and rng.random() < 0.1:
            status = "dat"
        moment += dt.timedelta(seconds=rng.randrange(20, 120))
        answer_rows.append(
            {
                "id": _id(rng),
                "assessment_id": inspection_id,
                "item_id": answer["item_id"],
                "status": status,
                "note": note,
                "answered_by": inspector,
                "revision": 1,
                **travelling(moment),
            }
        )
        if status == "chua-dat" and rng.random() < 0.7:
            due = period.last_day + dt.timedelta(days=rng.randrange(7, 21))
            action_rows.append(
                {
                    "id": _id(rng),
                    "assessment_id": inspection_id,
                    "item_id": answer["item_id"],
                    "what": rng.choice(actions),
                    "who": answer["answered_by"],
                    "due_on": due,
                    "done_on": None,
                    **travelling(moment),
                }
            )
    record = {
        "id": inspection_id,
        "unit_id": own["unit_id"],
        "version_id": own["version_id"],
        "period": own["period"],
        "kind": "kiem-tra",
        "assessor": inspector,
    }
    codes = {item_id: code for item_id, code, _ in items[own["version_id"]]}
    for action, at in (("start", moment - dt.timedelta(hours=1)), ("submit", moment)):
        rows[AuditEntry].append(
            {
                "id": _id(rng),
                "at": at,
                "device_id": device,
                "actor": inspector,
                "action": action,
                "entity": "assessment",
                "entity_id": inspection_id,
                "assessment_id": inspection_id,
                "item_id": None,
                "old_value": None if action == "start" else "draft",
                "new_value": {"period": own["period"], "kind": "kiem-tra"}
                if action == "start"
                else "submitted",
                "reason": None,
            }
        )
    rows[Assessment].append(
        {
            **record,
            "status": "submitted",
            "submitted_at": moment,
            "content_hash": hash_assessment(record, answer_rows, action_rows, [], codes),
            "revision": 2,
            **travelling(moment),
        }
    )
    rows[Answer].extend(answer_rows)
    rows[CorrectiveAction].extend(action_rows)


def _inspection_rounds(
    rows: dict[Any, list[dict[str, Any]]],
    seed: int,
    travelling: Callable[[dt.datetime], dict[str, Any]],
) -> None:
    """One inspection round per checklist and week, expecting the units inspected in it."""
    checklist_of = {r["round_id"]: r["checklist_id"] for r in rows[round_checklists]}
    own_round = {
        (a["unit_id"], a["version_id"], a["period"]): a.get("round_id")
        for a in rows[Assessment]
        if a["kind"] == "tu-danh-gia"
    }
    names = {r["id"]: r["name"] for r in rows[Round]}
    statuses = {r["id"]: r["status"] for r in rows[Round]}
    made: dict[uuid.UUID, uuid.UUID] = {}
    for inspection in rows[Assessment]:
        if inspection["kind"] != "kiem-tra":
            continue
        own = own_round.get((inspection["unit_id"], inspection["version_id"], inspection["period"]))
        if own is None:
            continue
        round_id = made.get(own)
        if round_id is None:
            round_id = made[own] = uuid.uuid5(INSPECTION_ROUNDS, f"{seed}|{own}")
            period = Period(inspection["period"])
            name = names[own].replace(
                ASSESSMENT_KINDS["tu-danh-gia"][0], ASSESSMENT_KINDS["kiem-tra"][0], 1
            )
            rows[Round].append(
                {
                    "id": round_id,
                    "name": name,
                    "kind": "kiem-tra",
                    "period": inspection["period"],
                    "due_on": period.last_day + dt.timedelta(days=2),
                    "status": statuses[own],
                    "closed_at": None,
                    **travelling(dt.datetime.combine(period.first_day, dt.time(1), dt.UTC)),
                }
            )
            rows[round_checklists].append({"round_id": round_id, "checklist_id": checklist_of[own]})
        rows[round_units].append({"round_id": round_id, "unit_id": inspection["unit_id"]})
        inspection["round_id"] = round_id


__all__ = ["add_inspections"]
