"""`kiemtra`: the command line. Headless commands never import Qt, and `--help` imports
nothing heavy, so it answers at once. Exit status: 0 success, 1 a user error (one line, no
traceback), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi / error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kiemtra",
        description="Kiểm tra: kiểm tra việc thực hiện văn bản chỉ đạo / "
                    "checking compliance with official directives. "
                    "Không có lệnh: mở cửa sổ / no command: open the window.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="tệp SQLite hoặc URL PostgreSQL / SQLite file or PostgreSQL URL "
                             "(mặc định / default: $KIEMTRA_DB or the user data folder)")
    parser.add_argument("--read-only", action="store_true",
                        help="mở tệp SQLite chỉ để đọc / open a SQLite file read-only")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra cài đặt / check that this installation works")
    parser.add_argument("--lang", choices=("vi", "en"), default=None,
                        help="ngôn ngữ thông báo / message language")
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    checklists = commands.add_parser("checklists", help="danh mục kiểm tra / checklists")
    sub = checklists.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("list", help="liệt kê / list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_checklists_list)
    p = sub.add_parser("show", help="xem một danh mục / show one checklist")
    p.add_argument("id")
    p.add_argument("--version", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_checklists_show)
    p = sub.add_parser("validate", help="kiểm tra tệp danh mục / validate checklist files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=cmd_checklists_validate, needs_db=False)

    units = commands.add_parser("units", help="đơn vị / units")
    sub = units.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("add", help="thêm đơn vị / add a unit")
    p.add_argument("name")
    p.add_argument("--kind", required=True,
                   help="tinh, huyen, xa, htx, doanh-nghiep, co-quan, truong-hoc, khac")
    p.add_argument("--parent", metavar="ID")
    p.add_argument("--address")
    p.add_argument("--contact")
    p.add_argument("--phone")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_units_add)
    p = sub.add_parser("list", help="liệt kê đơn vị / list units")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="kể cả đơn vị đã lưu trữ / include archived")
    p.add_argument("--search", metavar="TEXT", help="tìm (bỏ qua dấu) / search, ignoring marks")
    p.set_defaults(run=cmd_units_list)

    assessments = commands.add_parser("assessments", help="bài đánh giá / assessments")
    sub = assessments.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("list", help="liệt kê / list")
    p.add_argument("--unit", metavar="ID")
    p.add_argument("--period", metavar="PERIOD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_assessments_list)
    p = sub.add_parser("start", help="bắt đầu / start")
    p.add_argument("--unit", required=True, metavar="ID")
    p.add_argument("--checklist", required=True, metavar="ID")
    p.add_argument("--period", required=True, help="28/09/2021 or 'Tuần 38/2021'")
    p.add_argument("--kind", choices=("tu-danh-gia", "kiem-tra"), default="tu-danh-gia")
    p.add_argument("--assessor", default="")
    p.set_defaults(run=cmd_assessments_start)
    p = sub.add_parser("answer", help="trả lời một mục / answer one item")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("code", metavar="ITEM_CODE")
    p.add_argument("status", choices=("dat", "chua-dat", "mot-phan", "khong-ap-dung", "none"))
    p.set_defaults(run=cmd_assessments_answer)
    p = sub.add_parser("show", help="xem và chấm điểm / show with its score")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_assessments_show)
    p = sub.add_parser("submit", help="nộp và khoá / submit and lock")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.set_defaults(run=cmd_assessments_submit)
    p = sub.add_parser("verify", help="kiểm tra mã băm bài đã nộp / verify submitted ones")
    p.set_defaults(run=cmd_assessments_verify)
    p = sub.add_parser("reopen", help="mở lại / reopen")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(run=cmd_assessments_reopen)

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

    # Each feature area adds its own commands from its own module (kept light to import).
    from qt_app import cli_directive, cli_reports, cli_sync

    for module in (cli_reports, cli_directive, cli_sync):
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    language = args.lang or os.environ.get("KIEMTRA_LANG", "vi")
    if args.self_test:
        from qt_app.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        from qt_app.app import run_window

        return run_window(args.db, read_only=args.read_only)
    from models.errors import KnownError

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


# -- helpers ------------------------------------------------------------------------------

def _open(args: argparse.Namespace) -> Any:
    from models.db import open_database

    database = open_database(args.db or os.environ.get("KIEMTRA_DB") or None,
                             read_only=getattr(args, "read_only", False))
    for problem in database.problems:
        print(f"kiemtra: cảnh báo / warning: {problem}", file=sys.stderr)
    return database


def _editor(database: Any) -> Any:
    from models.audit import Editor

    return Editor(database.device.id, os.environ.get("KIEMTRA_USER", ""))


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _uuid(text: str, what: str) -> Any:
    import uuid

    from models.errors import InvalidInput

    try:
        return uuid.UUID(text)
    except ValueError:
        raise InvalidInput(f"'{text}' không phải mã {what} hợp lệ.",
                           f"'{text}' is not a valid {what} id.") from None


def _table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def _with_session(fn: Callable[[Any, Any, argparse.Namespace], int | None],
                  ) -> Callable[[argparse.Namespace], int | None]:
    def run(args: argparse.Namespace) -> int | None:
        database = _open(args)
        try:
            with database.session() as session:
                return fn(database, session, args)
        finally:
            database.close()
    return run


# -- checklists ---------------------------------------------------------------------------

@_with_session
def cmd_checklists_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import list_checklists

    rows = list_checklists(session)
    if args.json:
        _print_json(rows)
        return
    _table([[r["id"], str(r["version"]), r["directive"]["number"] or "—", str(r["item_count"]),
             r["title"]] for r in rows], ["ID", "V", "Số / No.", "Mục", "Tên / Title"])


@_with_session
def cmd_checklists_show(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import show_checklist

    data = show_checklist(session, args.id, args.version)
    if args.json:
        _print_json(data)
        return
    d = data["directive"]
    print(f"{data['title']} (v{data['version']})")
    print(f"{d['kind']} {d['number'] or ''} — {d['issuer']} — {d['issued_on'] or '?'}")
    print(d["subject"])

    def show(items: list[dict[str, Any]], depth: int) -> None:
        for item in items:
            mark = " [!]" if item["critical"] else ""
            themes = f" ({', '.join(item['themes'])})" if item["themes"] else ""
            print(f"{'  ' * depth}{item['code']:<6} {item['requirement']}{mark}{themes}")
            show(item["children"], depth + 1)

    show(data["items"], 0)


def cmd_checklists_validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.checklist_file import ChecklistFileError, load_checklist_file, load_themes

    known = {t.id for t in load_themes()}
    failed = 0
    for name in args.files:
        try:
            spec = load_checklist_file(Path(name), known)
            print(f"OK  {name}: {spec.slug} v{spec.version}, {spec.item_count()} mục / items")
        except ChecklistFileError as exc:
            failed += 1
            print(f"LỖI / ERROR  {exc}")
    return EXIT_USER_ERROR if failed else EXIT_OK


# -- units --------------------------------------------------------------------------------

@_with_session
def cmd_units_add(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.units import create_unit

    parent = _uuid(args.parent, "đơn vị / unit") if args.parent else None
    unit_id = create_unit(session, _editor(database), args.name, args.kind, parent,
                          address=args.address, contact_person=args.contact, phone=args.phone)
    if args.json:
        _print_json({"id": str(unit_id)})
    else:
        print(unit_id)


@_with_session
def cmd_units_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.units import list_units, search_units

    units = (search_units(session, args.search, include_archived=args.all) if args.search
             else list_units(session, include_archived=args.all))
    if args.json:
        _print_json([u.as_json() for u in units])
        return
    _table([[str(u.id), u.kind, u.name + (" (lưu trữ)" if u.archived else "")] for u in units],
           ["ID", "Loại / Kind", "Tên / Name"])


# -- assessments --------------------------------------------------------------------------

@_with_session
def cmd_assessments_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.periods import parse_period
    from models.reading import list_assessments

    rows = list_assessments(session,
                            unit_id=_uuid(args.unit, "đơn vị / unit") if args.unit else None,
                            period=parse_period(args.period).key if args.period else None)
    if args.json:
        _print_json(rows)
        return
    _table([[r["id"], r["period"], r["checklist"], r["status"],
             "—" if r["compliance"] is None else f"{r['compliance']}%", r["unit"]] for r in rows],
           ["ID", "Kỳ", "Danh mục", "Trạng thái", "Tuân thủ", "Đơn vị"])


@_with_session
def cmd_assessments_start(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import get_version
    from models.services.assessments import start_assessment

    version = get_version(session, args.checklist)
    print(start_assessment(session, _editor(database), _uuid(args.unit, "đơn vị / unit"),
                           version.id, args.period, args.kind, args.assessor))


@_with_session
def cmd_assessments_answer(database: Any, session: Any, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from models.entities import ChecklistItem
    from models.errors import NotFound
    from models.services.assessments import find_assessment, record_answer

    assessment = find_assessment(session, args.assessment)
    item_id = session.scalar(select(ChecklistItem.id).where(
        ChecklistItem.version_id == assessment.version_id, ChecklistItem.code == args.code))
    if item_id is None:
        raise NotFound(f"Không có mục '{args.code}'.", f"No item '{args.code}'.")
    status = None if args.status == "none" else args.status
    saved = record_answer(session, _editor(database), assessment.id, item_id, status)
    print(f"Đã lưu / saved {saved.saved_at.astimezone():%H:%M:%S}")


@_with_session
def cmd_assessments_show(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.reading import assessment_detail
    from models.services.assessments import find_assessment

    detail = assessment_detail(session, find_assessment(session, args.assessment).id)
    if args.json:
        _print_json(detail)
        return
    print(f"{detail['unit']} — {detail['checklist']} v{detail['version']} — "
          f"{detail['period_label']} — {detail['status']}")
    score = detail["score"]
    print(f"Tuân thủ / compliance: {score['compliance']}%  Đã trả lời / coverage: "
          f"{score['coverage']}%  Mục trọng yếu chưa đạt / failed critical: "
          f"{', '.join(score['failed_critical']) or '—'}")
    for item in detail["items"]:
        print(f"{item['code']:<6} {item['answer_label'] or '·':<14} {item['requirement']}")


@_with_session
def cmd_assessments_submit(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.assessments import find_assessment, submit_assessment

    digest = submit_assessment(session, _editor(database),
                               find_assessment(session, args.assessment).id)
    print(f"Đã nộp / submitted: {digest}")


@_with_session
def cmd_assessments_reopen(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.assessments import find_assessment, reopen_assessment

    reopen_assessment(session, _editor(database), find_assessment(session, args.assessment).id,
                      args.reason)
    print("Đã mở lại / reopened")


def cmd_assessments_verify(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from models.entities import Assessment
    from models.services.assessments import verify_assessment

    database = _open(args)
    try:
        with database.session() as session:
            ids = list(session.scalars(select(Assessment.id)
                                       .where(Assessment.content_hash.is_not(None))))
            bad = [a for a in ids if not verify_assessment(session, a)]
    finally:
        database.close()
    for assessment_id in bad:
        print(f"LỖI / ERROR: {assessment_id} không khớp mã băm / does not match its hash")
    print(f"{len(ids) - len(bad)}/{len(ids)} bài đã nộp khớp / submitted assessments match")
    return EXIT_USER_ERROR if bad else EXIT_OK


# -- demo and db --------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> None:
    from models.demo import generate_demo
    from models.errors import InvalidInput

    if not 1 <= args.units <= 100_000:
        raise InvalidInput("Số đơn vị phải từ 1 đến 100000.", "--units must be 1 to 100000.")
    database = _open(args)
    try:
        summary = generate_demo(database, units=args.units, seed=args.seed)
    finally:
        database.close()
    print(", ".join(f"{key}: {value}" for key, value in summary.items()))


@_with_session
def cmd_db_info(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.maintenance import database_info

    info = database_info(database, session)
    if args.json:
        _print_json(info)
        return
    for key, value in info.items():
        print(f"{key}: {value}")


@_with_session
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

    database = _open(args)
    try:
        if database.path is None:
            raise DatabaseError(
                "Máy chủ PostgreSQL được sao lưu bằng pg_dump, không bằng lệnh này.",
                "A PostgreSQL server is backed up with pg_dump, not with this command.")
        print(backup_database(database.path, Path(args.dest) if args.dest else None))
    finally:
        database.close()


def _sqlite_path(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from models import paths
    from models.errors import DatabaseError

    target = args.db or os.environ.get("KIEMTRA_DB")
    if target and "://" in target and not target.startswith("sqlite"):
        raise DatabaseError("Lệnh này chỉ dùng cho tệp SQLite.",
                            "This command is for SQLite files only.")
    if target and target.startswith("sqlite"):
        target = target.split(":///", 1)[1]
    return Path(target).expanduser().resolve() if target else paths.default_database_path()


def cmd_db_backups(args: argparse.Namespace) -> None:
    from models.backup import list_backups

    backups = list_backups(_sqlite_path(args))
    if args.json:
        _print_json([{"path": str(b.path), "taken_at": b.taken_at.isoformat(),
                      "reason": b.reason, "size_bytes": b.size} for b in backups])
        return
    _table([[b.taken_at.astimezone().strftime("%d/%m/%Y %H:%M:%S"), b.reason,
             f"{b.size // 1024} KB", str(b.path)] for b in backups],
           ["Thời điểm / Taken", "Lý do / Reason", "Cỡ / Size", "Tệp / File"])


def cmd_db_restore(args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.backup import restore_database

    database = _sqlite_path(args)
    aside = restore_database(Path(args.backup).expanduser().resolve(), database)
    print(f"Đã khôi phục / restored {database}")
    if aside is not None:
        print(f"Tệp cũ được giữ tại / the previous file is kept at {aside}")
