"""Looking at a SQLite file before trusting it, or only looking (``--read-only``), without
writing a byte in it or beside it.

A plain ``mode=ro`` connection to a database in WAL mode creates ``-wal`` and ``-shm`` files
next to it, which then belong to whoever looked (and can stop the owner from saving). So a
look goes through ``read_only_uri``: SQLite's own read-only access while a writer's ``-wal``
and ``-shm`` are there, and ``immutable`` when there is no ``-wal`` to read.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import uuid
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from models.db import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    Database,
    check_revision,
    current_revision,
    database_url,
    explain_database_error,
)
from models.device import LocalDevice
from models.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"

NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ncpfs",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
    "fuse.ceph",
    "davfs",
    "fuse.davfs2",
    "lustre",
    "fuse.rclone",
    "gpfs",
}


class ForeignFile(DatabaseError):
    """Another program's file (or no database at all): never touched."""


class DamagedFile(DatabaseError):
    """A Kiểm tra database SQLite cannot read soundly: kept as it is for a restore."""


def beside(path: Path, suffix: str) -> Path:
    """``kiemtra.sqlite3`` + ``-wal`` → ``kiemtra.sqlite3-wal`` (names are never parsed)."""
    return path.with_name(path.name + suffix)


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` as it is now and creates nothing beside it.

    With a ``-wal`` and a ``-shm`` (a writer has it open, or was killed), SQLite reads both
    and sees every committed answer. With no ``-wal`` the file itself is complete. A ``-wal``
    without its ``-shm`` cannot be read without creating one: the caller copies the pair
    (``opening``); checks look at the main file alone.
    """
    if beside(path, "-wal").exists() and beside(path, "-shm").exists():
        return f"{path.as_uri()}?mode=ro"
    return f"{path.as_uri()}?mode=ro&immutable=1"


def mounts_table() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def network_location(path: Path) -> str | None:
    """What kind of network share ``path`` lies on, or None for a local disk."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "UNC"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
            return "network drive"
        return None
    best, kind = "", None
    for line in mounts_table().splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, kind = mount_point, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None


def check_local(path: Path) -> None:
    kind = network_location(path)
    if kind is not None:
        raise DatabaseError(
            f"'{path}' nằm trên ổ mạng ({kind}). Không dùng tệp SQLite trên ổ mạng: khoá tệp qua "
            'mạng không đáng tin cậy và tệp có thể bị hỏng (xem tài liệu SQLite, mục "SQLite '
            'Over a Network"). Để nhiều máy dùng chung, hãy dùng máy chủ PostgreSQL '
            "(--db postgresql+psycopg://…); hoặc chép tệp về ổ đĩa của máy này.",
            f"'{path}' is on a network share ({kind}). A SQLite file must not be used over a "
            "network: file locking across a network is unreliable and the file can be damaged "
            '(see SQLite\'s documentation, "SQLite Over a Network"). For several PCs, use a '
            "PostgreSQL server (--db postgresql+psycopg://…), or copy the file to a local disk.",
        )


def check_writable(path: Path) -> None:
    """Refuse a file (or its ``-wal``/``-shm``, or its folder) this user cannot write."""
    candidates = [path, beside(path, "-wal"), beside(path, "-shm")]
    locked = [p for p in candidates if p.exists() and not os.access(p, os.W_OK)]
    if not os.access(path.parent, os.W_OK):
        locked.append(path.parent)
    if locked:
        what = locked[0]
        raise DatabaseError(
            f"Không ghi được vào '{what}' (chỉ đọc, hoặc thuộc người dùng khác). Hãy mở ở chế "
            "độ chỉ đọc (--read-only), chép tệp sang một thư mục ghi được, hoặc chọn tệp khác. "
            "Tệp không bị thay đổi.",
            f"'{what}' is read-only (or belongs to another user). Open it read-only "
            "(--read-only), copy the file to a writable folder, or choose another file. The "
            "file was not changed.",
        )


def check_sqlite_file(path: Path, *, must_exist: bool = False) -> None:
    """Refuse, without writing a byte, a file that is not a sound Kiểm tra database."""
    if path.is_dir():
        raise DatabaseError(
            f"'{path}' là một thư mục, không phải tệp cơ sở dữ liệu.",
            f"'{path}' is a folder, not a database file.",
        )
    if not path.exists():
        if must_exist:
            raise DatabaseError(f"Không tìm thấy tệp '{path}'.", f"File '{path}' not found.")
        if not path.parent.is_dir():
            raise DatabaseError(
                f"Thư mục '{path.parent}' không tồn tại.",
                f"The folder '{path.parent}' does not exist.",
            )
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            f"Không đọc được tệp '{path}' ({exc.strerror or exc}); tệp không bị thay đổi.",
            f"Cannot read '{path}' ({exc.strerror or exc}); the file was not changed.",
        ) from exc
    if not header:
        return  # an empty file is an empty SQLite database
    if header != SQLITE_HEADER:
        raise damaged(path, "header") if header.startswith(b"SQLite") else not_ours(path)
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise damaged(path, exc) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if app_id != APPLICATION_ID and (tables or app_id != 0):
            raise not_ours(path)  # another program's, even empty (a GeoPackage has an id)
        signature = file_signature(path)
        if signature != _last_sound(path):
            result = [row[0] for row in con.execute("PRAGMA quick_check(5)")]
            if result != ["ok"]:
                detail = " ".join("; ".join(result).split())
                raise damaged(path, detail if len(detail) <= 160 else detail[:157] + "…")
            _remember_sound(path, signature)
        if "alembic_version" in tables:
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
            check_revision([r[0] for r in rows], str(path))
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from exc
    finally:
        con.close()


def file_signature(path: Path) -> list[object]:
    """Size and time of the file and of a non-empty WAL: changes whenever content does."""
    parts: list[object] = []
    for suffix in ("", "-wal"):
        file = path.with_name(path.name + suffix)
        try:
            stat = file.stat()
        except OSError:
            continue
        if stat.st_size > 0:
            parts += [suffix, stat.st_size, stat.st_mtime_ns]
    return parts


def _sound_record(path: Path) -> Path:
    from models.backup import backups_for

    return backups_for(path, create=False) / "checked.json"


def _last_sound(path: Path) -> list[object] | None:
    """The signature the file had when ``quick_check`` last found it sound: a file unchanged
    since is not read through again (seconds for a province's database at every start)."""
    try:
        found = json.loads(_sound_record(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, list) else None


def _remember_sound(path: Path, signature: list[object]) -> None:
    record = _sound_record(path)
    try:
        if record.parent.is_dir():
            record.write_text(json.dumps(signature), encoding="utf-8")
    except OSError:
        pass  # only a shortcut: without it the next start checks the file again


def not_ours(path: Path) -> ForeignFile:
    return ForeignFile(
        f"'{path}' không phải là cơ sở dữ liệu Kiểm tra (có thể là tệp của chương trình "
        "khác); tệp không bị thay đổi.",
        f"'{path}' is not a Kiểm tra database (it may belong to another program); the file "
        "was not changed.",
    )


def damaged(path: Path, detail: object) -> DamagedFile:
    return DamagedFile(
        f"Tệp cơ sở dữ liệu '{path}' bị hỏng ({detail}); tệp không bị thay đổi. "
        "Hãy khôi phục từ một bản sao lưu (kiemtra db restore) hoặc chọn tệp khác.",
        f"The database file '{path}' is damaged ({detail}); it was not changed. "
        "Restore a backup (kiemtra db restore) or choose another file.",
    )


def open_read_only(
    path: Path, device: LocalDevice | None, notices: list[str] | None = None
) -> Database:
    """Read ``path`` as it is now, committed answers in its -wal included, creating nothing
    beside it. A -wal without its -shm is read from a private copy of the pair."""
    wal, shm = beside(path, "-wal"), beside(path, "-shm")
    copy_folder: Path | None = None
    if wal.exists() and wal.stat().st_size > 0 and not shm.exists():
        copy_folder = Path(tempfile.mkdtemp(prefix="kiemtra-read-only-"))
        try:
            copy = copy_folder / "copy.sqlite3"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, beside(copy, "-wal"))
        except OSError as exc:
            shutil.rmtree(copy_folder, ignore_errors=True)
            raise DatabaseError(
                f"Không đọc được '{path}' ({exc.strerror or exc}).",
                f"Cannot read '{path}' ({exc.strerror or exc}).",
            ) from exc
        uri = copy.as_uri()
    else:
        uri = read_only_uri(path)
    engine = _read_only_engine(uri)
    try:
        revision = current_revision(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise explain_database_error(exc) from exc
    if revision != HEAD_REVISION:
        engine.dispose()
        raise DatabaseError(
            f"Không thể mở chỉ-đọc '{path}': tệp cần được nâng cấp lược đồ trước.",
            f"Cannot open '{path}' read-only: its schema needs an upgrade first.",
        )
    database = Database(
        engine=engine,
        url=database_url(path),
        path=path,
        device=device or LocalDevice(uuid.UUID(int=0), "read-only"),
        session_factory=sessionmaker(engine, expire_on_commit=False),
        read_only=True,
    )
    database.notices.extend(notices or [])
    if copy_folder is not None:
        database.closing.append(partial(shutil.rmtree, copy_folder, ignore_errors=True))
    return database


def _read_only_engine(uri: str) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA query_only = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.connection.driver_connection.execute("BEGIN")

    return engine
