"""`kiemtra units add|list`."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import Parser, editor, parse_uuid, print_json, print_table, with_session


def add_commands(commands: Any) -> None:
    units = commands.add_parser("units", help="đơn vị / units")
    sub = units.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("add", help="thêm đơn vị / add a unit")
    p.add_argument("name")
    p.add_argument(
        "--kind",
        required=True,
        help="tinh, huyen, xa, htx, doanh-nghiep, co-quan, truong-hoc, khac",
    )
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


@with_session
def cmd_units_add(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.units import create_unit

    parent = parse_uuid(args.parent, "đơn vị / unit") if args.parent else None
    unit_id = create_unit(
        session,
        editor(database),
        args.name,
        args.kind,
        parent,
        address=args.address,
        contact_person=args.contact,
        phone=args.phone,
    )
    if args.json:
        print_json({"id": str(unit_id)})
    else:
        print(unit_id)


@with_session
def cmd_units_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.units import list_units, search_units

    units = (
        search_units(session, args.search, include_archived=args.all)
        if args.search
        else list_units(session, include_archived=args.all)
    )
    if args.json:
        print_json([u.as_json() for u in units])
        return
    print_table(
        [[str(u.id), u.kind, u.name + (" (lưu trữ)" if u.archived else "")] for u in units],
        ["ID", "Loại / Kind", "Tên / Name"],
    )
