"""A restore under faults: killed between any two of its steps, refused while another process
has the database open, and a missing database that was used before reported, never
replaced by an empty one. Everything runs in real processes killed for real (SIGKILL)."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path

import pytest

from models.audit import Editor
from models.backup import backup_database, list_backups
from models.device import LocalDevice
from models.restore import restore_database
from tests.process_support import (
    answers_in,
    item_codes,
    kiemtra,
    python,
    start_writer,
    with_answers,
)

pytestmark = pytest.mark.faults

#: Every step a restore reports, in order; the kill test stops it after each one.
STEPS = ["locked", "checkpointed", "journal", "copied", "swapping", "aside", "in-place", "finished"]

RESTORER = """
import os, signal, sys
from pathlib import Path
from models.restore import restore_database

database, backup, kill_after = sys.argv[1:4]

def step(name):
    if name == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)

restore_database(Path(backup), Path(database), on_step=step)
"""


@pytest.fixture
def hot_database(tmp_path: Path, device: LocalDevice, editor: Editor) -> tuple[Path, Path]:
    """A database with 11 answers, the last 8 only in its -wal (the writer was killed), and a
    backup taken when it had 3."""
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 3)
    backup = backup_database(path, tmp_path / "tuan-37.sqlite3")
    codes = item_codes(path, device)
    writer = start_writer(path, [*codes[3:11], codes[11]])
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0  # the last answers are in the -wal only
    assert answers_in(path) == 11
    return path, backup


def test_a_restore_reports_exactly_the_steps_the_kill_test_stops_at(hot_database):
    path, backup = hot_database
    seen: list[str] = []
    aside = restore_database(backup, path, on_step=seen.append)
    assert seen == STEPS
    assert aside is not None and answers_in(aside, wal=False) == 11  # WAL folded in first
    assert not Path(f"{aside}-wal").exists()
    assert answers_in(path) == 3


@pytest.mark.parametrize("kill_after", STEPS)
def test_a_killed_restore_loses_no_answer_and_the_next_start_says_what_happened(
    hot_database, kill_after
):
    path, backup = hot_database
    restorer = python(RESTORER, str(path), str(backup), kill_after)
    restorer.communicate(timeout=120)
    assert restorer.returncode == -signal.SIGKILL

    listed = kiemtra("--db", str(path), "units", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr
    assert [u["name"] for u in json.loads(listed.stdout)] == ["HTX Dịch vụ Nông nghiệp Yên Đức"]
    aside = [
        p
        for p in path.parent.glob("kiemtra.sqlite3.before-restore-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    said = listed.stderr
    if kill_after in ("locked", "checkpointed"):  # nothing was changed yet
        assert said == "" and aside == [] and answers_in(path) == 11
    elif kill_after in ("journal", "copied"):  # the backup was not completely in place: undone
        assert "bị ngắt trước khi thay tệp; đã huỷ nó" in said
        assert aside == [] and answers_in(path) == 11
    else:  # the backup was copied whole: the restore is finished, the old file kept
        assert len(aside) == 1 and answers_in(path) == 3
        assert answers_in(aside[0], wal=False) == 11  # every answer saved before, in one file
        if kill_after != "finished":
            assert "nay đã hoàn tất" in said and str(aside[0]) in said
    assert not list(path.parent.glob("*.restoring*"))
    assert not list(path.parent.glob("*.restore-journal*"))
    again = kiemtra("--db", str(path), "units", "list")
    assert again.returncode == 0 and again.stderr == ""  # said once, then quiet


def test_restore_is_refused_while_another_process_has_the_database_open_and_writing(
    tmp_path, device, editor
):
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 3)
    backup = backup_database(path, tmp_path / "tuan-37.sqlite3")
    codes = item_codes(path, device)
    writer = start_writer(path, [*codes[3:11], codes[11]])
    try:
        refused = kiemtra("--db", str(path), "db", "restore", str(backup))
        assert refused.returncode == 1
        assert "đang được mở" in refused.stderr and "Traceback" not in refused.stderr
        assert not list(tmp_path.glob("kiemtra.sqlite3.before-restore-*"))
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write("one more\n")  # the writer goes on saving, into the real file
        writer.stdin.flush()
        assert writer.stdout.readline().startswith("SAVED")
    finally:
        out, err = writer.communicate(timeout=60)  # closes stdin: the writer closes and ends
    assert writer.returncode == 0, err
    assert answers_in(path) == 12
    done = kiemtra("--db", str(path), "db", "restore", str(backup))  # nobody holds it now
    assert done.returncode == 0, done.stderr
    assert answers_in(path) == 3


def test_restore_is_refused_while_another_program_has_the_file_open(tmp_path, device, editor):
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 3)
    backup = backup_database(path, tmp_path / "tuan-37.sqlite3")
    other = sqlite3.connect(path)  # a SQLite browser, say: no Kiểm tra lock of its own
    other.execute("SELECT count(*) FROM answers").fetchone()
    try:
        refused = kiemtra("--db", str(path), "db", "restore", str(backup))
        assert refused.returncode == 1, refused.stdout
        assert "chương trình khác mở" in refused.stderr
        assert not list(tmp_path.glob("kiemtra.sqlite3.before-restore-*"))
    finally:
        other.close()


def test_a_missing_database_that_was_used_before_is_reported_not_recreated(tmp_path):
    path = tmp_path / "van-phong.sqlite3"
    added = kiemtra("--db", str(path), "units", "add", "HTX Chè Đường Hoa", "--kind", "htx")
    assert added.returncode == 0, added.stderr
    gone = tmp_path / "moved-away.sqlite3"
    path.rename(gone)
    listed = kiemtra("--db", str(path), "units", "list")
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert "đã được dùng trước đây" in listed.stderr and "kiemtra db restore" in listed.stderr
    assert not path.exists()
    backups = list_backups(path)
    assert backups, "the backup on closing is there to restore"
    restored = kiemtra("--db", str(path), "db", "restore", str(backups[0].path))
    assert restored.returncode == 0, restored.stderr
    listed = kiemtra("--db", str(path), "units", "list")
    assert listed.returncode == 0 and "HTX Chè Đường Hoa" in listed.stdout


def test_leftovers_of_an_old_restore_mean_a_database_was_expected(tmp_path, kiemtra_home):
    path = tmp_path / "kiemtra.sqlite3"
    kept = tmp_path / "kiemtra.sqlite3.before-restore-20210928T080000000000Z"
    kept.write_bytes(b"")  # what an older version could leave behind when killed
    listed = kiemtra("--db", str(path), "units", "list")
    assert listed.returncode == 1
    assert str(kept) in listed.stderr and not path.exists()


def test_a_first_start_still_creates_the_default_database(kiemtra_home):
    listed = kiemtra("units", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
    assert (kiemtra_home / "data" / "kiemtra.sqlite3").is_file()


@pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
def test_restore_is_refused_while_a_window_has_the_database_open(window, db_path, tmp_path):
    backup = backup_database(db_path, tmp_path / "sang-nay.sqlite3")
    window.answering.answer("dat")
    refused = kiemtra("--db", str(db_path), "db", "restore", str(backup))
    assert refused.returncode == 1
    assert "đang được mở" in refused.stderr and "Traceback" not in refused.stderr
    window.answering.answer("chua-dat")  # the window goes on saving into the real file
    assert window.assessment_view.saved_label.text().startswith("Đã lưu")
    con = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        statuses = [row[0] for row in con.execute("SELECT status FROM answers")]
    finally:
        con.close()
    assert sorted(statuses) == ["chua-dat", "dat"]  # the window moves on to the next item
    assert not list(tmp_path.glob("kiemtra.sqlite3.before-restore-*"))
