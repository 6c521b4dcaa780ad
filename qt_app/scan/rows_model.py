"""The rows of one scanned form: what was read, what will be written, and why to look."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from models.vocabulary import ANSWER_STATUSES, label_of
from qt_app.i18n import language

CODE, READ, ANSWER, WHY = range(4)
#: The raw answer key of a row (None: leave the item as it is).
AnswerRole = Qt.ItemDataRole.UserRole + 1
#: True when a person must decide the row.
UnclearRole = Qt.ItemDataRole.UserRole + 2
UNCLEAR_COLOUR = QColor("#FFE08A")
CHOICES: list[str | None] = [None, *ANSWER_STATUSES]

Index = QModelIndex | QPersistentModelIndex


def answer_text(key: str | None) -> str:
    if key is None:
        return "—"
    return label_of(ANSWER_STATUSES, key, language())


class ScanRowsModel(QAbstractTableModel):
    """One ``ScannedForm``'s rows; the answer column is the person's decision."""

    def __init__(self, form: Any = None) -> None:
        super().__init__()
        self.form = form
        self.rows: list[Any] = list(form.rows) if form else []
        self.decided: set[str] = set()

    def set_form(self, form: Any) -> None:
        self.beginResetModel()
        self.form, self.rows = form, list(form.rows) if form else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Mục"),
            self.tr("Đọc được"),
            self.tr("Sẽ ghi"),
            self.tr("Cần xem vì"),
        )[section]

    def waiting(self) -> list[str]:
        """Unclear rows nobody has decided yet."""
        return [row.code for row in self.rows if row.unclear and row.code not in self.decided]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        answer = self.form.answers.get(row.code)
        waiting = row.unclear and row.code not in self.decided
        if role == AnswerRole:
            return answer
        if role == UnclearRole:
            return row.unclear
        if role == Qt.ItemDataRole.BackgroundRole and waiting:
            return QBrush(UNCLEAR_COLOUR)
        if role == Qt.ItemDataRole.EditRole and index.column() == ANSWER:
            return CHOICES.index(answer)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == CODE:
            return row.code + ("  ✎" if row.note_png else "")
        if column == READ:
            return answer_text(row.answer) + (" ?" if row.unclear else "")
        if column == ANSWER:
            return self.tr("— chọn —") if waiting else answer_text(answer)
        return (row.why_en if language() == "en" else row.why) if row.unclear else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ANSWER:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != ANSWER or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        self.form.answers[row.code] = CHOICES[int(value)] if isinstance(value, int) else value
        self.decided.add(row.code)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), WHY))
        return True


class AnswerDelegate(QStyledItemDelegate):
    """The decision column's editor: the four answers, or leave the item as it is."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for key in CHOICES:
            combo.addItem(answer_text(key))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentIndex(), Qt.ItemDataRole.EditRole)
