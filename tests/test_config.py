"""One configuration for the window and the command line: the options file the window
writes is the one `kiemtra` reads (database, user name, language), a file an older version
wrote through Qt still reads the same, and a damaged file gives the defaults and a message,
never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from models import config, paths
from models.config import (
    DATABASE,
    LANGUAGE,
    TEXT_SIZE,
    USER_NAME,
    Config,
    ConfigError,
    database_target,
    message_language,
    user_name,
)
from models.db import Database
from models.entities import AuditEntry, ChecklistItem
from tests.window_support import Seeded


def kiemtra(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: no --db, no $KIEMTRA_DB or $KIEMTRA_USER unless given."""
    environment = {k: v for k, v in os.environ.items() if k not in {"KIEMTRA_DB", "KIEMTRA_USER"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "qt_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def no_user_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KIEMTRA_USER", "KIEMTRA_LANG"):
        monkeypatch.delenv(name, raising=False)


def test_options_have_defaults_and_keep_their_types(tmp_path: Path) -> None:
    options = Config(tmp_path)
    assert (options.get(LANGUAGE), options.get(TEXT_SIZE)) == ("vi", 10)
    assert (options.get(DATABASE), options.get(USER_NAME)) == ("", "")
    assert options.problems == []
    options.set(TEXT_SIZE, 14)
    options.set(USER_NAME, "Le\u0302 Thi\u0323 Mai")  # decomposed, as some keyboards type it
    again = Config(tmp_path)
    assert again.get(TEXT_SIZE) == 14 and again.get(USER_NAME) == "Lê Thị Mai"  # NFC


def test_a_file_written_by_qsettings_reads_the_same_and_survives_a_save(tmp_path: Path) -> None:
    """What the window of an earlier version saved (through Qt) is not lost."""
    from PySide6.QtCore import QSettings

    path = r"D:\Dữ liệu, 2021\văn phòng.sqlite3"
    written = QSettings(str(tmp_path / "options.ini"), QSettings.Format.IniFormat)
    written.setValue("database", path)
    written.setValue("user_name", 'Trần "Hà"; tổ 1')
    written.setValue("text_size", 12)
    written.setValue("language", "en")
    written.setValue("something_else", "@kept")
    written.sync()
    options = Config(tmp_path)
    assert options.get(DATABASE) == path and options.get(USER_NAME) == 'Trần "Hà"; tổ 1'
    assert (options.get(TEXT_SIZE), options.get(LANGUAGE)) == (12, "en")
    assert options.problems == []
    options.set(TEXT_SIZE, 16)
    # Qt keeps one cache per file name in a process and may miss a rewrite made within the
    # same instant: read the file back under a name Qt has never seen.
    shutil.copyfile(tmp_path / "options.ini", tmp_path / "read-back.ini")
    read_back = QSettings(str(tmp_path / "read-back.ini"), QSettings.Format.IniFormat)
    assert read_back.value("database") == path
    assert read_back.value("user_name") == 'Trần "Hà"; tổ 1'
    assert int(read_back.value("text_size")) == 16
    assert read_back.value("something_else") == "@kept"  # what we do not know stays


def test_which_database_who_and_which_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = Config(tmp_path)
    assert database_target(None, options) is None  # the default file in the data folder
    options.set(DATABASE, "/data/office.sqlite3")
    assert database_target(None, options) == "/data/office.sqlite3"
    monkeypatch.setenv("KIEMTRA_DB", "/env.sqlite3")
    assert database_target(None, options) == "/env.sqlite3"
    assert database_target("/cli.sqlite3", options) == "/cli.sqlite3"

    assert user_name(options) == config.login_name()
    options.set(USER_NAME, "Nguyễn Văn An")
    assert user_name(options) == "Nguyễn Văn An"
    monkeypatch.setenv("KIEMTRA_USER", "Thanh tra Bình")
    assert user_name(options) == "Thanh tra Bình"

    assert message_language(None, options) == "vi"
    options.set(LANGUAGE, "en")
    assert message_language(None, options) == "en"
    monkeypatch.setenv("KIEMTRA_LANG", "vi")
    assert message_language(None, options) == "vi"
    assert message_language("en", options) == "en"


@pytest.mark.parametrize(
    "damage",
    [
        b"\xff\xfe\x00garbage\x00",  # not text at all
        b"[General]\nlanguage=vi\ntext_size=" + b"9" * 100_000 + b"\n",  # far too big
        b"[General]\ntext_size=huge\nlanguage=fr\nthis line has no equals sign\n",
        b"[General]\ndatabase=@ByteArray(\\0\\0)\n",  # a Qt type where a path should be
    ],
    ids=["binary", "huge", "bad-values", "qt-type"],
)
def test_a_damaged_file_gives_the_defaults_and_says_why(tmp_path: Path, damage: bytes) -> None:
    file = tmp_path / "options.ini"
    file.write_bytes(damage)
    options = Config(tmp_path)
    assert (options.get(LANGUAGE), options.get(TEXT_SIZE), options.get(DATABASE)) == ("vi", 10, "")
    [*problems] = options.problems
    assert problems and all(p.vi and p.en and str(file) in p.en for p in problems)
    options.set(USER_NAME, "Mai")
    assert Config(tmp_path).get(USER_NAME) == "Mai"
    damaged = tmp_path / "options.ini.damaged"
    if damaged.exists():  # a file that was not ours to read is kept, not written over
        assert damaged.read_bytes() == damage


def test_a_file_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    options = Config(tmp_path)
    options.set(USER_NAME, "Mai")
    (tmp_path / "options.ini.tmp").mkdir()  # in the way of the new file, even for root
    with pytest.raises(ConfigError) as refused:
        options.set(USER_NAME, "Lan")
    assert "Could not save the settings" in refused.value.en and refused.value.vi
    assert Config(tmp_path).get(USER_NAME) == "Mai"


def test_the_command_warns_about_a_damaged_file_and_carries_on(kiemtra_home: Path) -> None:
    (paths.config_dir() / "options.ini").write_bytes(b"\x00\xff not an ini file")
    result = kiemtra("units", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "options.ini" in result.stderr and "damaged" in result.stderr
    assert json.loads(result.stdout) == []


def test_the_command_speaks_the_language_chosen_in_the_window(kiemtra_home: Path) -> None:
    Config().set(LANGUAGE, "en")
    result = kiemtra("assessments", "show", "00000000-0000-4000-8000-00000000dead")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not found" in result.stderr.lower(), result.stderr


@pytest.mark.slow  # several kiemtra processes
@pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
def test_the_window_and_the_command_share_database_and_name(
    window: Any, database: Database, db_path: Path, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chosen once in the window's settings: `kiemtra` then opens that database and signs
    its changes with that name in the audit trail."""
    from qt_app.settings_dialog import SettingsDialog

    before = kiemtra("units", "list", "--json")
    assert before.returncode == 0 and json.loads(before.stdout) == []  # the default, empty file

    def fill(dialog: SettingsDialog) -> int:
        dialog.database.setText(str(db_path))
        dialog.user_name.setText("Phạm Thị Thu")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.settings_action.trigger()
    assert window.editor().name == "Phạm Thị Thu"  # the window signs with it at once

    listed = kiemtra("units", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {u["name"] for u in json.loads(listed.stdout)} == {
        "Tỉnh Quảng Ninh",
        "HTX Nông nghiệp Đồng Tâm",
    }
    with database.session() as session:
        item = session.get(ChecklistItem, seeded.items[0])
        assert item is not None
        code = item.code
    answered = kiemtra("assessments", "answer", str(seeded.assessment), code, "dat")
    assert answered.returncode == 0, answered.stderr
    with database.session() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.assessment_id == seeded.assessment, AuditEntry.action == "answer")
            .order_by(AuditEntry.at.desc())
        ).first()
        assert entry is not None and entry.actor == "Phạm Thị Thu"
