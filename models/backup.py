"""Backups with SQLite's online backup API: consistent copies while the database is in use.

Automatic backups are taken when a database is opened and closed (only when it changed
since the last one) and before every migration, into a folder of their own per database,
and rotated: the ten newest, plus the newest of each of the last eight weeks. Backups made
by hand or before a migration are never rotated away. Restoring one is ``models.restore``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from models import paths
from models.errors import DatabaseError
from models.output_files import OutputError, explain_write_error, sweep_leftovers, written_whole
from models.sqlite_files import beside, read_only_uri

KEEP_RECENT = 10
KEEP_WEEKS = 8
STALE_PART_SECONDS = 3600
SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backups_for(database: Path, *, create: bool = True) -> Path:
    """The backup folder of one database file (databases never share one)."""
    key = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:8]
    folder = paths.backups_dir(create=create) / f"{database.stem}-{key}"
    return paths.make_folder(folder, paths.BACKUPS) if create else folder


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%fZ")


def backup_database(
    source: Path, destination: Path | None = None, *, reason: str = "manual"
) -> Path:
    """Copy a SQLite database to ``destination`` (default: its backup folder) and check it."""
    now = dt.datetime.now(dt.UTC)
    if destination is None:
        destination = backups_for(source) / f"{_stamp(now)}-{reason}{SUFFIX}"
    elif destination.is_dir():
        destination = destination / f"{source.stem}-{_stamp(now)}{SUFFIX}"
    if destination.exists():
        raise DatabaseError(
            f"Tệp '{destination}' đã tồn tại; không ghi đè.",
            f"'{destination}' already exists; it is not overwritten.",
        )
    try:
        with written_whole(destination) as partial:  # whole or nothing; leftovers swept
            src = sqlite3.connect(_source_uri(source), uri=True)
            try:
                dst = sqlite3.connect(partial)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode = DELETE")
                    check = dst.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    dst.close()
            finally:
                src.close()
            if check != "ok":
                raise DatabaseError(
                    f"Bản sao lưu không hợp lệ ({check}).", f"The backup is not valid ({check})."
                )
    except OutputError as exc:
        raise DatabaseError(exc.vi, exc.en) from exc
    except sqlite3.Error as exc:
        if "full" in str(exc):
            error = explain_write_error(exc, destination)
            raise DatabaseError(error.vi, error.en) from exc
        raise DatabaseError(
            f"Không sao lưu được vào '{destination}': {exc}",
            f"Backup to '{destination}' failed: {exc}",
        ) from exc
    return destination


def _source_uri(source: Path) -> str:
    """Read-only, creating nothing beside the file, except that a -wal without its -shm can
    only be read by making the -shm: done where the folder is writable, so that the backup
    holds the answers still in that -wal."""
    wal, shm = beside(source, "-wal"), beside(source, "-shm")
    writable = os.access(source.parent, os.W_OK)
    if writable and wal.exists() and wal.stat().st_size and not shm.exists():
        return f"{source.as_uri()}?mode=ro"
    return read_only_uri(source)


def _signature(database: Path) -> list[object]:
    """Size and time of the file and of a non-empty WAL: changes whenever content does."""
    parts: list[object] = []
    for suffix in ("", "-wal"):
        file = database.with_name(database.name + suffix)
        if file.exists() and file.stat().st_size > 0:
            stat = file.stat()
            parts += [suffix, stat.st_size, stat.st_mtime_ns]
    return parts


def automatic_backup(database: Path, reason: str) -> Path | None:
    """Back up ``database`` if it changed since the last automatic backup; then rotate."""
    folder = backups_for(database)
    state_file = folder / "last.json"
    signature = _signature(database)
    try:
        if json.loads(state_file.read_text(encoding="utf-8")) == signature:
            return None
    except (OSError, ValueError):
        pass
    remove_stale_parts(folder)
    made = backup_database(database, reason=f"auto-{reason}")
    try:
        state_file.write_text(json.dumps(_signature(database)), encoding="utf-8")
        rotate(folder)
    except OSError as exc:
        raise DatabaseError(
            f"Đã sao lưu vào '{made}' nhưng không ghi được '{state_file}' ({exc.strerror}).",
            f"Backed up to '{made}' but cannot write '{state_file}' ({exc.strerror}).",
        ) from exc
    return made


def remove_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Delete half-written backups that a process killed while copying left behind.

    Only those untouched for an hour: another process may be writing a backup right now.
    """
    now = time.time() if now is None else now
    removed = sweep_leftovers(folder)
    for part in folder.glob(f"*{SUFFIX}.part"):
        try:
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
                removed.append(part)
        except OSError:
            continue  # gone already, or not ours to delete: it harms nothing
    return removed


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of a database, newest first."""
    found = []
    for file in backups_for(database, create=False).glob(f"*{SUFFIX}"):
        stamp, _, reason = file.stem.partition("-")
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        found.append(BackupInfo(file, taken, reason, file.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete automatic backups beyond the ten newest and one per week for eight weeks."""
    now = now or dt.datetime.now(dt.UTC)
    automatic = []
    for file in folder.glob(f"*-auto-*{SUFFIX}"):
        try:
            taken = dt.datetime.strptime(file.name.split("-", 1)[0], "%Y%m%dT%H%M%S%fZ")
        except ValueError:
            continue
        automatic.append((taken.replace(tzinfo=dt.UTC), file))
    automatic.sort(reverse=True)
    keep = {file for _, file in automatic[:KEEP_RECENT]}
    weeks_seen: set[tuple[int, int]] = set()
    for taken, file in automatic:
        week = taken.isocalendar()[:2]
        if now - taken <= dt.timedelta(weeks=KEEP_WEEKS) and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(file)
    removed = [file for _, file in automatic if file not in keep]
    for file in removed:
        file.unlink(missing_ok=True)
    return removed
