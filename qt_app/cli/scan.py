"""`kiemtra import scan FILES…`: scanned paper forms read into answers.

Nothing is written until every unclear row has a decision: ``--dry-run`` shows what was read
(each unclear row with why), ``--decide CODE=ANSWER`` settles one, ``--skip-unclear`` leaves
the rest unanswered. A blank form (printed without a unit) needs ``--unit`` and
``--period``. Import nothing heavy at module level: `kiemtra --help` imports this module.
"""

from __future__ import annotations

import argparse
from typing import Any

#: What may be written after --decide CODE=: the answer keys, and a dash for "leave it".
DECISIONS = ("dat", "chua-dat", "mot-phan", "khong-ap-dung", "-")


def add_import_scan(sub: Any) -> None:
    """`import scan`, beside `import form` (given `import`'s sub-parser collection)."""
    p = sub.add_parser("scan", help="nhập phiếu giấy đã quét / import scanned paper forms")
    p.add_argument("files", metavar="FILE", nargs="+", help="PDF, PNG, JPEG, TIFF hoặc/or zip")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ đọc và kiểm tra / read and check, write nothing"
    )
    p.add_argument(
        "--decide",
        action="append",
        default=[],
        metavar="CODE=ANSWER",
        help="quyết định một mục chưa rõ (dat, chua-dat, mot-phan, khong-ap-dung, - để trống) / "
        "decide an unclear item",
    )
    p.add_argument(
        "--skip-unclear",
        action="store_true",
        help="để trống các mục chưa rõ / leave unclear items unanswered",
    )
    p.add_argument("--unit", metavar="UNIT_ID", help="cho phiếu trống / for a blank form")
    p.add_argument("--period", metavar="P", help="cho phiếu trống / for a blank form")
    p.add_argument(
        "--prefer",
        choices=("office", "form"),
        default="office",
        help="khi văn phòng đã sửa sau khi in phiếu: giữ bản nào / when the office changed an "
        "answer after the form was printed: which to keep (office)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_import_scan)


def parse_decisions(texts: list[str]) -> dict[str, str | None]:
    from models.errors import InvalidInput

    decided: dict[str, str | None] = {}
    for text in texts:
        code, _, answer = text.partition("=")
        if not code or answer not in DECISIONS:
            raise InvalidInput(
                f"'{text}': hãy viết MÃ_MỤC=ĐÁP_ÁN, đáp án là một trong {', '.join(DECISIONS)}.",
                f"'{text}': write CODE=ANSWER, the answer one of {', '.join(DECISIONS)}.",
            )
        decided[code.strip()] = None if answer == "-" else answer
    return decided


def cmd_import_scan(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from models.config import message_language
    from qt_app.cli.common import EXIT_OK, EXIT_USER_ERROR, editor, open_target, parse_uuid
    from reports.form_import import FormRejected
    from reports.scan_import import apply_scanned, check_scanned, read_scans

    language = message_language(args.lang)
    english = language == "en"
    decided = parse_decisions(args.decide)
    database = open_target(args)
    results: list[dict[str, Any]] = []
    failed = False
    try:
        batch = read_scans(database, [Path(f) for f in args.files])
        for page in batch.refused:
            failed = True
            assert page.problem is not None
            print(f"kiemtra: {page.problem.text(language)}", file=sys.stderr)
        for form in batch.forms:
            if args.unit:
                form.unit_id = str(parse_uuid(args.unit, "đơn vị / unit"))
            if args.period:
                from models.periods import parse_period

                form.period = parse_period(args.period).key
            undecided = []
            for row in form.unclear:
                if row.code in decided:
                    form.answers[row.code] = decided[row.code]
                elif not args.skip_unclear:
                    undecided.append(row)
            report = check_scanned(database, form)
            result = {"form": form.title, "pages": sorted(form.pages), **report.as_json()}
            result["missing_pages"] = form.missing_pages
            result["rows"] = [_row_json(row, form) for row in form.rows]
            result["undecided"] = [row.code for row in undecided]
            if report.ok and not undecided and not args.dry_run:
                try:
                    report = apply_scanned(database, form, editor(database), prefer=args.prefer)
                    result.update(report.as_json())
                except FormRejected as exc:
                    result.update(exc.report.as_json())
            results.append(result)
            failed |= not report.ok or bool(undecided and not args.dry_run)
            if not args.json:
                _print_form(result, form, undecided, english, args.dry_run)
    finally:
        database.close()
    if args.json:
        from qt_app.cli.common import print_json

        print_json(
            {
                "forms": results,
                "refused": [
                    {"source": p.source, "vi": p.problem.vi, "en": p.problem.en}
                    for p in batch.refused
                    if p.problem is not None
                ],
            }
        )
    return EXIT_USER_ERROR if failed else EXIT_OK


def _row_json(row: Any, form: Any) -> dict[str, Any]:
    return {
        "code": row.code,
        "read": row.answer,
        "unclear": row.unclear,
        "why": row.why,
        "why_en": row.why_en,
        "answer": form.answers.get(row.code),
        "boxes": [box.state for box in row.boxes],
        "note_picture": row.note_png is not None,
    }


def _print_form(
    result: dict[str, Any], form: Any, undecided: list[Any], english: bool, dry_run: bool
) -> None:
    import sys

    from models.vocabulary import ANSWER_STATUSES, label_of

    print(("Form: " if english else "Phiếu: ") + result["form"])
    if form.missing_pages:
        pages = ", ".join(str(n) for n in form.missing_pages)
        print(f"  {'missing pages' if english else 'thiếu trang'}: {pages}")
    for row in form.rows:
        answer = form.answers.get(row.code)
        shown = label_of(ANSWER_STATUSES, answer) if answer else "—"
        mark = ""
        if row.unclear:
            mark = f"  ? {row.why_en if english else row.why}"
        note = (" [ghi chú: ảnh]" if not english else " [note: picture]") if row.note_png else ""
        print(f"  {row.code:<8} {shown}{note}{mark}")
    for problem in result["problems"]:
        text = problem["en"] if english else problem["vi"]
        print(f"kiemtra: {text}", file=sys.stderr)
    if undecided:
        codes = " ".join(f"--decide {row.code}=…" for row in undecided)
        print(
            "kiemtra: "
            + (
                f"{len(undecided)} unclear rows need a decision ({codes}) or --skip-unclear; "
                "nothing was written."
                if english
                else f"{len(undecided)} mục chưa rõ cần quyết định ({codes}) hoặc "
                "--skip-unclear; không có gì được ghi."
            ),
            file=sys.stderr,
        )
    elif result.get("applied"):
        print(
            f"  {'written' if english else 'đã ghi'}: {len(result['changes'])} "
            + ("changes" if english else "thay đổi")
        )
    elif dry_run:
        print(
            f"  {'would write' if english else 'sẽ ghi'}: {len(result['changes'])} "
            + ("changes" if english else "thay đổi")
        )
    for conflict in result.get("conflicts", []):
        print(
            f"  {'conflict' if english else 'xung đột'} {conflict['code']}: "
            f"{'office' if english else 'văn phòng'}={conflict['office'] or '·'} "
            f"{'form' if english else 'phiếu'}={conflict['form']} → {conflict['kept']}"
        )
