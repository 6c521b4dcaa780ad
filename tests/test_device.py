"""This machine's device id is never silently replaced (issue 19, item 6).

Before, a damaged or unreadable device.json made a new id with no word, so one laptop's
history became two devices in every office that merged its bundles. Now only a missing file
on a first start makes an id; a damaged one is repaired from the database that knows the id
(and the program says so), or refused with the way to repair it.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models.audit import Editor
from models.device import DeviceError, LocalDevice, device_file, local_device, machine_name
from models.entities import Device
from models.opening import open_database
from models.services.units import create_unit, list_units

ROOT = Path(__file__).resolve().parent.parent

DAMAGE: dict[str, bytes | None] = {
    "cut short": b'{"id": "4f1c2a9e-7d7b-4a57-9c53-0d2',
    "empty": b"",
    "not UTF-8": b'{"id": "\xff\xfe"}',
    "a list": b"[]",
    "an id that is a number": b'{"id": 5, "name": "may-van-phong"}',
    "an id that is no UUID": b'{"id": "may-1", "name": "may-van-phong"}',
    "no name": b'{"id": "4f1c2a9e-7d7b-4a57-9c53-0d2e7d1b6a01"}',
    "a name that is a list": b'{"id": "4f1c2a9e-7d7b-4a57-9c53-0d2e7d1b6a01", "name": []}',
    "a folder": None,
}


def damage(case: str) -> None:
    file = device_file()
    file.unlink(missing_ok=True)
    content = DAMAGE[case]
    if content is None:
        file.mkdir()
    else:
        file.write_bytes(content)


def what_is_there() -> dict[str, bytes | None]:
    """The config folder, file by file (a folder as None), to show nothing was changed."""
    folder = device_file().parent
    return {p.name: None if p.is_dir() else p.read_bytes() for p in folder.iterdir()}


def used_database(path: Path) -> uuid.UUID:
    """A database this machine has worked in (a unit added), closed; this machine's id."""
    database = open_database(path)
    try:
        editor = Editor(database.device.id, "Phạm Thị Lan")
        with database.session() as session:
            create_unit(session, editor, "HTX Nông nghiệp Đồng Tâm", "htx")
        return database.device.id
    finally:
        database.close()


def kiemtra(*args: str, user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(user or []), sys.executable, "-m", "qt_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "KIEMTRA_LANG": "en"},
        timeout=120,
    )


def test_a_first_start_makes_one_id_and_keeps_it() -> None:
    assert not device_file().exists()
    first = local_device()
    assert first == local_device() and first.name == machine_name()
    assert json.loads(device_file().read_text(encoding="utf-8"))["id"] == str(first.id)


def test_programs_starting_together_agree_on_one_id() -> None:
    """The window and a command started at the same moment on a new machine."""
    code = "from models.device import local_device; print(local_device().id)"
    starts = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(4)
    ]
    ids = {start.communicate(timeout=60)[0].strip() for start in starts}
    assert ids == {str(local_device().id)}
    assert [p.name for p in device_file().parent.iterdir()] == ["device.json"]


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_file_is_refused_and_left_as_it_was(case: str) -> None:
    local_device()
    damage(case)
    before = what_is_there()
    with pytest.raises(DeviceError) as refused:
        local_device()
    assert "repair-device" in refused.value.en and "repair-device" in refused.value.vi
    assert "no new id was made" in refused.value.en
    assert what_is_there() == before


@pytest.mark.parametrize("case", ["cut short", "an id that is no UUID", "a folder"])
def test_opening_a_database_repairs_the_id_it_knows_and_says_so(case: str, tmp_path: Path) -> None:
    path = tmp_path / "kiemtra.sqlite3"
    mine = used_database(path)
    damage(case)
    database = open_database(path)
    try:
        assert database.device.id == mine
        assert any(str(mine) in notice and "Recovered" in notice for notice in database.notices)
    finally:
        database.close()
    assert local_device().id == mine
    kept = [p for p in device_file().parent.iterdir() if p.name.startswith("device.json.damaged")]
    assert len(kept) == 1
    assert kept[0].is_dir() if DAMAGE[case] is None else kept[0].read_bytes() == DAMAGE[case]


def test_a_database_without_changes_cannot_tell_and_no_id_is_made(tmp_path: Path) -> None:
    local_device()
    damage("cut short")
    before = what_is_there()
    with pytest.raises(DeviceError) as refused:
        open_database(tmp_path / "moi.sqlite3")
    assert "holds no change yet" in refused.value.en and "--id" in refused.value.en
    assert what_is_there() == before


@pytest.fixture
def two_devices(tmp_path: Path) -> Iterator[tuple[Path, uuid.UUID, uuid.UUID]]:
    """A database with changes from this machine and from a second one of the same name (a
    laptop cloned from the same disk image), so that it cannot tell which one is here."""
    path = tmp_path / "kiemtra.sqlite3"
    mine = used_database(path)
    clone = LocalDevice(uuid.UUID("0c0ffee0-0000-4000-8000-00000000c10e"), machine_name())
    database = open_database(path, device=clone)
    try:
        with database.session() as session:
            create_unit(session, Editor(clone.id, "Lê Văn Hải"), "HTX Vận tải Hồng Hà", "htx")
            assert len(session.scalars(select(Device)).all()) == 2
    finally:
        database.close()
    damage("cut short")
    yield path, mine, clone.id


@pytest.mark.slow  # several kiemtra processes
def test_two_candidates_are_listed_and_the_command_line_repairs_the_one_chosen(
    two_devices: tuple[Path, uuid.UUID, uuid.UUID],
) -> None:
    path, mine, clone = two_devices
    before = what_is_there()
    refused = kiemtra("--db", str(path), "units", "list")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert str(mine) in refused.stderr and str(clone) in refused.stderr
    assert "repair-device" in refused.stderr and "--id" in refused.stderr
    assert what_is_there() == before

    undecided = kiemtra("--db", str(path), "db", "repair-device")
    assert undecided.returncode == 1 and "--id" in undecided.stderr
    unknown = kiemtra("--db", str(path), "db", "repair-device", "--id", str(uuid.uuid4()))
    assert unknown.returncode == 1 and "holds no change made by device" in unknown.stderr
    assert what_is_there() == before

    repaired = kiemtra("--db", str(path), "db", "repair-device", "--id", str(mine))
    assert repaired.returncode == 0, repaired.stderr
    assert str(mine) in repaired.stdout
    assert local_device().id == mine
    info = kiemtra("--db", str(path), "db", "info", "--json")
    assert info.returncode == 0 and json.loads(info.stdout)["device_id"] == str(mine)
    again = kiemtra("--db", str(path), "db", "repair-device", "--id", str(clone))
    assert again.returncode == 1 and "not replaced" in again.stderr


def test_repair_device_with_one_candidate_needs_no_id(tmp_path: Path) -> None:
    path = tmp_path / "kiemtra.sqlite3"
    mine = used_database(path)
    damage("a list")
    repaired = kiemtra("--db", str(path), "db", "repair-device")
    assert repaired.returncode == 0, repaired.stderr
    assert local_device().id == mine
    database = open_database(path)
    try:
        assert database.device.id == mine
        with database.session() as session:
            assert [unit.name for unit in list_units(session)] == ["HTX Nông nghiệp Đồng Tâm"]
    finally:
        database.close()


# -- a file this user may not read (chmod 000), as a user who is not root --------------------


def can_run_as(user: str) -> list[str] | None:
    """The setpriv prefix that runs this interpreter as ``user`` with no extra capability
    (so that chmod 000 really keeps it out), or None if that cannot be done here."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        return None
    account = pwd.getpwnam(user)
    prefix = ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import models.device, sqlalchemy, PySide6"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def nobodys_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, list[str]]]:
    prefix = can_run_as("nobody")
    if prefix is None:
        pytest.skip("cannot run this interpreter as another user here (needs root and setpriv)")
    home = Path(tempfile.mkdtemp(prefix="kiemtra-nobody-"))
    os.chmod(home, 0o755)
    monkeypatch.setenv("KIEMTRA_HOME", str(home))
    try:
        yield home, prefix
    finally:
        shutil.rmtree(home, ignore_errors=True)


def give_to_nobody(folder: Path) -> None:
    account = pwd.getpwnam("nobody")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)


def test_an_unreadable_file_is_repaired_from_the_database(
    nobodys_home: tuple[Path, list[str]],
) -> None:
    home, nobody = nobodys_home
    path = home / "kiemtra.sqlite3"
    mine = used_database(path)
    give_to_nobody(home)
    device_file().chmod(0)
    listed = kiemtra("--db", str(path), "units", "list", user=nobody)
    assert listed.returncode == 0, listed.stderr
    assert "Recovered device id" in listed.stderr and str(mine) in listed.stderr
    assert "HTX Nông nghiệp Đồng Tâm" in listed.stdout
    assert local_device().id == mine


def test_an_unreadable_file_with_nothing_to_repair_from_is_refused(
    nobodys_home: tuple[Path, list[str]],
) -> None:
    home, nobody = nobodys_home
    local_device()
    give_to_nobody(home)
    device_file().chmod(0)
    refused = kiemtra("--db", str(home / "moi.sqlite3"), "units", "list", user=nobody)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Permission denied" in refused.stderr and "repair-device" in refused.stderr
    assert [p.name for p in device_file().parent.iterdir()] == ["device.json"]
