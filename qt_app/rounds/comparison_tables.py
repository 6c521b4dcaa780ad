"""Qt table models of a round's comparison of self-assessments and inspections: the units
compared, one unit item by item, and the tallies per requirement or per area. They hold the
plain values of ``models.queries.comparison``, read in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from models.queries.comparison import ItemPair, Tally, UnitComparison
from models.vocabulary import AGREEMENT, ANSWER_STATUSES, COMPARISON_WORDS, NOTHING, label_of
from qt_app.i18n import language
from qt_app.rounds.tables import ROW_ROLE, Index, percent

OVERSTATED_COLOUR = "#c62828"


def word(key: str) -> str:
    return label_of(COMPARISON_WORDS, key, language())


def answer_text(status: str | None) -> str:
    return label_of(ANSWER_STATUSES, status, language()) if status else NOTHING


class ComparedUnitModel(QAbstractTableModel):
    """Units whose self-assessment and inspection were compared, most overstated first."""

    UNIT, CHECKLIST, SELF, INSPECTION, AGREEMENT, OVERSTATED = range(6)
    WORDS = ("unit", "", "self_compliance", "inspection_compliance", "agreement", "overstated")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UnitComparison] = []

    def load(self, rows: list[UnitComparison]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.CHECKLIST:
                return self.tr("Danh mục")
            return label_of(COMPARISON_WORDS, self.WORDS[section], language())
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                row.unit_name,
                row.checklist,
                percent(row.self_compliance),
                percent(row.inspection_compliance),
                percent(row.agreement),
                str(row.overstated),
            ][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.SELF:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OVERSTATED and row.overstated:
            return QBrush(QColor(OVERSTATED_COLOUR))
        return None


class PairModel(QAbstractTableModel):
    """One unit, item by item: its own answer and note beside the inspector's."""

    CODE, REQUIREMENT, OWN, OWN_NOTE, INSPECTED, INSPECTED_NOTE, VERDICT = range(7)
    WORDS = ("code", "requirement", "own", "own_note", "inspected", "inspected_note", "verdict")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ItemPair] = []

    def load(self, rows: list[ItemPair]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return word(self.WORDS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair = self.rows[index.row()]
        if role == ROW_ROLE:
            return pair
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return [
                f"{pair.code} ★" if pair.critical else pair.code,
                pair.requirement,
                answer_text(pair.own_status),
                pair.own_note,
                answer_text(pair.inspected_status),
                pair.inspected_note,
                label_of(AGREEMENT, pair.verdict, language()),
            ][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and pair.verdict == "overstated":
            return QBrush(QColor(OVERSTATED_COLOUR))
        return None


class TallyModel(QAbstractTableModel):
    """Per requirement or per area: units, items compared, agreement, overstated."""

    NAME, UNITS, COMPARED, AGREEMENT, OVERSTATED = range(5)

    def __init__(self, first: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.first = first  # "requirement" or "area"
        self.rows: list[Tally] = []

    def load(self, rows: list[Tally]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return word((self.first, "units", "compared", "agreement", "overstated")[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tally = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return tally
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                if self.first == "area":
                    return "    " * tally.depth + tally.name
                return f"{tally.key} {'★ ' if tally.critical else ''}— {tally.name}"
            return [
                str(tally.units),
                str(tally.compared),
                percent(tally.agreement),
                str(tally.overstated),
            ][column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return tally.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OVERSTATED:
            return QBrush(QColor(OVERSTATED_COLOUR)) if tally.overstated else None
        return None
