"""`kiemtra bundle …`: moving data between machines; `kiemtra audit export`: the trail.

Import nothing heavy at module level: `kiemtra --help` imports this module.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any) -> None:
    from qt_app.cli.common import Parser

    bundle = commands.add_parser("bundle", help="gói dữ liệu giữa các máy / bundles")
    sub = bundle.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("export", help="xuất gói / export a bundle")
    p.add_argument("--units", nargs="+", metavar="ID", help="đơn vị (kể cả đơn vị con)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--round", metavar="R", help="kỳ, ví dụ 'Tuần 38/2021'")
    which.add_argument("--from", dest="date_from", metavar="DATE")
    which.add_argument("--since-last-export", action="store_true")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=cmd_bundle_export)
    p = sub.add_parser("import", help="nhập và gộp gói / import and merge a bundle")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--prefer", choices=("mine", "theirs"))
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_bundle_import)
    p = sub.add_parser("verify", help="kiểm tra gói / verify a bundle")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_bundle_verify)

    audit = commands.add_parser("audit", help="nhật ký thay đổi / audit trail")
    sub = audit.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("export", help="xuất nhật ký ra Excel / export the trail to Excel")
    p.add_argument("--assessment", metavar="ID", help="chỉ một bài đánh giá / one assessment")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(run=cmd_audit_export)


def _date(text: str | None) -> Any:
    if not text:
        return None
    from models.periods import parse_period

    period = parse_period(text)
    return period.first_day


def cmd_bundle_export(args: argparse.Namespace) -> None:
    import uuid
    from pathlib import Path

    from models.bundle_export import export_bundle
    from models.errors import InvalidInput
    from models.output_files import check_output
    from models.periods import parse_period
    from qt_app.cli.common import open_target

    if args.date_to and not args.date_from:
        raise InvalidInput("--to cần đi cùng --from.", "--to needs --from.")
    try:
        units = [uuid.UUID(u) for u in args.units] if args.units else None
    except ValueError:
        raise InvalidInput("Mã đơn vị không hợp lệ.", "Invalid unit id.") from None
    check_output(Path(args.output))  # a folder or a missing folder, before any work
    database = open_target(args)
    try:
        counts = export_bundle(
            database,
            Path(args.output),
            units=units,
            period=parse_period(args.round).key if args.round else None,
            date_from=_date(args.date_from),
            date_to=_date(args.date_to),
            since_last_export=args.since_last_export,
        )
    finally:
        database.close()
    print(
        f"{args.output}: {counts.get('assessments', 0)} bài đánh giá / assessments, "
        f"{counts.get('answers', 0)} câu trả lời / answers, "
        f"{counts.get('evidence_files', 0)} minh chứng / evidence files"
    )


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.bundle import read_bundle
    from models.bundle_merge import plan_merge
    from models.merge import apply_previewed
    from qt_app.cli.common import EXIT_OK, EXIT_USER_ERROR, open_target

    bundle = read_bundle(Path(args.file))
    database = open_target(args)
    try:
        with database.session() as session:
            plan = plan_merge(session, bundle)
            report: dict[str, Any] = {
                "bundle": args.file,
                "source_device": str(bundle.source_device),
                "plan": plan.summary(),
                "dry_run": args.dry_run,
            }
            if not args.dry_run:
                if plan.conflicts and not args.prefer and any(not c.locked for c in plan.conflicts):
                    _show(report, args.json)
                    from models.bundle import BundleError

                    raise BundleError(
                        f"Có {sum(not c.locked for c in plan.conflicts)} xung đột; chọn "
                        "--prefer mine hoặc --prefer theirs. Không có gì được ghi.",
                        f"{sum(not c.locked for c in plan.conflicts)} conflicts; choose "
                        "--prefer mine or --prefer theirs. Nothing was written.",
                    )
                result = apply_previewed(session, plan, prefer=args.prefer)
                report["result"] = result.as_json()
    finally:
        database.close()
    _show(report, args.json)
    return EXIT_USER_ERROR if any(c["locked"] for c in report["plan"]["conflicts"]) else EXIT_OK


def _show(report: dict[str, Any], as_json: bool) -> None:
    from qt_app.cli.common import print_json

    if as_json:
        print_json(report)
        return
    plan = report["plan"]
    new = ", ".join(f"{k}: {v}" for k, v in plan["new"].items()) or "—"
    print(f"Mới / new: {new}")
    print(
        f"Cập nhật câu trả lời / updated answers: {plan['updated_answers']}, "
        f"đơn vị / units: {plan['updated_units']}, nộp / submitted: {plan['submitted']}"
    )
    for c in plan["conflicts"]:
        lock = " [đã khoá / locked]" if c["locked"] else ""
        print(
            f"XUNG ĐỘT / CONFLICT{lock}: {c['unit']} mục {c['item_code'] or '—'} "
            f"({c['field']}): của tôi / mine = {c['mine']!r} | của họ / theirs = "
            f"{c['theirs']!r}"
        )
    if report["dry_run"]:
        print("Chạy thử: không có gì được ghi / dry run: nothing was written")


def cmd_bundle_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.bundle import read_bundle
    from models.bundle_merge import verify_bundle_content
    from qt_app.cli.common import EXIT_OK, EXIT_USER_ERROR

    bundle = read_bundle(Path(args.file))
    problems = verify_bundle_content(bundle)
    for problem in problems:
        print(f"LỖI / ERROR: {problem}")
    if problems:
        return EXIT_USER_ERROR
    count = len(bundle.records["assessments"])
    print(
        f"OK: {args.file} ({count} bài đánh giá / assessments, thiết bị / device "
        f"{bundle.source_name})"
    )
    return EXIT_OK


def cmd_audit_export(args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.entities import Assessment
    from models.errors import InvalidInput, NotFound
    from qt_app.cli.common import open_target, parse_uuid
    from reports import check_output
    from reports.xlsx_audit import write_audit_xlsx

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise InvalidInput("Tệp xuất phải có đuôi .xlsx.", "The output file must end in .xlsx.")
    check_output(output)  # a folder or a missing folder, before any work
    assessment_id = (
        parse_uuid(args.assessment, "bài đánh giá / assessment") if args.assessment else None
    )
    database = open_target(args)
    try:
        with database.session() as session:
            if assessment_id is not None and session.get(Assessment, assessment_id) is None:
                raise NotFound(
                    f"Không tìm thấy bài đánh giá {assessment_id}.",
                    f"Assessment {assessment_id} not found.",
                )
            write_audit_xlsx(session, output, assessment_id=assessment_id)
    finally:
        database.close()
    print(output)
