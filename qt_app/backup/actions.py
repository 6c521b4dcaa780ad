"""Backups in the window: "Sao lưu ngay" and "Khôi phục từ bản sao lưu…" (the dialog shown
when the database cannot be opened at start is in ``recovery.py``).

Nothing here deletes or changes a database file by itself: a restore moves the current file
aside (``models.backup.restore_database``) and says where. Each operation is handed the
database and a parent for its messages, never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
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
from qt_app.i18n import pick
from qt_app.messages import known_error_text, show_error, show_info
from qt_app.tasks import run_task, runner

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


def explain_actions(
    database: Database, backup: QAction, restore: QAction, writes: tuple[QAction, ...]
) -> None:
    """Disable, with the reason as a tooltip, what cannot work on this database: ``backup``
    and ``restore`` on a server, ``restore`` and the other ``writes`` when read-only."""
    if database.path is None:
        reason = QCoreApplication.translate(
            "backup", "Máy chủ PostgreSQL được sao lưu và khôi phục bằng pg_dump/pg_restore."
        )
        _disable(backup, reason)
        _disable(restore, reason)
    if database.read_only:
        reason = QCoreApplication.translate("backup", "Cơ sở dữ liệu đang mở chỉ đọc.")
        for action in (restore, *writes):
            _disable(action, reason)


def _disable(action: QAction, reason: str) -> None:
    action.setEnabled(False)
    action.setToolTip(reason)


def backup_now(
    parent: QWidget,
    database: Database,
    message: Callable[[str], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Back up the open file into its backup folder, in the background; say where."""
    if database.path is None:
        return
    message(QCoreApplication.translate("backup", "Đang sao lưu…"))

    def done(made: Path) -> None:
        message(QCoreApplication.translate("backup", "Đã sao lưu: %1").replace("%1", str(made)))
        show_info(
            parent,
            QCoreApplication.translate("backup", "Đã sao lưu cơ sở dữ liệu vào:\n%1").replace(
                "%1", str(made)
            ),
        )

    def not_made(exc: BaseException) -> None:
        message("")
        failed(exc)

    run_task(backup_database, database.path, done=done, failed=not_made)


@dataclass(frozen=True)
class Restored:
    database: Database  # the restored file, open
    aside: Path | None  # where the file it replaced was kept


def restore_file(parent: QWidget, database: Database, backup: Path) -> Restored | None:
    """Close ``database``, put ``backup`` in place of its file (kept aside, never deleted)
    and open it again; None, with the message shown, if the restore was refused."""
    assert database.path is not None
    runner().wait()
    database.close()  # lets go of the file: a restore refuses a database someone holds
    try:
        aside = restore_database(backup, database.path)
        reopened = open_database(database.path, device=database.device)
    except KnownError as exc:
        database.resume()  # holds the file again; its engine reconnects on the next use
        show_error(parent, known_error_text(exc))
        return None
    return Restored(reopened, aside)
