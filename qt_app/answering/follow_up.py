"""The corrective actions earlier inspections left open, shown above the item table of the
unit's next assessment of the same checklist.

Why in the answering view: whoever answers next (the unit, or the next inspector) must see
what is still owed without hunting for it. A strip that folds away, one line per action
(item, what, who, due, "quá hạn" in red as of today); a click goes to the item.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QToolButton, QVBoxLayout, QWidget

from models.queries.follow_up import OpenAction, follow_up_for
from models.typed_dates import day_text
from models.vocabulary import ASSESSMENT_KINDS, NOTHING
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.answering.view import AssessmentView, period_label
from qt_app.i18n import pick
from qt_app.tables import RED, ROW_ROLE, RowTable, table_view

if TYPE_CHECKING:
    from qt_app.answering.controller import Answering

# The plain action (``OpenAction``, ``ClosedAction``) behind a row.
ACTION_ROLE = ROW_ROLE
PERIOD, KIND, CHECKLIST, CODE, WHAT, WHO, DUE, OVERDUE = range(8)
#: The strip's columns; the unit's dialog shows them all.
STRIP_COLUMNS = (PERIOD, CODE, WHAT, WHO, DUE, OVERDUE)
ALL_COLUMNS = (PERIOD, KIND, CHECKLIST, CODE, WHAT, WHO, DUE, OVERDUE)


class OpenActionModel(RowTable):
    """Open corrective actions, overdue counted from one stated day."""

    def __init__(self, columns: tuple[int, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.as_of = dt.date.today()

    @property
    def actions(self) -> list[OpenAction]:
        return self.rows

    def load(self, actions: list[OpenAction], as_of: dt.date) -> None:
        self.as_of = as_of
        super().load(actions)

    def overdue_count(self) -> int:
        return sum(a.overdue(self.as_of) for a in self.actions)

    def column_of(self, field: int) -> int:
        return self.columns.index(field)

    def headers(self) -> list[str]:
        every = [
            self.tr("Kỳ"),
            self.tr("Hình thức"),
            self.tr("Văn bản"),
            self.tr("Mục"),
            self.tr("Việc cần làm"),
            self.tr("Người thực hiện"),
            self.tr("Hạn"),
            self.tr("Quá hạn"),
        ]
        return [every[field] for field in self.columns]

    def display(self, action: OpenAction, column: int) -> str:
        field = self.columns[column]
        if field == PERIOD:
            return period_label(action.period)
        if field == KIND:
            return pick(ASSESSMENT_KINDS[action.kind]) if action.kind in ASSESSMENT_KINDS else ""
        if field == CHECKLIST:
            return action.document or action.checklist
        if field == CODE:
            return action.code
        if field == WHAT:
            return action.what
        if field == WHO:
            return action.who or NOTHING
        if field == DUE:
            return day_text(action.due_on) or NOTHING
        return self.tr("quá hạn") if action.overdue(self.as_of) else ""

    def foreground(self, action: OpenAction, column: int) -> str | None:
        late = self.columns[column] in (DUE, OVERDUE) and action.overdue(self.as_of)
        return RED if late else None

    def other(self, action: OpenAction, column: int, role: int) -> object:
        field = self.columns[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {WHAT: action.what, CODE: action.requirement}.get(field)
        if role == Qt.ItemDataRole.FontRole and field == OVERDUE and action.overdue(self.as_of):
            bold = QFont()
            bold.setBold(True)
            return bold
        return None


def action_table(model: RowTable, stretch: tuple[int, ...]) -> QTableView:
    """A read-only table of actions, one row selected at a time, the ``stretch`` columns
    (what is to be done, a note) taking the room; Tab leaves it."""
    table = table_view(model, stretch)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    return table


class FollowUpStrip(QWidget):
    """A folding list of what earlier inspections required; hidden when nothing is owed."""

    item_chosen = Signal(str)  # the item's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OpenActionModel(STRIP_COLUMNS, self)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip(self.tr("Thu gọn hoặc mở danh sách"))
        self.toggle.toggled.connect(self._fold)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.table = action_table(self.model, (self.model.column_of(WHAT),))
        self.table.clicked.connect(self._chosen)
        self.table.activated.connect(self._chosen)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._fold(True)
        self.setVisible(False)

    def show_actions(self, actions: list[OpenAction], as_of: dt.date | None = None) -> None:
        self.model.load(actions, as_of or dt.date.today())
        self.setVisible(bool(actions))
        overdue = self.model.overdue_count()
        text = self.tr(
            "Việc khắc phục các lần kiểm tra trước yêu cầu, chưa xong: %n", "", len(actions)
        )
        if overdue:
            late = self.tr("%n quá hạn", "", overdue)
            text += f" · <b style='color:{RED}'>{late}</b>"
        self.summary.setText(text)
        self._fit_height()

    def _fold(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.table.setVisible(expanded)

    def _fit_height(self) -> None:
        """Up to three rows before it scrolls: the item table keeps most of the room."""
        rows = min(max(self.model.rowCount(), 1), 3)
        line = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * line + 2 * self.table.frameWidth() + 2)

    def _chosen(self, index: QModelIndex) -> None:
        action = index.data(ACTION_ROLE)
        if action is not None:
            self.item_chosen.emit(action.code)


def go_to_item(view: AssessmentView, code: str) -> bool:
    """Select the item ``code`` in the table (filters cleared if they hide it)."""
    rows = [n for n, row in enumerate(view.model.rows()) if row.code == code]
    if not rows:
        return False
    if not view.select_source_row(rows[0]):
        view.search.clear()
        view.unanswered_filter.setChecked(False)
        view.failed_filter.setChecked(False)
        view.theme_filter.setCurrentIndex(0)
        if not view.select_source_row(rows[0]):
            return False
    view.table.setFocus()
    return True


class FollowUp(QObject):
    """Keeps the strip of the open assessment up to date and takes a click to its item."""

    def __init__(self, answering: Answering) -> None:
        super().__init__(answering)
        self.answering = answering
        view = answering.view
        self.strip = FollowUpStrip(view)
        layout = view.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(view.stack), self.strip)
        self.strip.item_chosen.connect(self.go_to)
        answering.opened.connect(self.refresh)

    def refresh(self, assessment_id: uuid.UUID | None = None) -> None:
        """Read again what the open assessment's unit still owes (after a close, too)."""
        opened = self.answering.assessment_id
        if opened is None:
            self.strip.show_actions([])
            return
        self.strip.show_actions(self.answering.saver.read(lambda s: follow_up_for(s, opened)))

    def go_to(self, code: str) -> None:
        if not go_to_item(self.answering.view, code):
            self.answering.message.emit(
                self.tr("Mục %1 không có trong phiên bản danh mục của bài này.").replace("%1", code)
            )
