"""Who has a database file open: a lock file beside it (``kiemtra.sqlite3.lock``).

Every process that opens the database for writing (the window, each ``kiemtra`` command)
holds a shared lock on it; a restore takes it exclusively. So a restore never pulls the file
from under a window that would go on saving answers into the file set aside, and nothing
opens the database while a restore is half-way. The operating system drops the lock when a
process dies, so a crash never leaves the database "in use".
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from models.errors import DatabaseError

SUFFIX = ".lock"
POLL_SECONDS = 0.05

if sys.platform == "win32":  # pragma: no cover - Windows only (a test mypy understands)
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _EXCLUSIVE, _FAIL_IMMEDIATELY = 0x2, 0x1

    def _lock(fd: int, exclusive: bool) -> bool:
        flags = _FAIL_IMMEDIATELY | (_EXCLUSIVE if exclusive else 0)
        handle = msvcrt.get_osfhandle(fd)
        return bool(
            ctypes.windll.kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped()))
        )

    def _unlock(fd: int) -> None:
        handle = msvcrt.get_osfhandle(fd)
        ctypes.windll.kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


class DatabaseLock:
    """The lock of one database file; ``hold`` (shared) or ``take`` (exclusive), ``release``."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def hold(self, wait_seconds: float = 5.0) -> None:
        """Hold the file shared, waiting out a restore in progress for ``wait_seconds``."""
        fd = self._open()
        deadline = time.monotonic() + wait_seconds
        while not _lock(fd, exclusive=False):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DatabaseError(
                    f"Cơ sở dữ liệu '{self.database}' đang được khôi phục từ bản sao lưu. "
                    "Hãy đợi lệnh khôi phục xong rồi mở lại; không có gì bị thay đổi.",
                    f"The database '{self.database}' is being restored from a backup. Wait "
                    "for the restore to finish, then open it again; nothing was changed.",
                )
            time.sleep(POLL_SECONDS)
        self._fd = fd

    def take(self, wait_seconds: float = 0.0) -> None:
        """Hold the file alone, or refuse: somebody has the database open."""
        fd = self._open()
        deadline = time.monotonic() + wait_seconds
        while not _lock(fd, exclusive=True):
            if time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                continue
            os.close(fd)
            raise DatabaseError(
                f"Cơ sở dữ liệu '{self.database}' đang được mở (một cửa sổ Kiểm tra hoặc một "
                "lệnh kiemtra khác đang dùng nó). Hãy đóng nó rồi thử lại; không có gì bị "
                "thay đổi.",
                f"The database '{self.database}' is in use (a Kiểm tra window or another "
                "kiemtra command has it open). Close it and try again; nothing was changed.",
            )
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def _open(self) -> int:
        if self._fd is not None:
            raise RuntimeError("the lock is already held")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except PermissionError:
            fd = self._open_read_only()
        except OSError as exc:
            raise self._cannot(exc) from exc
        else:
            self._give_to_owner()
        return fd

    def _open_read_only(self) -> int:
        """Someone else's lock file: a lock on a descriptor opened for reading works too."""
        try:
            return os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise self._cannot(exc) from exc

    def _give_to_owner(self) -> None:
        """As SQLite does for its -wal and -shm: run as root, leave the file to its owner."""
        if os.name == "nt" or os.geteuid() != 0:  # pragma: no cover - Windows
            return
        try:
            owner = self.database.stat()
            os.chown(self.path, owner.st_uid, owner.st_gid)
        except OSError:
            pass  # no database yet, or a file system without owners: nothing to hand over

    def _cannot(self, exc: OSError) -> DatabaseError:
        return DatabaseError(
            f"Không tạo được tệp khoá '{self.path}' ({exc.strerror or exc}); cơ sở dữ liệu "
            "không được mở để ghi. Hãy kiểm tra quyền ghi và dung lượng của thư mục, hoặc mở "
            "chỉ đọc (--read-only).",
            f"Cannot create the lock file '{self.path}' ({exc.strerror or exc}); the database "
            "was not opened for writing. Check the folder's permission and free space, or "
            "open it read-only (--read-only).",
        )
