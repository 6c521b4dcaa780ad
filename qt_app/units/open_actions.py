"""A unit's corrective actions across rounds and checklists: the open ones (overdue in red
as of today), closed with who, when and what shows it, and the closed ones, taken back with
a reason when closed by mistake.

Why a dialog of the unit's: an action belongs to the inspection that required it, but the
office follows it up per unit, long after that inspection was locked. Every change goes
through ``models.services.follow_up``; what it refuses is shown and nothing changes.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.queries.follow_up import ClosedAction, OpenAction, closed_actions, open_actions
from models.services.follow_up import close_action, reopen_action
from models.typed_dates import day_text
from models.vocabulary import NOTHING
from qt_app.answering.follow_up import (
    ACTION_ROLE,
    ALL_COLUMNS,
    WHAT,
    OpenActionModel,
    action_table,
)
from qt_app.answering.view import period_label
from qt_app.messages import Saver
from qt_app.tables import RowTable
from qt_app.units.close_action import CloseActionDialog, ReopenActionDialog


class ClosedActionModel(RowTable):
    """Closed actions, most recently done first: when, by whom, the note and the file."""

    PERIOD, CODE, WHAT, DUE, CLOSED_ON, CLOSED_BY, NOTE, FILE = range(8)

    @property
    def actions(self) -> list[ClosedAction]:
        return self.rows

    def headers(self) -> list[str]:
        return [
            self.tr("Kỳ"),
            self.tr("Mục"),
            self.tr("Việc cần làm"),
            self.tr("Hạn"),
            self.tr("Ngày xong"),
            self.tr("Người đóng"),
            self.tr("Ghi chú"),
            self.tr("Minh chứng"),
        ]

    def display(self, action: ClosedAction, column: int) -> str:
        if column == self.CLOSED_BY and action.closure_id is None:
            return self.tr("(ghi xong trong bài kiểm tra)")
        return [
            period_label(action.period),
            action.code,
            action.what,
            day_text(action.due_on) or NOTHING,
            day_text(action.closed_on),
            action.closed_by or NOTHING,
            action.note,
            action.file_name or "",
        ][column]

    def other(self, action: ClosedAction, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.WHAT, self.NOTE):
            return action.what if column == self.WHAT else action.note
        return None


class UnitActionsDialog(QDialog):
    """Open actions above, closed ones below; each list with its one button."""

    def __init__(
        self, saver: Saver, unit_id: uuid.UUID, unit_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.saver, self.unit_id = saver, unit_id
        self.changed = False  # something was closed or reopened
        self.setWindowTitle(self.tr("Việc khắc phục — %1").replace("%1", unit_name))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.open_model = OpenActionModel(ALL_COLUMNS, self)
        self.open_view = action_table(self.open_model, (self.open_model.column_of(WHAT),))
        self.close_button = QPushButton(self.tr("Đóng việc…"))
        self.close_button.clicked.connect(self.close_selected)
        self.closed_model = ClosedActionModel(self)
        self.closed_view = action_table(
            self.closed_model, (ClosedActionModel.WHAT, ClosedActionModel.NOTE)
        )
        self.closed_view.doubleClicked.connect(self.open_evidence)
        self.reopen_button = QPushButton(self.tr("Mở lại…"))
        self.reopen_button.clicked.connect(self.reopen_selected)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng cửa sổ"))
        done.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.open_view, 3)
        layout.addLayout(_right(self.close_button))
        self.closed_label = QLabel()
        layout.addWidget(self.closed_label)
        layout.addWidget(self.closed_view, 2)
        layout.addLayout(_right(self.reopen_button))
        layout.addWidget(done)
        for view in (self.open_view, self.closed_view):
            view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 140, self.fontMetrics().lineSpacing() * 30)
        self.load()

    def load(self) -> None:
        """Both lists read again (after every change), overdue counted as of today."""
        unit = self.unit_id
        opened, closed = self.saver.read(lambda s: (open_actions(s, unit), closed_actions(s, unit)))
        self.open_model.load(opened, dt.date.today())
        self.closed_model.load(closed)
        self.summary.setText(
            self.tr("Việc chưa xong: %1, quá hạn tính đến hôm nay (%2): %3")
            .replace("%1", str(len(opened)))
            .replace("%2", day_text(dt.date.today()))
            .replace("%3", str(self.open_model.overdue_count()))
        )
        self.closed_label.setText(self.tr("Việc đã xong: %1").replace("%1", str(len(closed))))
        for view in (self.open_view, self.closed_view):
            if view.model().rowCount():
                view.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        writable = not self.saver.database.read_only
        self.close_button.setEnabled(writable and self.selected_open() is not None)
        closed = self.selected_closed()
        self.reopen_button.setEnabled(
            writable and closed is not None and closed.closure_id is not None
        )
        self.reopen_button.setToolTip(
            self.tr("Việc ghi xong ngay trong bài kiểm tra được sửa trong bài đó.")
            if closed is not None and closed.closure_id is None
            else ""
        )

    def selected_open(self) -> OpenAction | None:
        index = self.open_view.currentIndex()
        return index.data(ACTION_ROLE) if index.isValid() else None

    def selected_closed(self) -> ClosedAction | None:
        index = self.closed_view.currentIndex()
        return index.data(ACTION_ROLE) if index.isValid() else None

    def close_selected(self) -> bool:
        action = self.selected_open()
        if action is None:
            return False
        dialog = CloseActionDialog(action, self.saver.editor().name, self)
        if not dialog.exec():
            return False
        day, note, file = dialog.day.date(), dialog.note.toPlainText(), dialog.evidence()
        assert day is not None  # the dialog accepts only a day
        outcome = self.saver.write(
            lambda s, e: close_action(
                s, e, action.action_id, closed_on=day, note=note, evidence_file=file
            )
        )
        return self._after(outcome.saved)

    def reopen_selected(self) -> bool:
        action = self.selected_closed()
        if action is None:
            return False
        dialog = ReopenActionDialog(action, self)
        if not dialog.exec():
            return False
        reason = dialog.value()
        outcome = self.saver.write(lambda s, e: reopen_action(s, e, action.action_id, reason))
        return self._after(outcome.saved)

    def _after(self, saved: bool) -> bool:
        self.changed = self.changed or saved
        self.load()
        return saved

    def open_evidence(self, index: QModelIndex) -> None:
        action = index.data(ACTION_ROLE)
        stored = action.evidence_file if action is not None else None
        if stored is not None and stored.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(stored)))


def _right(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row


def show_unit_actions(parent: QWidget, saver: Saver, unit_id: uuid.UUID, unit_name: str) -> bool:
    """The unit's dialog; True when an action was closed or reopened in it."""
    dialog = UnitActionsDialog(saver, unit_id, unit_name, parent)
    dialog.exec()
    return dialog.changed
