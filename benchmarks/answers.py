"""Recording answers: the service (checked, committed and audited one by one) against raw
sqlite3 inserting and committing the same rows with the same pragmas.

    .venv/bin/python benchmarks/answers.py [--answers 10000] [--runs 3]

Prints a table of the median time per answer (median over runs of per-run medians) and the
ratio. Also times `kiemtra demo --units 2000` (wall time and peak memory, in a child process).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.audit import Editor  # noqa: E402
from models.catalog import get_version  # noqa: E402
from models.db import open_database  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.services.assessments import record_answer, start_assessment  # noqa: E402
from models.services.units import create_unit  # noqa: E402

STATUSES = ["dat", "chua-dat", "mot-phan", "khong-ap-dung"]


def prepare(folder: Path, answers: int):
    device = LocalDevice(uuid.uuid4(), "bench")
    database = open_database(folder / "service.sqlite3", device=device)
    editor = Editor(device.id, "Người đo")
    targets = []
    with database.session() as session:
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        items = [item.id for item in version.items]
        unit_count = -(-answers // len(items))
        for n in range(unit_count):
            unit = create_unit(session, editor, f"HTX số {n}", "htx", commit=False)
            assessment = start_assessment(
                session, editor, unit, version.id, "2021-W38", commit=False
            )
            targets.extend((assessment, item) for item in items)
        session.commit()
    return database, editor, targets[:answers]


def run_service(database, editor, targets) -> list[float]:
    timings = []
    with database.session() as session:
        for n, (assessment, item) in enumerate(targets):
            start = time.perf_counter()
            record_answer(session, editor, assessment, item, STATUSES[n % 4])
            timings.append(time.perf_counter() - start)
    return timings


def raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "busy_timeout = 5000",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
    ):
        con.execute(f"PRAGMA {pragma}")
    return con


def run_raw(path: Path, targets, device: uuid.UUID, with_audit: bool) -> list[float]:
    """The same rows into the same tables (same indexes and foreign keys), nothing checked."""
    con = raw_connection(path)
    timings = []
    for n, (assessment, item) in enumerate(targets):
        start = time.perf_counter()
        answer_id = uuid.uuid4().hex
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000+00:00")
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO answers (id, created_at, updated_at, device_id, assessment_id,"
            " item_id, status, value_number, note, answered_by, revision)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '', 'Người đo', 1)",
            (answer_id, now, now, device.hex, assessment.hex, item.hex, STATUSES[n % 4]),
        )
        if with_audit:
            con.execute(
                "INSERT INTO audit_entries (id, at, device_id, actor, action, entity,"
                " entity_id, assessment_id, item_id, old_value, new_value, reason)"
                " VALUES (?, ?, ?, 'Người đo', 'answer', 'answer', ?, ?, ?, 'null', ?,"
                " NULL)",
                (
                    uuid.uuid4().hex,
                    now,
                    device.hex,
                    answer_id,
                    assessment.hex,
                    item.hex,
                    json.dumps(STATUSES[n % 4]),
                ),
            )
        con.execute("COMMIT")
        timings.append(time.perf_counter() - start)
    con.close()
    return timings


def one_run(folder: Path, answers: int) -> dict[str, float]:
    database, editor, targets = prepare(folder, answers)
    database.close()
    pristine = folder / "service.sqlite3"
    copies = {}
    for name in ("raw", "raw+audit"):
        copies[name] = folder / f"{name}.sqlite3"
        shutil.copyfile(pristine, copies[name])
    database = open_database(pristine, device=LocalDevice(editor.device_id, "bench"))
    result = {"service": statistics.median(run_service(database, editor, targets))}
    database.close()
    result["raw"] = statistics.median(run_raw(copies["raw"], targets, editor.device_id, False))
    result["raw+audit"] = statistics.median(
        run_raw(copies["raw+audit"], targets, editor.device_id, True)
    )
    return result


def time_demo(units: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        code = (
            "import resource, sys, time; t = time.perf_counter()\n"
            "from qt_app.cli import main\n"
            f"main(['--db', {folder + '/demo.sqlite3'!r}, 'demo', '--units', '{units}'])\n"
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        env = dict(os.environ, KIEMTRA_HOME=folder)
        out = (
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        seconds, peak_kb = out.split()
        return float(seconds), int(peak_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--demo-units", type=int, default=2000)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"service": [], "raw": [], "raw+audit": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            os.environ["KIEMTRA_HOME"] = folder
            for name, value in one_run(Path(folder), args.answers).items():
                results[name].append(value)
    service = statistics.median(results["service"])
    print(
        f"{args.answers} answers, each committed; median of {args.runs} runs of the "
        "per-answer median"
    )
    print(f"{'what':<44}{'ms/answer':>10}{'service/this':>14}")
    for name, label in [
        ("service", "service: record_answer (checked + audited)"),
        ("raw", "raw sqlite3: insert answer + commit"),
        ("raw+audit", "raw sqlite3: insert answer + audit + commit"),
    ]:
        value = statistics.median(results[name])
        print(f"{label:<44}{value * 1000:>10.3f}{service / value:>14.2f}")
    if args.demo_units:
        runs = [time_demo(args.demo_units) for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs)
        print(
            f"\nkiemtra demo --units {args.demo_units}: median {seconds:.2f} s, "
            f"peak memory {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
