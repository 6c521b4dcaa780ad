"""Qt table models over a round's overview: the figures per area, and the units (all, or
those that have not reported). They hold plain values read in the background, on the
window's one read-only row table (``qt_app.tables``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from models.queries.rounds import AreaLine, RoundOverview, Standing
from models.scoring import band
from models.vocabulary import UNIT_KINDS, UNIT_PROGRESS, label_of, percent_text
from qt_app.i18n import language
from qt_app.tables import RED, RowTable


def percent(value: float | None) -> str:
    return percent_text(value, lang=language())


class AreaModel(RowTable):
    """One row per area (tree order, indented), then the total."""

    AREA, EXPECTED, NOT_STARTED, IN_PROGRESS, SUBMITTED, OVERDUE, COMPLIANCE = range(7)
    INSPECTED, INSPECTION, CRITICAL, ACTIONS, ACTIONS_OVERDUE = range(7, 12)

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
        super().load([*overview.areas, overview.totals] if overview else [])

    @property
    def lines(self) -> list[AreaLine]:
        return self.rows

    def display(self, line: AreaLine, column: int) -> str:
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

    def right_aligned(self, column: int) -> bool:
        return column != self.AREA

    def foreground(self, line: AreaLine, column: int) -> str | None:
        return RED if column == self.OVERDUE and line.overdue else None

    def other(self, line: AreaLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and line.area_id is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == self.COMPLIANCE:
            rated = band(line.compliance)
            return QColor(rated[2]) if rated else None
        return None


class UnitModel(RowTable):
    """The expected units of a round with where they stand and how to reach them."""

    NAME, KIND, STATE, COMPLIANCE, INSPECTION, CONTACT, PHONE = range(7)

    def headers(self) -> list[str]:
        return [
            self.tr("Đơn vị"),
            self.tr("Loại"),
            self.tr("Tình trạng"),
            self.tr("Tuân thủ"),
            self.tr("Kiểm tra"),
            self.tr("Người liên hệ"),
            self.tr("Điện thoại"),
        ]

    def display(self, row: Standing, column: int) -> str:
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
        ][column]

    def foreground(self, row: Standing, column: int) -> str | None:
        return RED if column == self.STATE and row.overdue else None
