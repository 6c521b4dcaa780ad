"""How fast the window is on a large database (offscreen), printed as a table.

    .venv/bin/python benchmarks/gui.py                 # makes a `demo --units 2000` database
    .venv/bin/python benchmarks/gui.py --db FILE       # or measures an existing one
    .venv/bin/python benchmarks/gui.py --fieldwork     # only "20 units inspected"

- start: from launching a fresh Python process to the main window shown and ready (unit
  tree with its badges loaded, the last unit and assessment back on screen); median of 5,
  after one warm-up run that lets the operating system cache the files.
- switch: from choosing another unit in the tree to its assessment shown in the centre.
- key to commit: from an answer key pressed in the item table to the answer committed
  (the press is handled synchronously: when it returns, the row is saved and shown).
- 20 units inspected (``benchmarks/fieldwork.py``): key presses and wall time from the first
  unit's start to the twentieth's submit, with the remembered choices and F8, against the
  same day with the start dialog as it was (remembering nothing). The keys are pressed by
  QTest without a person's pauses, so the wall time is the program's own share of the day.

Each figure stands beside the same work done by the bare libraries, so the overhead is a
ratio: an empty QMainWindow shown by a fresh process; raw sqlite3 queries reading a unit's
assessment into a plain QStandardItemModel table, painted; one raw sqlite3 UPDATE plus
audit INSERT plus COMMIT with the same pragmas.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"start": 1.5, "switch": 0.100, "key": 0.010}


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KIEMTRA_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }


def make_demo(folder: Path, units: int) -> Path:
    db = folder / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "qt_app", "--db", str(db), "demo", "--units", str(units)],
        check=True,
        env=_env(folder / "home"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return db


def _copy(source: Path, folder: Path) -> Path:
    """Measure a copy: the benchmark answers items, and must not touch the user's file."""
    target = folder / source.name
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


# -- start: measured from outside, in a fresh process each time --

CHILD = """
import sys
from qt_app.app import create_application, create_window
from models.opening import open_database
app = create_application()
database = open_database(sys.argv[1])
window = create_window(database)
window.ready.connect(lambda: (print("ready", flush=True), app.quit()))
window.load_units(window.last_unit())
window.show()
app.exec()
database.close()
"""

BARE_CHILD = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print("ready", flush=True)
"""


def _time_child(code: str, args: list[str], home: Path) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=_env(home),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the window never became ready")
    child.wait(timeout=60)
    return elapsed


def measure_start(db: Path, home: Path, runs: int) -> tuple[list[float], list[float]]:
    _remember_a_unit(db, home)
    _time_child(CHILD, [str(db)], home)  # warm-up: file cache, first automatic backup
    window = [_time_child(CHILD, [str(db)], home) for _ in range(runs)]
    bare = [_time_child(BARE_CHILD, [], home) for _ in range(runs)]
    return window, bare


def _remember_a_unit(db: Path, home: Path) -> None:
    """Make the start reopen a unit and its assessment, as a later run of a user's does."""
    os.environ["KIEMTRA_HOME"] = str(home)
    from qt_app.settings import Settings

    con = sqlite3.connect(db)
    unit, assessment = con.execute(
        "SELECT unit_id, id FROM assessments WHERE status = 'draft' LIMIT 1"
    ).fetchone()
    con.close()
    settings = Settings()
    settings.remember("last_unit", str(uuid.UUID(unit)))
    settings.remember("last_assessment", str(uuid.UUID(assessment)))
    settings.sync()


# -- switch and key press: measured inside one window --


def measure_in_window(db: Path, home: Path, samples: int) -> dict[str, list[float]]:
    os.environ["KIEMTRA_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from models.opening import open_database
    from qt_app.app import create_application, create_window
    from qt_app.tasks import ImmediateRunner, set_runner

    app = create_application()
    set_runner(ImmediateRunner())
    database = open_database(db)
    window = create_window(database)
    window.show()
    window.load_units()
    app.processEvents()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT DISTINCT unit_id FROM assessments").fetchall()
    drafts = con.execute(
        "SELECT unit_id, id FROM assessments WHERE status = 'draft' ORDER BY id LIMIT 1"
    ).fetchone()
    con.close()
    units = [uuid.UUID(r[0]) for r in rows]
    random.Random(7).shuffle(units)
    switch = []
    for unit in units[:samples]:
        started = time.perf_counter()
        window.tree.select_unit(unit)
        app.processEvents()
        switch.append(time.perf_counter() - started)
        assert window.answering.unit_id == unit and window.answering.header is not None
    window.tree.select_unit(uuid.UUID(drafts[0]))
    window.answering.open(uuid.UUID(drafts[1]))
    app.processEvents()
    table = window.assessment_view.table
    table.setFocus()
    keys, key_times = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_0], []
    for n in range(samples):
        if window.assessment_view.next_source_row() is None:
            window.assessment_view.select_source_row(0)
        started = time.perf_counter()
        QTest.keyClick(table, keys[n % 4])
        key_times.append(time.perf_counter() - started)
    assert window.assessment_view.saved_label.text().startswith(("Đã lưu", "Saved"))
    window.close()
    window.deleteLater()
    app.processEvents()
    database.close()
    return {"switch": switch, "key": key_times}


def bare_library(db: Path, samples: int) -> dict[str, list[float]]:
    """The same work with the bare libraries: raw sqlite3 (the program's pragmas) and, for
    a switch, a plain QStandardItemModel table of the same size, filled and painted."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication.instance()
    assert app is not None
    window, table, model = QMainWindow(), QTableView(), QStandardItemModel()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    units = [r[0] for r in con.execute("SELECT DISTINCT unit_id FROM assessments")]
    random.Random(7).shuffle(units)
    reads = []
    for unit in units[:samples]:
        started = time.perf_counter()
        (assessment, version), *_ = con.execute(
            "SELECT id, version_id FROM assessments WHERE unit_id = ?", (unit,)
        ).fetchall()
        items = con.execute(
            "SELECT id, code, requirement FROM checklist_items "
            "WHERE version_id = ? ORDER BY position",
            (version,),
        ).fetchall()
        answers = dict(
            con.execute(
                "SELECT item_id, status FROM answers WHERE assessment_id = ?", (assessment,)
            ).fetchall()
        )
        con.execute(
            "SELECT * FROM corrective_actions WHERE assessment_id = ?", (assessment,)
        ).fetchall()
        model.clear()
        for item_id, code, requirement in items:
            model.appendRow(
                [
                    QStandardItem(code),
                    QStandardItem(requirement),
                    QStandardItem(answers.get(item_id) or "—"),
                ]
            )
        app.processEvents()
        reads.append(time.perf_counter() - started)
    window.close()
    answer = con.execute("SELECT id, revision FROM answers LIMIT 1").fetchone()
    writes = []
    for n in range(samples):
        started = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "UPDATE answers SET status = ?, revision = revision + 1 WHERE id = ?",
            (("dat", "chua-dat")[n % 2], answer[0]),
        )
        con.execute(
            "INSERT INTO audit_entries (id, at, actor, action, entity, entity_id, "
            "old_value, new_value) VALUES (?, '2021-09-28 00:00:00', 'bench', "
            "'answer', 'answer', ?, NULL, NULL)",
            (uuid.uuid4().hex, answer[0]),
        )
        con.execute("COMMIT")
        writes.append(time.perf_counter() - started)
    con.close()
    return {"switch": reads, "key": writes}


def _row(name: str, values: list[float], bare: list[float], target: float) -> list[str]:
    median, bare_median = statistics.median(values), statistics.median(bare)
    worst = max(values)
    return [
        name,
        f"{median * 1000:.1f} ms",
        f"{worst * 1000:.1f} ms",
        f"≤ {target * 1000:.0f} ms",
        "yes" if median <= target else "NO",
        f"{bare_median * 1000:.2f} ms",
        f"{median / bare_median:.1f}×",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: make a demo)")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--fieldwork", action="store_true", help='only "20 units inspected"')
    args = parser.parse_args()
    if args.fieldwork:
        return print_fieldwork()
    with tempfile.TemporaryDirectory(prefix="kiemtra-bench-") as scratch:
        folder = Path(scratch)
        home = folder / "home"
        home.mkdir()
        db = _copy(args.db.resolve(), folder) if args.db else make_demo(folder, args.units)
        start, bare_start = measure_start(db, home, args.runs)
        inside = measure_in_window(db, home, args.samples)
        bare = bare_library(db, args.samples)
    rows = [
        _row("start → window ready", start, bare_start, TARGETS["start"]),
        _row("switch to another unit", inside["switch"], bare["switch"], TARGETS["switch"]),
        _row("answer key → committed", inside["key"], bare["key"], TARGETS["key"]),
    ]
    headers = ["measure", "median", "worst", "target", "met", "bare library", "ratio"]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    print(
        f"database: {db.name}, {os.cpu_count()} CPUs, Qt offscreen; start: median of "
        f"{args.runs}; others: median of {args.samples}"
    )
    for row in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        "bare library: an empty QMainWindow (start); raw sqlite3 reads of one assessment "
        "shown in a QStandardItemModel table (switch); raw UPDATE + audit INSERT + COMMIT "
        "(key)"
    )
    return print_fieldwork()


def print_fieldwork() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fieldwork import measure_twenty_units, report

    print()
    print("\n".join(report(measure_twenty_units())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
