"""The right pane: the selected item's directive text, answer buttons, note, corrective
action, evidence files and the history of its changes.

The pane writes nothing itself: it says what the user changed, as plain values, and the
assessment view saves it through the core and tells the pane whether that worked.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.archive import copy_to_open
from models.content_hash import evidence_path
from models.errors import InvalidInput, KnownError
from models.queries.audit import AuditLine
from models.queries.items import Action, Evidence, ItemRow
from models.vocabulary import ANSWER_STATUSES
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.history.views import HistoryTable
from qt_app.i18n import pick
from qt_app.messages import known_error_text, show_error

NO_DATE = QDate(2000, 1, 1)
ANSWER_KEYS = (("1", "dat"), ("2", "chua-dat"), ("3", "mot-phan"), ("0", "khong-ap-dung"))


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


def _date_of(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())


class ItemPane(QScrollArea):
    answer_clicked = Signal(object)  # status or None
    note_edited = Signal(object, str)  # item id, text
    action_edited = Signal(object, object)  # item id, Action (what "" removes it)
    attach_requested = Signal(object, object)  # item id, Path
    editing_done = Signal()
    history_wanted = Signal(object)  # item id: the history tab is shown for this item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(300)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._item: ItemRow | None = None
        self._loading = False
        self._note_saved_text = ""
        body = QWidget()
        layout = QVBoxLayout(body)
        # No word wrap anywhere in the pane: a height-for-width layout would make the scroll
        # area size the pane to its preferred height and scroll on a 768-pixel screen.
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.source = QTextBrowser()
        self.source.setMinimumHeight(80)
        self.source.setOpenLinks(False)
        layout.addWidget(self.title)
        layout.addWidget(self.source, 3)

        buttons = QGridLayout()
        self.answer_buttons: dict[str | None, QPushButton] = {}
        for n, (key, status) in enumerate(ANSWER_KEYS):
            button = QPushButton(f"{key}  {pick(ANSWER_STATUSES[status])}")
            button.setToolTip(self.tr("Phím %1").replace("%1", key))
            button.clicked.connect(lambda _c=False, s=status: self.answer_clicked.emit(s))
            buttons.addWidget(button, n // 2, n % 2)
            self.answer_buttons[status] = button
        layout.addLayout(buttons)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Ghi chú: điều còn thiếu, điều đã thấy…"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note.installEventFilter(self)
        self.note_state = QLabel()
        self.note_state.setObjectName("noteState")
        note_header = QHBoxLayout()
        note_header.addWidget(QLabel(self.tr("Ghi chú (Enter để viết, Esc để quay lại)")), 1)
        note_header.addWidget(self.note_state)
        layout.addLayout(note_header)
        layout.addWidget(self.note)
        self._note_timer = QTimer(self, singleShot=True, interval=1200)
        self._note_timer.timeout.connect(self.flush)
        self.note.textChanged.connect(self._note_typed)

        group = QGroupBox(self.tr("Biện pháp khắc phục"))
        form = QFormLayout(group)
        self.action_what = QLineEdit()
        self.action_what.setPlaceholderText(self.tr("Việc cần làm"))
        self.action_who = QLineEdit()
        self.action_who.setPlaceholderText(self.tr("Người chịu trách nhiệm"))
        self.action_due = _date_edit()
        self.action_done = _date_edit()
        form.addRow(self.tr("Việc"), self.action_what)
        form.addRow(self.tr("Ai"), self.action_who)
        form.addRow(self.tr("Hạn"), self.action_due)
        form.addRow(self.tr("Xong"), self.action_done)
        layout.addWidget(group)
        for edit in (self.action_what, self.action_who):
            edit.editingFinished.connect(self._action_changed)
        for date in (self.action_due, self.action_done):
            date.dateChanged.connect(self._action_changed)

        files = QHBoxLayout()
        files.addWidget(QLabel(self.tr("Tệp minh chứng")), 1)
        self.attach_button = QPushButton(self.tr("Đính kèm tệp…"))
        self.attach_button.clicked.connect(self._choose_file)
        files.addWidget(self.attach_button)
        layout.addLayout(files)
        self.evidence = QListWidget()
        self.evidence.setViewMode(QListWidget.ViewMode.IconMode)
        self.evidence.setIconSize(QSize(48, 48))
        self.evidence.setMinimumHeight(84)
        self.evidence.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.evidence.itemDoubleClicked.connect(self._open_evidence)
        # The history is read only while its tab is shown: moving from item to item by
        # keyboard stays one query cheaper.
        self.history = HistoryTable(with_code=False)
        self.bottom = QTabWidget()
        self.bottom.addTab(self.evidence, self.tr("Minh chứng"))
        self.bottom.addTab(self.history, self.tr("Lịch sử"))
        self.bottom.currentChanged.connect(lambda _index: self._want_history())
        layout.addWidget(self.bottom, 1)
        self.setWidget(body)
        self.show_item(None, locked=True)

    # -- showing an item --

    def item_id(self) -> uuid.UUID | None:
        return self._item.item_id if self._item else None

    def show_item(self, row: ItemRow | None, *, locked: bool) -> None:
        self.flush()
        self._item = row
        self._loading = True
        try:
            self._fill(row, locked)
        finally:
            self._loading = False

    def _fill(self, row: ItemRow | None, locked: bool) -> None:
        editable = row is not None and not locked
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
        if row is None:
            self.title.setText(self.tr("Chọn một mục để xem nguyên văn chỉ đạo."))
            self.source.clear()
            self.note.setPlainText("")
            self._show_action(None)
            self.evidence.clear()
            self.note_state.clear()
            self.history.load([])
            return
        critical = self.tr(" · <b>trọng yếu</b>") if row.critical else ""
        self.title.setText(self.tr("Mục %1").replace("%1", escape(row.code)) + critical)
        label = f"<b>{escape(row.label)}</b> " if row.label else ""
        self.source.setHtml(
            f"<p><b>{escape(row.requirement)}</b></p>"
            f"<p>{label}{escape(row.source).replace(chr(10), '<br>')}</p>"
        )
        self.note.setPlainText(row.note)
        self._note_saved_text = row.note
        self.note_state.clear()
        self._show_action(row.action)
        self.show_evidence(row.evidence)
        self._want_history()

    def _show_action(self, action: Action | None) -> None:
        self.action_what.setText(action.what if action else "")
        self.action_who.setText(action.who if action else "")
        for edit, value in (
            (self.action_due, action.due_on if action else None),
            (self.action_done, action.done_on if action else None),
        ):
            edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)

    def show_evidence(self, files: list[Evidence]) -> None:
        self.evidence.clear()
        for file in files:
            entry = QListWidgetItem(self._thumbnail(file), file.file_name)
            entry.setData(Qt.ItemDataRole.UserRole, file)
            entry.setToolTip(f"{file.file_name}\n{file.size // 1024 + 1} KB")
            self.evidence.addItem(entry)

    def history_shown(self) -> bool:
        return self.bottom.currentWidget() is self.history

    def _want_history(self) -> None:
        if self.history_shown() and self._item is not None:
            self.history_wanted.emit(self._item.item_id)

    def show_history(self, lines: list[AuditLine]) -> None:
        self.history.load(lines)

    def _thumbnail(self, file: Evidence) -> QIcon:
        path = evidence_path(file.sha256)
        if file.media_type.startswith("image/") and path.exists():
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(QSize(48, 48), Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    # -- what the user changes --

    def focus_note(self) -> None:
        self.note.setFocus()
        self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    def _note_typed(self) -> None:
        if self._loading or self._item is None:
            return
        pending = self.note.toPlainText() != self._note_saved_text
        self.note_state.setText(self.tr("đang sửa…") if pending else "")
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
            self.note_state.setStyleSheet("")
        else:
            self.note_state.setText(self.tr("Ghi chú chưa lưu"))
            self.note_state.setStyleSheet("color: #b71c1c; font-weight: bold")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.flush()
            self.editing_done.emit()
            return True
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _action_changed(self, *_args: object) -> None:
        if self._loading or self._item is None:
            return
        action = Action(
            self.action_what.text().strip(),
            self.action_who.text().strip(),
            _date_of(self.action_due),
            _date_of(self.action_done),
        )
        if action == (self._item.action or Action("", "", None, None)):
            return
        self.action_edited.emit(self._item.item_id, action)

    def _choose_file(self) -> None:
        if self._item is None:
            return
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp minh chứng"))
        if name:
            self.attach_requested.emit(self._item.item_id, Path(name))

    def _open_evidence(self, entry: QListWidgetItem) -> None:
        """Open a copy under its own name (the stored file is named by its hash only); the
        name may have come from a bundle, so the copy goes under that name made plain."""
        file: Evidence = entry.data(Qt.ItemDataRole.UserRole)
        try:
            if not re.fullmatch(r"[0-9a-f]{64}", file.sha256):
                raise InvalidInput(
                    "Mã băm của tệp minh chứng không hợp lệ.", "The evidence's hash is not valid."
                )
            copy = copy_to_open(evidence_path(file.sha256), file.file_name)
        except KnownError as exc:
            show_error(self.window(), known_error_text(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
