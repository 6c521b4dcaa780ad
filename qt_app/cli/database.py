"""`kiemtra demo` and `kiemtra db info|check|backup|backups|restore`."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Parser,
    open_target,
    print_json,
    print_table,
    sqlite_path,
    with_session,
)


def add_commands(commands: Any) -> None:
    p = commands.add_parser("demo", help="tạo dữ liệu mẫu / generate demo data")
    p.add_argument("--units", type=int, default=50, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(run=cmd_demo)

    db = commands.add_parser("db", help="cơ sở dữ liệu / database")
    sub = db.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("info", help="thông tin / information")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_db_info)
    p = sub.add_parser("check", help="kiểm tra toàn vẹn / integrity check")
    p.set_defaults(run=cmd_db_check)
    p = sub.add_parser("backup", help="sao lưu / back up")
    p.add_argument("dest", nargs="?", metavar="DEST")
    p.set_defaults(run=cmd_db_backup)
    p = sub.add_parser("backups", help="liệt kê bản sao lưu / list backups")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_db_backups)
    p = sub.add_parser("restore", help="khôi phục từ bản sao lưu / restore a backup")
    p.add_argument("backup", metavar="BACKUP")
    p.set_defaults(run=cmd_db_restore)
    p = sub.add_parser(
        "repair-device",
        help="khôi phục mã thiết bị của máy này từ cơ sở dữ liệu / "
        "recover this machine's device id from the database",
    )
    p.add_argument("--id", metavar="ID", help="mã thiết bị cần giữ / the device id to keep")
    p.set_defaults(run=cmd_db_repair_device)


def cmd_demo(args: argparse.Namespace) -> None:
    from models.demo import generate_demo
    from models.errors import InvalidInput

    if not 1 <= args.units <= 100_000:
        raise InvalidInput("Số đơn vị phải từ 1 đến 100000.", "--units must be 1 to 100000.")
    database = open_target(args)
    try:
        summary = generate_demo(database, units=args.units, seed=args.seed)
    finally:
        database.close()
    print(", ".join(f"{key}: {value}" for key, value in summary.items()))


@with_session
def cmd_db_info(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.maintenance import database_info

    info = database_info(database, session)
    if args.json:
        print_json(info)
        return
    for key, value in info.items():
        print(f"{key}: {value}")


@with_session
def cmd_db_check(database: Any, session: Any, args: argparse.Namespace) -> int:
    from models.maintenance import check_database

    problems = check_database(database, session)
    for problem in problems:
        print(f"LỖI / ERROR: {problem}")
    if problems:
        return EXIT_USER_ERROR
    print("OK: cơ sở dữ liệu toàn vẹn / the database is sound")
    return EXIT_OK


def cmd_db_backup(args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.backup import backup_database
    from models.errors import DatabaseError

    database = open_target(args)
    try:
        if database.path is None:
            raise DatabaseError(
                "Máy chủ PostgreSQL được sao lưu bằng pg_dump, không bằng lệnh này.",
                "A PostgreSQL server is backed up with pg_dump, not with this command.",
            )
        print(backup_database(database.path, Path(args.dest) if args.dest else None))
    finally:
        database.close()


def cmd_db_backups(args: argparse.Namespace) -> None:
    from models.backup import list_backups

    backups = list_backups(sqlite_path(args))
    if args.json:
        print_json(
            [
                {
                    "path": str(b.path),
                    "taken_at": b.taken_at.isoformat(),
                    "reason": b.reason,
                    "size_bytes": b.size,
                }
                for b in backups
            ]
        )
        return
    print_table(
        [
            [
                b.taken_at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
                b.reason,
                f"{b.size // 1024} KB",
                str(b.path),
            ]
            for b in backups
        ],
        ["Thời điểm / Taken", "Lý do / Reason", "Cỡ / Size", "Tệp / File"],
    )


def cmd_db_restore(args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.restore import restore_database

    database = sqlite_path(args)
    aside = restore_database(Path(args.backup).expanduser().resolve(), database)
    print(f"Đã khôi phục / restored {database}")
    if aside is not None:
        print(f"Tệp cũ được giữ tại / the previous file is kept at {aside}")


def cmd_db_repair_device(args: argparse.Namespace) -> None:
    from models.config import database_target
    from models.device import repair_device_at
    from qt_app.cli.common import parse_uuid

    chosen = parse_uuid(args.id, "thiết bị / device") if args.id else None
    print(repair_device_at(database_target(args.db), chosen))
