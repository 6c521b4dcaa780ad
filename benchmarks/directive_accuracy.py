"""Item-tree accuracy of directive import on the paper corpus, printed and scanned.

    .venv/bin/python benchmarks/directive_accuracy.py     (or import_directive.py --accuracy)

Each directive of tests/directive_corpus.py is rendered to a PDF with a text layer and
scanned three times (pages rasterised at 200 dpi, turned 0.8°, 1.5° or -1.2° with every other
page the other way, speckled, blurred, a web address stamped at the foot of the first), and
all are imported. Its truth is the item tree its text gives. Columns:
items in the truth; items at the right place (code and words exactly, for a scan the code
and words at least 90 % alike); header fields right (of those the paper shows); numbers the
importer repaired (a warning on each); items it flagged as unsure (a number skipped or
starting again, OCR confidence low); seconds.

    .venv/bin/python benchmarks/directive_accuracy.py --proposals

prints only the second table: the roles, addressees and valid-until dates the importer
proposes for the five real directives, against the reviewed checklists (per field: exact,
partial — some of the reviewer's addressees and no one else —, missed, wrong, and quiet —
nothing to decide and nothing proposed).
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.directive_import import ImportResult, import_directive  # noqa: E402
from models.directive_import.items import warnings_of  # noqa: E402
from tests.directive_corpus import corpus, tree  # noqa: E402
from tests.directive_papers import render, scan  # noqa: E402

SCANS = [(3, 0.8, "congbao.example.vn"), (11, 1.5, None), (23, -1.2, None)]


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def score(result: ImportResult, truth: ImportResult, exact: bool) -> tuple[int, int]:
    """(items at the right place, items in the truth)."""
    want, got = tree(truth), dict(tree(result))
    right = 0
    for code, words in want:
        if code in got and (got[code] == words if exact else _alike(got[code], words) >= 0.9):
            right += 1
    return right, len(want)


def header_score(result: ImportResult, expected: dict[str, object]) -> str:
    d = result.directive
    right = sum(1 for field, value in expected.items() if getattr(d, field) == value)
    return f"{right}/{len(expected)}"


def counts(result: ImportResult) -> tuple[int, int]:
    repaired = unsure = 0
    for item, _depth, _parent in result.walk():
        warnings = warnings_of(item)
        repaired += any("Số mục in là" in w for w in warnings)
        unsure += any("Số mục in là" not in w for w in warnings)  # doubts: jumps, restarts…
    return repaired, unsure


def print_accuracy() -> None:
    rows = [["directive", "form", "items", "right place", "header", "repaired", "unsure", "s"]]
    totals: dict[str, list[int]] = {"PDF": [0, 0], "scan": [0, 0]}
    for name, case in corpus().items():
        truth = import_directive(case.truth, name="typed.txt")
        printed = render(case.paper)
        forms = [("PDF", printed)] + [
            (f"scan {angle:+.1f}°", scan(printed, seed=seed, angle=angle, stamp=stamp))
            for seed, angle, stamp in SCANS
        ]
        for form, raw in forms:
            started = time.perf_counter()
            result = import_directive(raw, name=f"{name}.pdf")
            elapsed = time.perf_counter() - started
            right, total = score(result, truth, exact=form == "PDF")
            kind = "PDF" if form == "PDF" else "scan"
            totals[kind][0] += right
            totals[kind][1] += total
            repaired, unsure = counts(result)
            rows.append(
                [
                    name,
                    form,
                    str(total),
                    f"{right} ({100 * right / total:.0f} %)",
                    header_score(result, case.header),
                    str(repaired),
                    str(unsure),
                    f"{elapsed:.2f}",
                ]
            )
    for form, (right, total) in totals.items():
        rows.append(
            ["all", form, str(total), f"{right} ({100 * right / total:.1f} %)", "", "", "", ""]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print("Item-tree accuracy on the paper corpus (truth: the tree of the directive's text)")
    for n, row in enumerate(rows):
        print(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_proposals() -> None:
    from tests.test_directive_roles import FIELDS, proposal_accuracy

    rows = [["directive", *FIELDS]]
    for name, fields in proposal_accuracy().items():
        rows.append([name, *(fields[f].cells() for f in FIELDS)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print("Proposed roles and addressees against the reviewed checklists")
    print("(each cell: exact/partial/missed/wrong/quiet items)")
    for n, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    if "--proposals" not in sys.argv:
        print_accuracy()
        print()
    print_proposals()
