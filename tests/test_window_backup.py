"""Never lose an answer, in the window: back up now, restore through the dialog (the
previous file kept), and a database that cannot be opened at start met with a dialog that
offers read-only, a backup, or another file, and changes no byte of the file."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from models.audit import Editor
from models.backup import list_backups
from models.db import Database
from models.device import LocalDevice
from models.opening import open_database
from models.services.units import create_unit, list_units
from qt_app import app as app_module
from qt_app import i18n
from qt_app import settings as options
from qt_app.backup.actions import BackupListDialog
from qt_app.backup.recovery import RecoveryDialog
from qt_app.main_window import MainWindow
from qt_app.settings import Settings
from qt_app.units.dialogs import NewUnit
from tests.window_support import Boxes, Seeded


def units_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in con.execute("SELECT name FROM units"))
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def pick_backup(monkeypatch: pytest.MonkeyPatch, reason: str | None = None) -> None:
    """The backup list answers at once, with the newest backup (of ``reason``)."""

    def exec_(dialog: BackupListDialog) -> int:
        rows = [n for n, b in enumerate(dialog.backups) if reason in (None, b.reason)]
        dialog.list.setCurrentItem(dialog.list.topLevelItem(rows[0]))
        return 1

    monkeypatch.setattr(BackupListDialog, "exec", exec_)


def test_backup_now_adds_a_backup_and_says_where(window: Any, db_path: Path, boxes: Boxes) -> None:
    before = {b.path for b in list_backups(db_path)}
    assert window.backup_action.isEnabled()
    window.backup_action.trigger()
    [made] = [b for b in list_backups(db_path) if b.path not in before]
    assert made.reason == "manual" and str(made.path) in boxes.texts[-1]
    assert str(made.path) in window.status.text()
    assert units_in(made.path) == ["HTX Nông nghiệp Đồng Tâm", "Tỉnh Quảng Ninh"]


def test_restore_through_the_dialog_keeps_the_previous_file(
    qtbot: Any,
    window: Any,
    database: Database,
    db_path: Path,
    seeded: Seeded,
    editor: Editor,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.backup_action.trigger()
    with database.session() as session:
        create_unit(session, editor, "HTX Mới Thành Lập", "htx")
    kept = {b.path for b in list_backups(db_path)}
    pick_backup(monkeypatch, "manual")
    window.restore_action.trigger()
    [new] = windows()
    qtbot.addWidget(new)
    try:
        assert new is not window and not window.isVisible()
        assert new.database is not database and new.database.path == db_path
        assert units_in(db_path) == ["HTX Nông nghiệp Đồng Tâm", "Tỉnh Quảng Ninh"]
        [aside] = [
            p
            for p in db_path.parent.glob(f"{db_path.name}.before-restore-*")
            if not p.name.endswith(("-wal", "-shm"))
        ]
        assert "HTX Mới Thành Lập" in units_in(aside)  # the previous file, kept whole
        assert str(aside) in boxes.texts[-1]
        assert kept <= {b.path for b in list_backups(db_path)}  # no backup was deleted
        assert new.tree.current_unit() == seeded.unit and new.is_ready
        new.answering.answer("dat")  # the restored database takes answers again
        assert new.assessment_view.saved_label.text().startswith("Đã lưu")
    finally:
        new.database.close()


def test_a_refused_restore_changes_nothing(
    window: Any,
    database: Database,
    db_path: Path,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    before = units_in(db_path)
    not_a_backup = tmp_path / "khong-phai.sqlite3"
    not_a_backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert window.restore_from(not_a_backup) is None
    assert "hỏng" in boxes.texts[-1] and windows() == [window]
    assert units_in(db_path) == before
    assert not list(db_path.parent.glob("*.before-restore-*"))
    window.answering.answer("dat")  # the open database still works
    assert window.assessment_view.saved_label.text().startswith("Đã lưu")


def test_backup_and_restore_are_disabled_on_postgresql(
    qtbot: Any, pg_url: str, device: LocalDevice
) -> None:
    database = open_database(pg_url, device=device)
    try:
        window = app_module.create_window(database)
        qtbot.addWidget(window)
        for action in (window.backup_action, window.restore_action):
            assert not action.isEnabled() and "PostgreSQL" in action.toolTip()
        assert window.bundle_import_action.isEnabled()
    finally:
        database.close()


# -- at start ---------------------------------------------------------------------------------


def made_with_a_unit(path: Path, device: LocalDevice, editor: Editor) -> None:
    database = open_database(path, device=device)
    with database.session() as session:
        create_unit(session, editor, "HTX Hải Hà", "htx")
    database.close()  # and a backup is taken on closing


def damage(path: Path, how: str) -> None:
    if how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif how == "not-a-database":
        path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 50)
    else:  # made by a newer version of the program
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
        con.close()


def start(
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    drive: Callable[[RecoveryDialog], int],
    check: Callable[[MainWindow], None] | None = None,
) -> int:
    """``run_window`` on ``path``: ``drive`` answers the recovery dialog, ``check`` looks at
    the window that opens."""
    seen: list[MainWindow] = []

    def exec_app(*_args: Any) -> int:
        for window in windows():
            seen.append(window)
            if check is not None:
                check(window)
            window.close()
            window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_app)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: drive(dialog))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(i18n, "set_locale", lambda: None)  # process-wide: not in a test run
    monkeypatch.setattr(logging, "basicConfig", lambda **_kwargs: None)
    status = app_module.run_window(str(path))
    assert len(seen) == (1 if status == 0 else 0)
    return status


@pytest.mark.parametrize("how", ["truncated", "not-a-database", "newer"])
def test_a_damaged_file_at_start_offers_the_ways_forward_and_stays_as_it_was(
    qapp: QApplication,
    tmp_path: Path,
    device: LocalDevice,
    editor: Editor,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    path = tmp_path / "van-phong.sqlite3"
    made_with_a_unit(path, device, editor)
    damage(path, how)
    before = digest(path)
    offered: list[str] = []

    def drive(dialog: RecoveryDialog) -> int:
        first = dialog.message.text()
        assert first and str(path) in first
        for button in (
            dialog.read_only_button,
            dialog.restore_button,
            dialog.other_button,
            dialog.quit_button,
        ):
            assert button.isEnabled()
            offered.append(button.text())
        dialog.read_only_button.click()  # a damaged file does not open even read-only
        assert dialog.database is None and dialog.message.text()
        assert digest(path) == before
        dialog.quit_button.click()
        return dialog.result()

    assert start(monkeypatch, path, drive) == 1
    assert offered == ["Mở chỉ đọc", "Khôi phục bản sao lưu…", "Chọn tệp khác…", "Thoát"]
    assert digest(path) == before


def test_read_only_at_start_opens_the_file_without_changing_it(
    qapp: QApplication,
    tmp_path: Path,
    device: LocalDevice,
    editor: Editor,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "dia-cd.sqlite3"
    made_with_a_unit(path, device, editor)
    before = digest(path)
    subprocess.run(["chattr", "+i", str(path)], check=True)  # read-only, even for root

    def drive(dialog: RecoveryDialog) -> int:
        assert "chỉ đọc" in dialog.message.text()
        dialog.read_only_button.click()
        assert dialog.database is not None and dialog.database.read_only
        return dialog.result()

    def check(window: MainWindow) -> None:
        assert "chỉ đọc" in window.windowTitle() and window.is_ready
        assert [u.name for u in window.saver.read(list_units)] == ["HTX Hải Hà"]
        assert window.units.create_unit(NewUnit("HTX Mới", "htx", None, "", "", "")) is None
        assert "chỉ cho phép đọc" in boxes.texts[-1]  # the write was refused
        assert not window.restore_action.isEnabled()
        assert not window.bundle_import_action.isEnabled()

    try:
        assert start(monkeypatch, path, drive, check) == 0
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert digest(path) == before


def test_restore_at_start_opens_the_backup_and_keeps_the_damaged_file(
    qapp: QApplication,
    tmp_path: Path,
    device: LocalDevice,
    editor: Editor,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "van-phong.sqlite3"
    made_with_a_unit(path, device, editor)
    damage(path, "truncated")
    damaged = path.read_bytes()
    pick_backup(monkeypatch)

    def drive(dialog: RecoveryDialog) -> int:
        dialog.restore_button.click()
        return dialog.result()

    def check(window: MainWindow) -> None:
        assert [u.name for u in window.saver.read(list_units)] == ["HTX Hải Hà"]

    assert start(monkeypatch, path, drive, check) == 0
    [aside] = [
        p
        for p in tmp_path.glob("van-phong.sqlite3.before-restore-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert aside.read_bytes() == damaged and str(aside) in boxes.texts[-1]
    assert units_in(path) == ["HTX Hải Hà"]


def test_another_file_at_start_is_remembered(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hong.sqlite3"
    path.write_bytes(b"not a database at all")
    other = tmp_path / "moi.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))

    def drive(dialog: RecoveryDialog) -> int:
        assert not dialog.restore_button.isEnabled()  # this file has no backups
        assert "sao lưu" in dialog.restore_button.toolTip()
        dialog.other_button.click()
        return dialog.result()

    def check(window: MainWindow) -> None:
        assert window.windowTitle().endswith("moi.sqlite3")

    assert start(monkeypatch, path, drive, check) == 0
    assert Settings().get(options.DATABASE) == str(other)
    assert path.read_bytes() == b"not a database at all"


def test_the_start_up_dialog_speaks_english(qtbot: Any, qapp: QApplication, tmp_path: Path) -> None:
    from models.errors import DatabaseError

    i18n.install(qapp, "en")
    path = tmp_path / "hong.sqlite3"
    path.write_bytes(b"not a database")
    error = DatabaseError("Tệp hỏng.", "The file is damaged.")
    dialog = RecoveryDialog(str(path), error, Settings())
    qtbot.addWidget(dialog)
    assert dialog.message.text() == "The file is damaged."
    assert [
        b.text()
        for b in (
            dialog.read_only_button,
            dialog.restore_button,
            dialog.other_button,
            dialog.quit_button,
        )
    ] == ["Open read-only", "Restore a backup…", "Choose another file…", "Quit"]
    assert dialog.restore_button.toolTip() == "This file has no backups yet."
