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

    Opened without blocking and checked on the open descriptor, so a FIFO or a device never
    makes the reader wait and cannot be swapped in after the check.
    """
    name = path.name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(kind, name, exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or device"
            raise kind.refuse(
                name,
                "không phải một tệp thông thường (là thư mục, ống dẫn hoặc thiết bị)",
                f"it is not a regular file ({what})",
            )
        if info.st_size > kind.max_file_bytes:
            raise _too_large(kind, name)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _too_large(kind: ArchiveKind, name: str) -> KnownError:
    most = kind.max_file_bytes // 1048576
    return kind.refuse(
        name, f"tệp quá lớn (tối đa {most} MB)", f"the file is too large ({most} MB at most)"
    )


@contextlib.contextmanager
def open_archive(source: Path | bytes, kind: ArchiveKind, name: str = "") -> Iterator[Archive]:
    """The zip at ``source``, its directory checked; anything that fails while the ``with``
    block reads it (this module, the caller or a library) ends as the kind's error."""
    if isinstance(source, bytes):
        name = name or "?"
        if len(source) > kind.max_file_bytes:
            raise _too_large(kind, name)
        handle: BinaryIO = io.BytesIO(source)
    else:
        name = name or source.name
        handle = regular_file(Path(source), kind)
    with handle, guarded(kind, name), zipfile.ZipFile(handle) as zipped:
        archive = Archive(zipped, handle, kind, name)
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
    """An open zip whose directory passed the kind's limits.

    Entries are inflated here from the raw bytes, in bounded steps, and must expand to
    exactly the size the directory declares: ``zipfile`` trusts that size only at the end,
    after it has inflated whatever a reader asked for (``read()`` of a 4 kB entry that
    holds 1 GB allocates the gigabyte first).
    """

    def __init__(
        self, zipped: zipfile.ZipFile, handle: BinaryIO, kind: ArchiveKind, name: str
    ) -> None:
        self.zip, self.handle, self.kind, self.name = zipped, handle, kind, name
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

    def inflate(self, entry: zipfile.ZipInfo) -> Iterator[bytes]:
        """The entry's bytes in blocks; refused as soon as they pass the declared size, and
        at the end unless size and CRC-32 are exactly as declared."""
        handle = self.handle
        handle.seek(entry.header_offset)
        header = handle.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for '{entry.filename[:80]}'")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        handle.seek(entry.header_offset + 30 + name_length + extra_length)
        inflater = zlib.decompressobj(-15) if entry.compress_type == zipfile.ZIP_DEFLATED else None
        left, produced, crc = entry.compress_size, 0, 0
        while left > 0:
            block = handle.read(min(_CHUNK, left))
            if not block:
                raise EOFError(f"'{entry.filename[:80]}' is cut short")
            left -= len(block)
            while block:
                if inflater is None:
                    out, block = block, b""
                else:
                    out = inflater.decompress(block, _CHUNK)
                    block = inflater.unconsumed_tail
                produced += len(out)
                if produced > entry.file_size:
                    raise self.kind.bomb(self.name)
                crc = zlib.crc32(out, crc)
                yield out
        if produced != entry.file_size or crc != entry.CRC:
            raise zipfile.BadZipFile(f"'{entry.filename[:80]}' does not match its size or CRC")

    def read(self, entry: zipfile.ZipInfo, limit: int | None = None) -> bytes:
        """One entry's bytes, refused past ``limit``."""
        if entry.file_size > min(limit or self.kind.max_entry_bytes, self.kind.max_entry_bytes):
            raise self.kind.bomb(self.name)
        return b"".join(self.inflate(entry))

    def scan(self, *, refuse_doctype: bool = True) -> None:
        """Inflate every entry once, so that a library reading it afterwards finds exactly
        what the directory declares; refuse XML declarations of entities, which no office
        program writes and entity bombs need."""
        for entry in self.entries:
            check = refuse_doctype and entry.filename.endswith((".xml", ".rels", ".vml"))
            tail = b""
            for block in self.inflate(entry):
                if check and _DOCTYPE.search(tail + block):
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


def copy_to_open(source: Path, name: str) -> Path:
    """A copy of ``source`` in a fresh temporary folder under ``name`` made plain, for a
    program to open it: the copy never lands outside that folder, whatever the name says."""
    import shutil
    import tempfile

    from models.errors import InvalidInput

    folder = Path(tempfile.mkdtemp(prefix="kiemtra-")).resolve()
    copy = folder / plain_file_name(name)
    if copy.parent != folder:  # plain_file_name makes this impossible; never trust it blindly
        raise InvalidInput(f"Tên tệp không hợp lệ: {name!r}.", f"Not a valid file name: {name!r}.")
    try:
        shutil.copyfile(source, copy)
    except OSError as exc:
        raise InvalidInput(
            f"Không mở được tệp minh chứng ({exc.strerror or exc}).",
            f"The evidence file cannot be opened ({exc.strerror or exc}).",
        ) from exc
    return copy
