"""`kiemtra`: the command line. Headless commands never import Qt, and `--help` imports
nothing heavy, so it answers at once. Exit status: 0 success, 1 a user error (one line, no
traceback), 2 wrong usage, 141 the reader of its output went away.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from qt_app.cli.common import EXIT_OK, EXIT_USER_ERROR, Parser

EXIT_BROKEN_PIPE = 141  # what a shell shows for a program ended by SIGPIPE (128 + 13)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kiemtra",
        description="Kiểm tra: kiểm tra việc thực hiện văn bản chỉ đạo / "
        "checking compliance with official directives. "
        "Không có lệnh: mở cửa sổ / no command: open the window.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="tệp SQLite hoặc URL PostgreSQL / SQLite file or PostgreSQL URL "
        "(mặc định / default: $KIEMTRA_DB, cài đặt / the setting, "
        "thư mục dữ liệu / the user data folder)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="mở tệp SQLite chỉ để đọc / open a SQLite file read-only",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="tự kiểm tra cài đặt / check that this installation works",
    )
    parser.add_argument(
        "--lang", choices=("vi", "en"), default=None, help="ngôn ngữ thông báo / message language"
    )
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    # Each feature area adds its own commands from its own module (kept light to import).
    from qt_app.cli import (
        assessments,
        checklists,
        compare,
        database,
        directive,
        follow_up,
        keying,
        reports,
        rounds,
        sync,
        units,
    )

    for module in (
        checklists,
        units,
        rounds,
        compare,
        follow_up,
        assessments,
        database,
        reports,
        keying,
        directive,
        sync,
    ):
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a reader that stops reading (``kiemtra … | head``) ends it quietly."""
    try:
        try:
            return run_command(argv)
        finally:
            sys.stdout.flush()  # here, not at exit, where a closed pipe prints a traceback
    except BrokenPipeError:
        # What was asked is done (or stopped); only its printout was cut short, as for any
        # tool in a pipe. Later writes to stdout go nowhere.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def run_command(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # a command line typed in another encoding must not make printing it fail
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    args = build_parser().parse_args(argv)
    from models.config import Config, message_language
    from models.errors import KnownError

    try:
        config = Config()  # the options the window saved: database, user name, language
    except KnownError as exc:  # no configuration folder can be made (a locked-down profile)
        language = args.lang or os.environ.get("KIEMTRA_LANG", "vi")
        print(f"kiemtra: {exc.message(language)}", file=sys.stderr)
        return EXIT_USER_ERROR
    language = message_language(args.lang, config)
    if args.command is not None:  # the window shows these itself
        for problem in config.problems:
            print(f"kiemtra: cảnh báo / warning: {problem}", file=sys.stderr)
    if args.self_test:
        from qt_app.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        from qt_app.app import run_window

        return run_window(args.db, read_only=args.read_only)
    try:
        return int(args.run(args) or EXIT_OK)
    except KnownError as exc:
        print(f"kiemtra: {exc.message(language)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if not isinstance(exc, OperationalError):
            raise
        from models.db import explain_database_error

        print(f"kiemtra: {explain_database_error(exc).message(language)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
