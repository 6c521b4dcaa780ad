"""The conflicts of a merge plan as a table: which unit, period and kind, both sides of
each, and a choice per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.bundle_merge import Conflict
from models.periods import Period
from models.queries.audit import field_label, value_text
from models.vocabulary import ASSESSMENT_KINDS
from qt_app.i18n import language, pick

AnyIndex = QModelIndex | QPersistentModelIndex
UNIT, PERIOD, CODE, FIELD, MINE, THEIRS, DECISION = range(7)
SIDES = {MINE: "mine", THEIRS: "theirs"}
LOCKED_BRUSH = QBrush(QColor("#eeeeee"))


def side_text(conflict: Conflict, value: Any) -> str:
    """One side of a conflict as a person reads it."""
    if conflict.field == "assessment":
        return f"#{str(value)[:12]}" if value else "—"
    return value_text(value, language())


class ConflictModel(QAbstractTableModel):
    """The conflicts of a merge plan; "Của tôi" and "Của họ" are the choice, one per row."""

    def __init__(self, conflicts: list[Conflict], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conflicts = conflicts
        self.choices: dict[str, str] = {}
        # Each assessment's period and kind ("Tuần 39/2021 · Kiểm tra"), from the bundle.
        self.assessments: dict[Any, tuple[str, str]] = {}
        self._titles = [
            self.tr("Đơn vị"),
            self.tr("Kỳ · hình thức"),
            self.tr("Mục"),
            self.tr("Nội dung"),
            self.tr("Của tôi"),
            self.tr("Của họ"),
            self.tr("Quyết định"),
        ]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in SIDES and not self.conflicts[index.row()].locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and conflict.locked:
                return self.locked_text()
            return self._text(conflict, column)
        if role == Qt.ItemDataRole.CheckStateRole and column in SIDES and not conflict.locked:
            chosen = self.choices.get(conflict.key) == SIDES[column]
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and conflict.locked:
            return LOCKED_BRUSH
        return None

    def _text(self, conflict: Conflict, column: int) -> str:
        if column == UNIT:
            return conflict.unit
        if column == PERIOD:
            return self.period_text(conflict)
        if column == CODE:
            return conflict.code or "—"
        if column == FIELD:
            return field_label(conflict.field, language())
        if column == MINE:
            return side_text(conflict, conflict.mine)
        if column == THEIRS:
            return side_text(conflict, conflict.theirs)
        if conflict.locked:
            return self.tr("Đã khoá: mở lại bài đánh giá trước")
        return {"mine": self.tr("Giữ của tôi"), "theirs": self.tr("Lấy của họ")}.get(
            self.choices.get(conflict.key, ""), self.tr("Chưa chọn")
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return self.choose(index.row(), SIDES[index.column()] if checked else None)

    def choose(self, row: int, side: str | None) -> bool:
        """Keep ``side`` ("mine" or "theirs", None to undecide) for one row, if it is open."""
        conflict = self.conflicts[row]
        if conflict.locked:
            return False
        if side is None:
            self.choices.pop(conflict.key, None)
        else:
            self.choices[conflict.key] = side
        self.dataChanged.emit(self.index(row, MINE), self.index(row, DECISION))
        return True

    def choose_all(self, side: str) -> None:
        for row in range(len(self.conflicts)):
            self.choose(row, side)

    def period_text(self, conflict: Conflict) -> str:
        """The period and kind of the conflict's assessment; "—" for a unit's own details."""
        found = self.assessments.get(conflict.assessment_id)
        if found is None:
            return "—"
        period, kind = found
        kind_text = pick(ASSESSMENT_KINDS[kind]) if kind in ASSESSMENT_KINDS else kind
        return f"{Period(period).label_in(language())} · {kind_text}"

    def undecided(self) -> int:
        return sum(1 for c in self.conflicts if not c.locked and c.key not in self.choices)

    def locked_text(self) -> str:
        return self.tr(
            "Bài đánh giá này đã nộp (khoá): gói không được sửa nó. Hãy mở lại bài "
            "đánh giá trước, rồi nhập lại gói để chọn."
        )
