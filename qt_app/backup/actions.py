"""Backups in the window: "Sao lưu ngay", "Khôi phục từ bản sao lưu…", and the dialog shown
when the database cannot be opened at start (damaged, newer, read-only, locked, on a share).

Nothing here deletes or changes a database file by itself: a restore moves the current file
aside (``models.backup.restore_database``) and says where; the start-up dialog only offers
ways forward, each of which the user chooses.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import paths
from models.backup import BackupInfo, backup_database, list_backups
from models.db import Database
from models.errors import KnownError
from models.opening import open_database
from models.restore import restore_database
from models.sqlite_files import network_location
from qt_app import settings as options
from qt_app.i18n import language, pick
from qt_app.messages import known_error_text, show_error, show_info
from qt_app.settings import Settings
from qt_app.tasks import run_task, runner

if TYPE_CHECKING:
    from qt_app.main_window import MainWindow

REASONS = {
    "manual": ("Sao lưu bằng tay", "Made by hand"),
    "auto-open": ("Tự động khi mở", "Automatic, on opening"),
    "auto-close": ("Tự động khi đóng", "Automatic, on closing"),
}


def reason_text(reason: str) -> str:
    if reason.startswith("before-migration"):
        return pick(("Trước khi nâng cấp lược đồ", "Before a schema upgrade"))
    return pick(REASONS[reason]) if reason in REASONS else reason


def size_text(size: int) -> str:
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{max(size // 1024, 1)} KB"


def sqlite_file(target: str | None) -> Path | None:
    """The SQLite file a database target names (None for a server URL)."""
    if not target:
        return paths.default_database_path()
    if "://" not in target:
        return Path(target).expanduser().resolve()
    prefix = "sqlite:///"
    return Path(target[len(prefix) :]).resolve() if target.startswith(prefix) else None


class BackupListDialog(QDialog):
    """The backups of one database, newest first; the chosen one is restored."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle(self.tr("Khôi phục từ bản sao lưu"))
        self.resize(620, 420)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Thời điểm"), self.tr("Lý do"), self.tr("Cỡ")])
        for backup in backups:
            row = QTreeWidgetItem(
                [
                    backup.taken_at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
                    reason_text(backup.reason),
                    size_text(backup.size),
                ]
            )
            row.setToolTip(0, str(backup.path))
            self.list.addTopLevelItem(row)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        note = QLabel(
            self.tr(
                "Tệp đang dùng không bị xoá: nó được giữ lại bên cạnh, với tên "
                "có đuôi “before-restore”."
            )
            if backups
            else self.tr("Chưa có bản sao lưu nào của tệp này.")
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Khôi phục"))
        self.ok.setEnabled(bool(backups))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda *_args: self.accept())
        newest = self.list.topLevelItem(0)
        if newest is not None:
            self.list.setCurrentItem(newest)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def selected(self) -> BackupInfo | None:
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        return self.backups[row] if 0 <= row < len(self.backups) else None


def choose_backup(parent: QWidget | None, database_file: Path) -> Path | None:
    dialog = BackupListDialog(list_backups(database_file), parent)
    chosen = dialog.selected() if dialog.exec() else None
    return chosen.path if chosen else None


def kept_text(aside: Path | None) -> str:
    done = QCoreApplication.translate("backup", "Đã khôi phục từ bản sao lưu.")
    if aside is None:
        return done
    return (
        done
        + "\n\n"
        + QCoreApplication.translate("backup", "Tệp trước đó được giữ nguyên tại:\n%1").replace(
            "%1", str(aside)
        )
    )


# -- in the window ----------------------------------------------------------------------------


def explain_actions(window: MainWindow) -> None:
    """Disable, with the reason as a tooltip, what cannot work on this database."""
    database = window.database
    if database.path is None:
        reason = QCoreApplication.translate(
            "backup", "Máy chủ PostgreSQL được sao lưu và khôi phục bằng pg_dump/pg_restore."
        )
        _disable(window.backup_action, reason)
        _disable(window.restore_action, reason)
    if database.read_only:
        reason = QCoreApplication.translate("backup", "Cơ sở dữ liệu đang mở chỉ đọc.")
        for action in (
            window.restore_action,
            window.bundle_import_action,
            window.bundle_export_action,
        ):
            _disable(action, reason)


def _disable(action: QAction, reason: str) -> None:
    action.setEnabled(False)
    action.setToolTip(reason)


def backup_now(window: MainWindow) -> None:
    """Back up the open file into its backup folder, in the background; say where."""
    if window.database.path is None:
        return
    window.pane.flush()
    window.show_message(QCoreApplication.translate("backup", "Đang sao lưu…"))

    def done(made: Path) -> None:
        window.show_message(
            QCoreApplication.translate("backup", "Đã sao lưu: %1").replace("%1", str(made))
        )
        show_info(
            window,
            QCoreApplication.translate("backup", "Đã sao lưu cơ sở dữ liệu vào:\n%1").replace(
                "%1", str(made)
            ),
        )

    def failed(exc: BaseException) -> None:
        window.show_message("")
        window.task_failed(exc)

    run_task(backup_database, window.database.path, done=done, failed=failed)


def restore(window: MainWindow) -> MainWindow | None:
    """Choose a backup and put it in place of the open file (kept aside, never deleted)."""
    if window.database.path is None or window.database.read_only:
        return None
    backup = choose_backup(window, window.database.path)
    return restore_into(window, backup) if backup is not None else None


def restore_into(window: MainWindow, backup: Path) -> MainWindow | None:
    """Close the database, restore, reopen it in a new window; the old one closes."""
    old = window.database
    assert old.path is not None
    window.pane.flush()
    window.save_state()
    runner().wait()
    old.close()  # lets go of the file: a restore refuses a database someone holds
    try:
        aside = restore_database(backup, old.path)
        database = open_database(old.path, device=old.device)
    except KnownError as exc:
        old.resume()  # holds the file again; its engine reconnects on the next use
        show_error(window, known_error_text(exc))
        return None
    from qt_app.app import create_window

    new = create_window(database, window.settings)
    new.load_units(window.tree.current_unit())
    new.show()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(partial(_close_at_exit, database))
    window.close()
    window.deleteLater()
    show_info(new, kept_text(aside))
    return new


def _close_at_exit(database: Database) -> None:
    runner().wait()
    database.close()


# -- at start, when the database cannot be opened -----------------------------------------------


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
        elif not self.path.is_file():
            reason = self.tr("Tệp không tồn tại.")
        for button in (self.read_only_button, self.restore_button):
            button.setEnabled(reason is None)
            button.setToolTip(reason or button.toolTip())
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
        self.settings.set(options.DATABASE, str(Path(name).resolve()))
        self._opened(database)


def recover(target: str | None, error: KnownError, settings: Settings) -> Database | None:
    """Show the start-up dialog; the database the user got open, or None to quit."""
    dialog = RecoveryDialog(target, error, settings)
    dialog.exec()
    return dialog.database
