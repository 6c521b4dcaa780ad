"""Qt table models over a round's overview: the figures per area, and the units (all, or
those that have not reported). They hold plain values read in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.queries.rounds import AreaLine, RoundOverview, Standing
from models.scoring import band
from models.vocabulary import UNIT_KINDS, UNIT_PROGRESS, label_of, percent_text
from qt_app.i18n import language

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain value behind a row


def percent(value: float | None) -> str:
    return percent_text(value, lang=language())


class AreaModel(QAbstractTableModel):
    """One row per area (tree order, indented), then the total."""

    AREA, EXPECTED, NOT_STARTED, IN_PROGRESS, SUBMITTED, OVERDUE, COMPLIANCE = range(7)
    INSPECTED, INSPECTION, CRITICAL, ACTIONS, ACTIONS_OVERDUE = range(7, 12)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[AreaLine] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Địa bàn"),
            self.tr("Phải báo cáo"),
            label_of(UNIT_PROGRESS, "none", language()),
            label_of(UNIT_PROGRESS, "draft", language()),
            label_of(UNIT_PROGRESS, "submitted", language()),
            self.tr("Quá hạn"),
            self.tr("Tuân thủ"),
            self.tr("Đã kiểm tra"),
            self.tr("Tuân thủ khi kiểm tra"),
            self.tr("ĐV có mục trọng yếu chưa đạt"),
            self.tr("Việc khắc phục chưa xong"),
            self.tr("Việc quá hạn"),
        ]

    def load(self, overview: RoundOverview | None) -> None:
        self.beginResetModel()
        self.lines = [*overview.areas, overview.totals] if overview else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 12

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.AREA:
                return ("    " * line.depth + line.name) if line.area_id else self.tr("Tổng cộng")
            values = [
                line.expected,
                line.not_started,
                line.in_progress,
                line.submitted,
                line.overdue,
                percent(line.compliance),
                line.inspected,
                percent(line.inspection_compliance),
                line.failed_critical_units,
                line.actions_open,
                line.actions_overdue,
            ]
            return str(values[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.AREA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.area_id is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OVERDUE and line.overdue:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.DecorationRole and column == self.COMPLIANCE:
            rated = band(line.compliance)
            return QColor(rated[2]) if rated else None
        return None


class UnitModel(QAbstractTableModel):
    """The expected units of a round with where they stand and how to reach them."""

    NAME, KIND, STATE, COMPLIANCE, INSPECTION, CONTACT, PHONE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Standing] = []

    def load(self, rows: list[Standing]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Đơn vị"),
                self.tr("Loại"),
                self.tr("Tình trạng"),
                self.tr("Tuân thủ"),
                self.tr("Kiểm tra"),
                self.tr("Người liên hệ"),
                self.tr("Điện thoại"),
            ][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            lang = language()
            state = label_of(UNIT_PROGRESS, row.state, lang)
            if row.overdue:
                state += self.tr(" (quá hạn)")
            return [
                row.name,
                label_of(UNIT_KINDS, row.kind, lang),
                state,
                percent(row.compliance),
                label_of(UNIT_PROGRESS, row.inspection_state, lang),
                row.contact_person or "",
                row.phone or "",
            ][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATE and row.overdue:
            return QBrush(QColor("#c62828"))
        return None
