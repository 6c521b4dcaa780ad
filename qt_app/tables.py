"""The read-only row table every list of the window is built on (a round's areas and units,
the comparison, corrective actions, the audit trail), and the view that shows one.

Written once so that every such list selects, aligns, colours and hands back its rows the
same way; a table names its columns and says what a cell shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain value behind a row
RED = "#c62828"  # what needs a look: overdue, overstated
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def table_view(model: QAbstractTableModel, stretch: Sequence[int] = ()) -> QTableView:
    """A read-only list of whole rows, one chosen at a time, columns fitting their text;
    the ``stretch`` columns share the room left (without them, the last column takes it)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not stretch)
    return view


class RowTable(QAbstractTableModel):
    """A read-only table of plain values, one a row (``ROW_ROLE`` gives it back). A subclass
    names its columns and says what a cell shows; the Qt plumbing is written once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def right_aligned(self, column: int) -> bool:
        """Figures are aligned right."""
        return False

    def foreground(self, row: Any, column: int) -> str | None:
        """A colour for the cell's text, or None."""
        return None

    def other(self, row: Any, column: int, role: int) -> Any:
        """Any other role (tool tip, font, decoration)."""
        return None

    def load(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.right_aligned(column) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(row, column)
            return QBrush(QColor(colour)) if colour else None
        return self.other(row, column, role)
