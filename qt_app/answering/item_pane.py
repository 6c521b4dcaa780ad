"""The right pane: the selected item's directive text, answer buttons, note, corrective
action, evidence files and the history of its changes.

The pane writes nothing itself: it says what the user changed, as plain values, and the
assessment view saves it through the core and tells the pane whether that worked.

Every field is reached with Tab from the item table (note, what, who, due, done, the files)
and Esc goes back to the table from any of them. Sizes follow the text size: at a large
size the pane scrolls instead of clipping.
"""

from __future__ import annotations

import uuid
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.queries.audit import AuditLine
from models.queries.items import Action, Evidence, ItemRow
from models.vocabulary import ANSWER_STATUSES
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.answering.date_field import DateField
from qt_app.answering.evidence import EvidenceList
from qt_app.answering.scope_text import scope_html, source_cut_html
from qt_app.history.views import HistoryTable
from qt_app.i18n import pick

ANSWER_KEYS = (("1", "dat"), ("2", "chua-dat"), ("3", "mot-phan"), ("0", "khong-ap-dung"))
PROBLEM_COLOUR = "#b71c1c"
SOURCE_LINES, NOTE_LINES, HISTORY_ROWS = 5, 3, 4


def set_text_colour(label: QLabel, colour: str | None) -> None:
    """Colour a label through its palette: a style sheet would freeze its font, so it would
    no longer follow the text size."""
    palette = label.palette()
    if colour is None:
        parent = label.parentWidget()
        palette = parent.palette() if parent is not None else QPalette()
    else:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


class ItemPane(QScrollArea):
    answer_clicked = Signal(object)  # status or None
    note_edited = Signal(object, str)  # item id, text
    action_edited = Signal(object, object)  # item id, Action (what "" removes it)
    attach_requested = Signal(object, object)  # item id, Path
    remove_requested = Signal(object, object)  # item id, Evidence
    editing_done = Signal()
    history_wanted = Signal(object)  # item id: the history tab is shown for this item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit_to_font)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus, not the frame
        self._item: ItemRow | None = None
        self._editable = False
        self._loading = False
        self._note_saved_text = ""
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.source = QTextBrowser()
        self.source.setOpenLinks(False)
        self.source.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # read, not a Tab stop
        layout.addWidget(self.title)
        layout.addWidget(self.source, 1)
        layout.addLayout(self._build_answer_buttons())
        layout.addLayout(self._build_note())
        layout.addWidget(self.note)
        layout.addWidget(self._build_action())
        self.problem = QLabel()
        self.problem.setObjectName("actionProblem")
        self.problem.setWordWrap(True)
        set_text_colour(self.problem, PROBLEM_COLOUR)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addLayout(self._build_file_buttons())
        # The history is read only while its tab is shown: moving from item to item by
        # keyboard stays one query cheaper.
        self.evidence = EvidenceList()
        self.evidence.remove_requested.connect(self._remove_file)
        self.evidence.currentItemChanged.connect(lambda *_args: self._update_remove())
        self.history = HistoryTable(with_code=False)
        self.bottom = QTabWidget()
        self.bottom.addTab(self.evidence, self.tr("Minh chứng"))
        self.bottom.addTab(self.history, self.tr("Lịch sử"))
        self.bottom.currentChanged.connect(lambda _index: self._want_history())
        layout.addWidget(self.bottom)  # its rows are fixed; the directive text takes the rest
        self.setWidget(body)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave.activated.connect(self.leave)
        self.fit_to_font()
        self.show_item(None, locked=True)

    def _build_answer_buttons(self) -> QGridLayout:
        buttons = QGridLayout()
        self.answer_buttons: dict[str | None, QPushButton] = {}
        for n, (key, status) in enumerate(ANSWER_KEYS):
            button = QPushButton(f"{key}  {pick(ANSWER_STATUSES[status])}")
            button.setToolTip(self.tr("Phím %1 trong bảng các mục").replace("%1", key))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys 1/2/3/0 in the table answer
            button.clicked.connect(lambda _c=False, s=status: self.answer_clicked.emit(s))
            buttons.addWidget(button, n // 2, n % 2)
            self.answer_buttons[status] = button
        return buttons

    def _build_note(self) -> QHBoxLayout:
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Điều còn thiếu, điều đã thấy… (Enter ở bảng để viết, Esc để quay lại)")
        )
        self.note.setTabChangesFocus(True)  # Tab goes on to the corrective action
        self.note.installEventFilter(self)
        self.note_state = QLabel()
        self.note_state.setObjectName("noteState")
        self.note_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Ghi chú")), 1)
        header.addWidget(self.note_state)
        self._note_timer = QTimer(self, singleShot=True, interval=1200)
        self._note_timer.timeout.connect(self.flush)
        self.note.textChanged.connect(self._note_typed)
        return header

    def _build_action(self) -> QGroupBox:
        group = QGroupBox(self.tr("Biện pháp khắc phục"))
        form = QFormLayout(group)
        self.action_what = QLineEdit()
        self.action_what.setPlaceholderText(self.tr("Việc cần làm"))
        self.action_who = QLineEdit()
        self.action_who.setPlaceholderText(self.tr("Người chịu trách nhiệm"))
        self.action_due = DateField()
        self.action_done = DateField()
        form.addRow(self.tr("Việc"), self.action_what)
        form.addRow(self.tr("Ai"), self.action_who)
        form.addRow(self.tr("Hạn"), self.action_due)
        form.addRow(self.tr("Xong"), self.action_done)
        for edit in (self.action_what, self.action_who):
            edit.editingFinished.connect(self._action_changed)
        for date in (self.action_due, self.action_done):
            date.changed.connect(self._action_changed)
            date.refused.connect(self._show_problem)
        return group

    def _build_file_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Đính kèm tệp…"))
        self.attach_button.clicked.connect(self._choose_file)
        self.remove_button = QPushButton(self.tr("Gỡ tệp…"))
        self.remove_button.setToolTip(self.tr("Gỡ tệp đang chọn khỏi mục này (phím Delete)"))
        self.remove_button.clicked.connect(lambda: self._remove_file(self.evidence.chosen()))
        row.addWidget(self.attach_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        return row

    def tab_chain(self) -> list[QWidget]:
        """The pane's fields in the order Tab visits them after the item table."""
        return [
            self.note,
            self.action_what,
            self.action_who,
            self.action_due.edit,
            self.action_done.edit,
            self.attach_button,
            self.remove_button,
            self.evidence,
            self.bottom,
        ]

    # -- sizes that follow the text size --

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit.start()  # the style has now set the history's row height

    def changeEvent(self, event: QEvent) -> None:
        """Measured at once, and again once every widget inside has its new font too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()
            self._refit.start()

    def fit_to_font(self) -> None:
        """Heights in lines of the current text; the pane is never narrower than what it
        holds (a narrower window scrolls it sideways instead of cutting words off)."""
        line = self.fontMetrics().lineSpacing()
        self.source.setMinimumHeight(line * SOURCE_LINES + 12)
        self.note.setFixedHeight(line * NOTE_LINES + 12)
        # The history's rows, its header and the tabs' own line: HISTORY_ROWS changes in sight.
        row = max(line + 8, self.history.verticalHeader().defaultSectionSize())
        chrome = (
            self.bottom.tabBar().sizeHint().height()
            + self.history.horizontalScrollBar().sizeHint().height()  # columns wider than it
            + 4 * self.history.frameWidth()
            + 8
        )
        heading = self.history.horizontalHeader().sizeHint().height()
        self.evidence.fit_to_font()
        rows_high = row * HISTORY_ROWS + heading
        tabs = self.bottom.tabBar().sizeHint().height()
        self.bottom.setFixedHeight(
            max(rows_high + chrome, self.evidence.minimumHeight() + tabs + 8)
        )
        widest = max(self.fontMetrics().horizontalAdvance(t) for t in self._state_texts())
        self.note_state.setMinimumWidth(widest + 8)  # "Đã lưu 10:16:18" never pushes it wider
        body = self.widget()
        if body is not None:
            body.layout().activate()
            frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
            self.setMinimumWidth(body.minimumSizeHint().width() + frame)

    def _state_texts(self) -> list[str]:
        from qt_app.messages import saved_text_sample

        return [self.tr("đang sửa…"), self.tr("Ghi chú chưa lưu"), saved_text_sample()]

    # -- showing an item --

    def item_id(self) -> uuid.UUID | None:
        return self._item.item_id if self._item else None

    def keep_row(self, row: ItemRow) -> None:
        """The shown item as saved (its action, files): later edits compare with this."""
        if self._item is not None and self._item.item_id == row.item_id:
            self._item = row

    def show_item(self, row: ItemRow | None, *, locked: bool) -> None:
        self.flush()
        self._item = row
        self._loading = True
        try:
            self._fill(row, locked)
        finally:
            self._loading = False

    def _fill(self, row: ItemRow | None, locked: bool) -> None:
        # an item not asked of the unit takes nothing (the service would refuse it)
        self._editable = editable = row is not None and not locked and row.asked
        for button in self.answer_buttons.values():
            button.setEnabled(editable)
        for widget in (
            self.note,
            self.action_what,
            self.action_who,
            self.action_due,
            self.action_done,
            self.attach_button,
        ):
            widget.setEnabled(editable)
        self._show_problem("")
        if row is None:
            self.title.setText(self.tr("Chưa chọn mục"))  # short: the title never wraps
            self.source.setPlainText(self.tr("Chọn một mục trong bảng để xem nguyên văn chỉ đạo."))
            self.note.setPlainText("")
            self._show_action(None)
            self.show_evidence([])
            self.note_state.clear()
            self.history.load([])
            return
        critical = self.tr(" · <b>trọng yếu</b>") if row.critical else ""
        self.title.setText(self.tr("Mục %1").replace("%1", escape(row.code)) + critical)
        label = f"<b>{escape(row.label)}</b> " if row.label else ""
        self.source.setHtml(
            f"<p><b>{escape(row.requirement)}</b></p>"
            f"<p>{label}{escape(row.source).replace(chr(10), '<br>')}{source_cut_html(row)}</p>"
            + scope_html(row)
        )
        self.note.setPlainText(row.note)
        self._note_saved_text = row.note
        self.note_state.clear()
        self._show_action(row.action)
        self.show_evidence(list(row.evidence))
        self._want_history()

    def _show_action(self, action: Action | None) -> None:
        self.action_what.setText(action.what if action else "")
        self.action_who.setText(action.who if action else "")
        self.action_due.set_date(action.due_on if action else None)
        self.action_done.set_date(action.done_on if action else None)

    def show_evidence(self, files: list[Evidence]) -> None:
        self.evidence.show_files(files)
        self._update_remove()

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(self._editable and self.evidence.chosen() is not None)

    def history_shown(self) -> bool:
        return self.bottom.currentWidget() is self.history

    def _want_history(self) -> None:
        if self.history_shown() and self._item is not None:
            self.history_wanted.emit(self._item.item_id)

    def show_history(self, lines: list[AuditLine]) -> None:
        self.history.load(lines)

    # -- what the user changes --

    def focus_note(self) -> None:
        self.note.setFocus()
        self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    def leave(self) -> None:
        """Esc in any field: what was typed is handed over, and the table has the keys."""
        focused = self.focusWidget()
        if isinstance(focused, QLineEdit):
            focused.editingFinished.emit()
        self.flush()
        self.editing_done.emit()

    def _note_typed(self) -> None:
        if self._loading or self._item is None:
            return
        pending = self.note.toPlainText() != self._note_saved_text
        self.note_state.setText(self.tr("đang sửa…") if pending else "")
        set_text_colour(self.note_state, None)
        self._note_timer.start()

    def flush(self) -> None:
        """Hand over a note that was typed but not yet saved (leaving an item, closing)."""
        self._note_timer.stop()
        if self._item is None or self._loading:
            return
        text = self.note.toPlainText()
        if text.strip() != self._note_saved_text.strip():
            self.note_edited.emit(self._item.item_id, text)

    def note_saved(self, text: str, ok: bool, saved_label: str = "") -> None:
        if ok:
            self._note_saved_text = text
            self.note_state.setText(saved_label)
            set_text_colour(self.note_state, None)
        else:
            self.note_state.setText(self.tr("Ghi chú chưa lưu"))
            set_text_colour(self.note_state, PROBLEM_COLOUR)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Tab in a field goes to the next field, as Tab does: it never carries the
        user off to another tab of the window with the note half written."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(not backwards)
            return
        super().keyPressEvent(event)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _action_changed(self, *_args: object) -> None:
        if self._loading or self._item is None:
            return
        action = Action(
            self.action_what.text().strip(),
            self.action_who.text().strip(),
            self.action_due.date(),
            self.action_done.date(),
        )
        self._show_problem("")
        if action == (self._item.action or Action("", "", None, None)):
            return
        self.action_edited.emit(self._item.item_id, action)

    def _choose_file(self) -> None:
        if self._item is None:
            return
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp minh chứng"))
        if name:
            self.attach_requested.emit(self._item.item_id, Path(name))

    def _remove_file(self, file: Evidence | None) -> None:
        if self._item is not None and file is not None and self._editable:
            self.remove_requested.emit(self._item.item_id, file)
