"""Qt table models of a round's comparison of self-assessments and inspections: the units
compared, one unit item by item, and the tallies per requirement (with its checklist) or per
area. They hold the plain values of ``models.queries.comparison``, read in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from models.queries.comparison import ItemPair, Tally, UnitComparison
from models.vocabulary import AGREEMENT, ANSWER_STATUSES, COMPARISON_WORDS, NOTHING, label_of
from qt_app.i18n import language
from qt_app.rounds.tables import percent
from qt_app.tables import RED, RowTable


def word(key: str) -> str:
    return label_of(COMPARISON_WORDS, key, language())


def answer_text(status: str | None) -> str:
    return label_of(ANSWER_STATUSES, status, language()) if status else NOTHING


class ComparedUnitModel(RowTable):
    """Units whose self-assessment and inspection were compared, most overstated first."""

    UNIT, CHECKLIST, SELF, INSPECTION, AGREEMENT, OVERSTATED = range(6)
    WORDS = (
        "unit",
        "checklist",
        "self_compliance",
        "inspection_compliance",
        "agreement",
        "overstated",
    )

    def headers(self) -> list[str]:
        return [word(key) for key in self.WORDS]

    def display(self, row: UnitComparison, column: int) -> str:
        return [
            row.unit_name,
            row.document or row.checklist,
            percent(row.self_compliance),
            percent(row.inspection_compliance),
            percent(row.agreement),
            str(row.overstated),
        ][column]

    def right_aligned(self, column: int) -> bool:
        return column >= self.SELF

    def foreground(self, row: UnitComparison, column: int) -> str | None:
        return RED if column == self.OVERSTATED and row.overstated else None


class PairModel(RowTable):
    """One unit, item by item: its own answer and note beside the inspector's."""

    CODE, REQUIREMENT, OWN, OWN_NOTE, INSPECTED, INSPECTED_NOTE, VERDICT = range(7)
    WORDS = ("code", "requirement", "own", "own_note", "inspected", "inspected_note", "verdict")

    def headers(self) -> list[str]:
        return [word(key) for key in self.WORDS]

    def display(self, pair: ItemPair, column: int) -> str:
        return [
            f"{pair.code} ★" if pair.critical else pair.code,
            pair.requirement,
            answer_text(pair.own_status),
            pair.own_note,
            answer_text(pair.inspected_status),
            pair.inspected_note,
            label_of(AGREEMENT, pair.verdict, language()),
        ][column]

    def foreground(self, pair: ItemPair, column: int) -> str | None:
        return RED if pair.verdict == "overstated" else None

    def other(self, pair: ItemPair, column: int, role: int) -> Any:
        return self.display(pair, column) if role == Qt.ItemDataRole.ToolTipRole else None


class TallyModel(RowTable):
    """Per requirement (its checklist, then code and words) or per area: units, items
    compared, agreement, overstated."""

    FIGURES = ("units", "compared", "agreement", "overstated")

    def __init__(self, first: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.first = first  # "requirement" or "area"
        named = ("checklist", "requirement") if first == "requirement" else ("area",)
        self.columns = (*named, *self.FIGURES)

    def headers(self) -> list[str]:
        return [word(key) for key in self.columns]

    def display(self, tally: Tally, column: int) -> str:
        key = self.columns[column]
        if key == "checklist":
            return tally.document or tally.checklist
        if key == "requirement":
            return f"{tally.key} {'★ ' if tally.critical else ''}— {tally.name}"
        if key == "area":
            return "    " * tally.depth + tally.name
        return {
            "units": str(tally.units),
            "compared": str(tally.compared),
            "agreement": percent(tally.agreement),
            "overstated": str(tally.overstated),
        }[key]

    def right_aligned(self, column: int) -> bool:
        return self.columns[column] in self.FIGURES

    def foreground(self, tally: Tally, column: int) -> str | None:
        return RED if self.columns[column] == "overstated" and tally.overstated else None

    def other(self, tally: Tally, column: int, role: int) -> Any:
        named = self.columns[column] in ("requirement", "area")
        return tally.name if role == Qt.ItemDataRole.ToolTipRole and named else None
