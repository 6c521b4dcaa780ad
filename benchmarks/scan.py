"""Reading scanned forms over the corpus made from our own forms (tests/scan_corpus.py).

    .venv/bin/python benchmarks/scan.py            # the whole corpus, 3 runs
    .venv/bin/python benchmarks/scan.py --quick    # the fast tier's few cases
    .venv/bin/python benchmarks/scan.py --runs 5

Forms of 3, 15 and 40 items, marked as people mark them and degraded as scanners and
phones do (150/200/300 dpi × clean, rotated, perspective, blur, JPEG 40, noise, fold,
upside down), pages shuffled, a page of another unit's form among them. Prints, per
degradation and in total: boxes read right (the reading is the truth: ticked, empty, or
unclear where a person must look), boxes left unclear (and of them, those whose mark was
in fact clear), boxes read wrong while marked certain (must be 0), and pages per second
(median of the runs; reading only, the corpus is made once before).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kiemtra-scan-bench-"))
    os.environ["KIEMTRA_HOME"] = str(folder / "home")

    from models.audit import Editor
    from models.opening import open_database
    from reports.scan_import import read_images
    from reports.scan_marks import UNCLEAR
    from tests import scan_corpus as corpus

    database = open_database(folder / "kiemtra.sqlite3")
    units = corpus.prepare(database, Editor(database.device.id, "benchmark"))
    cases = corpus.quick_cases() if args.quick else corpus.all_cases()
    made = time.perf_counter()
    batches = [(case, corpus.make_case(database, units, case, folder)) for case in cases]
    other = corpus.other_form_page(database, units, folder, 999)
    batches[0][1].insert(1, other)  # a page of another form, in the first file
    made = time.perf_counter() - made
    pages = sum(len(b) for _, b in batches)

    # boxes, right, unclear, wrong while certain, unclear where the truth was clear
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    timings = []
    for run in range(args.runs):
        started = time.perf_counter()
        results = []
        for case, corpus_pages in batches:
            with database.session() as session:
                results.append(
                    (case, corpus_pages, read_images(session, [p.image for p in corpus_pages]))
                )
        timings.append(time.perf_counter() - started)
        if run:
            continue
        for case, corpus_pages, batch in results:
            truth = {(p.form, p.truth.page): p.truth for p in corpus_pages if p.truth}
            for form in batch.forms:
                which = "other" if form.code.unit_id == str(units["other"]) else str(case.items)
                for number, page in form.pages.items():
                    expected = truth[(which, number)]
                    for row in page.rows:
                        for box, state in zip(row.boxes, expected.boxes[row.code], strict=True):
                            for key in (case.how, f"{case.dpi} dpi", "total"):
                                tally = counts[key]
                                tally[0] += 1
                                tally[1] += box.state == state
                                tally[2] += box.state == UNCLEAR
                                tally[3] += box.state not in (state, UNCLEAR)
                                tally[4] += box.state == UNCLEAR and state != UNCLEAR
            for page in batch.refused:
                print(f"refused: {page.source}: {page.problem.en if page.problem else '?'}")

    print(f"corpus: {len(batches)} forms, {pages} pages (made in {made:.1f} s)")
    print(
        f"{'':<14}{'boxes':>7}{'right':>9}{'unclear':>9}{'of them clear':>15}{'wrong+certain':>15}"
    )
    for key in [*corpus.DEGRADATIONS, "150 dpi", "200 dpi", "300 dpi", "total"]:
        if key not in counts:
            continue
        boxes, right, unclear, wrong, needless = counts[key]
        print(
            f"{key:<14}{boxes:>7}{100 * right / boxes:>8.2f}%{100 * unclear / boxes:>8.2f}%"
            f"{100 * needless / boxes:>14.2f}%{wrong:>15}"
        )
    median = statistics.median(timings)
    print(f"pages per second: {pages / median:.2f} (median of {args.runs} runs, {median:.1f} s)")
    boxes, right, _, wrong, _ = counts["total"]
    return 0 if wrong == 0 and right / boxes >= 0.995 else 1


if __name__ == "__main__":
    raise SystemExit(main())
