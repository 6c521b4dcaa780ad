"""`kiemtra checklists list|show|validate`."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Parser,
    print_json,
    print_table,
    with_session,
)


def add_commands(commands: Any) -> None:
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


@with_session
def cmd_checklists_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import list_checklists

    rows = list_checklists(session)
    if args.json:
        print_json(rows)
        return
    print_table(
        [
            [
                r["id"],
                str(r["version"]),
                r["directive"]["number"] or "—",
                str(r["item_count"]),
                r["title"],
            ]
            for r in rows
        ],
        ["ID", "V", "Số / No.", "Mục", "Tên / Title"],
    )


@with_session
def cmd_checklists_show(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import show_checklist

    data = show_checklist(session, args.id, args.version)
    if args.json:
        print_json(data)
        return
    import datetime as dt

    from models.item_scope import addressed_to
    from models.vocabulary import ITEM_MARKS, ITEM_ROLES, label_of, pick, vn_date

    d = data["directive"]
    number = d["number"] or pick(ITEM_MARKS["no-number"])
    issued = d["issued_on"] or d["date_note"] or pick(ITEM_MARKS["no-date"])
    print(f"{data['title']} (v{data['version']})")
    print(f"{d['kind']} {number} — {d['issuer']} — {issued}")
    print(d["subject"])
    if not d["source_complete"]:
        print(f"[{pick(ITEM_MARKS['source-cut'])}]")

    def show(items: list[dict[str, Any]], depth: int) -> None:
        pad = "  " * depth
        for item in items:
            mark = " [!]" if item["critical"] else ""
            if item["role"] != "requirement":
                mark += f" [{label_of(ITEM_ROLES, item['role'])}]"
            themes = f" ({', '.join(item['themes'])})" if item["themes"] else ""
            print(f"{pad}{item['code']:<6} {item['requirement']}{mark}{themes}")
            if item["addressees"] or item["addressed_bodies"]:
                who = addressed_to(item["addressees"], item["addressed_bodies"])
                print(f"{pad}       {pick(ITEM_MARKS['addressed-to'])}: {who}")
            if item["valid_until"]:
                until = vn_date(dt.date.fromisoformat(item["valid_until"]))
                print(f"{pad}       {pick(ITEM_MARKS['valid-until'])}: {until}")
            if item["critical_reason"]:
                reason = item["critical_reason"]
                print(f"{pad}       {pick(ITEM_MARKS['critical-reason'])}: {reason}")
            if item["source_incomplete"]:
                print(f"{pad}       [{pick(ITEM_MARKS['source-cut'])}]")
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
