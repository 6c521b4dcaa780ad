"""`kiemtra compare --round R [--unit U] [--json] [-o FILE]`: self-assessments against
inspections, item by item, per unit, per requirement and per area. A workbook for the round
(or one unit); a PDF or an editable Word document: the round's report in the administrative
layout, or with --unit that unit's comparison."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from qt_app.cli.common import parse_uuid, print_json, print_table, with_session


def add_commands(commands: Any) -> None:
    p = commands.add_parser(
        "compare", help="so sánh tự đánh giá và kiểm tra / self-assessment against inspection"
    )
    p.add_argument("--round", required=True, metavar="ROUND", help="đợt / round")
    p.add_argument("--unit", metavar="ID", help="một đơn vị, từng mục / one unit, item by item")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE.xlsx|.pdf|.docx",
        help="sổ Excel, một trang mỗi góc nhìn; PDF hoặc Word: báo cáo của đợt, hoặc của một "
        "đơn vị (--unit) / workbook; PDF or Word: the round's report, or one unit's (--unit)",
    )
    p.set_defaults(run=cmd_compare)


@with_session
def cmd_compare(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.config import message_language
    from models.queries.comparison import round_comparison
    from models.services.rounds import find_round

    lang = message_language(args.lang)
    round_id = find_round(session, args.round)
    unit_id = parse_uuid(args.unit, "đơn vị / unit") if args.unit else None
    if args.output:
        print(_write(session, round_id, unit_id, Path(args.output)))
        return
    comparison = round_comparison(session, round_id, unit_id)
    if args.json:
        print_json(comparison.as_json(with_items=unit_id is not None))
        return
    _print_text(comparison, unit_id is not None, lang)


def _write(session: Any, round_id: Any, unit_id: Any, output: Path) -> Path:
    from models.errors import InvalidInput
    from models.queries.comparison import round_comparison
    from reports import check_output

    path = check_output(output)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from reports.xlsx_comparison import write_comparison

        return write_comparison(round_comparison(session, round_id, unit_id), path)
    if suffix not in (".pdf", ".docx"):
        raise InvalidInput(
            "Bảng so sánh ghi ra tệp .xlsx, .pdf hoặc .docx.",
            "The comparison is written to a .xlsx, .pdf or .docx file.",
        )
    if unit_id is None and suffix == ".pdf":
        from reports.pdf_round_comparison import write_round_comparison_pdf

        return write_round_comparison_pdf(session, round_id, path)
    if unit_id is None:
        from reports.docx_round_comparison import write_round_comparison_docx

        return write_round_comparison_docx(session, round_id, path)
    if suffix == ".pdf":
        from reports.pdf_comparison import write_unit_comparison_pdf

        return write_unit_comparison_pdf(session, round_id, unit_id, path)
    from reports.docx_comparison import write_unit_comparison_docx

    return write_unit_comparison_docx(session, round_id, unit_id, path)


def _print_text(comparison: Any, items: bool, lang: str) -> None:
    from models.vocabulary import (
        AGREEMENT,
        ANSWER_STATUSES,
        COMPARISON_WORDS,
        NOTHING,
        label_of,
        percent_text,
    )

    def word(key: str) -> str:
        return label_of(COMPARISON_WORDS, key, lang)

    print(f"{comparison.round.name}")
    print(comparison.basis(lang))
    print()
    print_table(
        [
            [
                u.unit_name,
                u.checklist,
                percent_text(u.self_compliance, lang=lang),
                percent_text(u.inspection_compliance, lang=lang),
                percent_text(u.agreement, lang=lang),
                str(u.overstated),
            ]
            for u in comparison.units
        ],
        [
            word("unit"),
            word("checklist"),
            word("self_compliance"),
            word("inspection_compliance"),
            word("agreement"),
            word("overstated"),
        ],
    )
    if items:
        for unit in comparison.units:
            print()
            print(f"{unit.unit_name} — {unit.checklist}")
            print_table(
                [
                    [
                        p.code,
                        label_of(ANSWER_STATUSES, p.own_status, lang) if p.own_status else NOTHING,
                        label_of(ANSWER_STATUSES, p.inspected_status, lang)
                        if p.inspected_status
                        else NOTHING,
                        label_of(AGREEMENT, p.verdict, lang),
                    ]
                    for p in unit.items
                ],
                [word("code"), word("own"), word("inspected"), word("verdict")],
            )
        return
    overstated = [t for t in comparison.items if t.overstated]
    if overstated:
        print()
        print(word("by_item"))
        print_table(
            [
                [t.checklist, t.key, str(t.overstated), str(t.units), t.name[:60]]
                for t in overstated[:10]
            ],
            [
                word("checklist"),
                word("code"),
                word("overstated"),
                word("units"),
                word("requirement"),
            ],
        )
    if comparison.areas:
        print()
        print(word("by_area"))
        print_table(
            [
                [
                    "  " * a.depth + a.name,
                    str(a.units),
                    percent_text(a.agreement, lang=lang),
                    str(a.overstated),
                ]
                for a in comparison.areas
            ],
            [word("area"), word("units"), word("agreement"), word("overstated")],
        )
