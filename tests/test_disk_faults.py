"""The environment at fault: a full disk (a real 2 MB tmpfs), folders this user cannot write,
and a database that belongs to another user (real processes run as `nobody` and `daemon`
through setpriv). Each gets a clear message in one line, never a Python traceback, and
nothing is written beside a file that was refused."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.process_support import item_codes, kiemtra, python, start_writer, with_answers

pytestmark = pytest.mark.faults

#: Adds one unit through the services, then dies without closing (its -wal stays hot).
ADD_UNIT_AND_DIE = """
import os, signal, sys
from models.audit import Editor
from models.opening import open_database
from models.services.units import create_unit

database = open_database(sys.argv[1])
with database.session() as session:
    create_unit(session, Editor(database.device.id, "x"), sys.argv[2], "htx")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs), mounted for the test and unmounted after."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user may write in (like /tmp), outside pytest's private one."""
    folder = Path(tempfile.mkdtemp(prefix="kiemtra-users-"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def fill(disk: Path) -> Path:
    """Write until the disk refuses another byte; the file to delete to free it again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (64 * 1024, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    assert shutil.disk_usage(disk).free == 0
    return filler


def killed_writer_adds(path: Path, name: str, **how: object) -> None:
    child = python(ADD_UNIT_AND_DIE, str(path), name, **how)  # type: ignore[arg-type]
    _out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err


def one_line_messages(stderr: str) -> list[str]:
    """Every line of ``stderr``, each a whole message (none is a traceback's)."""
    assert "Traceback" not in stderr and "Error:" not in stderr
    lines = stderr.splitlines()
    assert all(line.startswith(("kiemtra: ", "cảnh báo / warning: ")) for line in lines), lines
    return lines


def names_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def unit_names(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return sorted(u["name"] for u in json.loads(result.stdout))


# -- a full disk ------------------------------------------------------------------------------


def test_on_a_full_disk_units_list_works_and_a_change_is_refused_clearly(
    small_disk, monkeypatch, device, editor
):
    monkeypatch.setenv("KIEMTRA_HOME", str(small_disk / "home"))
    path = small_disk / "kiemtra.sqlite3"
    with_answers(path, device, editor, 2)
    writer = start_writer(path, item_codes(path, device)[2:6])  # 3 more, in the -wal only
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    assert kiemtra("--db", str(path), "units", "list").returncode == 0  # used before
    filler = fill(small_disk)

    listed = kiemtra("--db", str(path), "units", "list", "--json")
    assert unit_names(listed) == ["HTX Dịch vụ Nông nghiệp Yên Đức"]
    [warning] = one_line_messages(listed.stderr)
    assert "đã đầy" in warning and "--read-only" in warning
    info = kiemtra("--db", str(path), "db", "info", "--json")
    assert info.returncode == 0 and json.loads(info.stdout)["answers"] == 5

    added = kiemtra("--db", str(path), "units", "add", "HTX Mới", "--kind", "htx")
    assert added.returncode == 1
    assert "CHƯA được lưu" in one_line_messages(added.stderr)[-1]

    filler.unlink()  # space again: the same command works
    added = kiemtra("--db", str(path), "units", "add", "HTX Mới", "--kind", "htx")
    assert added.returncode == 0, added.stderr
    listed = kiemtra("--db", str(path), "units", "list", "--json")
    assert unit_names(listed) == ["HTX Dịch vụ Nông nghiệp Yên Đức", "HTX Mới"]


def test_a_full_disk_under_the_backups_is_a_one_line_warning_and_the_change_is_saved(
    small_disk, tmp_path, monkeypatch, device, editor
):
    monkeypatch.setenv("KIEMTRA_HOME", str(small_disk / "home"))
    path = tmp_path / "kiemtra.sqlite3"  # the database itself has room
    with_answers(path, device, editor, 2)
    assert kiemtra("--db", str(path), "units", "list").returncode == 0
    killed_writer_adds(path, "HTX Bị Ngắt")  # changed since the last backup
    fill(small_disk)

    added = kiemtra("--db", str(path), "units", "add", "HTX Mới", "--kind", "htx")
    assert added.returncode == 0, added.stderr
    opening, closing = one_line_messages(added.stderr)
    assert "khi mở" in opening and "--read-only" in opening
    assert "khi đóng" in closing
    assert not list((small_disk / "home").rglob("*.part"))  # no half-written backup left
    listed = kiemtra("--db", str(path), "units", "list", "--json")
    assert "HTX Mới" in unit_names(listed)


# -- folders and files of other users ----------------------------------------------------------


def test_a_data_folder_that_cannot_be_made_is_a_clear_message(open_folder):
    home = open_folder / "home"
    home.mkdir(mode=0o755)  # root's: nobody cannot make data/ in it
    (home / "config").mkdir(mode=0o777)
    (home / "config").chmod(0o777)
    result = kiemtra("units", "list", user="nobody", env={"KIEMTRA_HOME": str(home)})
    assert result.returncode == 1
    [message] = one_line_messages(result.stderr)
    assert "thư mục dữ liệu" in message and str(home / "data") in message


def test_a_config_folder_that_cannot_be_written_is_a_clear_message(open_folder):
    home = open_folder / "home"
    home.mkdir()
    home.chmod(0o777)
    (home / "config").mkdir(mode=0o755)  # root's, and no device id in it yet
    result = kiemtra("units", "list", user="nobody", env={"KIEMTRA_HOME": str(home)})
    assert result.returncode == 1
    [message] = one_line_messages(result.stderr)
    assert "thư mục cấu hình" in message and "device.json" in message


def test_a_backups_folder_that_cannot_be_written_warns_in_one_line(open_folder):
    home = open_folder / "home"
    for folder in (home, home / "config", home / "data"):
        folder.mkdir()
        folder.chmod(0o777)
    (home / "data" / "backups").mkdir(mode=0o755)  # root's
    path = open_folder / "kiemtra.sqlite3"
    nobody = {"user": "nobody", "env": {"KIEMTRA_HOME": str(home)}}
    added = kiemtra("--db", str(path), "units", "add", "HTX Tự Lực", "--kind", "htx", **nobody)
    assert added.returncode == 0, added.stderr
    [closing] = one_line_messages(added.stderr)
    assert "khi đóng" in closing and "thư mục sao lưu" in closing
    listed = kiemtra("--db", str(path), "units", "list", "--json", **nobody)
    assert unit_names(listed) == ["HTX Tự Lực"]
    opening, _closing = one_line_messages(listed.stderr)
    assert "khi mở" in opening and "--read-only" in opening


def test_another_users_database_is_refused_with_nothing_beside_it_and_read_only_sees_it_all(
    open_folder,
):
    owner = {"user": "nobody", "env": {"KIEMTRA_HOME": str(open_folder / "home-owner")}}
    viewer = {"user": "daemon", "env": {"KIEMTRA_HOME": str(open_folder / "home-viewer")}}
    shared = open_folder / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    path = shared / "van-phong.sqlite3"
    added = kiemtra("--db", str(path), "units", "add", "HTX Của Chủ", "--kind", "htx", **owner)
    assert added.returncode == 0, added.stderr
    killed_writer_adds(path, "HTX Trong WAL", **owner)  # its -wal and -shm are the owner's
    names = names_beside(path)
    assert f"{path.name}-wal" in names

    refused = kiemtra("--db", str(path), "units", "list", **viewer)
    assert refused.returncode == 1
    [message] = one_line_messages(refused.stderr)
    assert "người dùng khác" in message and "--read-only" in message
    looked = kiemtra("--db", str(path), "--read-only", "units", "list", "--json", **viewer)
    assert unit_names(looked) == ["HTX Của Chủ", "HTX Trong WAL"]
    assert names_beside(path) == names  # not a -wal, -shm or lock file of the viewer's

    again = kiemtra("--db", str(path), "units", "add", "HTX Sau Đó", "--kind", "htx", **owner)
    assert again.returncode == 0, again.stderr  # the owner still saves
    listed = kiemtra("--db", str(path), "units", "list", "--json", **owner)
    assert unit_names(listed) == ["HTX Của Chủ", "HTX Sau Đó", "HTX Trong WAL"]


def test_a_config_folder_that_cannot_be_made_is_a_clear_message(open_folder):
    home = open_folder / "home"
    home.mkdir(mode=0o755)  # root's: nobody can make config/ (or data/) in it
    result = kiemtra("units", "list", user="nobody", env={"KIEMTRA_HOME": str(home)})
    assert result.returncode == 1
    [message] = one_line_messages(result.stderr)
    assert "thư mục cấu hình" in message and str(home / "config") in message
