"""The two dialogs that change a unit's corrective action: closing it (the day the work was
done, a note, the file that shows it) and taking a closed one back (with a reason for the
audit trail). ``qt_app.units.open_actions`` opens them and writes what they return.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from models.queries.follow_up import ClosedAction, OpenAction
from models.vocabulary import NOTHING
from qt_app.answering.date_field import DateField
from qt_app.answering.dialogs import ReasonDialog
from qt_app.answering.item_pane import PROBLEM_COLOUR, set_text_colour
from qt_app.answering.view import period_label
from qt_app.dialogs import FormDialog
from qt_app.messages import show_error


class CloseActionDialog(FormDialog):
    """The day the work was done (typed as every date in the window), who closes it (the
    window's user), a note and, if there is one, the file that shows it."""

    def __init__(self, action: OpenAction, user_name: str, parent: QWidget | None) -> None:
        super().__init__(self.tr("Đóng việc khắc phục"), self.tr("Đóng việc"), parent)
        what = QLabel(
            self.tr("Mục %1 · %2: %3")
            .replace("%1", action.code)
            .replace("%2", period_label(action.period))
            .replace("%3", action.what)
        )
        what.setWordWrap(True)
        self.body.addWidget(what)
        form = QFormLayout()
        self.day = DateField()
        self.day.set_date(dt.date.today())
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        set_text_colour(self.problem, PROBLEM_COLOUR)
        self.problem.hide()
        self.day.refused.connect(self._refused)
        self.day.changed.connect(self.problem.hide)
        self.closed_by = QLabel(user_name or NOTHING)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note.setPlaceholderText(self.tr("Điều cho thấy việc đã làm xong"))
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("(không có tệp)"))
        self.choose = QPushButton(self.tr("Chọn tệp…"))
        self.choose.clicked.connect(self.choose_file)
        self.drop = QPushButton(self.tr("Bỏ tệp"))
        self.drop.clicked.connect(self.file.clear)
        files = QHBoxLayout()
        files.addWidget(self.file, 1)
        files.addWidget(self.choose)
        files.addWidget(self.drop)
        form.addRow(self.tr("Ngày xong:"), self.day)
        form.addRow("", self.problem)
        form.addRow(self.tr("Người đóng:"), self.closed_by)
        form.addRow(self.tr("Ghi chú:"), self.note)
        form.addRow(self.tr("Tệp minh chứng:"), files)
        self.body.addLayout(form)
        self.finish_layout()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _refused(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def choose_file(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp minh chứng"))
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        """Only a readable day goes ahead; anything else is said and the dialog stays."""
        if not self.day.commit_text():
            show_error(self, self.problem.text())
            return
        if self.day.date() is None:
            show_error(self, self.tr("Hãy ghi ngày việc được làm xong."))
            return
        super().accept()

    def evidence(self) -> Path | None:
        return Path(self.file.text()) if self.file.text() else None


class ReopenActionDialog(ReasonDialog):
    """Why a closed action is taken back (kept in the audit trail)."""

    def __init__(self, action: ClosedAction, parent: QWidget | None) -> None:
        super().__init__(
            self.tr("Mở lại việc khắc phục"),
            self.tr("Mở lại"),
            self.tr("Mục %1: %2. Ghi lý do mở lại (được lưu vào nhật ký):")
            .replace("%1", action.code)
            .replace("%2", action.what),
            parent,
        )
