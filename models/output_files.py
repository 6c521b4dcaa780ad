"""Files written for people (reports, forms, bundles, backups): whole, or not at all.

A file is built under a temporary name beside its target and renamed over it only once it
is complete. The temporary name is one no person would choose
(``.<name>.<8 hex>.kiemtra-part``) and the file is locked while it is written, so the next
export into the folder can delete what a killed process left behind without ever touching
a file another process is still writing. A fault of the environment (a full disk, no
permission, a read-only disk, a folder where the file should be, a missing folder) is a
bilingual message naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from models.errors import KnownError

PART, NEW = ".kiemtra-part", ".kiemtra-new"
#: A temporary file of ours, or SQLite's journal beside one (a backup being copied).
_OURS = re.compile(r"^\..+\.[0-9a-f]{8}\.kiemtra-(?P<kind>part|new)(?P<companion>-journal)?$")
#: A name not yet locked (between creation and rename) is left alone this long.
UNLOCKED_GRACE_SECONDS = 3600


class OutputError(KnownError):
    """A file could not be written; nothing was left under its name."""


def check_output(target: Path) -> Path:
    """Refuse at once a target that cannot be a file: before any work is done for it."""
    target = Path(target)
    if target.is_dir():
        raise _error(errno.EISDIR, target)
    if not target.parent.is_dir():
        raise _error(errno.ENOENT, target)
    return target


def explain_write_error(exc: BaseException, target: Path) -> OutputError:
    """The message for a failed write of ``target``, from an OSError or SQLite's words."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return _error(exc.errno, Path(target), exc.strerror)
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        for words, code in (
            ("full", errno.ENOSPC),
            ("readonly", errno.EROFS),
            ("unable to open", errno.EACCES),
        ):
            if words in text:
                return _error(code, Path(target))
    return _error(None, Path(target), str(exc))


def _error(code: int | None, target: Path, detail: str | None = None) -> OutputError:
    folder = target.parent
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        vi = (
            f"Ổ đĩa đã đầy: không ghi được '{target}'. Hãy giải phóng dung lượng hoặc chọn nơi khác"
        )
        en = f"The disk is full: cannot write '{target}'. Free some space or choose another place"
    elif code in (errno.EACCES, errno.EPERM):
        vi = f"Không có quyền ghi '{target}' (hoặc tệp đang mở trong chương trình khác)"
        en = f"No permission to write '{target}' (or the file is open in another program)"
    elif code == errno.EROFS:
        vi = f"Ổ đĩa chứa '{target}' chỉ cho phép đọc; hãy chọn nơi khác"
        en = f"The disk holding '{target}' is read-only; choose another place"
    elif code == errno.EISDIR:
        vi = f"'{target}' là một thư mục; hãy cho đường dẫn tới một tệp"
        en = f"'{target}' is a folder; give the path of a file"
    elif code in (errno.ENOENT, errno.ENOTDIR):
        vi = f"Thư mục '{folder}' không tồn tại: không ghi được '{target}'"
        en = f"The folder '{folder}' does not exist: cannot write '{target}'"
    elif code == errno.ENAMETOOLONG:
        vi = f"Tên tệp quá dài: '{target}'"
        en = f"The file name is too long: '{target}'"
    else:
        vi = f"Không ghi được '{target}' ({detail})"
        en = f"Cannot write '{target}' ({detail})"
    return OutputError(f"{vi}; không tệp nào được ghi.", f"{en}; no file was written.")


@contextlib.contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it only if the block succeeds.

    For a writer that opens the file by its name (SQLite's backup). On any failure the
    temporary file is removed and an ``OSError`` becomes an ``OutputError``.
    """
    with _partial(Path(target)) as (partial, _fd):
        yield partial


@contextlib.contextmanager
def output_stream(target: Path) -> Iterator[BinaryIO]:
    """A binary file object for ``target`` (openpyxl's and zipfile's ZipFile, reportlab).

    After the first failed write it refuses nothing more: a library that writes again
    while it cleans up (a ZipFile being collected) cannot fail a second time on a full
    disk and print a traceback after the message.
    """
    with _partial(Path(target)) as (_partial_path, fd):
        stream = _Stream(fd)
        try:
            yield cast(BinaryIO, stream)
            stream.finish()
        finally:
            stream.release()


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[tuple[Path, int]]:
    target = check_output(target)
    folder = target.parent
    sweep_leftovers(folder)
    stem = f".{target.name[:180]}.{secrets.token_hex(4)}"
    partial, fresh = folder / f"{stem}{PART}", folder / f"{stem}{NEW}"
    fd = -1
    try:
        if os.name == "nt":  # pragma: no cover - Windows: an open file cannot be deleted
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(partial, flags, 0o666)
        else:  # locked under a name the sweep ignores, then given the name it looks for
            fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            _lock(fd)
            os.replace(fresh, partial)
        yield partial, fd
        if os.name == "nt":  # pragma: no cover
            os.close(fd)
            fd = -1
        os.replace(partial, target)
    except OSError as exc:
        raise explain_write_error(exc, target) from None
    finally:
        if fd >= 0:
            os.close(fd)
        for leftover in (fresh, partial, Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):  # already renamed, or never made
                leftover.unlink()


class _Stream(io.RawIOBase):
    """Unbuffered writes to the temporary file's descriptor.

    After a failure (or once the descriptor is closed) it only counts: a library that goes
    on writing as it cleans up (a ZipFile being collected) sees its positions add up, as
    it expects, and nothing reaches the disk or fails a second time.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self._position = 0
        self.failure: OSError | None = None

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def _live(self) -> bool:
        return self._fd >= 0 and self.failure is None

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        if self._live():
            try:
                written = 0
                while written < len(view):
                    written += os.write(self._fd, view[written:])
            except OSError as exc:
                self.failure = exc
                raise
        self._position += len(view)
        return len(view)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._live():
            self._position = os.lseek(self._fd, offset, whence)
        elif whence == os.SEEK_SET:
            self._position = offset
        elif whence == os.SEEK_CUR:
            self._position += offset
        return self._position

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        """Nothing is buffered; and a ZipFile collected after this object must not fail."""

    def finish(self) -> None:
        """Raise the failure a library may have swallowed; make the bytes durable."""
        if self.failure is not None:
            raise self.failure
        os.fsync(self._fd)

    def release(self) -> None:
        """The descriptor is closed after this; a late write must not reach whatever file
        gets the same number next."""
        self._fd = -1


def sweep_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files that killed processes left in ``folder``.

    Only our names, and only files no living process holds: a writer keeps its file
    locked (on Windows, open, so that it cannot be deleted) until it is renamed.
    """
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(folder) if _OURS.match(entry.name)]
    except OSError:
        return removed  # a folder we cannot list holds nothing we could delete
    for name in names:
        match = _OURS.match(name)
        assert match is not None
        path = Path(folder) / name
        if match["companion"]:
            abandoned = not path.with_name(name.removesuffix(match["companion"])).exists()
        else:
            abandoned = _abandoned(path, unlocked_name=match["kind"] == "new")
        if abandoned:
            with contextlib.suppress(OSError):  # gone meanwhile, or another user's
                path.unlink()
                removed.append(path)
    return removed


def _abandoned(path: Path, *, unlocked_name: bool) -> bool:
    try:
        if path.is_symlink() or not path.is_file():
            return False
        old = time.time() - path.stat().st_mtime > UNLOCKED_GRACE_SECONDS
        if os.name == "nt" or (unlocked_name and not old):
            return old
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)


if os.name != "nt":
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

else:  # pragma: no cover - Windows keeps a file that is open from being deleted

    def _lock(fd: int) -> None:
        pass

    def _try_lock(fd: int) -> bool:
        return True
