"""The item table of one assessment: a table model over plain rows, and the filters above it.

A checklist has at most a few dozen items, so the model holds them all; a reset happens only
when another assessment is loaded, and every answer, note or action changes one cell.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.queries.items import Action, Evidence, ItemRow
from models.scoring import Tally
from models.text import fold
from models.vocabulary import ANSWER_STATUSES, COMPARISON_WORDS, ITEM_MARKS
from qt_app.i18n import pick
from reports.rows import requirement_text

Index = QModelIndex | QPersistentModelIndex

CODE, REQUIREMENT, ANSWER, NOTE, ACTION = range(5)
# The unit's own answer and note beside an inspection's item (read-only; the view hides it
# unless an inspection of a unit with a self-assessment is open).
OWN = 5
# The plain ``ItemRow`` behind a row.
RowRole = Qt.ItemDataRole.UserRole + 1
ItemIdRole = Qt.ItemDataRole.UserRole + 2
# The answer as stored ("dat", "chua-dat", ... or None).
StatusRole = Qt.ItemDataRole.UserRole + 3
# True while the last change to the row could not be written.
UnsavedRole = Qt.ItemDataRole.UserRole + 4

ANSWER_COLOURS = {
    "dat": "#2e7d32",
    "chua-dat": "#c62828",
    "mot-phan": "#ef6c00",
    "khong-ap-dung": "#616161",
}
UNSAVED_COLOUR = "#b71c1c"
NOT_ASKED_COLOUR = "#9e9e9e"


class ItemTableModel(QAbstractTableModel):
    """Code, requirement, answer, note mark and action mark of each item."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRow] = []
        self._row_of: dict[uuid.UUID, int] = {}
        # Items whose last write failed, with the answer that was attempted.
        self._failed: dict[uuid.UUID, str | None] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._own: dict[str, tuple[str | None, str]] = {}

    # -- loading and changing: reset for a whole assessment, one cell for one change --

    def load(self, rows: list[ItemRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._row_of = {row.item_id: n for n, row in enumerate(rows)}
        self._failed.clear()
        self.endResetModel()

    def rows(self) -> list[ItemRow]:
        return self._rows

    def row_number(self, item_id: uuid.UUID) -> int:
        return self._row_of[item_id]

    def item(self, item_id: uuid.UUID) -> ItemRow:
        return self._rows[self._row_of[item_id]]

    def _replace(self, item_id: uuid.UUID, **changes: Any) -> None:
        """Rows are frozen values: a change puts a new row in the old one's place."""
        number = self._row_of[item_id]
        self._rows[number] = replace(self._rows[number], **changes)

    def _changed(self, item_id: uuid.UUID, column: int) -> None:
        cell = self.index(self._row_of[item_id], column)
        self.dataChanged.emit(cell, cell)

    def set_answer(self, item_id: uuid.UUID, status: str | None, revision: int) -> None:
        self._replace(item_id, status=status, revision=revision)
        self._failed.pop(item_id, None)
        self._changed(item_id, ANSWER)

    def mark_unsaved(self, item_id: uuid.UUID, attempted: str | None) -> None:
        self._failed[item_id] = attempted
        self._changed(item_id, ANSWER)

    def is_unsaved(self, item_id: uuid.UUID) -> bool:
        return item_id in self._failed

    def set_note(self, item_id: uuid.UUID, note: str, revision: int) -> None:
        self._replace(item_id, note=note, revision=revision)
        self._changed(item_id, NOTE)

    def set_action(self, item_id: uuid.UUID, action: Action | None) -> None:
        self._replace(item_id, action=action)
        self._changed(item_id, ACTION)

    def set_evidence(self, item_id: uuid.UUID, evidence: list[Evidence]) -> None:
        self._replace(item_id, evidence=tuple(evidence))
        self._changed(item_id, NOTE)

    def tally(self) -> Tally:
        """The score of what is saved, computed by the core's own rule."""
        tally = Tally()
        for row in self._rows:
            tally.add(row.weight, row.status, row.critical, row.code, row.asked)
        return tally

    def set_own_answers(self, own: dict[str, tuple[str | None, str]]) -> None:
        """The unit's own (answer, note) by item code, or nothing to show."""
        self._own = dict(own)
        if self._rows:
            self.dataChanged.emit(self.index(0, OWN), self.index(len(self._rows) - 1, OWN))

    def has_own_answers(self) -> bool:
        return bool(self._own)

    def _own_data(self, row: ItemRow, role: int) -> Any:
        status, note = self._own.get(row.code, (None, ""))
        said = pick(ANSWER_STATUSES[status]) if status else "—"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{said}\n{_shorten(note, 40)}" if note else said
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (said, note) if part)
        if role == Qt.ItemDataRole.ForegroundRole and status:
            return QBrush(QColor(ANSWER_COLOURS[status]))
        return None

    # -- the Qt model interface --

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if section == OWN:
            own = pick(COMPARISON_WORDS["own"])
            return (
                own if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) else None
            )
        # The note and action columns hold a mark each: their headers are the same marks
        # (named in the tooltip), so that a large text size leaves room for the requirement.
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Mã"), self.tr("Yêu cầu"), self.tr("Trả lời"), "✎", "⚑")[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Mã mục (★: trọng yếu)"),
                self.tr("Yêu cầu cần kiểm tra"),
                self.tr("Trả lời: phím 1 Đạt, 2 Chưa đạt, 3 Một phần, 0 Không áp dụng"),
                self.tr("Ghi chú và tệp minh chứng (✎ có ghi chú, +1 có một tệp)"),
                self.tr("Biện pháp khắc phục (⚑ đang mở, đỏ khi quá hạn; ✓ đã xong)"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == OWN and role in OWN_ROLES:
            return self._own_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and not row.asked:
            return QBrush(QColor(NOT_ASKED_COLOUR))  # greyed: not this unit's to answer
        if role == RowRole:
            return row
        if role == ItemIdRole:
            return row.item_id
        if role == StatusRole:
            return row.status
        if role == UnsavedRole:
            return row.item_id in self._failed
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == ANSWER:
            if row.item_id in self._failed:
                return QBrush(QColor(UNSAVED_COLOUR))
            return QBrush(QColor(ANSWER_COLOURS[row.status])) if row.status else None
        if role == Qt.ItemDataRole.ForegroundRole and column == ACTION and _overdue(row.action):
            return QBrush(QColor(UNSAVED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and column in (ANSWER, CODE):
            return self._bold if column == ANSWER or row.critical else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NOTE, ACTION):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, row: ItemRow, column: int) -> str:
        if column == CODE:
            return f"{row.code} ★" if row.critical else row.code
        if column == REQUIREMENT:
            return "    " * row.depth + requirement_text(row)
        if column == ANSWER:
            if not row.asked:
                return pick(ITEM_MARKS[row.not_asked or "not-addressed"])
            text = pick(ANSWER_STATUSES[row.status]) if row.status else "—"
            if row.item_id in self._failed:
                attempted = self._failed[row.item_id]
                text = pick(ANSWER_STATUSES[attempted]) if attempted else "—"
                return self.tr("Chưa lưu: %1").replace("%1", text)
            return text
        if column == NOTE:
            marks = ("✎" if row.note else "") + (f" +{len(row.evidence)}" if row.evidence else "")
            return marks.strip()
        if column == ACTION:
            if row.action is None:
                return ""
            return "✓" if row.action.done_on else "⚑"
        return ""

    def _tooltip(self, row: ItemRow, column: int) -> str | None:
        if column == REQUIREMENT:
            return row.requirement
        if column == CODE and row.critical:
            return self.tr("Mục trọng yếu: chưa đạt sẽ đánh dấu cả bài đánh giá")
        if column == ANSWER and row.item_id in self._failed:
            return self.tr("Thay đổi này chưa được lưu vào cơ sở dữ liệu.")
        if column == NOTE and (row.note or row.evidence):
            files = self.tr("%n tệp minh chứng", "", len(row.evidence)) if row.evidence else ""
            return "\n".join(part for part in (row.note, files) if part)
        if column == ACTION and row.action is not None:
            return row.action.what
        return None


OWN_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _overdue(action: Action | None) -> bool:
    return bool(action and action.due_on and not action.done_on and action.due_on < dt.date.today())


class ItemFilter(QSortFilterProxyModel):
    """Only the items of one theme, only unanswered, only failed, or matching a search."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._theme: str | None = None
        self._unanswered = False
        self._failed = False
        self._text = ""

    def set_filters(
        self,
        *,
        theme: str | None = None,
        unanswered: bool = False,
        failed: bool = False,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self._theme, self._unanswered, self._failed = theme, unanswered, failed
        self._text = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(self._theme or self._unanswered or self._failed or self._text)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ItemTableModel) or source_parent.isValid():
            return True
        row = model.rows()[source_row]
        if self._theme and self._theme not in row.themes:
            return False
        if self._unanswered and row.status is not None:
            return False
        if self._failed and row.status != "chua-dat":
            return False
        if self._text:
            haystack = fold(" ".join((row.code, row.requirement, row.source, row.note)))
            return self._text in haystack
        return True
