"""A second process holding the write lock: every writing command waits it out and succeeds,
and past the busy timeout says the database is busy (never blames the input), writing
nothing. The other process is real: plain sqlite3 holding BEGIN IMMEDIATE.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET

pytestmark = pytest.mark.faults

CHECKLIST = "07-tb-cb-2021"  # asked of every unit
PERIOD = "Tuần 38/2021"
BUSY_VI = "Cơ sở dữ liệu đang bị một chương trình khác khoá"
BUSY_EN = "The database is locked by another program"

# Takes the write lock, says so, then holds it for argv[2] seconds (or until stdin closes).
HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("held", flush=True)
if sys.argv[2] == "stdin":
    sys.stdin.read()
else:
    time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
"""


def kiemtra(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "qt_app", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
    )


def run(db: Path, *args: str) -> str:
    process = kiemtra(db, *args)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


@contextmanager
def write_lock(db: Path, seconds: str) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), seconds],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        try:
            assert holder.stdout.readline().strip() == "held"
            yield holder
        finally:
            holder.stdin.close()
            assert holder.wait(timeout=60) == 0


@pytest.fixture
def prepared(tmp_path: Path) -> dict[str, object]:
    """An office database with a unit, a started assessment, a filled-in form and a bundle
    from a field laptop, all made through the command line."""
    db = tmp_path / "office.sqlite3"
    unit = json.loads(run(db, "units", "add", "HTX Chè Đường Hoa", "--kind", "htx", "--json"))
    start = ("assessments", "start", "--unit", unit["id"], "--checklist", CHECKLIST)
    assessment = run(db, *start, "--period", "28/09/2021").strip()
    form = tmp_path / "form.xlsx"
    run(db, "export", "form", "--checklist", CHECKLIST, "--unit", unit["id"], "--period", PERIOD,
        "-o", str(form))  # fmt: skip
    workbook = load_workbook(form)
    workbook[FORM_SHEET].cell(FIRST_ITEM_ROW, 3).value = "Đạt"
    workbook[FORM_SHEET].cell(FIRST_ITEM_ROW + 1, 3).value = "Chưa đạt"
    workbook.save(form)
    laptop = tmp_path / "laptop.sqlite3"
    field_unit = json.loads(run(laptop, "units", "add", "HTX Sao Đỏ", "--kind", "htx", "--json"))
    field = run(laptop, *start[:3], field_unit["id"], *start[4:], "--period", PERIOD).strip()
    run(laptop, "assessments", "answer", field, "1", "dat")
    bundle = tmp_path / "field.kiemtra"
    run(laptop, "bundle", "export", "-o", str(bundle))
    return {"db": db, "unit": unit["id"], "assessment": assessment, "form": form, "bundle": bundle}


def commands(p: dict[str, object]) -> dict[str, tuple[str, ...]]:
    start = ("assessments", "start", "--unit", str(p["unit"]), "--checklist", CHECKLIST)
    return {
        "answer": ("assessments", "answer", str(p["assessment"]), "2", "chua-dat"),
        "start": (*start, "--period", "29/09/2021"),
        "import form": ("import", "form", str(p["form"])),
        "bundle import": ("bundle", "import", str(p["bundle"])),
        "demo": ("demo", "--units", "3"),
        "units add": ("units", "add", "HTX Mới", "--kind", "htx"),
        "submit": ("assessments", "submit", str(p["assessment"])),  # last: it locks the answers
    }


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("units", "assessments", "answers", "audit_entries")
        }


def test_each_writing_command_waits_for_a_short_write_lock(prepared):
    db = prepared["db"]
    for name, args in commands(prepared).items():
        before = counts(db)
        with write_lock(db, "2"):  # well under the 5 s busy timeout
            process = kiemtra(db, *args)
            out, err = process.communicate(timeout=120)
        assert process.returncode == 0, f"{name}: {err}"
        assert "Traceback" not in err, name
        assert counts(db)["audit_entries"] > before["audit_entries"], name
    shown = json.loads(run(db, "assessments", "show", str(prepared["assessment"]), "--json"))
    assert shown["status"] == "submitted"


def test_past_the_busy_timeout_the_message_is_the_databases(prepared):
    db = prepared["db"]
    before = counts(db)
    with write_lock(db, "stdin"):  # held until every command has given up
        running = {name: kiemtra(db, *args) for name, args in commands(prepared).items()}
        finished = {name: p.communicate(timeout=120) for name, p in running.items()}
    for name, process in running.items():
        out, err = finished[name]
        assert process.returncode == 1, f"{name}: {out} {err}"
        assert BUSY_VI in err, f"{name}: {err}"
        assert "Traceback" not in err and "không nhất quán" not in err, f"{name}: {err}"
    after = counts(db)
    assert after == before
    with write_lock(db, "stdin"):
        english = kiemtra(db, "--lang", "en", *commands(prepared)["answer"])
        _, err = english.communicate(timeout=120)
    assert english.returncode == 1 and BUSY_EN in err, err
