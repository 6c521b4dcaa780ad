"""Backups on open and close, rotation, restore that keeps the current file, read-only and
locked databases: clear messages, files never made worse."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from models.backup import (
    automatic_backup,
    backup_database,
    backups_for,
    list_backups,
    rotate,
)
from models.db import explain_database_error
from models.entities import Unit
from models.errors import DatabaseError
from models.opening import open_database
from models.restore import restore_database
from models.services.units import create_unit


def units_in(path) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM units").fetchone()[0]
    finally:
        con.close()


def test_backups_are_taken_on_open_and_close_only_when_changed(db_path, device, editor):
    db = open_database(db_path, device=device)
    db.close()
    first = list_backups(db_path)
    assert [b.reason for b in first] == ["auto-close"]
    open_database(db_path, device=device).close()  # nothing changed: no new backup
    assert len(list_backups(db_path)) == 1
    db = open_database(db_path, device=device)
    with db.session() as session:
        create_unit(session, editor, "HTX Hòa Bình", "htx")
    db.close()
    backups = list_backups(db_path)
    assert len(backups) == 2 and units_in(backups[0].path) == 1


def test_rotation_keeps_recent_and_weekly(tmp_path, db_path, device):
    open_database(db_path, device=device).close()
    folder = backups_for(db_path)
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    for days in range(0, 120, 2):
        stamp = (now - dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%S%fZ")
        (folder / f"{stamp}-auto-open.sqlite3").write_bytes(b"x")
    (folder / "20200101T000000000000Z-manual.sqlite3").write_bytes(b"x")
    (folder / "20200101T000000000000Z-before-migration-0001.sqlite3").write_bytes(b"x")
    rotate(folder, now)
    names = sorted(p.name for p in folder.glob("*auto*"))
    assert 10 <= len(names) <= 10 + 9
    oldest = min(dt.datetime.strptime(n.split("-")[0], "%Y%m%dT%H%M%S%fZ") for n in names)
    assert now.replace(tzinfo=None) - oldest <= dt.timedelta(weeks=8, days=1)
    assert (folder / "20200101T000000000000Z-manual.sqlite3").exists()
    assert (folder / "20200101T000000000000Z-before-migration-0001.sqlite3").exists()


def test_restore_checks_the_backup_and_keeps_the_current_file(db_path, device, editor, tmp_path):
    db = open_database(db_path, device=device)
    with db.session() as session:
        create_unit(session, editor, "HTX Tân Tiến", "htx")
    db.close()
    backup = backup_database(db_path, tmp_path / "before.sqlite3")
    db = open_database(db_path, device=device)
    with db.session() as session:
        create_unit(session, editor, "HTX Bình Minh", "htx")
    db.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a backup at all")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError):
        restore_database(bad, db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    aside = restore_database(backup, db_path)
    assert units_in(db_path) == 1 and units_in(aside) == 2
    db = open_database(db_path, device=device)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 1
    db.close()


def test_restore_replaces_a_damaged_file_without_deleting_it(db_path, device, tmp_path):
    open_database(db_path, device=device).close()
    backup = backup_database(db_path, tmp_path / "good.sqlite3")
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 5000)
    damaged = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(db_path, device=device)
    aside = restore_database(backup, db_path)
    assert aside.read_bytes() == damaged
    open_database(db_path, device=device).close()


@pytest.mark.slow  # several kiemtra processes
def test_cli_backup_list_and_restore(db_path, tmp_path):
    def kiemtra(*args):
        return subprocess.run(
            [sys.executable, "-m", "qt_app", "--db", str(db_path), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert kiemtra("units", "add", "HTX Chè", "--kind", "htx").returncode == 0
    made = kiemtra("db", "backup").stdout.strip()
    assert kiemtra("units", "add", "HTX Rau", "--kind", "htx").returncode == 0
    listed = kiemtra("db", "backups").stdout
    assert "manual" in listed and "auto-close" in listed
    result = kiemtra("db", "restore", made)
    assert result.returncode == 0, result.stderr
    assert "before-restore" in result.stdout
    assert units_in(db_path) == 1


@pytest.mark.faults  # a read-only file or folder, for real
@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_is_explained_and_left_alone(tmp_path, device, what):
    """A really read-only file (immutable, so that even root cannot write it)."""
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "ro.sqlite3"
    open_database(path, device=device).close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    names = sorted(p.name for p in folder.iterdir())
    target = path if what == "file" else folder
    subprocess.run(["chattr", "+i", str(target)], check=True)
    try:
        command = [sys.executable, "-m", "qt_app", "--db", str(path)]
        result = subprocess.run(
            [*command, "units", "list"], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 1
        assert "chỉ đọc" in result.stderr and "Traceback" not in result.stderr
        readonly = subprocess.run(
            [*command, "--read-only", "units", "list", "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert readonly.returncode == 0, readonly.stderr
        assert readonly.stdout.strip() == "[]"
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == names  # no -wal or -shm left beside it


def test_read_only_folder_message_and_read_only_mode(db_path, device, monkeypatch, editor):
    db = open_database(db_path, device=device)
    with db.session() as session:
        create_unit(session, editor, "HTX Quyết Thắng", "htx")
    db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path, device=device)
    assert "--read-only" in caught.value.en and "chỉ đọc" in caught.value.vi
    monkeypatch.undo()
    db = open_database(db_path, device=device, read_only=True)
    with db.session() as session:
        assert session.scalar(select(Unit.name)) == "HTX Quyết Thắng"
        with pytest.raises(DatabaseError, match="read-only"):
            try:
                create_unit(session, editor, "HTX Mới", "htx")
            except Exception as exc:
                raise explain_database_error(exc) from exc
    db.close()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


@pytest.mark.faults  # a held lock: waits out the busy timeout
def test_locked_database_gets_a_clear_message(db_path, device, editor, monkeypatch):
    db = open_database(db_path, device=device)
    monkeypatch.setattr("models.db.BUSY_TIMEOUT_MS", 200)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with db.session() as session:
            with pytest.raises(Exception) as caught:
                create_unit(session, editor, "HTX Khoá", "htx")
            message = explain_database_error(caught.value)
            assert "locked by another program" in message.en
            assert "CHƯA được lưu" in message.vi
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        db.close()


def test_disk_full_is_explained():
    error = sqlite3.OperationalError("database or disk is full")
    assert "disk is full" in explain_database_error(error).en


def test_automatic_backup_of_a_new_database_is_valid(db_path, device):
    open_database(db_path, device=device).close()
    made = automatic_backup(db_path, "open")
    assert made is None  # unchanged since the close backup
    latest = list_backups(db_path)[0]
    con = sqlite3.connect(latest.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_a_backup_half_written_by_a_killed_process_is_cleared_away(db_path, device, editor):
    open_database(db_path, device=device).close()
    folder = backups_for(db_path)
    stale = folder / "20210928T080000000000Z-auto-open.sqlite3.part"
    stale.write_bytes(b"SQLite format 3\x00" + bytes(100))
    old = stale.stat().st_mtime - 2 * 3600
    os.utime(stale, (old, old))
    fresh = folder / "20210928T090000000000Z-auto-open.sqlite3.part"  # another process, now
    fresh.write_bytes(b"SQLite format 3\x00")
    db = open_database(db_path, device=device)
    with db.session() as session:
        create_unit(session, editor, "HTX Đông Triều", "htx")
    db.close()  # changed: the backup on closing runs, and clears up first
    assert not stale.exists() and fresh.exists()
    assert all(b.path.suffix == ".sqlite3" for b in list_backups(db_path))
