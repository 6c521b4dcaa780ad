"""The one door through which every zip file from outside is read, and the one rule that
turns a name from outside into a file name.

A .docx directive, an .xlsx form and a bundle are all zip files, and a hostile or damaged
one can fail anywhere inside ``zipfile``, ``zlib``, ``lxml``, ``python-docx`` or
``openpyxl``, with almost any exception type ("zip file version 8.4" is a
``NotImplementedError``). Reading goes through ``open_archive``: it refuses what is not a
regular file before opening it (a FIFO would hang the reader), checks the zip directory
against the kind's limits (entries, sizes, compression ratio: zip bombs) and turns every
exception raised while the archive is read into the kind's own bilingual error.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from models.errors import KnownError

#: Builds the kind's error from the file's name and a detail in each language.
Refusal = Callable[[str, str, str], KnownError]

_LIBRARIES = {"zipfile", "zlib", "lxml", "defusedxml", "openpyxl", "docx", "xml", "et_xmlfile"}
_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,  # UnicodeDecodeError and defusedxml's refusals are ValueErrors
    RuntimeError,  # encrypted entries; RecursionError on deep nesting
    NotImplementedError,
    struct.error,
    OverflowError,
    KeyError,
    IndexError,
    SyntaxError,  # lxml's XMLSyntaxError and ElementTree's ParseError
)
_UNREADABLE = {errno.EACCES, errno.EPERM, errno.ENOENT, errno.EIO, errno.EISDIR}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveKind:
    """What a zip is meant to be: its limits, and the error that refuses it."""

    refuse: Refusal
    max_file_bytes: int
    max_entries: int
    max_entry_bytes: int
    max_total_bytes: int
    max_ratio: int = 200  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 2 * 1024 * 1024

    def bomb(self, name: str) -> KnownError:
        return self.refuse(
            name,
            "giải nén ra quá nhiều dữ liệu (có thể là “bom zip”)",
            "it expands to far too much data (a possible zip bomb)",
        )


def regular_file(path: Path, kind: ArchiveKind) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file of a sane size.

    Opened without blocking and checked on the open handle, so a FIFO or a device never
    makes the reader wait and cannot be swapped in after the check.
    """
    name = path.name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(kind, name, exc) from exc
    handle = os.fdopen(fd, "rb")
    try:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or device"
            raise kind.refuse(
                name,
                "không phải một tệp thông thường (là thư mục, ống dẫn hoặc thiết bị)",
                f"it is not a regular file ({what})",
            )
        if info.st_size > kind.max_file_bytes:
            raise kind.refuse(
                name,
                f"tệp quá lớn (tối đa {kind.max_file_bytes // 1048576} MB)",
                f"the file is too large ({kind.max_file_bytes // 1048576} MB at most)",
            )
    except BaseException:
        handle.close()
        raise
    return handle


@contextlib.contextmanager
def open_archive(source: Path | bytes, kind: ArchiveKind, name: str = "") -> Iterator[Archive]:
    """The zip at ``source``, its directory checked; anything that fails while the ``with``
    block reads it (this module, the caller or a library) ends as the kind's error."""
    if isinstance(source, bytes):
        name = name or "?"
        if len(source) > kind.max_file_bytes:
            raise kind.refuse(
                name,
                f"tệp quá lớn (tối đa {kind.max_file_bytes // 1048576} MB)",
                f"the file is too large ({kind.max_file_bytes // 1048576} MB at most)",
            )
        handle: BinaryIO = io.BytesIO(source)
    else:
        name = name or source.name
        handle = regular_file(Path(source), kind)
    with handle, guarded(kind, name), zipfile.ZipFile(handle) as zipped:
        archive = Archive(zipped, kind, name)
        archive.check_directory()
        yield archive


@contextlib.contextmanager
def guarded(kind: ArchiveKind, name: str) -> Iterator[None]:
    """Every exception of a damaged file becomes the kind's error; our own bugs stay bugs."""
    try:
        yield
    except KnownError:
        raise
    except OSError as exc:
        if exc.errno in _UNREADABLE:
            raise _unreadable(kind, name, exc) from exc
        raise _damaged(kind, name, exc) from exc
    except _DAMAGE as exc:
        raise _damaged(kind, name, exc) from exc
    except Exception as exc:
        if not _from_a_reader(exc):
            raise
        raise _damaged(kind, name, exc) from exc


def _from_a_reader(exc: BaseException) -> bool:
    """Whether the exception is a reading library's own, or was raised inside one."""
    if type(exc).__module__.split(".")[0] in _LIBRARIES:
        return True
    trace = exc.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    module = trace.tb_frame.f_globals.get("__name__", "") if trace is not None else ""
    return str(module).split(".")[0] in _LIBRARIES


def _damaged(kind: ArchiveKind, name: str, exc: BaseException) -> KnownError:
    detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return kind.refuse(
        name, f"tệp bị hỏng hoặc cắt cụt: {detail}", f"damaged or truncated: {detail}"
    )


def _unreadable(kind: ArchiveKind, name: str, exc: OSError) -> KnownError:
    detail = exc.strerror or type(exc).__name__
    return kind.refuse(name, f"không đọc được tệp: {detail}", f"the file cannot be read: {detail}")


class Archive:
    """An open zip whose directory passed the kind's limits."""

    def __init__(self, zipped: zipfile.ZipFile, kind: ArchiveKind, name: str) -> None:
        self.zip, self.kind, self.name = zipped, kind, name
        self.entries = zipped.infolist()
        self.names = {entry.filename for entry in self.entries}

    def check_directory(self) -> None:
        kind = self.kind
        if len(self.entries) > kind.max_entries:
            raise kind.refuse(
                self.name, "tệp có quá nhiều thành phần", "the file has too many parts"
            )
        total = 0
        for entry in self.entries:
            if entry.flag_bits & 0x1:
                raise kind.refuse(
                    self.name, "tệp được mã hoá bằng mật khẩu", "the file is password-protected"
                )
            if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise kind.refuse(
                    self.name,
                    f"kiểu nén {entry.compress_type} không được hỗ trợ",
                    f"compression method {entry.compress_type} is not supported",
                )
            total += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if (
                entry.file_size > kind.max_entry_bytes
                or total > kind.max_total_bytes
                or (entry.file_size > kind.ratio_floor and ratio > kind.max_ratio)
            ):
                raise kind.bomb(self.name)

    def read(self, entry: zipfile.ZipInfo, limit: int | None = None) -> bytes:
        """One entry's bytes, refused past ``limit`` whatever its header says."""
        limit = min(limit or self.kind.max_entry_bytes, self.kind.max_entry_bytes)
        with self.zip.open(entry) as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise self.kind.bomb(self.name)
        return data

    def scan(self, *, refuse_doctype: bool = True) -> None:
        """Read every entry once (checking each CRC) and refuse XML declarations of
        entities, which no office program writes and entity bombs need."""
        for entry in self.entries:
            is_xml = entry.filename.endswith((".xml", ".rels", ".vml"))
            tail, read = b"", 0
            with self.zip.open(entry) as stream:
                while block := stream.read(_CHUNK):
                    read += len(block)
                    if read > self.kind.max_entry_bytes:
                        raise self.kind.bomb(self.name)
                    if refuse_doctype and is_xml and _DOCTYPE.search(tail + block):
                        raise self.kind.refuse(
                            self.name,
                            "tệp chứa khai báo XML (DOCTYPE/ENTITY) mà các chương trình văn "
                            "phòng không bao giờ tạo ra (có thể là “bom XML”)",
                            "the file contains XML declarations (DOCTYPE/ENTITY) that office "
                            "programs never write (a possible XML bomb)",
                        )
                    tail = block[-16:]


# -- names from outside ---------------------------------------------------------------------

_WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*]')
MAX_NAME_BYTES = 200


def _stem(name: str) -> str:
    return name.split(".", 1)[0].rstrip(" ")


def file_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be taken as a file's name as it is (in English), or ``None``."""
    if not name or not name.strip():
        return "empty file name"
    if _HIDDEN.search(name):
        return "control or hidden characters in the file name"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "an absolute path or drive letter instead of a file name"
    if ".." in (part.strip() for part in re.split(r"[/\\]", name)):
        return "'..' in the file name"
    if "/" in name or "\\" in name:
        return "a path instead of a file name"
    if name.strip() == ".":
        return "'.' is no file name"
    if _WINDOWS_RESERVED.match(_stem(name)):
        return "a name Windows reserves for a device"
    if len(name.encode("utf-8")) > 255:
        return "the file name is too long"
    return None


def plain_file_name(name: str, fallback: str = "tep") -> str:
    """Any name from outside as a plain file name, safe on Windows and Linux alike: only its
    last part, no control characters, no characters Windows refuses, no device name."""
    text = unicodedata.normalize("NFC", str(name))
    text = re.split(r"[/\\]", text)[-1]
    text = _HIDDEN.sub("", text)
    text = _NOT_IN_NAMES.sub("-", text)
    text = " ".join(text.split()).strip(" .")
    if not text or set(text) <= {".", "-"}:
        text = fallback
    if _WINDOWS_RESERVED.match(_stem(text)):
        text = f"_{text}"
    if len(text.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, suffix = text.rpartition(".")
        suffix = f".{suffix}" if dot and stem and len(suffix) <= 10 else ""
        budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        head = (stem if suffix else text).encode("utf-8")[:budget].decode("utf-8", "ignore")
        text = head.rstrip(" .") + suffix
    return text
