"""What every `kiemtra` command shares: the parser class, exit codes, opening the database
named on the command line, the editor, and printing JSON or a table."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi / error: {message}\n")


def open_target(args: argparse.Namespace) -> Any:
    from models.config import database_target
    from models.opening import open_database

    database = open_database(database_target(args.db), read_only=getattr(args, "read_only", False))
    for problem in [*database.notices, *database.problems]:
        print(f"kiemtra: cảnh báo / warning: {problem}", file=sys.stderr)
    return database


def editor(database: Any) -> Any:
    from models.audit import Editor
    from models.config import user_name

    return Editor(database.device.id, user_name())


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def parse_uuid(text: str, what: str) -> Any:
    import uuid

    from models.errors import InvalidInput

    try:
        return uuid.UUID(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' không phải mã {what} hợp lệ.", f"'{text}' is not a valid {what} id."
        ) from None


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def with_session(
    fn: Callable[[Any, Any, argparse.Namespace], int | None],
) -> Callable[[argparse.Namespace], int | None]:
    def run(args: argparse.Namespace) -> int | None:
        database = open_target(args)
        try:
            with database.session() as session:
                return fn(database, session, args)
        finally:
            database.close()

    return run


def sqlite_path(args: argparse.Namespace) -> Any:
    from models import paths
    from models.config import database_target
    from models.db import resolve_target
    from models.errors import DatabaseError

    target = database_target(args.db)
    path = resolve_target(target)[1] if target else paths.default_database_path()
    if path is None:
        raise DatabaseError(
            "Lệnh này chỉ dùng cho tệp SQLite.", "This command is for SQLite files only."
        )
    return path
