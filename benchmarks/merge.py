"""Merging a field bundle into a large office database.

    .venv/bin/python benchmarks/merge.py [--office-units 2000] [--sizes 100 250 500 1000]

The office database is `kiemtra demo --units 2000`; each bundle holds N new assessments of a
50-item checklist (so 500 assessments ≈ 25,000 answers, with their audit entries). Prints,
per size, the median over runs of: reading and checking the bundle, planning the merge,
applying it (one transaction), the per-answer cost, and raw sqlite3 `executemany` inserting
the same answer and audit rows into a copy of the same database, for the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.audit import Editor  # noqa: E402
from models.bundle import read_bundle  # noqa: E402
from models.bundle_export import export_bundle  # noqa: E402
from models.bundle_merge import apply_merge, plan_merge  # noqa: E402
from models.catalog import install_checklist  # noqa: E402
from models.checklist_file import ChecklistSpec, DirectiveSpec, ItemSpec  # noqa: E402
from models.demo import generate_demo  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.opening import open_database  # noqa: E402
from models.services.answers import record_answer  # noqa: E402
from models.services.assessments import start_assessment  # noqa: E402
from models.services.units import create_unit  # noqa: E402

STATUSES = ["dat", "chua-dat", "mot-phan", "khong-ap-dung"]


def bench_checklist() -> ChecklistSpec:
    items = [
        ItemSpec(
            code=str(n),
            label=f"{n}.",
            requirement=f"Yêu cầu số {n}",
            source=f"Nội dung mục {n} của văn bản thử.",
        )
        for n in range(1, 51)
    ]
    directive = DirectiveSpec(
        "99/KH-BENCH",
        "Kế hoạch",
        "Ban đo đạc",
        "Quảng Ninh",
        dt.date(2021, 10, 1),
        None,
        "V/v đo tốc độ",
        "bench.txt",
        True,
        "Văn bản thử",
    )
    return ChecklistSpec("bench-50", 1, "Danh mục 50 mục", directive, items, "0" * 64, "bench.yaml")


def install(database) -> None:
    with database.begin() as session:
        install_checklist(session, bench_checklist(), origin="user", device_id=database.device.id)


def make_bundle(folder: Path, count: int) -> tuple[Path, int]:
    device = LocalDevice(uuid.uuid4(), "laptop")
    laptop = open_database(folder / f"laptop-{count}.sqlite3", device=device)
    install(laptop)
    editor = Editor(device.id, "Thanh tra")
    with laptop.session() as session:
        from models.catalog import get_version

        version = get_version(session, "bench-50")
        items = [item.id for item in version.items]
        for n in range(count):
            unit = create_unit(session, editor, f"HTX thực địa {n}", "htx", commit=False)
            assessment = start_assessment(
                session, editor, unit, version.id, "2021-W40", commit=False
            )
            for k, item in enumerate(items):
                record_answer(
                    session, editor, assessment, item, STATUSES[(n + k) % 4], commit=False
                )
        session.commit()
    path = folder / f"field-{count}.ktb"
    export_bundle(laptop, path)
    laptop.close()
    return path, count * len(items)


def raw_insert(database_file: Path, bundle_path: Path) -> float:
    bundle = read_bundle(bundle_path)
    answers = [
        (
            r["id"].hex,
            r["created_at"].isoformat(),
            r["updated_at"].isoformat(),
            r["device_id"].hex,
            r["assessment_id"].hex,
            r["item_id"].hex,
            r["status"],
            r["note"],
            r["answered_by"],
            r["revision"],
        )
        for r in bundle.records["answers"]
    ]
    audits = [
        (
            r["id"].hex,
            r["at"].isoformat(),
            r["device_id"].hex,
            r["actor"],
            r["action"],
            r["entity"],
            r["entity_id"].hex,
            r["assessment_id"].hex if r["assessment_id"] else None,
            r["item_id"].hex if r["item_id"] else None,
            "null",
            "null",
        )
        for r in bundle.records["audit_entries"]
    ]
    con = sqlite3.connect(database_file, isolation_level=None)
    con.execute("PRAGMA foreign_keys = OFF")  # the parents are not there in the raw copy
    con.execute("PRAGMA synchronous = FULL")
    start = time.perf_counter()
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO answers (id, created_at, updated_at, device_id, assessment_id,"
        " item_id, status, value_number, note, answered_by, revision) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
        answers,
    )
    con.executemany(
        "INSERT INTO audit_entries (id, at, device_id, actor, action, entity,"
        " entity_id, assessment_id, item_id, old_value, new_value) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        audits,
    )
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--office-units", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 250, 500, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KIEMTRA_HOME"] = str(folder / "home")
        office_template = folder / "office.sqlite3"
        office = open_database(office_template, device=LocalDevice(uuid.uuid4(), "office"))
        generate_demo(office, units=args.office_units, seed=1)
        install(office)
        office.close()
        print(
            f"office: kiemtra demo --units {args.office_units} "
            f"({office_template.stat().st_size // 1_048_576} MB); median of {args.runs} runs"
        )
        print(
            f"{'assessments':>11}{'answers':>9}{'read s':>8}{'plan s':>8}{'apply s':>9}"
            f"{'total s':>9}{'µs/answer':>11}{'raw s':>8}{'ratio':>7}"
        )
        for size in args.sizes:
            bundle, answers = make_bundle(folder, size)
            timings: dict[str, list[float]] = {"read": [], "plan": [], "apply": [], "raw": []}
            for run in range(args.runs):
                copy = folder / f"office-{size}-{run}.sqlite3"
                shutil.copyfile(office_template, copy)
                raw_copy = folder / f"raw-{size}-{run}.sqlite3"
                shutil.copyfile(office_template, raw_copy)
                database = open_database(copy, device=LocalDevice(uuid.uuid4(), "office"))
                with database.session() as session:
                    t0 = time.perf_counter()
                    loaded = read_bundle(bundle)
                    t1 = time.perf_counter()
                    plan = plan_merge(session, loaded)
                    t2 = time.perf_counter()
                    apply_merge(session, plan)
                    t3 = time.perf_counter()
                database.close()
                timings["read"].append(t1 - t0)
                timings["plan"].append(t2 - t1)
                timings["apply"].append(t3 - t2)
                timings["raw"].append(raw_insert(raw_copy, bundle))
            med = {key: statistics.median(values) for key, values in timings.items()}
            total = med["read"] + med["plan"] + med["apply"]
            print(
                f"{size:>11}{answers:>9}{med['read']:>8.2f}{med['plan']:>8.2f}"
                f"{med['apply']:>9.2f}{total:>9.2f}{total / answers * 1e6:>11.1f}"
                f"{med['raw']:>8.2f}{total / med['raw']:>7.1f}"
            )


if __name__ == "__main__":
    main()
