"""`kiemtra export …` and `kiemtra import form …`: reports, forms and filled-in forms
(`import scan` is in ``qt_app.cli.scan``).

Import nothing heavy at module level: `kiemtra --help` imports this module.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any) -> None:
    """Add this area's sub-commands to the `kiemtra` sub-parser collection."""
    from qt_app.cli.common import Parser

    export = commands.add_parser("export", help="xuất Excel/PDF/Word / export Excel, PDF or Word")
    sub = export.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("assessment", help="một bài đánh giá / one assessment")
    p.add_argument("assessment", metavar="ID")
    _output(p)
    p.set_defaults(run=cmd_export_assessment)
    p = sub.add_parser("record", help="biên bản kiểm tra / inspection record (.pdf, .docx)")
    p.add_argument("assessment", metavar="ASSESSMENT")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.docx")
    p.add_argument("--place", help="địa điểm / where")
    p.add_argument("--team", action="append", default=[], help="thành viên đoàn / team member")
    p.add_argument(
        "--representative", action="append", default=[], help="đại diện đơn vị / unit's side"
    )
    p.add_argument("--recorder", default="", help="người ghi biên bản / recorder")
    p.add_argument("--remarks", default="", help="ý kiến của đơn vị / the unit's remarks")
    p.set_defaults(run=cmd_export_record)
    p = sub.add_parser("summary", help="tổng hợp một kỳ / summary of a round or date range")
    p.add_argument("--round", metavar="R", help="'Tuần 38/2021', 2021-W38 hoặc/or 28/09/2021")
    p.add_argument("--from", dest="start", metavar="DATE", help="từ ngày / from (28/09/2021)")
    p.add_argument("--to", dest="end", metavar="DATE", help="đến ngày / to (inclusive)")
    _output(p)
    p.set_defaults(run=cmd_export_summary)
    p = sub.add_parser("form", help="phiếu trống hoặc điền sẵn / blank or pre-filled form")
    p.add_argument("--checklist", required=True, metavar="ID")
    p.add_argument("--version", type=int, metavar="N")
    p.add_argument("--unit", metavar="UNIT_ID")
    p.add_argument("--period", metavar="P")
    p.add_argument("--kind", choices=("tu-danh-gia", "kiem-tra"), default="tu-danh-gia")
    _output(p, word=False)
    p.set_defaults(run=cmd_export_form)

    imports = commands.add_parser("import", help="nhập phiếu Excel / import a filled-in form")
    sub = imports.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("form", help="nhập phiếu Excel đã điền / import a filled-in Excel form")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi / check only, write nothing"
    )
    p.add_argument(
        "--prefer",
        choices=("office", "form"),
        default="office",
        help="khi văn phòng đã sửa sau khi lập phiếu: giữ bản nào / when the office changed an "
        "answer after the form was made: which to keep (office)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_import_form)
    from qt_app.cli.scan import add_import_scan

    add_import_scan(sub)


def _output(parser: argparse.ArgumentParser, word: bool = True) -> None:
    parser.add_argument(
        "--format",
        choices=("xlsx", "pdf", "docx") if word else ("xlsx", "pdf"),
        help="mặc định theo đuôi tệp / default: from the file name",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE")


def _target(args: argparse.Namespace, word: bool = True) -> tuple[Any, str]:
    from pathlib import Path

    from models.errors import InvalidInput
    from reports import check_output, output_format

    path = Path(args.output)
    fmt = output_format(path, args.format)
    if fmt == "docx" and not word:  # a form is filled in on paper or in Excel
        raise InvalidInput(
            "Phiếu chỉ xuất ra .xlsx hoặc .pdf.", "A form is exported as .xlsx or .pdf only."
        )
    return check_output(path), fmt  # a folder or a missing folder, before any work


def cmd_export_assessment(args: argparse.Namespace) -> None:
    from qt_app.cli.common import open_target

    path, fmt = _target(args)
    database = open_target(args)
    try:
        with database.session() as session:
            from models.services.assessments import find_assessment

            assessment_id = find_assessment(session, args.assessment).id
            if fmt == "pdf":
                from reports.pdf_assessment import write_assessment_pdf

                write_assessment_pdf(session, assessment_id, path)
            elif fmt == "docx":
                from reports.docx_assessment import write_assessment_docx

                write_assessment_docx(session, assessment_id, path)
            else:
                from reports.xlsx_assessment import write_assessment_xlsx

                write_assessment_xlsx(session, assessment_id, path)
    finally:
        database.close()
    print(path)


def cmd_export_record(args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.errors import InvalidInput
    from qt_app.cli.common import open_target
    from reports import check_output

    path = check_output(Path(args.output))
    if path.suffix.lower() not in (".pdf", ".docx"):
        raise InvalidInput("Biên bản ghi ra tệp .pdf hoặc .docx.", "The record is a .pdf or .docx.")
    database = open_target(args)
    try:
        with database.session() as session:
            from models.services.assessments import find_assessment
            from reports.inspection_record import RecordDetails

            assessment_id = find_assessment(session, args.assessment).id
            details = RecordDetails(
                args.place or "",
                tuple(args.team),
                tuple(args.representative),
                args.recorder,
                args.remarks,
            )
            if path.suffix.lower() == ".pdf":
                from reports.pdf_record import write_record_pdf

                write_record_pdf(session, assessment_id, path, details)
            else:
                from reports.docx_record import write_record_docx

                write_record_docx(session, assessment_id, path, details)
    finally:
        database.close()
    print(path)


def cmd_export_summary(args: argparse.Namespace) -> int:
    from models.errors import InvalidInput
    from qt_app.cli.common import EXIT_USAGE, open_target

    if bool(args.round) == bool(args.start or args.end) or bool(args.start) != bool(args.end):
        import sys

        print(
            "kiemtra: dùng --round R hoặc --from DATE --to DATE / "
            "use --round R or --from DATE --to DATE",
            file=sys.stderr,
        )
        return EXIT_USAGE
    path, fmt = _target(args)
    database = open_target(args)
    try:
        with database.session() as session:
            from models.queries.summary import select_range, select_round

            if args.round:
                selection = select_round(session, args.round)
            else:
                from models.periods import parse_period

                start, end = parse_period(args.start), parse_period(args.end)
                if start.is_week or end.is_week:
                    raise InvalidInput(
                        "--from/--to phải là ngày (28/09/2021).",
                        "--from/--to must be dates (28/09/2021).",
                    )
                selection = select_range(session, start.first_day, end.last_day)
            if fmt == "pdf":
                from reports.pdf_summary import write_summary_pdf

                write_summary_pdf(session, selection, path)
            elif fmt == "docx":
                from reports.docx_summary import write_summary_docx

                write_summary_docx(session, selection, path)
            else:
                from reports.xlsx_summary import write_summary_xlsx

                write_summary_xlsx(session, selection, path)
    finally:
        database.close()
    print(path)
    return 0


def cmd_export_form(args: argparse.Namespace) -> None:
    from qt_app.cli.common import open_target, parse_uuid

    path, fmt = _target(args, word=False)
    database = open_target(args)
    try:
        with database.session() as session:
            from reports.rows import form_spec

            spec = form_spec(
                session,
                args.checklist,
                version=args.version,
                unit_id=parse_uuid(args.unit, "đơn vị / unit") if args.unit else None,
                period=args.period,
                kind=args.kind,
            )
    finally:
        database.close()
    if fmt == "pdf":
        from reports.pdf_form import write_form_pdf

        write_form_pdf(spec, path)
    else:
        from reports.xlsx_form import write_form_xlsx

        write_form_xlsx(spec, path)
    print(path)


def cmd_import_form(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.config import message_language
    from qt_app.cli.common import EXIT_OK, EXIT_USER_ERROR, editor, open_target, print_json
    from reports.form_import import FormRejected, apply_form, check_form

    language = message_language(args.lang)
    database = open_target(args)
    try:
        if args.dry_run:
            report = check_form(database, Path(args.file))
        else:
            try:
                report = apply_form(database, Path(args.file), editor(database), prefer=args.prefer)
            except FormRejected as exc:
                report = exc.report
    finally:
        database.close()
    if args.json:
        print_json(report.as_json())
    else:
        _print_report(report, language, args.dry_run)
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def _print_report(report: Any, language: str, dry_run: bool) -> None:
    import sys

    english = language == "en"
    for problem in report.problems:
        print(f"kiemtra: {problem.text(language)}", file=sys.stderr)
    if not report.ok:
        print(
            "kiemtra: "
            + (
                "The form was refused; nothing was written."
                if english
                else "Phiếu bị từ chối; không có gì được ghi."
            ),
            file=sys.stderr,
        )
        return
    print(f"{report.checklist} v{report.version} — {report.unit} — {report.period}")
    for change in report.changes:
        print(f"  {change.code:<6} {change.field:<6} {change.old or '·'} → {change.new}")
    for conflict in report.conflicts:  # the office changed it after the form was made
        kept = "--prefer" if dry_run else conflict.kept
        print(
            f"  XUNG ĐỘT / CONFLICT {conflict.code} {conflict.field}: văn phòng / office = "
            f"{conflict.office or '·'} | phiếu / form = {conflict.form} → "
            + {
                "office": "giữ của văn phòng / kept the office's",
                "form": "lấy của phiếu / took the form's",
                "--prefer": "giữ của văn phòng trừ khi --prefer form / the office's "
                "is kept unless --prefer form",
            }[kept]
        )
    verb = (
        ("would change" if english else "sẽ thay đổi")
        if dry_run
        else ("changed" if english else "đã thay đổi")
    )
    print(
        f"{verb}: {len(report.changes)}; "
        + ("unchanged" if english else "không đổi")
        + f": {report.unchanged}; "
        + ("blank" if english else "bỏ trống")
        + f": {report.blank}"
    )
