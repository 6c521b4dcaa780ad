"""Putting a backup in place of a database, recoverable at every instant.

Before each step that renames a file, the restore writes down what it is doing in a
journal beside the database (``kiemtra.sqlite3.restore-journal``). If it is killed half-way,
the next opening finishes it (the backup was completely copied) or undoes it (it was not),
and says which. The current file's WAL is folded into it first, so the file set aside holds
every answer by itself; it is kept, never deleted. Nobody may have the database open while
it is restored (``file_lock``), so no window goes on saving into the file set aside.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.errors import DatabaseError
from models.file_lock import DatabaseLock
from models.sqlite_files import ForeignFile, beside, check_sqlite_file

JOURNAL_SUFFIX = ".restore-journal"
SIDE_FILES = ("", "-wal", "-shm")
#: Called after each step with its name; tests kill the process there.
StepCallback = Callable[[str], None]


def journal_path(database: Path) -> Path:
    return beside(database, JOURNAL_SUFFIX)


def restore_leftovers(database: Path) -> list[Path]:
    """Files a restore leaves beside a database: the file set aside, a copy, a journal."""
    found = [
        p
        for p in database.parent.glob(f"{_glob_safe(database.name)}.*")
        if p.name.startswith((f"{database.name}.before-restore-", f"{database.name}.restoring"))
        and not p.name.endswith(("-wal", "-shm"))
    ]
    if journal_path(database).exists():
        found.append(journal_path(database))
    return sorted(found)


def restore_database(
    backup: Path, database: Path, *, on_step: StepCallback | None = None
) -> Path | None:
    """Put ``backup`` in place of ``database``; the current file is kept aside, never deleted.

    Returns where the current file was kept (None if there was none). The backup is checked
    first; a bad backup, or a database in use, changes nothing.
    """
    step = on_step or (lambda _name: None)
    _check_backup(backup, database)
    lock = DatabaseLock(database)
    lock.take()
    try:
        if journal_path(database).exists():
            _finish(database)
        step("locked")
        had_file = database.exists()
        if had_file:
            _fold_wal(database)
        step("checkpointed")
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        journal: dict[str, Any] = {
            "backup": str(backup),
            "staged": f"{database.name}.restoring-{stamp}",
            "aside": f"{database.name}.before-restore-{stamp}" if had_file else None,
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "state": "copying",
        }
        try:
            _write_journal(database, journal)
            step("journal")
            _copy(backup, database.with_name(journal["staged"]))
            step("copied")
            journal["state"] = "swapping"
            _write_journal(database, journal)
            step("swapping")
            _swap(database, journal, step)
        except OSError as exc:
            _undo(database, journal)
            raise DatabaseError(
                f"Không khôi phục được ({exc.strerror or exc}); cơ sở dữ liệu vẫn như trước.",
                f"Restore failed ({exc.strerror or exc}); the database is as it was.",
            ) from exc
        journal_path(database).unlink()
        _sync_folder(database.parent)
        step("finished")
    finally:
        lock.release()
    return database.with_name(journal["aside"]) if journal["aside"] else None


def finish_interrupted_restore(database: Path) -> str | None:
    """Finish or undo a restore that was killed half-way; a bilingual line saying which."""
    if not journal_path(database).exists():
        return None
    lock = DatabaseLock(database)
    lock.take(wait_seconds=5.0)
    try:
        return _finish(database) if journal_path(database).exists() else None
    finally:
        lock.release()


def _check_backup(backup: Path, database: Path) -> None:
    if not backup.is_file():
        raise DatabaseError(
            f"Không tìm thấy bản sao lưu '{backup}'.", f"Backup '{backup}' not found."
        )
    if backup.resolve() == database.resolve():
        raise DatabaseError(
            "Bản sao lưu chính là tệp đang dùng; hãy chọn một bản sao lưu khác.",
            "The backup is the database file itself; choose another backup.",
        )
    check_sqlite_file(backup, must_exist=True)
    if backup.stat().st_size == 0:
        raise DatabaseError(
            f"Tệp '{backup}' trống, không phải bản sao lưu; không có gì bị thay đổi.",
            f"'{backup}' is empty, not a backup; nothing was changed.",
        )
    if database.exists():
        try:
            check_sqlite_file(database)
        except ForeignFile:
            raise  # another program's file is never moved, even aside
        except DatabaseError:
            pass  # damaged or newer: kept aside untouched, which is what a restore is for


def _fold_wal(database: Path) -> None:
    """Checkpoint the WAL into the file and leave WAL mode, so the file stands alone.

    Leaving WAL mode needs the only connection to the file, so this also refuses a file
    that any other program (not only Kiểm tra) has open. A damaged file is left untouched:
    it and its -wal are set aside as they are.
    """
    try:
        check_sqlite_file(database)
    except DatabaseError:
        return
    con = sqlite3.connect(database, isolation_level=None, timeout=1.0)
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0] if not busy else ""
    except sqlite3.OperationalError:
        mode = ""
    finally:
        con.close()
    if mode != "delete":
        raise DatabaseError(
            f"Cơ sở dữ liệu '{database}' đang được một chương trình khác mở. Hãy đóng chương "
            "trình đó rồi thử lại; không có gì bị thay đổi.",
            f"The database '{database}' is open in another program. Close it and try again; "
            "nothing was changed.",
        )


def _copy(backup: Path, staged: Path) -> None:
    with backup.open("rb") as source, staged.open("xb") as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
        target.flush()
        os.fsync(target.fileno())


def _swap(database: Path, journal: dict, step: StepCallback) -> None:
    """The current file and its -wal/-shm go aside, then the copy takes its name."""
    if journal["aside"]:
        aside = database.with_name(journal["aside"])
        for suffix in SIDE_FILES:
            current = beside(database, suffix)
            if not current.exists():
                continue
            if beside(aside, suffix).exists():
                raise DatabaseError(  # something made the file again half-way: ask a human
                    f"Không hoàn tất được việc khôi phục: cả '{current}' lẫn "
                    f"'{beside(aside, suffix)}' đều có; không tệp nào bị xoá hay ghi đè.",
                    f"Cannot finish the restore: both '{current}' and "
                    f"'{beside(aside, suffix)}' exist; no file was deleted or overwritten.",
                )
            current.replace(beside(aside, suffix))
            step(f"aside{suffix}")
    database.with_name(journal["staged"]).replace(database)
    _sync_folder(database.parent)
    step("in-place")


def _finish(database: Path) -> str:
    """Roll a journaled restore forward (its copy is complete) or back (it is not)."""
    journal = _read_journal(database)
    staged = database.with_name(journal["staged"])
    aside = database.with_name(journal["aside"]) if journal.get("aside") else None
    when = journal.get("started_at", "?")
    if journal["state"] == "copying":
        _undo(database, journal)
        return (
            f"Lần khôi phục trước (từ '{journal['backup']}', lúc {when}) bị ngắt trước khi thay "
            "tệp; đã huỷ nó: cơ sở dữ liệu vẫn như trước lần khôi phục đó. / The previous "
            f"restore (from '{journal['backup']}', at {when}) was interrupted before it replaced "
            "the file; it was undone: the database is as it was before it."
        )
    if staged.exists():
        _swap(database, journal, lambda _name: None)
    elif not database.exists():
        raise DatabaseError(
            f"Lần khôi phục trước bị ngắt và không hoàn tất được: thiếu cả '{database}' lẫn "
            f"'{staged}'. Tệp trước đó được giữ tại '{aside}'; hãy chạy "
            f"kiemtra db restore '{aside}'.",
            f"The previous restore was interrupted and cannot be finished: both '{database}' "
            f"and '{staged}' are missing. The previous file is kept at '{aside}'; run "
            f"kiemtra db restore '{aside}'.",
        )
    journal_path(database).unlink()
    _sync_folder(database.parent)
    kept_vi = f" Tệp trước đó được giữ tại '{aside}'." if aside else ""
    kept_en = f" The previous file is kept at '{aside}'." if aside else ""
    return (
        f"Lần khôi phục trước (từ '{journal['backup']}', lúc {when}) bị ngắt giữa chừng; nay "
        f"đã hoàn tất.{kept_vi} / The previous restore (from '{journal['backup']}', at {when}) "
        f"was interrupted; it has now been finished.{kept_en}"
    )


def _undo(database: Path, journal: dict) -> None:
    """Put back what was set aside and drop the copy; the database is as it was."""
    if journal.get("aside"):
        aside = database.with_name(journal["aside"])
        for suffix in SIDE_FILES:
            if beside(aside, suffix).exists() and not beside(database, suffix).exists():
                beside(aside, suffix).replace(beside(database, suffix))
    database.with_name(journal["staged"]).unlink(missing_ok=True)
    beside(journal_path(database), ".part").unlink(missing_ok=True)
    journal_path(database).unlink(missing_ok=True)
    _sync_folder(database.parent)


def _write_journal(database: Path, journal: dict) -> None:
    target = journal_path(database)
    partial = beside(target, ".part")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(journal, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)
    _sync_folder(database.parent)


def _read_journal(database: Path) -> dict:
    target = journal_path(database)
    try:
        journal = json.loads(target.read_text(encoding="utf-8"))
        if journal["state"] not in ("copying", "swapping"):
            raise ValueError(journal["state"])
        for name in ("staged", "aside"):
            value = journal.get(name)
            if value is not None and Path(value).name != value:
                raise ValueError(value)  # a plain name beside the database, nothing else
        return journal
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DatabaseError(
            f"Nhật ký khôi phục '{target}' không đọc được ({exc}); không có gì bị thay đổi. "
            "Các tệp còn lại bên cạnh cơ sở dữ liệu giữ nguyên dữ liệu: "
            f"{', '.join(p.name for p in restore_leftovers(database))}.",
            f"The restore journal '{target}' cannot be read ({exc}); nothing was changed. The "
            "files beside the database keep their data: "
            f"{', '.join(p.name for p in restore_leftovers(database))}.",
        ) from exc


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a power cut after this keeps them)."""
    if os.name == "nt":  # pragma: no cover - Windows renames are durable once they return
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _glob_safe(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)
