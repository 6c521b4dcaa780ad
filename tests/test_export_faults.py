"""Every export of the command line against the disk at fault, for real: a 2 MB tmpfs filled
to the last byte, a read-only mount, a folder given as the file, a folder that does not
exist, and a writer killed half-way. Each fault is one bilingual line naming the file, never
a traceback, and leaves nothing behind: no half file, no temporary file.
"""

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

from tests.process_support import CHECKLIST, kiemtra, python, with_answers

pytestmark = pytest.mark.faults

PERIOD = "Tuần 38/2021"

#: Starts a report through the export's own writer, says so, and waits to be killed.
HALF_WRITTEN = """
import sys
from pathlib import Path
from models.output_files import output_stream

with output_stream(Path(sys.argv[1])) as stream:
    stream.write(b"%PDF-1.4 half of a report")
    print("WRITING", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def prepared(db_path, device, editor) -> dict[str, str]:
    with_answers(db_path, device, editor, 3)
    listed = kiemtra("--db", str(db_path), "assessments", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    row = json.loads(listed.stdout)[0]
    units = json.loads(kiemtra("--db", str(db_path), "units", "list", "--json").stdout)
    return {"db": str(db_path), "assessment": row["id"], "unit": units[0]["id"]}


def exports(p: dict[str, str]) -> dict[str, tuple[list[str], str]]:
    """Each export command of the CLI: its arguments before the output, and the file name."""
    form = ["export", "form", "--checklist", CHECKLIST, "--unit", p["unit"], "--period", PERIOD]
    commands = {
        "assessment": (["export", "assessment", p["assessment"], "-o"], "bai-danh-gia"),
        "summary": (["export", "summary", "--round", PERIOD, "-o"], "tong-hop"),
        "form": ([*form, "-o"], "phieu"),
    }
    result = {
        f"{name} {fmt}": (args, f"{stem}.{fmt}")
        for name, (args, stem) in commands.items()
        for fmt in ("xlsx", "pdf")
    }
    result["bundle"] = (["bundle", "export", "-o"], "goi.kiemtra")
    result["audit"] = (["audit", "export", "-o"], "nhat-ky.xlsx")
    result["backup"] = (["db", "backup"], "sao-luu.sqlite3")
    return result


def run_export(p: dict[str, str], args: list[str], target: Path) -> subprocess.CompletedProcess:
    return kiemtra("--db", p["db"], *args, str(target))


def assert_one_clean_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def mount(point: Path, *options: str) -> None:
    point.mkdir()
    opts = ",".join(("size=2m", *options))
    subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs), mounted for the test and unmounted after."""
    mount(tmp_path / "disk")
    try:
        yield tmp_path / "disk"
    finally:
        subprocess.run(["umount", "-l", str(tmp_path / "disk")], check=True)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    mount(tmp_path / "cdrom", "ro")
    try:
        yield tmp_path / "cdrom"
    finally:
        subprocess.run(["umount", "-l", str(tmp_path / "cdrom")], check=True)


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


def test_on_a_full_disk_every_export_is_one_line_and_leaves_nothing(prepared, small_disk):
    for name, (args, file_name) in exports(prepared).items():
        filler = fill(small_disk)
        result = run_export(prepared, args, small_disk / file_name)
        assert_one_clean_line(result, "Ổ đĩa đã đầy", file_name)
        assert sorted(os.listdir(small_disk)) == ["filler"], name
        filler.unlink()  # with room again, the same command writes the file
        assert run_export(prepared, args, small_disk / file_name).returncode == 0, name
        assert (small_disk / file_name).stat().st_size > 0
        (small_disk / file_name).unlink()


def test_english_message_for_a_full_disk(prepared, small_disk):
    fill(small_disk)
    args, file_name = exports(prepared)["summary pdf"]
    result = kiemtra("--lang", "en", "--db", prepared["db"], *args, str(small_disk / file_name))
    assert_one_clean_line(result, "The disk is full", file_name)


def test_a_disk_that_fills_up_half_way_leaves_no_half_file(prepared, small_disk):
    """Room for the first pieces of each file only: the failure comes in mid-write."""
    for name, (args, file_name) in exports(prepared).items():
        filler = fill(small_disk)
        os.truncate(filler, filler.stat().st_size - 8192)
        result = run_export(prepared, args, small_disk / file_name)
        assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
        if result.returncode == 0:  # small enough to fit: then it is whole
            assert (small_disk / file_name).stat().st_size > 0, name
            (small_disk / file_name).unlink()
        else:
            assert_one_clean_line(result, "Ổ đĩa đã đầy", file_name)
        assert sorted(os.listdir(small_disk)) == ["filler"], name
        filler.unlink()


def test_a_read_only_disk_is_one_line(prepared, read_only_disk):
    for name, (args, file_name) in exports(prepared).items():
        result = run_export(prepared, args, read_only_disk / file_name)
        assert_one_clean_line(result, "chỉ cho phép đọc", file_name)
        assert os.listdir(read_only_disk) == [], name


def test_a_folder_this_user_cannot_write_is_one_line(prepared, tmp_path):
    """Run as `nobody` (util-linux setpriv), reading the database read-only."""
    home = Path(tempfile.mkdtemp(prefix="kiemtra-nobody-"))
    try:
        home.chmod(0o777)
        locked = tmp_path / "cua-nguoi-khac"
        locked.mkdir(mode=0o755)  # root's
        for name, (args, file_name) in exports(prepared).items():
            command = ["--read-only", "--db", prepared["db"], *args, str(locked / file_name)]
            result = kiemtra(*command, user="nobody", env={"KIEMTRA_HOME": str(home)})
            assert_one_clean_line(result, "Không có quyền ghi", file_name)
            assert os.listdir(locked) == [], name
    finally:
        shutil.rmtree(home)


def test_a_folder_or_a_missing_folder_as_the_output(prepared, tmp_path):
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    for name, (args, file_name) in exports(prepared).items():
        missing = tmp_path / "khong-co" / file_name
        assert_one_clean_line(run_export(prepared, args, missing), "không tồn tại", "khong-co")
        assert not missing.parent.exists()
        if name == "backup":
            continue  # `db backup FOLDER` writes a dated backup inside it, by design
        onto = folder / file_name
        onto.mkdir()
        assert_one_clean_line(run_export(prepared, args, onto), "là một thư mục", file_name)
        assert os.listdir(onto) == [], name
        assert [p.name for p in folder.iterdir() if not p.is_dir()] == [], name


#: The window's way to the same writers: a folder chosen, then gone before the export runs.
INTO_A_FOLDER_THAT_WENT_AWAY = """
import sys
from pathlib import Path
from models.errors import KnownError
from models.opening import open_database
from reports.xlsx_audit import write_audit_xlsx

database = open_database(sys.argv[1])
try:
    with database.session() as session:
        write_audit_xlsx(session, Path(sys.argv[2]))
except KnownError as exc:
    print(exc.en)
finally:
    database.close()
"""


def test_a_workbook_for_a_folder_that_went_away_prints_nothing_after_its_message(
    prepared, tmp_path
):
    target = tmp_path / "da-xoa" / "nhat-ky.xlsx"
    child = python(INTO_A_FOLDER_THAT_WENT_AWAY, prepared["db"], str(target))
    out, err = child.communicate(timeout=120)
    assert "does not exist" in out and str(target) in out
    assert err == ""  # openpyxl's XML writers, collected unclosed, used to complain here


def test_a_killed_export_leaves_a_temporary_file_the_next_export_sweeps(prepared, tmp_path):
    folder = tmp_path / "xuat"
    folder.mkdir()
    own = [folder / ".report-ab12cd34.pdf", folder / "ghi-chu.kiemtra-part"]
    for file in own:  # look like leftovers, but are somebody's files: never touched
        file.write_text("của người dùng")
    writer = python(HALF_WRITTEN, str(folder / "bao-cao.pdf"), stdin=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "WRITING"
    leftovers = [p for p in folder.iterdir() if p not in own]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".bao-cao.pdf.")
    args, _ = exports(prepared)["assessment pdf"]
    assert run_export(prepared, args, folder / "a.pdf").returncode == 0
    assert leftovers[0].exists()  # still being written by a living process: left alone
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    assert leftovers[0].exists()
    assert run_export(prepared, args, folder / "b.pdf").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["a.pdf", "b.pdf", *(p.name for p in own)]
    )


def test_a_round_exported_file_by_file_stops_where_the_disk_fills_and_keeps_what_is_whole(
    database, small_disk
):
    """The window's batch export (one file per assessment) on a disk with room for a few."""
    import threading

    from openpyxl import load_workbook

    from models.demo import generate_demo
    from models.output_files import OutputError
    from models.queries.assessments import list_assessments
    from reports.batch import batch_export

    generate_demo(database, units=20)
    with database.session() as session:
        period = list_assessments(session)[0].period
    filler = fill(small_disk)
    os.truncate(filler, filler.stat().st_size - 40 * 1024)
    folder = small_disk / "ky"
    folder.mkdir()
    with pytest.raises(OutputError) as failure:
        batch_export(database, period, "units", "xlsx", folder, threading.Event(), lambda *_: None)
    kept = sorted(folder.iterdir())
    assert kept and all(p.suffix == ".xlsx" for p in kept)  # no temporary file among them
    for file in kept:
        load_workbook(file, read_only=True).close()  # each one whole
    assert f"({len(kept)}/" in failure.value.vi and "vẫn được giữ" in failure.value.vi
    assert "are kept in" in failure.value.en
