"""The one door for zip files from outside (models/archive.py), tried on each of the three
kinds it guards: a .docx directive, an .xlsx form and a bundle.

Each is damaged the ways a real file gets damaged or made hostile (a central directory
that is no directory, a version or compression method no reader supports, a password, a
zip bomb, a FIFO or a folder given as the file); each must end in the kind's own bilingual
message, in the library and on the command line (exit 1, no traceback), and a bomb must be
refused before it is expanded.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from models.archive import file_name_problem, plain_file_name
from models.bundle import read_bundle
from models.bundle_export import export_bundle
from models.db import Database
from models.directive_import import import_directive
from models.errors import KnownError
from reports.form_import import check_form
from tests.test_hostile_forms import deflated, gigabyte_of_zeros, raw_zip

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("docx", "xlsx", "bundle")
MB = 1024 * 1024


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("1. Đeo khẩu trang nơi công cộng.")
    document.add_paragraph("2. Khai báo y tế hằng ngày.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def excel_file() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.fixture
def good(kind: str, database: Database, tmp_path: Path) -> bytes:
    """A sound file of the kind: it passes the door (what comes after may refuse it)."""
    if kind == "docx":
        return word_file()
    if kind == "xlsx":
        return excel_file()
    export_bundle(database, tmp_path / "good.ktb")
    return (tmp_path / "good.ktb").read_bytes()


def refusal(kind: str, path: Path, database: Database) -> str:
    """The English message that refuses ``path`` as a file of ``kind``, or "" if none does."""
    if kind == "xlsx":
        report = check_form(database, path)
        return report.problems[0].en if report.problems else ""
    try:
        import_directive(path) if kind == "docx" else read_bundle(path)
    except KnownError as error:
        assert error.vi and error.en and error.vi != error.en
        return error.en
    return ""


def central_directory(data: bytes) -> int:
    """Where the first entry of the central directory starts (from the end record)."""
    end = data.rindex(b"PK\x05\x06")
    return int.from_bytes(data[end + 16 : end + 20], "little")


def damaged(data: bytes, how: str) -> bytes:
    out = bytearray(data)
    at = central_directory(data)
    if how == "version":  # the case hypothesis found: "zip file version 8.4"
        out[at + 6 : at + 8] = (84).to_bytes(2, "little")
    elif how == "compression":  # Deflate64, which zipfile cannot read
        out[at + 10 : at + 12] = (9).to_bytes(2, "little")
    elif how == "password":
        out[at + 8] |= 1
    elif how == "directory":
        out[at : at + 4] = b"PK\x01\x09"
    elif how == "truncated":
        out = out[: at + 20]
    return bytes(out)


DAMAGE = {
    "version": "zip file version 8.4",
    "compression": "compression method 9 is not supported",
    "password": "password-protected",
    "directory": "damaged or truncated",
    "truncated": "damaged or truncated",
}
WHAT = {
    "docx": "not a valid Word .docx file",
    "xlsx": "not an Excel workbook (.xlsx) usable as a form",
    "bundle": "not a valid Kiểm tra bundle",
}
SUFFIX = {"docx": ".docx", "xlsx": ".xlsx", "bundle": ".ktb"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_sound_file_passes_the_door(
    kind: str, good: bytes, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / f"tot{SUFFIX[kind]}"
    path.write_bytes(good)
    message = refusal(kind, path, database)
    assert WHAT[kind] not in message
    if kind == "xlsx":  # a workbook, but not one of our forms: the next check says so
        assert "not an Excel form made by Kiểm tra" in message


@pytest.mark.parametrize("how", list(DAMAGE))
@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_zip_is_the_kinds_own_message(
    kind: str, how: str, good: bytes, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / f"hong{SUFFIX[kind]}"
    path.write_bytes(damaged(good, how))
    message = refusal(kind, path, database)
    assert WHAT[kind] in message and DAMAGE[how] in message
    assert "Nothing was written" in message


def fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


NOT_FILES: dict[str, Callable[[Path, str], Path]] = {
    "a FIFO": fifo,
    "a folder": lambda folder, name: (folder / name).mkdir() or folder / name,
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
@pytest.mark.parametrize("what", list(NOT_FILES))
@pytest.mark.parametrize("kind", KINDS)
def test_what_is_not_a_file_is_refused_before_it_is_opened(
    kind: str, what: str, database: Database, tmp_path: Path
) -> None:
    """A FIFO given as a bundle used to hang ``bundle import`` for ever (issue 18)."""
    path = NOT_FILES[what](tmp_path, f"khong-phai-tep{SUFFIX[kind]}")
    message = refusal(kind, path, database)
    assert message and ("not a regular file" in message or "not a file" in message)


def test_a_character_device_is_refused_as_a_bundle(database: Database) -> None:
    """/dev/zero never ends: reading it as a bundle would fill the memory."""
    assert "not a regular file (a pipe or device)" in refusal("bundle", Path("/dev/zero"), database)


# -- zip bombs: refused from the directory, before anything is expanded ---------------------


def docx_with_spaces(megabytes: int) -> bytes:
    """The issue's case: 150 MB of white space inside document.xml, a 190 kB .docx."""
    source = zipfile.ZipFile(io.BytesIO(word_file()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (megabytes * MB))
            archive.writestr(info.filename, data)
    return out.getvalue()


def with_gigabyte(data: bytes, name: str, declared: int | None = None) -> bytes:
    """The zip ``data`` with entry ``name`` replaced by 1 GiB of zeros (~1 MB compressed),
    its size declared truthfully, or as ``declared`` with the CRC-32 of that many zeros:
    ``zipfile`` stops at the declared size and finds the CRC right, but a reader's
    ``read()`` has inflated the whole gigabyte by then."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = [
        (info.filename, *deflated(source.read(info)))
        for info in source.infolist()
        if info.filename != name
    ]
    stream, crc, size = gigabyte_of_zeros()
    if declared is not None:
        crc, size = zlib.crc32(bytes(declared)), declared
    members.append((name, stream, crc, size))
    return raw_zip(members)


BOMBS: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "150 MB of spaces in document.xml": (
        "docx",
        lambda good: docx_with_spaces(150),
        "zip bomb",
    ),
    "1 GB document.xml": (
        "docx",
        lambda good: with_gigabyte(good, "word/document.xml"),
        "zip bomb",
    ),
    "1 GB document.xml declared as 4 kB": (
        "docx",
        lambda good: with_gigabyte(good, "word/document.xml", 4096),
        "zip bomb",
    ),
    "1 GB sheet": (
        "xlsx",
        lambda good: with_gigabyte(good, "xl/worksheets/sheet1.xml"),
        "zip bomb",
    ),
    "1 GB sheet declared as 4 kB": (
        "xlsx",
        lambda good: with_gigabyte(good, "xl/worksheets/sheet1.xml", 4096),
        "zip bomb",
    ),
    "1 GB of records": ("bundle", lambda good: with_gigabyte(good, "records.json"), "zip bomb"),
    "1 GB of records declared as 4 kB": (
        "bundle",
        lambda good: with_gigabyte(good, "records.json", 4096),
        "zip bomb",
    ),
}


@pytest.mark.parametrize("case", list(BOMBS))
def test_a_zip_bomb_is_refused_in_little_memory(
    case: str, database: Database, tmp_path: Path
) -> None:
    """Before the door, the 190 kB .docx with 150 MB of spaces peaked at about 340 MB."""
    kind, build, expected = BOMBS[case]
    good = {"docx": word_file, "xlsx": excel_file}.get(kind)
    if good is None:
        export_bundle(database, tmp_path / "good.ktb")
        base = (tmp_path / "good.ktb").read_bytes()
    else:
        base = good()
    path = tmp_path / f"bom{SUFFIX[kind]}"
    path.write_bytes(build(base))
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        message = refusal(kind, path, database)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert WHAT[kind] in message and expected in message
    assert peak < 24 * MB, f"{peak / MB:.0f} MB"


# -- the command line: a message, exit 1, no traceback --------------------------------------

COMMANDS = {
    "docx": ["import-directive"],
    "xlsx": ["import", "form"],
    "bundle": ["bundle", "import"],
}


def kiemtra(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qt_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "KIEMTRA_LANG": "en"},
        timeout=120,  # a reader that waits on a FIFO fails here instead of hanging the suite
    )


@pytest.mark.slow  # a kiemtra process per case
@pytest.mark.parametrize("how", ["version", "compression", "FIFO", "folder"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_command_line_refuses_with_a_message(
    kind: str, how: str, good: bytes, tmp_path: Path
) -> None:
    path = tmp_path / f"tep{SUFFIX[kind]}"
    if how == "FIFO":
        os.mkfifo(path)
    elif how == "folder":
        path.mkdir()
    else:
        path.write_bytes(damaged(good, how))
    child = kiemtra(*COMMANDS[kind], str(path))
    assert child.returncode == 1, child.stderr
    assert "Traceback" not in child.stderr + child.stdout
    said = child.stderr + child.stdout
    assert (
        ("not a file" in said or "not a regular file" in said)
        if how in ("FIFO", "folder")
        else (DAMAGE[how] in said)
    )


def test_bundle_verify_refuses_a_fifo(tmp_path: Path) -> None:
    path = tmp_path / "goi.ktb"
    os.mkfifo(path)
    child = kiemtra("bundle", "verify", str(path))
    assert child.returncode == 1 and "not a regular file" in child.stderr
    assert "Traceback" not in child.stderr


# -- names from outside -----------------------------------------------------------------------

HOSTILE_NAMES = {
    "/etc/passwd": "passwd",
    "../../thu-muc/anh.png": "anh.png",
    "..\\..\\Windows\\win.ini": "win.ini",
    "C:\\Users\\Public\\anh.png": "anh.png",
    "C:anh.png": "C-anh.png",
    "..": "tep",
    "anh\x00.png": "anh.png",
    "anh\n\x1b[2J.png": "anh[2J.png",
    "CON": "_CON",
    "nul.txt": "_nul.txt",
    "LPT1.png": "_LPT1.png",
    "bao-cao.pdf\u202egnp.exe": "bao-cao.pdfgnp.exe",
    'a<b>c:"d"|e?f*.png': "a-b-c--d--e-f-.png",
    "anh. ": "anh",
}


@pytest.mark.parametrize("name", list(HOSTILE_NAMES))
def test_a_name_from_outside_becomes_a_plain_file_name(name: str) -> None:
    plain = plain_file_name(name)
    assert plain == HOSTILE_NAMES[name]
    assert file_name_problem(plain) is None


@pytest.mark.parametrize(
    "name", [n for n in HOSTILE_NAMES if not n.startswith(("a<", "anh. "))] + ["", " "]
)
def test_a_hostile_name_is_named_as_such(name: str) -> None:
    assert file_name_problem(name)


@pytest.mark.parametrize("name", ["cổng.png", "Biên bản kiểm tra (bản 2).pdf", "a..b.txt"])
def test_an_ordinary_name_is_left_alone(name: str) -> None:
    assert file_name_problem(name) is None and plain_file_name(name) == name


def test_a_long_name_keeps_its_extension() -> None:
    plain = plain_file_name("ảnh " * 200 + ".jpeg")
    assert plain.endswith(".jpeg") and len(plain.encode()) <= 200


@pytest.mark.parametrize("unit", ["CON", "nul", "COM1", "..", "HTX\u202eSao"])
def test_a_unit_name_from_a_bundle_never_names_a_device_in_a_batch_export(unit: str) -> None:
    """Unit names travel in bundles and become file names in batch exports."""
    from reports.batch import safe_name

    assert file_name_problem(safe_name(unit)) is None
