"""`kiemtra rounds add|list|show|edit|close|reopen|missing`: what the office asks of whom."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import Parser, editor, parse_uuid, print_json, print_table, with_session


def add_commands(commands: Any) -> None:
    rounds = commands.add_parser("rounds", help="đợt báo cáo / reporting rounds")
    sub = rounds.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("add", help="tạo đợt / make a round")
    p.add_argument("name")
    p.add_argument(
        "--checklist", action="append", required=True, metavar="ID", help="lặp lại / repeatable"
    )
    p.add_argument(
        "--period",
        required=True,
        help="'Tuần 38/2021', 'Tháng 9/2021', 28/09/2021, 01/09/2021 - 30/09/2021",
    )
    p.add_argument("--kind", choices=("tu-danh-gia", "kiem-tra"), default="tu-danh-gia")
    p.add_argument("--due", metavar="DD/MM/YYYY", help="hạn nộp / due date")
    p.add_argument(
        "--unit", action="append", metavar="ID", help="đơn vị phải báo cáo / expected unit"
    )
    p.add_argument(
        "--area", metavar="ID", help="mọi đơn vị thuộc địa bàn / every unit under an area"
    )
    p.add_argument(
        "--unit-kind", metavar="KIND", help="chỉ loại đơn vị này / only this kind of unit"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_rounds_add)
    p = sub.add_parser("list", help="liệt kê / list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_rounds_list)
    for name, help_text in (
        ("show", "số liệu của đợt / the round's figures"),
        ("missing", "đơn vị chưa báo cáo / units that have not reported"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("round", metavar="ROUND")
        p.add_argument("--as-of", metavar="DD/MM/YYYY", help="tính đến ngày / as of a date")
        p.add_argument("--json", action="store_true")
        p.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="ghi ra .xlsx hoặc .pdf / write a .xlsx or .pdf file",
        )
        p.set_defaults(run=cmd_rounds_show if name == "show" else cmd_rounds_missing)
    p = sub.add_parser("edit", help="sửa đợt / change a round")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("--name")
    p.add_argument("--due", metavar="DD/MM/YYYY", help="'' để bỏ / '' to clear")
    p.add_argument("--add-unit", action="append", default=[], metavar="ID")
    p.add_argument("--remove-unit", action="append", default=[], metavar="ID")
    p.set_defaults(run=cmd_rounds_edit)
    for name, status in (("close", "closed"), ("reopen", "open")):
        p = sub.add_parser(
            name, help="đóng đợt / close" if status == "closed" else "mở lại / reopen"
        )
        p.add_argument("round", metavar="ROUND")
        p.set_defaults(run=cmd_rounds_status, status=status)


def _date(text: str | None) -> Any:
    from models.periods import parse_period

    if not text:
        return None
    period = parse_period(text)
    if period.first_day != period.last_day:
        from models.errors import InvalidInput

        raise InvalidInput(f"'{text}' không phải một ngày.", f"'{text}' is not a single day.")
    return period.first_day


@with_session
def cmd_rounds_add(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.rounds import create_round

    round_id = create_round(
        session,
        editor(database),
        name=args.name,
        checklists=args.checklist,
        period=args.period,
        kind=args.kind,
        due_on=_date(args.due),
        units=[parse_uuid(u, "đơn vị / unit") for u in args.unit] if args.unit else None,
        area_id=parse_uuid(args.area, "đơn vị / unit") if args.area else None,
        unit_kind=_unit_kind(args.unit_kind),
    )
    if args.json:
        print_json({"id": str(round_id)})
    else:
        print(round_id)


def _unit_kind(text: str | None) -> str | None:
    from models.vocabulary import UNIT_KINDS

    if text is None:
        return None
    from models.errors import InvalidInput
    from models.text import fold

    for key, labels in UNIT_KINDS.items():
        if fold(text) in (key, fold(labels[0]), fold(labels[1])):
            return key
    raise InvalidInput(
        f"Loại đơn vị '{text}' không hợp lệ; dùng: {', '.join(UNIT_KINDS)}.",
        f"Unknown kind of unit '{text}'; use: {', '.join(UNIT_KINDS)}.",
    )


@with_session
def cmd_rounds_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.periods import Period
    from models.services.rounds import list_rounds
    from models.vocabulary import ASSESSMENT_KINDS, ROUND_STATUSES

    rounds = list_rounds(session)
    if args.json:
        print_json([r.as_json() for r in rounds])
        return
    print_table(
        [
            [
                str(r.id)[:8],
                Period(r.period).label,
                ASSESSMENT_KINDS[r.kind][0],
                ROUND_STATUSES[r.status][0],
                r.due_on.strftime("%d/%m/%Y") if r.due_on else "—",
                str(r.expected),
                r.name,
            ]
            for r in rounds
        ],
        ["ID", "Kỳ", "Hình thức", "Trạng thái", "Hạn", "Đơn vị", "Tên"],
    )


def _overview(session: Any, args: argparse.Namespace) -> Any:
    from models.queries.rounds import round_overview
    from models.services.rounds import find_round

    return round_overview(session, find_round(session, args.round), _date(args.as_of))


def _percent(value: float | None) -> str:
    from models.vocabulary import percent_text

    return percent_text(value)


def _write(overview: Any, output: str) -> None:
    from pathlib import Path

    from reports import output_format
    from reports.round_report import write_missing_pdf, write_round_xlsx

    path = Path(output)
    if output_format(path, None) == "xlsx":
        write_round_xlsx(overview, path)
    else:
        write_missing_pdf(overview, path)
    print(path)


@with_session
def cmd_rounds_show(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.vocabulary import UNIT_PROGRESS

    overview = _overview(session, args)
    if args.output:
        _write(overview, args.output)
        return
    t = overview.totals
    if args.json:
        print_json(
            {
                "round": overview.round.as_json(),
                "as_of": overview.as_of.isoformat(),
                "basis": {"vi": overview.basis("vi"), "en": overview.basis("en")},
                "totals": _line_json(t),
                "areas": [_line_json(a) | {"depth": a.depth} for a in overview.areas],
            }
        )
        return
    print(overview.round.name)
    print(
        f"Phải báo cáo / expected {t.expected}; chưa bắt đầu / not started {t.not_started}; "
        f"đang làm / in progress {t.in_progress}; đã nộp / submitted {t.submitted}; "
        f"quá hạn / overdue {t.overdue}; đã kiểm tra / inspected {t.inspected}"
    )
    print(f"Tuân thủ / compliance: {_percent(t.compliance)}")
    print(overview.basis("vi"))
    print_table(
        [
            [
                "  " * a.depth + a.name,
                str(a.expected),
                str(a.not_started),
                str(a.in_progress),
                str(a.submitted),
                str(a.overdue),
                _percent(a.compliance),
                str(a.inspected),
                _percent(a.inspection_compliance),
            ]
            for a in overview.areas
        ],
        [
            "Địa bàn",
            "Phải BC",
            "Chưa BĐ",
            UNIT_PROGRESS["draft"][0],
            UNIT_PROGRESS["submitted"][0],
            "Quá hạn",
            "Tuân thủ",
            "Đã KT",
            "KT",
        ],
    )


def _line_json(line: Any) -> dict[str, Any]:
    return {
        "area_id": str(line.area_id) if line.area_id else None,
        "name": line.name,
        "expected": line.expected,
        "not_started": line.not_started,
        "in_progress": line.in_progress,
        "submitted": line.submitted,
        "overdue": line.overdue,
        "scored": line.scored,
        "compliance": line.compliance,
        "inspected": line.inspected,
        "inspection_compliance": line.inspection_compliance,
        "failed_critical_units": line.failed_critical_units,
        "actions_open": line.actions_open,
        "actions_overdue": line.actions_overdue,
    }


@with_session
def cmd_rounds_missing(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.vocabulary import UNIT_PROGRESS

    overview = _overview(session, args)
    if args.output:
        _write(overview, args.output)
        return
    missing = overview.missing
    if args.json:
        print_json(
            [
                {
                    "unit_id": str(u.unit_id),
                    "name": u.name,
                    "state": u.state,
                    "overdue": u.overdue,
                    "contact_person": u.contact_person,
                    "phone": u.phone,
                }
                for u in missing
            ]
        )
        return
    print_table(
        [
            [
                u.name,
                UNIT_PROGRESS[u.state][0] + (" (quá hạn)" if u.overdue else ""),
                u.contact_person or "—",
                u.phone or "—",
            ]
            for u in missing
        ],
        ["Đơn vị", "Tình trạng", "Người liên hệ", "Điện thoại"],
    )
    print(f"{len(missing)}/{overview.totals.expected} đơn vị chưa báo cáo / units not reported")


@with_session
def cmd_rounds_edit(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.rounds import find_round, update_round

    update_round(
        session,
        editor(database),
        find_round(session, args.round),
        name=args.name,
        due_on=False if args.due is None else _date(args.due),
        add_units=[parse_uuid(u, "đơn vị / unit") for u in args.add_unit],
        remove_units=[parse_uuid(u, "đơn vị / unit") for u in args.remove_unit],
    )
    print("Đã lưu / saved")


@with_session
def cmd_rounds_status(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.rounds import find_round, set_round_status

    set_round_status(session, editor(database), find_round(session, args.round), args.status)
    print("Đã đóng đợt / closed" if args.status == "closed" else "Đã mở lại đợt / reopened")
