"""Start time of the bundled program (PyInstaller folder) against the source install.

    .venv/bin/python benchmarks/frozen_start.py [--dist dist/kiemtra] [--runs 5]

Builds the folder first if it is missing. Measures, median of the runs, each in a fresh
process: `kiemtra --help`, `kiemtra checklists list --json` on a `demo --units 2000`
database, and the window from process start to shown and ready (offscreen), for both.
Also prints the size of the folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def timed(command: list[str], env: dict[str, str], until: str | None = None) -> float:
    started = time.perf_counter()
    if until is None:
        subprocess.run(
            command,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        return time.perf_counter() - started
    child = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == until:
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{command[0]} never printed {until!r}")
    child.wait(timeout=60)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "kiemtra")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=2000)
    args = parser.parse_args()
    if not (args.dist / "kiemtra").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--log-level",
                "WARN",
                "--distpath",
                str(args.dist.parent),
                str(ROOT / "packaging" / "kiemtra.spec"),
            ],
            check=True,
            cwd=ROOT,
        )
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "KIEMTRA_HOME": tmp,
            "QT_QPA_PLATFORM": "offscreen",
            "KIEMTRA_EXIT_WHEN_READY": "1",
        }
        db = str(Path(tmp) / "demo.sqlite3")
        source = [sys.executable, "-m", "qt_app"]
        frozen = [str(args.dist / "kiemtra")]
        subprocess.run(
            [*source, "--db", db, "demo", "--units", str(args.units)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        cases = [
            ("kiemtra --help", ["--help"], None),
            ("checklists list --json", ["--db", db, "checklists", "list", "--json"], None),
            ("window shown and ready", ["--db", db], "ready"),
        ]
        print(
            f"median of {args.runs} runs, fresh process each; folder "
            f"{folder_size(args.dist) / 1_048_576:.0f} MB"
        )
        print(f"{'what':<26}{'source s':>10}{'bundled s':>11}{'bundled/source':>16}")
        for name, extra, until in cases:
            results = {}
            for label, base in (("source", source), ("bundled", frozen)):
                timed([*base, *extra], env, until)  # warm the file cache once
                results[label] = statistics.median(
                    timed([*base, *extra], env, until) for _ in range(args.runs)
                )
            print(
                f"{name:<26}{results['source']:>10.3f}{results['bundled']:>11.3f}"
                f"{results['bundled'] / results['source']:>16.2f}"
            )


if __name__ == "__main__":
    main()
