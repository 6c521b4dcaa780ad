"""`kiemtra import-directive`: a directive file (or pasted text on stdin) → a draft checklist.

Import nothing heavy at module level: `kiemtra --help` imports this module. The command
never imports Qt; it prints the proposed checklist, with the role, addressees and valid-until
the importer proposed and the words behind each (or JSON in the shape of `checklists show
--json` plus ``warnings``), writes it as a checklist file with ``-o``, and installs it in the
database with ``--publish``. A refused input writes nothing and exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_commands(commands: Any) -> None:
    """Add this area's sub-commands to the `kiemtra` sub-parser collection."""
    p = commands.add_parser(
        "import-directive",
        help="đọc một văn bản chỉ đạo thành danh mục nháp / turn a directive into a draft "
        "checklist",
        description="Đọc văn bản (.txt, .md, .docx, .pdf, bản quét PDF hoặc ảnh .png/.jpg/.tif "
        "qua Tesseract OCR; UTF-8, UTF-16, Windows-1258; '-' là văn bản dán vào stdin) và đề "
        "xuất danh mục kiểm tra từ các mục được đánh số. / Read a directive (.txt, .md, .docx, "
        ".pdf, a scanned PDF or a .png/.jpg/.tif image through Tesseract OCR; UTF-8, UTF-16, "
        "Windows-1258; '-' reads pasted text from stdin) and propose a checklist from its "
        "numbered items.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-o",
        "--output",
        metavar="CHECKLIST.yaml",
        help="ghi tệp danh mục (và sources/<id>.txt bên cạnh) / write the checklist "
        "file (and sources/<id>.txt beside it); the file name is the id",
    )
    p.add_argument("--json", action="store_true", help="in JSON / print JSON")
    p.add_argument(
        "--publish",
        action="store_true",
        help="cài vào cơ sở dữ liệu (phiên bản mới nếu đã có) / install into the "
        "database (a new version if the id exists)",
    )
    p.add_argument(
        "--id", metavar="SLUG", help="mã danh mục khi xuất bản / checklist id to publish under"
    )
    p.set_defaults(run=cmd_import_directive, needs_db=False)


def cmd_import_directive(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.directive_import import import_directive
    from models.directive_import.items import warnings_of
    from models.directive_import.output import as_json, write_checklist
    from qt_app.cli.common import EXIT_OK, EXIT_USAGE, print_json

    if args.id and not args.publish:
        print(
            "kiemtra: lỗi / error: --id chỉ dùng cùng --publish / --id needs --publish",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.publish and args.id:
        from models.directive_import.drafts import check_slug

        check_slug(args.id)
    if args.file == "-":
        result = import_directive(_read_stdin(), name="stdin")
    else:
        result = import_directive(Path(args.file))
    written = write_checklist(result, Path(args.output)) if args.output else None
    published = _publish(args, result) if args.publish else None
    if args.json:
        data = as_json(result)
        if written:
            data["written"] = str(written)
        if published:
            data["published"] = published
        print_json(data)
        return EXIT_OK
    for warning in result.warnings:
        print(f"kiemtra: cảnh báo / warning: {warning}", file=sys.stderr)
    for item, _depth, _parent in result.walk():
        for warning in warnings_of(item):
            print(
                f"kiemtra: cảnh báo / warning: mục / item {item.code}: {warning}", file=sys.stderr
            )
    _print_summary(result)
    if written:
        print(f"Đã ghi / written: {written} ({result.item_count()} mục / items)")
    if published:
        print(f"Đã xuất bản / published: {published['id']} v{published['version']}")
    return EXIT_OK


def _read_stdin() -> bytes:
    from models.directive_import.reading import MAX_BYTES, too_large

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    return data


def _publish(args: argparse.Namespace, result: Any) -> dict[str, Any]:
    from models.directive_import.drafts import publish_draft
    from qt_app.cli.common import editor, open_target

    database = open_target(args)
    try:
        with database.begin() as session:
            return publish_draft(session, result, args.id or result.slug, editor(database))
    finally:
        database.close()


def _print_summary(result: Any) -> None:
    d = result.directive
    print(f"{result.title}  [{result.slug}]")
    print(
        f"{d.kind} {d.number or '(không số / no number)'} — {d.issuer} — "
        f"{d.issued_on.isoformat() if d.issued_on else d.date_note or '?'}"
    )
    print(d.subject)
    print(f"{result.source_name}: {result.encoding}, {result.item_count()} mục / items")
    from models.directive_import.items import notes_of

    for item, depth, _parent in result.walk():
        themes = f" ({', '.join(item.themes)})" if item.themes else ""
        print(f"{'  ' * depth}{item.code:<8} {item.requirement}{themes}")
        for note in notes_of(item):
            print(f"{'  ' * depth}{'':<8} [chú thích / note] {note}")
        for proposal in _proposals(item):
            print(f"{'  ' * depth}{'':<8} [đề xuất / proposed] {proposal}")


def _proposals(item: Any) -> list[str]:
    """What the importer proposed for the item (role, addressees, valid-until), each with the
    directive's words that led to it, so the reviewer sees why before publishing."""
    from models.directive_import.items import proposals_of
    from models.item_scope import addressed_to
    from models.vocabulary import ITEM_MARKS, ITEM_ROLES, label_of, pick, vn_date

    def both(key: str) -> str:
        return f"{pick(ITEM_MARKS[key])} / {pick(ITEM_MARKS[key], 'en')}"

    why = proposals_of(item)
    lines = []
    if "role" in why:
        role = f"{label_of(ITEM_ROLES, item.role)} / {label_of(ITEM_ROLES, item.role, 'en')}"
        lines.append(f"{role} — “{why['role']}”")
    if "addressees" in why:
        who = addressed_to(item.addressees, item.addressed_bodies)
        lines.append(f"{both('addressed-to')}: {who} — “{why['addressees']}”")
    if "valid_until" in why:
        until = vn_date(item.valid_until) if item.valid_until else "?"
        lines.append(f"{both('valid-until')}: {until} — “{why['valid_until']}”")
    return lines
