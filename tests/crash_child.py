"""Child process for the crash test: records changes through the services and reports each
one on stdout only after the service call has returned (i.e. after the commit)."""

from __future__ import annotations

import random
import sys
import uuid

from sqlalchemy import select

from models.audit import Editor
from models.device import LocalDevice
from models.entities import Assessment, ChecklistItem
from models.opening import open_database
from models.services.answers import record_answer
from models.services.notes_and_actions import set_note
from models.services.units import create_unit


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    device = LocalDevice(uuid.UUID(int=seed + 1, version=4), "crash-child")
    database = open_database(path, device=device)
    editor = Editor(device.id, "child")
    with database.session() as session:
        assessment_ids = list(session.scalars(select(Assessment.id)))
        items = {
            a: list(
                session.scalars(
                    select(ChecklistItem.id).where(
                        ChecklistItem.version_id == session.get(Assessment, a).version_id
                    )
                )
            )
            for a in assessment_ids
        }
        print("READY", flush=True)
        n = 0
        while True:
            n += 1
            assessment = rng.choice(assessment_ids)
            item = rng.choice(items[assessment])
            roll = rng.random()
            if roll < 0.7:
                status = rng.choice(["dat", "chua-dat", "mot-phan", "khong-ap-dung"])
                saved = record_answer(session, editor, assessment, item, status)
                print(f"ANSWER {assessment} {item} {status} {saved.revision}", flush=True)
            elif roll < 0.95:
                note = f"ghi chú {seed}-{n} Đã kiểm tra"
                saved = set_note(session, editor, assessment, item, note)
                print(f"NOTE {assessment} {item} {saved.revision}|{note}", flush=True)
            else:
                unit = create_unit(session, editor, f"Đơn vị {seed}-{n}", "htx")
                print(f"UNIT {unit}", flush=True)


if __name__ == "__main__":
    main()
