"""`kiemtra keying …`: double entry of paper forms typed in by hand.

    kiemtra keying add --unit U --checklist C --period P --keyer "Tên" 1=dat 2=chua-dat 3=-
    kiemtra keying compare --unit U --checklist C --period P [--json]
    kiemtra keying resolve --unit U --checklist C --period P [--take 2=dat …] [--prefer form]
    kiemtra keying rates [--json]

Import nothing heavy at module level: `kiemtra --help` imports this module.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any) -> None:
    from qt_app.cli.common import Parser

    keying = commands.add_parser("keying", help="nhập phiếu giấy hai lần / double entry")
    sub = keying.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("add", help="một lần nhập của một phiếu / one keying of a form")
    _form(p)
    p.add_argument("--keyer", required=True, help="người nhập / who keys")
    p.add_argument("answers", nargs="*", metavar="CODE=ANSWER", help="dat, chua-dat, mot-phan, …")
    p.set_defaults(run=cmd_add)
    p = sub.add_parser("compare", help="các mục hai lần nhập khác nhau / where they differ")
    _form(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_compare)
    p = sub.add_parser("resolve", help="chốt và ghi / settle and write")
    _form(p)
    p.add_argument("--take", action="append", default=[], metavar="CODE=ANSWER")
    p.add_argument("--prefer", choices=("office", "form"), default="office")
    p.set_defaults(run=cmd_resolve)
    p = sub.add_parser("rates", help="tỉ lệ nhập sai theo người / error rate per keyer")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_rates)


def _form(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", required=True, metavar="UNIT_ID")
    p.add_argument("--checklist", required=True, metavar="ID")
    p.add_argument("--version", type=int, metavar="N")
    p.add_argument("--period", required=True, metavar="P")
    p.add_argument("--kind", choices=("tu-danh-gia", "kiem-tra"), default="tu-danh-gia")


def _key(session: Any, args: argparse.Namespace) -> Any:
    from models.catalog import get_version
    from models.keying import FormKey
    from models.periods import parse_period
    from qt_app.cli.common import parse_uuid

    version = get_version(session, args.checklist, args.version)
    unit = parse_uuid(args.unit, "đơn vị / unit")
    return FormKey(unit, version.id, parse_period(args.period).key, args.kind)


def _answers(texts: list[str]) -> dict[str, str | None]:
    from qt_app.cli.scan import parse_decisions

    return parse_decisions(texts)


def cmd_add(args: argparse.Namespace) -> int:
    from models.keying import record_keying
    from qt_app.cli.common import editor, open_target

    database = open_target(args)
    try:
        with database.session() as session:
            keying = record_keying(
                session, editor(database), _key(session, args), args.keyer, _answers(args.answers)
            )
    finally:
        database.close()
    print(keying)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from models.keying import compare, open_keyings
    from qt_app.cli.common import open_target, print_json, print_table

    database = open_target(args)
    try:
        with database.session() as session:
            key = _key(session, args)
            differences = compare(session, key)  # refused unless keyed twice
            first, second = (keying.keyer for keying in open_keyings(session, key))
    finally:
        database.close()
    if args.json:
        print_json(
            {
                "first": first,
                "second": second,
                "differences": [d.__dict__ for d in differences],
            }
        )
    else:
        print_table(
            [[d.code, d.first or "—", d.second or "—"] for d in differences],
            ["Mục / item", f"Lần 1 ({first})", f"Lần 2 ({second})"],
        )
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from qt_app.cli.common import editor, open_target, print_json
    from reports.double_entry import apply_keyings

    database = open_target(args)
    try:
        with database.session() as session:
            key = _key(session, args)
        report = apply_keyings(
            database, editor(database), key, _answers(args.take), prefer=args.prefer
        )
    finally:
        database.close()
    print_json(report.as_json())
    return 0


def cmd_rates(args: argparse.Namespace) -> int:
    from models.keying import keyer_rates
    from qt_app.cli.common import open_target, print_json, print_table

    database = open_target(args)
    try:
        with database.session() as session:
            rates = keyer_rates(session)
    finally:
        database.close()
    if args.json:
        print_json(
            [
                {"keyer": r.keyer, "forms": r.forms, "items": r.items, "errors": r.errors,
                 "rate": round(r.rate, 4)}
                for r in rates
            ]
        )  # fmt: skip
    else:
        print_table(
            [[r.keyer, str(r.forms), str(r.items), str(r.errors), f"{100 * r.rate:.1f}%"]
             for r in rates],
            ["Người nhập / keyer", "Phiếu", "Mục", "Sai", "Tỉ lệ sai"],
        )  # fmt: skip
    return 0
