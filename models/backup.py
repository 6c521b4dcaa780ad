"""Backups with SQLite's online backup API: consistent copies while the database is in use."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from models import paths
from models.errors import DatabaseError


def backup_database(source: Path, destination: Path | None = None, *,
                    reason: str = "manual") -> Path:
    """Copy a SQLite database to ``destination`` (default: the backups folder) and check it."""
    if destination is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        destination = paths.backups_dir() / f"{source.stem}-{stamp}-{reason}.sqlite3"
    elif destination.is_dir():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        destination = destination / f"{source.stem}-{stamp}.sqlite3"
    if destination.exists():
        raise DatabaseError(f"Tệp '{destination}' đã tồn tại; không ghi đè.",
                            f"'{destination}' already exists; it is not overwritten.")
    partial = destination.with_name(destination.name + ".part")
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                check = dst.execute("PRAGMA quick_check").fetchone()[0]
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        if check != "ok":
            raise DatabaseError(f"Bản sao lưu không hợp lệ ({check}).",
                                f"The backup is not valid ({check}).")
        partial.replace(destination)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Không sao lưu được: {exc}", f"Backup failed: {exc}") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Không ghi được bản sao lưu '{destination}': {exc}",
                            f"Cannot write the backup '{destination}': {exc}") from exc
    return destination
