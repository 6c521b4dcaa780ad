"""Kill a writer at random moments (SIGKILL) many times: every change it reported as saved
is still there, and the database stays sound.

The number of rounds is KIEMTRA_CRASH_ROUNDS (default 25)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from models.catalog import get_version
from models.entities import Answer, Unit
from models.opening import open_database
from models.services.assessments import start_assessment
from models.services.units import create_unit

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("KIEMTRA_CRASH_ROUNDS", "25"))

pytestmark = pytest.mark.crash


def test_killed_writer_loses_nothing_it_reported(db_path, device, editor):
    database = open_database(db_path, device=device)
    with database.session() as session:
        for n, slug in enumerate(["451-cv-lmhtx-2021", "07-tb-cb-2021"]):  # all asked of HTX
            unit = create_unit(session, editor, f"HTX thử {n}", "htx")
            start_assessment(session, editor, unit, get_version(session, slug).id, "2021-W38")
    database.close()
    rng = random.Random(20211028)
    answers: dict[tuple[str, str], tuple[str, int]] = {}
    notes: dict[tuple[str, str], tuple[str, int]] = {}
    units: set[str] = set()
    total_reported = 0
    for round_number in range(ROUNDS):
        child = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "crash_child.py"),
                str(db_path),
                str(round_number),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        lines: list[str] = []
        ready = threading.Event()

        def read(stream=child.stdout, lines=lines, ready=ready) -> None:
            for line in stream:
                if line.startswith("READY"):
                    ready.set()
                else:
                    lines.append(line.rstrip("\n"))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        assert ready.wait(60), child.stderr.read() if child.poll() is not None else "no start"
        time.sleep(rng.uniform(0.01, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reader.join(10)
        child.stdout.close()
        child.stderr.close()
        for line in lines:
            kind, rest = line.split(" ", 1)
            total_reported += 1
            if kind == "ANSWER":
                assessment, item, status, revision = rest.split(" ")
                answers[(assessment, item)] = (status, int(revision))
            elif kind == "NOTE":
                head, note = rest.split("|", 1)
                assessment, item, revision = head.split(" ")
                notes[(assessment, item)] = (note, int(revision))
            elif kind == "UNIT":
                units.add(rest)
        con = sqlite3.connect(db_path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    assert total_reported > ROUNDS  # the child really worked between kills
    database = open_database(db_path, device=device)
    with database.session() as session:
        stored = {
            (str(a.assessment_id), str(a.item_id)): a for a in session.scalars(select(Answer))
        }
        # Every reported change is there; a later one may have been committed but not yet
        # reported when the kill came, so the stored revision is at least the reported one,
        # and where it is equal the stored value is exactly the reported one.
        exact = 0
        for reports, field in ((answers, "status"), (notes, "note")):
            for key, (value, revision) in reports.items():
                assert stored[key].revision >= revision
                if stored[key].revision == revision:
                    assert getattr(stored[key], field) == value
                    exact += 1
        assert exact > 0
        assert units <= {str(u) for u in session.scalars(select(Unit.id))}
    database.close()
    print(f"{ROUNDS} kills, {total_reported} reported changes, all present")
