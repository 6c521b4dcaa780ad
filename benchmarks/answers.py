"""Recording answers: the service (checked, committed and audited one by one) against raw
sqlite3 writing and committing the same rows with the same pragmas.

    .venv/bin/python benchmarks/answers.py [--answers 3000] [--runs 5] [--profile 15]

Each writer has its own copy of the same database. The writers take turns in blocks of
answers (the order rotating), so a burst of load on a shared machine falls on all of them.
Prints the median over runs of each writer's median time per answer, and the ratio; the
same for CPU time, which waiting on a disk that others keep busy does not inflate.
``--profile N`` also prints the N costliest functions of one service run (cProfile).
Also times `kiemtra demo --units 2000` (wall time and peak memory, in a child process).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.audit import Editor  # noqa: E402
from models.catalog import get_version  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.opening import open_database  # noqa: E402
from models.queries.items import version_items  # noqa: E402
from models.services.answers import record_answer  # noqa: E402
from models.services.assessments import start_assessment  # noqa: E402
from models.services.units import create_unit  # noqa: E402

STATUSES = ["dat", "chua-dat", "mot-phan", "khong-ap-dung"]
WRITERS = {
    "service": "service: record_answer (checked + audited)",
    "raw": "raw sqlite3: insert answer + commit",
    "raw+audit": "raw sqlite3: insert answer + audit + commit",
}
BLOCK = 100  # answers a writer records before the next one takes its turn

Target = tuple[uuid.UUID, uuid.UUID]
Write = Callable[[int, Target], None]


def prepare(folder: Path, answers: int) -> tuple[Path, Editor, list[Target]]:
    """A database with enough draft assessments for ``answers`` unanswered items."""
    device = LocalDevice(uuid.uuid4(), "bench")
    path = folder / "service.sqlite3"
    database = open_database(path, device=device)
    editor = Editor(device.id, "Người đo")
    targets = []
    with database.session() as session:
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        asked = version_items(session, version.id, "htx", "HTX", "2021-W38")
        items = [item.item_id for item in asked if item.asked]  # what a cooperative answers
        for n in range(-(-answers // len(items))):
            unit = create_unit(session, editor, f"HTX số {n}", "htx", commit=False)
            assessment = start_assessment(
                session, editor, unit, version.id, "2021-W38", commit=False
            )
            targets.extend((assessment, item) for item in items)
        session.commit()
    database.close()
    return path, editor, targets[:answers]


@contextmanager
def service_writer(path: Path, editor: Editor) -> Iterator[Write]:
    database = open_database(path, device=LocalDevice(editor.device_id, "bench"))
    session = database.session()

    def write(n: int, target: Target) -> None:
        record_answer(session, editor, target[0], target[1], STATUSES[n % 4])

    try:
        yield write
    finally:
        session.close()
        database.close()


@contextmanager
def raw_writer(path: Path, device: uuid.UUID, with_audit: bool) -> Iterator[Write]:
    """The same rows into the same tables (same indexes, triggers, foreign keys and pragmas),
    one commit per answer, nothing checked. A plain BEGIN: its first insert takes the write
    lock that the service takes at BEGIN IMMEDIATE, a little cheaper to parse."""
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "busy_timeout = 5000",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
    ):
        con.execute(f"PRAGMA {pragma}")

    def write(n: int, target: Target) -> None:
        assessment, item = target
        answer_id = uuid.uuid4().hex
        now = dt.datetime.now(dt.UTC).isoformat(" ", "microseconds")[:26]  # as SQLAlchemy
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

    try:
        yield write
    finally:
        con.close()


def written(path: Path) -> list[object]:
    """What a writer left: its answers and answer audit entries, counted, by shape."""
    queries = (
        "SELECT status, length(id), length(created_at), length(updated_at), length(device_id),"
        " value_number, note, answered_by, revision FROM answers",
        "SELECT new_value, length(id), length(at), length(device_id), actor, entity,"
        " length(entity_id), length(assessment_id), length(item_id), old_value, reason"
        " FROM audit_entries WHERE action = 'answer'",
    )
    con = sqlite3.connect(path)
    try:
        return [Counter(con.execute(query).fetchall()) for query in queries]
    finally:
        con.close()


def one_run(folder: Path, answers: int) -> tuple[dict[str, tuple[float, float]], float]:
    """Each writer's median seconds per answer, wall and CPU, the writers taking turns; and
    the median over turns of service / raw+audit within a turn (the same moment's load)."""
    pristine, editor, targets = prepare(folder, answers)
    paths = {name: folder / f"{name}.sqlite3" for name in WRITERS}
    for name in ("raw", "raw+audit"):
        shutil.copyfile(pristine, paths[name])
    timings: dict[str, list[float]] = {name: [] for name in WRITERS}
    cpu: dict[str, list[float]] = {name: [] for name in WRITERS}
    paired: list[float] = []
    with (
        service_writer(paths["service"], editor) as service,
        raw_writer(paths["raw"], editor.device_id, False) as raw,
        raw_writer(paths["raw+audit"], editor.device_id, True) as raw_audit,
    ):
        writers = [("service", service), ("raw", raw), ("raw+audit", raw_audit)]
        for turn, first in enumerate(range(0, len(targets), BLOCK)):
            shift = turn % len(writers)
            for name, write in writers[shift:] + writers[:shift]:
                spent, used = timings[name], cpu[name]
                for n in range(first, min(first + BLOCK, len(targets))):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    write(n, targets[n])
                    spent.append(time.perf_counter() - start)
                    used.append(time.process_time() - start_cpu)
            turn_of = {name: statistics.median(timings[name][first:]) for name in WRITERS}
            paired.append(turn_of["service"] / turn_of["raw+audit"])
    shapes = {name: written(path) for name, path in paths.items()}
    if shapes["service"] != shapes["raw+audit"] or shapes["service"][:1] != shapes["raw"][:1]:
        raise SystemExit(f"the writers did not write the same rows: {shapes}")
    medians = {
        name: (statistics.median(timings[name]), statistics.median(cpu[name])) for name in WRITERS
    }
    return medians, statistics.median(paired)


def profile(folder: Path, answers: int, top: int) -> None:
    path, editor, targets = prepare(folder, answers)
    profiler = cProfile.Profile()
    with service_writer(path, editor) as write:
        profiler.enable()
        for n, target in enumerate(targets):
            write(n, target)
        profiler.disable()
    print(f"\ncProfile of record_answer over {answers} answers (top {top} by own time):")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


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
    parser.add_argument("--answers", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demo-units", type=int, default=2000)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    results: dict[str, list[float]] = {name: [] for name in WRITERS}
    cpu: dict[str, list[float]] = {name: [] for name in WRITERS}
    paired: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            os.environ["KIEMTRA_HOME"] = folder
            medians, turns = one_run(Path(folder), args.answers)
            for name, (wall, used) in medians.items():
                results[name].append(wall)
                cpu[name].append(used)
            paired.append(turns)
    print(
        f"{args.answers} answers, each in its own transaction and commit; {args.runs} runs, "
        f"writers taking turns in blocks of {BLOCK}"
    )
    print(
        f"{'what':<46}{'ms/answer':>10}{'runs min–max':>16}{'service/this':>14}"
        f"{'CPU ms':>9}{'service/this':>14}"
    )
    service = statistics.median(results["service"])
    service_cpu = statistics.median(cpu["service"])
    for name, label in WRITERS.items():
        values = results[name]
        value, used = statistics.median(values), statistics.median(cpu[name])
        spread = f"{min(values) * 1000:.3f}–{max(values) * 1000:.3f}"
        print(
            f"{label:<46}{value * 1000:>10.3f}{spread:>16}{service / value:>14.2f}"
            f"{used * 1000:>9.3f}{service_cpu / used:>14.2f}"
        )
    ratios = [s / r for s, r in zip(results["service"], results["raw+audit"], strict=True)]
    print("service / raw+audit, run by run: " + " ".join(f"{r:.2f}" for r in ratios))
    print(
        f"service / raw+audit paired turn by turn: median {statistics.median(paired):.2f}; "
        "run by run: " + " ".join(f"{r:.2f}" for r in paired)
    )
    if args.profile:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["KIEMTRA_HOME"] = folder
            profile(Path(folder), args.answers, args.profile)
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
