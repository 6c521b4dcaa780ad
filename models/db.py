"""Engines and their pragmas, the open ``Database``, and database errors explained.

Nothing here runs at import time, and nothing here opens a file by itself: that is
``models.opening.open_database`` (checks, backup, migrations, shipped checklists), which
tests point at a temporary file. A SQLite file is always handed to ``sqlite3.connect`` as a
path, never spliced into a URL, so a name with ``?`` or ``%`` opens exactly that file.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from models import paths
from models.device import LocalDevice
from models.entities import Device
from models.errors import DatabaseError

if TYPE_CHECKING:
    from models.file_lock import DatabaseLock

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4B545241  # "KTRA" in PRAGMA application_id marks our SQLite files
#: Every revision this program knows, oldest first; the last one is the head.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD_REVISION = KNOWN_REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000


@dataclass
class Database:
    """An open database: its engine, a session factory and the device writing to it."""

    engine: Engine
    url: str
    path: Path | None
    device: LocalDevice
    session_factory: sessionmaker[Session]
    problems: list[str] = field(default_factory=list)
    #: What happened to the file on opening (a restore finished, a backup skipped), bilingual.
    notices: list[str] = field(default_factory=list)
    #: Run in order by ``close`` after the connections (the backup on closing, clean-ups).
    closing: list[Callable[[], None]] = field(default_factory=list)
    #: The lock every writer holds while the file is open (``models.file_lock``).
    lock: DatabaseLock | None = None
    closed: bool = False

    def session(self) -> Session:
        return self.session_factory()

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in one write transaction, committed when the block ends.

        It starts with BEGIN IMMEDIATE, so it waits out the busy timeout behind another
        writer instead of failing when its first write finds the lock taken.
        """
        with self.session_factory() as session, session.begin():
            session.connection(execution_options={WRITE_OPTION: True})
            yield session

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    read_only: bool = False

    def close(self) -> None:
        """Close every connection, run the closing steps, let go of the file (once)."""
        if self.closed:
            return
        self.closed = True
        self.engine.dispose()
        try:
            for step in self.closing:
                step()
        finally:
            if self.lock is not None:
                self.lock.release()

    def resume(self) -> None:
        """Hold the file again after ``close`` (a restore was refused; the window goes on)."""
        if self.lock is not None and not self.lock.held:
            self.lock.hold()
        self.closed = False


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
            "Cơ sở dữ liệu chỉ cho phép đọc (--read-only, tệp không ghi được, hoặc ổ đĩa "
            "đầy); thay đổi này CHƯA được lưu. Hãy giải phóng dung lượng, chép tệp sang thư mục "
            "ghi được, hoặc chọn tệp khác.",
            "The database is open read-only (--read-only, a file that cannot be written, or a "
            "full disk); this change was NOT saved. Free some space, copy the file to a "
            "writable folder, or choose another file.",
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


def database_url(path: Path) -> str:
    """The SQLAlchemy URL naming ``path`` (quoted: it reads back as the same path)."""
    return "sqlite:///" + quote(str(path))


def resolve_target(target: str | Path) -> tuple[str, Path | None]:
    """A target's URL, and its file when it is SQLite; a plain path is never parsed."""
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
    return database_url(path), path


def check_revision(revisions: list[str], where: str) -> None:
    unknown = [r for r in revisions if r not in KNOWN_REVISIONS]
    if unknown:
        raise DatabaseError(
            f"Cơ sở dữ liệu '{where}' được tạo bởi phiên bản Kiểm tra mới hơn "
            f"(lược đồ {unknown[0]}). Hãy cập nhật chương trình; tệp không bị thay đổi.",
            f"The database '{where}' was made by a newer version of Kiểm tra "
            f"(schema {unknown[0]}). Update the program; the file was not changed.",
        )


def sqlite_engine(path: Path) -> Engine:
    """An engine over a SQLite file with our pragmas and real transactions."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(str(path), check_same_thread=False),
        poolclass=QueuePool,  # a file, not memory: connections come and go across threads
    )

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
        driver = connection.connection.driver_connection
        begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        try:
            driver.execute(begin)
        except sqlite3.Error as exc:  # busy past the timeout: an error like any statement's
            raise OperationalError(begin, None, exc) from exc
        connection.info[READ_START] = None if immediate else driver.total_changes

    return engine


WRITE_OPTION = "kiemtra_write"
READ_START = "kiemtra_read_start"  # total_changes when a deferred (reading) BEGIN ran


def begin_write(session: Session, *, fresh: bool = False) -> Any:
    """The session's connection, in a transaction begun for writing.

    Services that change data call this first. If the session already has a transaction
    (the caller is batching several changes), that transaction is used as it is; with
    ``fresh``, one that has only read so far is ended and begun again for writing, for a
    caller that reads again under the lock everything it decides on.
    """
    if session.in_transaction():
        if not (fresh and has_only_read(session)):
            return session.connection()
        session.rollback()
    return session.connection(execution_options={WRITE_OPTION: True})


def begun_for_writing(session: Session) -> bool:
    """Whether the session's transaction was begun by ``begin_write`` (a caller batching
    changes), as opposed to one a lookup began on its own."""
    if not session.in_transaction():
        return False
    return bool(session.connection().get_execution_options().get(WRITE_OPTION, False))


def has_only_read(session: Session) -> bool:
    """True if the session's own transaction began for reading and has written nothing.

    SQLite refuses at once, without waiting out the busy timeout, to turn such a
    transaction into a writing one while another connection writes.
    """
    from sqlalchemy.orm import SessionTransactionOrigin

    transaction = session.get_transaction()
    if transaction is None or transaction.origin is not SessionTransactionOrigin.AUTOBEGIN:
        return False
    if session.new or session.dirty or session.deleted:
        return False
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False  # a server waits for its locks anywhere: nothing to begin afresh
    start = connection.info.get(READ_START)
    driver = connection.connection.driver_connection  # the open sqlite3 connection
    return start is not None and start == driver.total_changes  # type: ignore[union-attr]


def server_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def run_migrations(engine: Engine, target: str = "head") -> None:
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
        run_migrations(engine, revision)
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.commit()
    finally:
        engine.dispose()


def register_device(database: Database) -> None:
    with database.session() as session:  # read first: opening to read takes no write lock
        known = session.get(Device, database.device.id)
        if known is not None and known.name == database.device.name:
            return
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
