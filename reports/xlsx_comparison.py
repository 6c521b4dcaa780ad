"""A round's comparison of self-assessments and inspections as a workbook, one sheet per
view (by unit, by requirement, by area, item by item), written in write-only mode; every
text a user typed or a name is a text cell."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from models.queries.comparison import RoundComparison
from models.vocabulary import AGREEMENT, ANSWER_STATUSES, COMPARISON_WORDS, label_of
from reports import save_workbook
from reports.cells import BOLD, text_cell, value_cell


def _words(*keys: str) -> list[str]:
    return [label_of(COMPARISON_WORDS, key) for key in keys]


def write_comparison(comparison: RoundComparison, path: Path) -> Path:
    book = Workbook(write_only=True)
    units = book.create_sheet(label_of(COMPARISON_WORDS, "by_unit"))
    units.append([text_cell(units, comparison.round.name, font=BOLD)])
    units.append([text_cell(units, comparison.basis())])
    units.append(
        [
            text_cell(units, h, font=BOLD)
            for h in _words(
                "unit",
                "self_compliance",
                "inspection_compliance",
                "compared",
                "agreement",
                "overstated",
            )
        ]
    )
    for u in comparison.units:
        units.append(
            [
                text_cell(units, u.unit_name),
                value_cell(units, u.self_compliance),
                value_cell(units, u.inspection_compliance),
                u.compared,
                value_cell(units, u.agreement),
                u.overstated,
            ]
        )
    items = book.create_sheet(label_of(COMPARISON_WORDS, "by_item"))
    items.append(
        [
            text_cell(items, h, font=BOLD)
            for h in _words(
                "checklist", "code", "requirement", "units", "compared", "agreement", "overstated"
            )
        ]
    )
    for t in comparison.items:
        items.append(
            [
                text_cell(items, t.document or t.checklist),
                text_cell(items, t.key),
                text_cell(items, t.name),
                t.units,
                t.compared,
                value_cell(items, t.agreement),
                t.overstated,
            ]
        )
    areas = book.create_sheet(label_of(COMPARISON_WORDS, "by_area"))
    areas.append(
        [
            text_cell(areas, h, font=BOLD)
            for h in _words("area", "units", "compared", "agreement", "overstated")
        ]
    )
    for t in [*comparison.areas, comparison.totals]:
        areas.append(
            [
                text_cell(areas, "   " * t.depth + t.name),
                t.units,
                t.compared,
                value_cell(areas, t.agreement),
                t.overstated,
            ]
        )
    pairs = book.create_sheet(label_of(COMPARISON_WORDS, "title")[:31])
    pairs.append(
        [
            text_cell(pairs, h, font=BOLD)
            for h in _words(
                "unit",
                "checklist",
                "code",
                "requirement",
                "own",
                "own_note",
                "inspected",
                "inspected_note",
                "verdict",
            )
        ]
    )
    for u in comparison.units:
        for p in u.items:
            pairs.append(
                [
                    text_cell(pairs, u.unit_name),
                    text_cell(pairs, u.document or u.checklist),
                    text_cell(pairs, p.code),
                    text_cell(pairs, p.requirement),
                    text_cell(
                        pairs, label_of(ANSWER_STATUSES, p.own_status) if p.own_status else ""
                    ),
                    text_cell(pairs, p.own_note),
                    text_cell(
                        pairs,
                        label_of(ANSWER_STATUSES, p.inspected_status) if p.inspected_status else "",
                    ),
                    text_cell(pairs, p.inspected_note),
                    text_cell(pairs, label_of(AGREEMENT, p.verdict)),
                ]
            )
    return save_workbook(book, Path(path))
