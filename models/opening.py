"""Opening a database, in one place: finish an interrupted restore, check the file, hold it,
back it up, migrate it, load the shipped checklists.

This module sits above ``db`` (engines and pragmas), ``backup``, ``restore`` and
``catalog``, none of which import it, so there is no import loop among them. A refusal is a
``DatabaseError`` that leaves the file as it was; the backup on opening only protects, so when
it cannot be made (a full disk, a locked backups folder) the database opens with a warning.
The program never creates an empty database where one was used before: such a path is
recorded in the data folder, and a missing file there is reported.
"""

from __future__ import annotations

import json
import logging
import shutil
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from models import paths
from models.backup import automatic_backup, backup_database
from models.catalog import sync_shipped_checklists
from models.db import (
    APPLICATION_ID,
    HEAD_REVISION,
    Database,
    check_revision,
    current_revision,
    explain_database_error,
    register_device,
    resolve_target,
    run_migrations,
    server_engine,
    sqlite_engine,
)
from models.device import LocalDevice, device_for_database
from models.errors import DatabaseError, KnownError
from models.file_lock import DatabaseLock
from models.restore import finish_interrupted_restore, journal_path, restore_leftovers
from models.sqlite_files import (
    beside,
    check_local,
    check_sqlite_file,
    check_writable,
    open_read_only,
)

log = logging.getLogger(__name__)

#: Below this much free space SQLite cannot even make its -shm: open to read only.
LOW_SPACE_BYTES = 256 * 1024
KNOWN_DATABASES = "databases.json"


def open_database(
    target: str | Path | None = None,
    *,
    device: LocalDevice | None = None,
    load_checklists: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating if new) the database at a path or SQLAlchemy URL, migrated to head.

    ``read_only`` opens an existing SQLite file without writing anything to it or beside it
    (a file on read-only media, someone else's file, a newer version's): no migration, no
    backup, no checklist loading; every write fails.
    """
    if target is None:
        target = paths.default_database_path()
    url, path = resolve_target(target)
    if path is None:
        return _prepare(server_engine(url), url, None, device, load_checklists)
    check_local(path)
    notices = _finish_restore(path, read_only)
    if not path.exists():
        _refuse_if_expected(path)
    check_sqlite_file(path, must_exist=read_only)
    if read_only:
        return open_read_only(path, device, notices)
    check_writable(path)
    if _low_on_space(path):
        if not path.exists() or path.stat().st_size == 0:
            raise _disk_full(path)
        notices.append(_opened_read_only_for_space(path))
        return open_read_only(path, device, notices)
    lock = DatabaseLock(path)
    lock.hold()
    try:
        if path.exists() and path.stat().st_size > 0:
            notices.extend(_backup_on_open(path))
        database = _prepare(sqlite_engine(path), url, path, device, load_checklists)
    except BaseException:
        lock.release()
        raise
    database.lock = lock
    database.notices.extend(notices)
    database.closing.append(partial(_backup_on_close, path))
    remember(path)
    return database


def _prepare(
    engine: Engine, url: str, path: Path | None, device: LocalDevice | None, load: bool
) -> Database:
    """Migrate, register this device, load the shipped checklists; the engine is disposed
    of if any of it fails."""
    try:
        migrate(engine, path)
        repaired: list[str] = []
        database = Database(
            engine=engine,
            url=url,
            path=path,
            device=device or this_device(engine, repaired),
            session_factory=sessionmaker(engine, expire_on_commit=False),
        )
        database.notices.extend(repaired)
        register_device(database)
        if load:
            database.problems.extend(sync_shipped_checklists(database))
    except SQLAlchemyError as exc:
        engine.dispose()
        raise explain_database_error(exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return database


def migrate(engine: Engine, path: Path | None) -> None:
    """Bring the schema to head; a SQLite file is backed up first (never skipped)."""
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
    except SQLAlchemyError as exc:
        raise explain_database_error(exc) from exc
    where = str(path) if path else engine.url.render_as_string(hide_password=True)
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"'{where}' đã có dữ liệu khác, không phải cơ sở dữ liệu Kiểm tra; không thay đổi gì.",
            f"'{where}' holds other data, not a Kiểm tra database; nothing was changed.",
        )
    revision = current_revision(engine) if tables else None
    if revision is not None:
        check_revision([revision], where)
    if revision == HEAD_REVISION:
        return
    if revision is not None and path is not None:
        backup_database(path, reason=f"before-migration-{revision}")  # kept, never rotated
    run_migrations(engine)
    if path is not None:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.commit()


def this_device(engine: Engine, notices: list[str]) -> LocalDevice:
    """This machine's id; a damaged device.json is repaired from the database or refused."""
    try:
        return device_for_database(engine, notices)
    except OSError as exc:
        raise DatabaseError(
            f"Không ghi được mã thiết bị vào thư mục cấu hình ({exc.strerror or exc}: "
            f"{exc.filename}). Hãy kiểm tra quyền ghi và dung lượng ổ đĩa; có thể mở chỉ "
            "đọc (--read-only).",
            f"Cannot write this device's id into the configuration folder ({exc.strerror or exc}:"
            f" {exc.filename}). Check the write permission and the free space; the database "
            "can be opened read-only (--read-only).",
        ) from exc


# -- restores, known databases, free space ---------------------------------------------------


def _finish_restore(path: Path, read_only: bool) -> list[str]:
    if not journal_path(path).exists():
        return []
    if read_only:
        raise DatabaseError(
            f"Một lần khôi phục '{path}' đã bị ngắt giữa chừng. Hãy mở một lần không có "
            "--read-only để chương trình hoàn tất (hoặc huỷ) nó; chưa có gì bị thay đổi.",
            f"A restore of '{path}' was interrupted. Open it once without --read-only so the "
            "program finishes (or undoes) it; nothing was changed yet.",
        )
    message = finish_interrupted_restore(path)
    return [message] if message else []


def _refuse_if_expected(path: Path) -> None:
    """A database used before is missing: say so, never create an empty one in its place."""
    leftovers = restore_leftovers(path)
    if not leftovers and str(path) not in known_databases():
        return
    names = ", ".join(f"'{p}'" for p in leftovers)
    vi_left = f" Các tệp còn lại bên cạnh có thể giữ dữ liệu: {names}." if leftovers else ""
    en_left = f" Files left beside it may hold the data: {names}." if leftovers else ""
    record = paths.data_dir(create=False) / KNOWN_DATABASES
    raise DatabaseError(
        f"Không thấy tệp cơ sở dữ liệu '{path}', dù tệp này đã được dùng trước đây; chương "
        f"trình không tạo một cơ sở dữ liệu trống thay cho nó.{vi_left} Hãy chép tệp về chỗ "
        "cũ, khôi phục một bản sao lưu (kiemtra db backups, rồi kiemtra db restore TỆP), hoặc "
        "chọn tệp khác (--db). Nếu thật sự muốn bắt đầu lại từ đầu ở đúng chỗ này, hãy xoá "
        f"tên tệp khỏi '{record}'.",
        f"The database file '{path}' is missing, although it was used before; the program does "
        f"not create an empty database in its place.{en_left} Put the file back, restore a "
        "backup (kiemtra db backups, then kiemtra db restore FILE), or choose another file "
        "(--db). To really start again from nothing at this very place, remove its name from "
        f"'{record}'.",
    )


def known_databases() -> set[str]:
    """The SQLite files this user has opened, as recorded in the data folder."""
    record = paths.data_dir(create=False) / KNOWN_DATABASES
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return {str(p) for p in data["databases"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def remember(path: Path) -> None:
    """Record ``path`` as used; a record that cannot be written only weakens a warning."""
    known = known_databases()
    if str(path) in known:
        return
    try:
        record = paths.data_dir() / KNOWN_DATABASES
        partial_record = beside(record, ".part")
        data = {"databases": sorted(known | {str(path)})}
        partial_record.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        partial_record.replace(record)
    except (OSError, KnownError) as exc:
        log.warning(
            "cảnh báo / warning: không ghi được tên cơ sở dữ liệu vào thư mục dữ liệu (%s) / "
            "cannot record the database in the data folder (%s)",
            getattr(exc, "vi", exc),
            getattr(exc, "en", exc),
        )


def _low_on_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _disk_full(path: Path) -> DatabaseError:
    return DatabaseError(
        f"Ổ đĩa chứa '{path.parent}' đã đầy; không tạo được cơ sở dữ liệu. Hãy giải phóng "
        "dung lượng rồi thử lại.",
        f"The disk holding '{path.parent}' is full; the database cannot be created. Free some "
        "space and try again.",
    )


def _opened_read_only_for_space(path: Path) -> str:
    return (
        f"Ổ đĩa chứa '{path}' đã đầy: cơ sở dữ liệu được mở chỉ để xem (như --read-only), "
        "không sao lưu khi mở; mọi thay đổi sẽ bị từ chối cho đến khi giải phóng dung lượng. / "
        f"The disk holding '{path}' is full: the database is open to read only (as with "
        "--read-only), without the backup on opening; every change is refused until some "
        "space is freed."
    )


def _backup_on_open(path: Path) -> list[str]:
    try:
        automatic_backup(path, "open")
    except KnownError as exc:
        return [
            f"Không sao lưu tự động được khi mở ({exc.vi}); vẫn mở cơ sở dữ liệu. Nếu ổ đĩa "
            "đầy, thay đổi mới có thể không lưu được: hãy giải phóng dung lượng, hoặc mở chỉ "
            f"đọc (--read-only) để chỉ xem. / The automatic backup on opening failed "
            f"({exc.en}); the database is open anyway. If the disk is full, new changes may "
            "not be saved: free some space, or open it read-only (--read-only) to look only."
        ]
    return []


def _backup_on_close(path: Path) -> None:
    """The backup on closing protects; when it fails the user is told in one line."""
    if not path.exists():
        return
    try:
        automatic_backup(path, "close")
    except KnownError as exc:
        log.warning(
            "cảnh báo / warning: không sao lưu tự động được khi đóng (%s) / the automatic "
            "backup on closing failed (%s)",
            exc.vi,
            exc.en,
        )
