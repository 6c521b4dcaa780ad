"""Opening a database: checks first, then pragmas, migrations and the shipped checklists.

Nothing here runs at import time; ``open_database`` is a function that tests point at a
temporary file. A file that is not a Kiểm tra database, is damaged, or comes from a newer
version of the program is refused with a ``DatabaseError`` and left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from models import paths
from models.device import LocalDevice, local_device
from models.entities import Device
from models.errors import DatabaseError

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4B545241  # "KTRA" in PRAGMA application_id marks our SQLite files
#: Every revision this program knows, oldest first; the last one is the head.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open database: its engine, a session factory and the device writing to it."""

    engine: Engine
    url: str
    path: Path | None
    device: LocalDevice
    session_factory: sessionmaker[Session]
    problems: list[str] = field(default_factory=list)

    def session(self) -> Session:
        return self.session_factory()

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        with self.session_factory.begin() as session:
            yield session

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    read_only: bool = False

    def close(self) -> None:
        """Close every connection, then back up the file if this session changed it."""
        self.engine.dispose()
        if self.path is not None and not self.read_only and self.path.exists():
            from models.backup import automatic_backup

            try:
                automatic_backup(self.path, "close")
            except DatabaseError:
                log.exception("automatic backup on close failed")


def open_database(
    target: str | Path | None = None,
    *,
    device: LocalDevice | None = None,
    load_checklists: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating if needed) the database at a path or SQLAlchemy URL, migrated to head.

    ``read_only`` opens an existing SQLite file without writing anything to it (for a file
    on read-only media, or to look at a database another version made): no migration, no
    backup, no checklist loading; every write fails.
    """
    if target is None:
        target = paths.default_database_path()
    url, path = _resolve(target)
    if path is not None:
        _check_local(path)
        check_sqlite_file(path, must_exist=read_only)
        if read_only:
            return _open_read_only(url, path, device)
        _check_writable(path)
        if path.exists() and path.stat().st_size > 0:
            from models.backup import automatic_backup

            automatic_backup(path, "open")
        engine = sqlite_engine(path)
    else:
        engine = _server_engine(url)
    try:
        _migrate(engine, path)
        device = device or local_device()
        database = Database(
            engine=engine,
            url=url,
            path=path,
            device=device,
            session_factory=sessionmaker(engine, expire_on_commit=False),
        )
        _register_device(database)
        if load_checklists:
            from models.catalog import sync_shipped_checklists

            database.problems.extend(sync_shipped_checklists(database))
    except SQLAlchemyError as exc:
        engine.dispose()
        raise explain_database_error(exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return database


def _open_read_only(url: str, path: Path, device: LocalDevice | None) -> Database:
    # immutable=1: SQLite will not try to create -wal/-shm files beside a read-only file.
    engine = create_engine(f"sqlite:///{path.as_uri()}?mode=ro&immutable=1&uri=true")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA query_only = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.connection.driver_connection.execute("BEGIN")

    revision = current_revision(engine)
    if revision != HEAD_REVISION:
        engine.dispose()
        raise DatabaseError(
            f"Không thể mở chỉ-đọc '{path}': tệp cần được nâng cấp lược đồ trước.",
            f"Cannot open '{path}' read-only: its schema needs an upgrade first.",
        )
    return Database(
        engine=engine,
        url=url,
        path=path,
        device=device or LocalDevice(uuid.UUID(int=0), "read-only"),
        session_factory=sessionmaker(engine, expire_on_commit=False),
        read_only=True,
    )


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
    if os.name == "nt":  # pragma: no cover - Windows only
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


def _check_local(path: Path) -> None:
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


def _check_writable(path: Path) -> None:
    folder = path.parent
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
        what = path if path.exists() and not os.access(path, os.W_OK) else folder
        raise DatabaseError(
            f"Không ghi được vào '{what}' (chỉ đọc). Hãy mở ở chế độ chỉ đọc (--read-only), "
            "chép tệp sang một thư mục ghi được, hoặc chọn tệp khác. Tệp không bị thay đổi.",
            f"'{what}' is read-only. Open it read-only (--read-only), copy the file to a "
            "writable folder, or choose another file. The file was not changed.",
        )


def explain_database_error(exc: BaseException) -> DatabaseError:
    """A clear, bilingual message for a database failure the user can do something about."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            "Cơ sở dữ liệu đang bị một chương trình khác khoá. Hãy đóng chương trình đó "
            "(hoặc cửa sổ Kiểm tra khác) rồi thử lại; thay đổi này CHƯA được lưu.",
            "The database is locked by another program. Close it (or the other Kiểm tra "
            "window) and try again; this change was NOT saved.",
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return DatabaseError(
            "Cơ sở dữ liệu chỉ cho phép đọc; thay đổi này CHƯA được lưu. Hãy chép tệp sang "
            "thư mục ghi được hoặc chọn tệp khác.",
            "The database is read-only; this change was NOT saved. Copy the file to a "
            "writable folder or choose another file.",
        )
    if "full" in text or "disk i/o" in text or "no space" in text:
        return DatabaseError(
            "Ổ đĩa đã đầy hoặc lỗi ghi; thay đổi này CHƯA được lưu. Hãy giải phóng dung lượng "
            "rồi thử lại.",
            "The disk is full or failed to write; this change was NOT saved. Free some space "
            "and try again.",
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseError(
            "Cơ sở dữ liệu bị hỏng; thay đổi này CHƯA được lưu. Hãy khôi phục từ bản sao lưu "
            "(kiemtra db restore).",
            "The database is damaged; this change was NOT saved. Restore a backup "
            "(kiemtra db restore).",
        )
    return DatabaseError(
        f"Lỗi cơ sở dữ liệu: {text}; thay đổi CHƯA được lưu.",
        f"Database error: {text}; the change was NOT saved.",
    )


def _resolve(target: str | Path) -> tuple[str, Path | None]:
    text_target = str(target)
    if "://" in text_target:
        url = make_url(text_target)
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise DatabaseError(
                    "Cơ sở dữ liệu trong bộ nhớ không được hỗ trợ; hãy chọn một tệp.",
                    "An in-memory database is not supported; choose a file.",
                )
            return text_target, Path(url.database).resolve()
        if url.get_backend_name() != "postgresql":
            raise DatabaseError(
                f"Không hỗ trợ loại cơ sở dữ liệu '{url.get_backend_name()}'; "
                "chỉ dùng tệp SQLite hoặc máy chủ PostgreSQL.",
                f"Database type '{url.get_backend_name()}' is not supported; "
                "use a SQLite file or a PostgreSQL server.",
            )
        return text_target, None
    path = Path(target).expanduser().resolve()
    return f"sqlite:///{path}", path


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
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if not header:
        return  # an empty file is an empty SQLite database
    if header != _SQLITE_HEADER:
        raise _damaged(path, "header") if header.startswith(b"SQLite") else _not_ours(path)
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if app_id != APPLICATION_ID and tables:
            raise _not_ours(path)
        result = [row[0] for row in con.execute("PRAGMA quick_check(5)")]
        if result != ["ok"]:
            detail = " ".join("; ".join(result).split())
            raise _damaged(path, detail if len(detail) <= 160 else detail[:157] + "…")
        if "alembic_version" in tables:
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
            _check_revision([r[0] for r in rows], str(path))
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    finally:
        con.close()


def _check_revision(revisions: list[str], where: str) -> None:
    unknown = [r for r in revisions if r not in KNOWN_REVISIONS]
    if unknown:
        raise DatabaseError(
            f"Cơ sở dữ liệu '{where}' được tạo bởi phiên bản Kiểm tra mới hơn "
            f"(lược đồ {unknown[0]}). Hãy cập nhật chương trình; tệp không bị thay đổi.",
            f"The database '{where}' was made by a newer version of Kiểm tra "
            f"(schema {unknown[0]}). Update the program; the file was not changed.",
        )


def _not_ours(path: Path) -> DatabaseError:
    return DatabaseError(
        f"'{path}' không phải là cơ sở dữ liệu Kiểm tra; tệp không bị thay đổi.",
        f"'{path}' is not a Kiểm tra database; the file was not changed.",
    )


def _damaged(path: Path, detail: object) -> DatabaseError:
    return DatabaseError(
        f"Tệp cơ sở dữ liệu '{path}' bị hỏng ({detail}); tệp không bị thay đổi. "
        "Hãy khôi phục từ một bản sao lưu (kiemtra db restore) hoặc chọn tệp khác.",
        f"The database file '{path}' is damaged ({detail}); it was not changed. "
        "Restore a backup (kiemtra db restore) or choose another file.",
    )


def sqlite_engine(path: Path) -> Engine:
    """An engine over a SQLite file with our pragmas and real transactions."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN; take it over (SQLAlchemy docs).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Straight to the driver: this runs before every transaction, answers included.
        # A transaction that will write takes the write lock at once (BEGIN IMMEDIATE), so
        # two writers queue on the busy timeout instead of failing on a stale snapshot.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


WRITE_OPTION = "kiemtra_write"


def begin_write(session: Session) -> Any:
    """The session's connection, in a transaction begun for writing.

    Services that change data call this first. If the session already has a transaction
    (the caller is batching several changes), that transaction is used as it is.
    """
    if session.in_transaction():
        return session.connection()
    return session.connection(execution_options={WRITE_OPTION: True})


def _server_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine, path: Path | None) -> None:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
    except Exception as exc:
        raise DatabaseError(
            f"Không mở được cơ sở dữ liệu: {exc}", f"Cannot open the database: {exc}"
        ) from exc
    if tables and "alembic_version" not in tables:
        where = str(path) if path else engine.url.render_as_string(hide_password=True)
        raise DatabaseError(
            f"'{where}' đã có dữ liệu khác, không phải cơ sở dữ liệu Kiểm tra; không thay đổi gì.",
            f"'{where}' holds other data, not a Kiểm tra database; nothing was changed.",
        )
    revision = current_revision(engine) if tables else None
    if revision is not None:
        _check_revision([revision], str(path or engine.url))
    if revision == HEAD_REVISION:
        return
    if revision is not None and path is not None:
        from models.backup import backup_database

        backup_database(path, reason=f"before-migration-{revision}")  # kept, never rotated
    _run_alembic_upgrade(engine)
    if path is not None:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.commit()


def _run_alembic_upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def create_at_revision(path: Path, revision: str) -> None:
    """A new, empty Kiểm tra database at an older schema revision (for migration tests)."""
    engine = sqlite_engine(path)
    try:
        _run_alembic_upgrade(engine, revision)
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.commit()
    finally:
        engine.dispose()


def _register_device(database: Database) -> None:
    with database.begin() as session:
        known = session.get(Device, database.device.id)
        if known is None:
            session.add(Device(id=database.device.id, name=database.device.name))
        elif known.name != database.device.name:
            known.name = database.device.name


def get_meta(session: Session, key: str) -> str | None:
    from models.entities import Setting

    return session.scalar(select(Setting.value).where(Setting.key == key))


def set_meta(session: Session, key: str, value: str) -> None:
    from models.entities import Setting

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
