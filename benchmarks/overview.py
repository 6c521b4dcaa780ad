"""Province scale: a round's overview and the window's start on a large database.

    .venv/bin/python benchmarks/overview.py                  # a `demo --units 2000` database
    .venv/bin/python benchmarks/overview.py --units 20000    # ~20,000 units
    .venv/bin/python benchmarks/overview.py --db FILE        # an existing database

- demo: seconds to generate the database and its size (one run).
- overview: ``round_overview`` of the round with the most expected units, in a fresh
  session, median of ``--runs``; beside the same aggregate done by raw sqlite3 (the
  expected units with their state, submitted compliance and failed critical items, and the
  open corrective actions, summed per district), so the overhead is a ratio; and the peak
  memory of the overview (tracemalloc) beside the raw query's.
- start: the window ready (unit tree, badges, last unit and assessment shown) from a fresh
  process, median of ``--runs`` after a warm-up, from ``benchmarks/gui.py``; beside an
  empty QMainWindow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"overview": 1.0, "start": 1.5}

RAW_QUERIES = {
    "expected": "SELECT u.id, u.parent_id FROM round_units ru JOIN units u ON u.id = ru.unit_id "
    "WHERE ru.round_id = :round",
    "own": "SELECT id, unit_id, status FROM assessments WHERE round_id = :round AND kind = :kind",
    "scores": "SELECT an.assessment_id, "
    "SUM(CASE an.status WHEN 'dat' THEN 2 * i.weight WHEN 'mot-phan' THEN i.weight ELSE 0 END), "
    "SUM(CASE WHEN an.status IN ('dat', 'mot-phan', 'chua-dat') THEN 2 * i.weight ELSE 0 END), "
    "SUM(CASE WHEN i.critical AND an.status = 'chua-dat' THEN 1 ELSE 0 END) "
    "FROM assessments a JOIN answers an ON an.assessment_id = a.id "
    "JOIN checklist_items i ON i.id = an.item_id "
    "WHERE a.round_id = :round AND a.kind = :kind AND a.status != 'draft' "
    "GROUP BY an.assessment_id",
    "actions": "SELECT a.unit_id, COUNT(*) FROM corrective_actions c "
    "JOIN assessments a ON a.id = c.assessment_id "
    "WHERE a.round_id = :round AND c.done_on IS NULL GROUP BY a.unit_id",
}


def raw_overview(con: sqlite3.Connection, params: dict[str, str]) -> dict[str, list[float]]:
    """The same figures with the bare library: four plain queries, summed per district in
    Python (as the service does), no ORM, no types, no dataclasses."""
    parent = dict(con.execute(RAW_QUERIES["expected"], params).fetchall())
    own = {
        unit: (assessment, status)
        for assessment, unit, status in con.execute(RAW_QUERIES["own"], params)
    }
    scores = {row[0]: row[1:] for row in con.execute(RAW_QUERIES["scores"], params)}
    actions = dict(con.execute(RAW_QUERIES["actions"], params).fetchall())
    areas: dict[str, list[float]] = {}
    for unit, district in parent.items():
        line = areas.setdefault(district, [0, 0, 0, 0, 0.0, 0, 0])
        line[0] += 1
        assessment, status = own.get(unit, (None, None))
        line[1] += assessment is None
        line[2] += status == "draft"
        if status in ("submitted", "reviewed"):
            line[3] += 1
            earned, applicable, failed = scores.get(assessment, (0, 0, 0))
            if applicable:
                line[4] += 100 * earned / applicable
            line[5] += failed > 0
        line[6] += actions.get(unit, 0)
    return areas


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KIEMTRA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def make_demo(folder: Path, units: int) -> tuple[Path, float]:
    db = folder / "demo.sqlite3"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "qt_app", "--db", str(db), "demo", "--units", str(units)],
        check=True,
        env=_env(folder / "home"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return db, time.perf_counter() - started


def biggest_round(db: Path) -> tuple[uuid.UUID, str, str]:
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT r.id, r.period, r.kind FROM rounds r JOIN round_units ru ON ru.round_id = r.id "
        "GROUP BY r.id ORDER BY COUNT(*) DESC, r.period DESC LIMIT 1"
    ).fetchone()
    con.close()
    return uuid.UUID(row[0]), row[1], row[2]


def measure_overview(
    db: Path, home: Path, round_id: uuid.UUID, runs: int
) -> tuple[list[float], int]:
    os.environ["KIEMTRA_HOME"] = str(home)
    from models.opening import open_database
    from models.queries.rounds import round_overview

    database = open_database(db)
    as_of = dt.date(2021, 10, 6)
    times = []
    try:
        for _ in range(runs + 1):
            with database.session() as session:
                started = time.perf_counter()
                overview = round_overview(session, round_id, as_of)
                times.append(time.perf_counter() - started)
        tracemalloc.start()
        with database.session() as session:
            round_overview(session, round_id, as_of)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    finally:
        database.close()
    assert overview.totals.expected > 0
    return times[1:], peak


def measure_raw(db: Path, round_id: uuid.UUID, kind: str, runs: int) -> tuple[list[float], int]:
    times = []
    params = {"round": round_id.hex, "kind": kind}
    for _ in range(runs + 1):
        con = sqlite3.connect(db)
        started = time.perf_counter()
        areas = raw_overview(con, params)
        times.append(time.perf_counter() - started)
        con.close()
    assert areas
    tracemalloc.start()
    con = sqlite3.connect(db)
    raw_overview(con, params)
    con.close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return times[1:], peak


def measure_start(db: Path, home: Path, runs: int) -> tuple[list[float], list[float]]:
    spec = importlib.util.spec_from_file_location("gui_bench", ROOT / "benchmarks" / "gui.py")
    assert spec and spec.loader
    gui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gui)
    return gui.measure_start(db, home, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: make a demo)")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-window", action="store_true", help="skip the window start")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiemtra-bench-") as scratch:
        folder = Path(scratch)
        home = folder / "home"
        home.mkdir()
        if args.db:
            db, made = args.db.resolve(), None
        else:
            db, made = make_demo(folder, args.units)
        size = db.stat().st_size
        round_id, period, kind = biggest_round(db)
        con = sqlite3.connect(db)
        units, answers, expected = (
            con.execute("SELECT COUNT(*) FROM units").fetchone()[0],
            con.execute("SELECT COUNT(*) FROM answers").fetchone()[0],
            con.execute(
                "SELECT COUNT(*) FROM round_units WHERE round_id = ?", (round_id.hex,)
            ).fetchone()[0],
        )
        con.close()
        ours, our_peak = measure_overview(db, home, round_id, args.runs)
        raw, raw_peak = measure_raw(db, round_id, kind, args.runs)
        start = bare_start = None
        if not args.no_window:
            start, bare_start = measure_start(db, home, args.runs)
    print(
        f"database: {units} units, {answers} answers, {size / 2**20:.0f} MB"
        + (f", generated in {made:.1f} s" if made is not None else "")
        + f"; round of {expected} expected units; {os.cpu_count()} CPUs; median of {args.runs}"
    )
    rows = [
        [
            "round overview",
            f"{statistics.median(ours) * 1000:.0f} ms",
            f"≤ {TARGETS['overview'] * 1000:.0f} ms",
            "yes" if statistics.median(ours) <= TARGETS["overview"] else "NO",
            f"{statistics.median(raw) * 1000:.0f} ms",
            f"{statistics.median(ours) / statistics.median(raw):.1f}×",
            f"{our_peak / 2**20:.1f} MB vs {raw_peak / 2**20:.1f} MB",
        ]
    ]
    if start is not None:
        rows.append(
            [
                "start → window ready",
                f"{statistics.median(start) * 1000:.0f} ms",
                f"≤ {TARGETS['start'] * 1000:.0f} ms",
                "yes" if statistics.median(start) <= TARGETS["start"] else "NO",
                f"{statistics.median(bare_start) * 1000:.0f} ms",
                f"{statistics.median(start) / statistics.median(bare_start):.1f}×",
                "",
            ]
        )
    headers = ["measure", "median", "target", "met", "bare library", "ratio", "peak memory"]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        "bare library: the same figures from four raw sqlite3 queries summed per district in "
        "Python (overview); an empty "
        "QMainWindow shown by a fresh process (start)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
