"""The dialog shown when the database cannot be opened at start (damaged, newer, read-only,
locked, on a share): why, and the ways forward. Showing it changes no file; each way forward
is the user's choice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.backup import BackupInfo, list_backups
from models.db import Database
from models.errors import KnownError
from models.opening import open_database
from models.restore import restore_database
from models.sqlite_files import network_location
from qt_app import settings as options
from qt_app.backup.actions import choose_backup, kept_text, sqlite_file
from qt_app.i18n import language
from qt_app.messages import known_error_text, show_error, show_info
from qt_app.settings import Settings


class RecoveryDialog(QDialog):
    """Why the database did not open, and the ways forward; showing it changes no file."""

    def __init__(
        self,
        target: str | None,
        error: KnownError,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = sqlite_file(target)
        self.database: Database | None = None
        self.setWindowTitle(self.tr("Không mở được cơ sở dữ liệu"))
        self.setMinimumWidth(620)
        self.message = QLabel(error.message(language()))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("color: #b71c1c")
        where = QLabel(self.tr("Tệp: %1").replace("%1", str(self.path or target)))
        where.setWordWrap(True)
        hint = QLabel(self.tr("Tệp không bị thay đổi. Hãy chọn một cách để tiếp tục:"))
        self.read_only_button = QPushButton(self.tr("Mở chỉ đọc"))
        self.restore_button = QPushButton(self.tr("Khôi phục bản sao lưu…"))
        self.other_button = QPushButton(self.tr("Chọn tệp khác…"))
        self.quit_button = QPushButton(self.tr("Thoát"))
        self.read_only_button.setToolTip(self.tr("Xem dữ liệu mà không ghi gì vào tệp."))
        self.read_only_button.clicked.connect(self.open_read_only)
        self.restore_button.clicked.connect(self.restore)
        self.other_button.clicked.connect(self.choose_other)
        self.quit_button.clicked.connect(self.reject)
        self.backups = self._backups()
        self._explain_buttons()
        buttons = QHBoxLayout()
        for button in (self.read_only_button, self.restore_button, self.other_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        for label in (self.message, where, hint):
            layout.addWidget(label)
        layout.addLayout(buttons)

    def _backups(self) -> list[BackupInfo]:
        return list_backups(self.path) if self.path is not None else []

    def _explain_buttons(self) -> None:
        reason = None
        if self.path is None:
            reason = self.tr("Chỉ dùng được cho tệp SQLite.")
        elif network_location(self.path) is not None:
            reason = self.tr("Tệp nằm trên ổ mạng: hãy chép về ổ đĩa của máy này trước.")
        for button in (self.read_only_button, self.restore_button):
            button.setEnabled(reason is None)
            button.setToolTip(reason or button.toolTip())
        if reason is None and self.path is not None and not self.path.is_file():
            # A missing file cannot be looked at, but a backup can be put in its place.
            self.read_only_button.setEnabled(False)
            self.read_only_button.setToolTip(self.tr("Tệp không tồn tại."))
        if reason is None and not self.backups:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(self.tr("Chưa có bản sao lưu nào của tệp này."))

    def _opened(self, database: Database) -> None:
        self.database = database
        self.accept()

    def _refused(self, exc: KnownError) -> None:
        self.message.setText(exc.message(language()))

    def open_read_only(self) -> None:
        assert self.path is not None
        try:
            self._opened(open_database(self.path, read_only=True))
        except KnownError as exc:
            self._refused(exc)

    def restore(self) -> None:
        assert self.path is not None
        backup = choose_backup(self, self.path)
        if backup is None:
            return
        try:
            aside = restore_database(backup, self.path)
            database = open_database(self.path)
        except KnownError as exc:
            self._refused(exc)
            return
        show_info(self, kept_text(aside))
        self._opened(database)

    def choose_other(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Chọn tệp cơ sở dữ liệu"),
            str(self.path.parent if self.path else ""),
            self.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        try:
            database = open_database(name)
        except KnownError as exc:
            self._refused(exc)
            return
        try:  # the next start, and every kiemtra command, open it too
            self.settings.set(options.DATABASE, str(Path(name).resolve()))
        except KnownError as exc:  # open now all the same; only the choice is not kept
            show_error(self, known_error_text(exc))
        self._opened(database)


def recover(target: str | None, error: KnownError, settings: Settings) -> Database | None:
    """Show the start-up dialog; the database the user got open, or None to quit."""
    dialog = RecoveryDialog(target, error, settings)
    dialog.exec()
    return dialog.database
