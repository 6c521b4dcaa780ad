"""`kiemtra actions [--unit U] [--assessment A] [--as-of D] [--json]`: the corrective
actions still open, across rounds; with --assessment, those the unit's earlier inspections
of the same checklist left for it. `kiemtra actions --closed` lists those closed;
`kiemtra actions close|reopen` closes one (who, when, the evidence) or takes a closure back."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import Parser, editor, parse_uuid, print_json, print_table, with_session


def add_commands(commands: Any) -> None:
    p = commands.add_parser(
        "actions", help="biện pháp khắc phục chưa xong / open corrective actions"
    )
    p.add_argument("--unit", metavar="ID", help="của một đơn vị / of one unit")
    p.add_argument(
        "--assessment",
        metavar="ID",
        help="việc các lần kiểm tra trước để lại cho bài này / left by earlier inspections",
    )
    p.add_argument("--as-of", metavar="DD/MM/YYYY", help="quá hạn tính đến ngày / overdue as of")
    p.add_argument(
        "--closed", action="store_true", help="các biện pháp đã xong / the closed actions"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_actions)
    sub = p.add_subparsers(dest="action", parser_class=Parser, metavar="close|reopen")
    close = sub.add_parser("close", help="đóng một biện pháp / close an action")
    close.add_argument("action_id", metavar="ACTION_ID")
    close.add_argument(
        "--on", required=True, metavar="DD/MM/YYYY", help="ngày làm xong / the day it was done"
    )
    close.add_argument(
        "--note", default="", help="điều cho thấy đã làm xong / what shows it was done"
    )
    close.add_argument("--file", metavar="PATH", help="tệp minh chứng / evidence file")
    close.add_argument("--json", action="store_true")
    close.set_defaults(run=cmd_close)
    reopen = sub.add_parser("reopen", help="mở lại biện pháp đã đóng nhầm / take a closure back")
    reopen.add_argument("action_id", metavar="ACTION_ID")
    reopen.add_argument("--reason", required=True, help="lý do / reason")
    reopen.set_defaults(run=cmd_reopen)


@with_session
def cmd_actions(database: Any, session: Any, args: argparse.Namespace) -> None:
    import datetime as dt

    from models.periods import Period, parse_period
    from models.queries.follow_up import follow_up_for, open_actions
    from models.services.assessments import find_assessment
    from models.vocabulary import ASSESSMENT_KINDS, NOTHING, label_of, vn_date

    if args.closed:
        return _print_closed(session, args)
    as_of = parse_period(args.as_of).first_day if args.as_of else dt.date.today()
    if args.assessment:
        actions = follow_up_for(session, find_assessment(session, args.assessment).id)
    else:
        unit = parse_uuid(args.unit, "đơn vị / unit") if args.unit else None
        actions = open_actions(session, unit)
    if args.json:
        print_json(
            {
                "as_of": as_of.isoformat(),
                "open": len(actions),
                "overdue": sum(a.overdue(as_of) for a in actions),
                "actions": [a.as_json(as_of) for a in actions],
            }
        )
        return None
    print(
        f"{len(actions)} biện pháp chưa xong, {sum(a.overdue(as_of) for a in actions)} quá hạn "
        f"tính đến ngày {vn_date(as_of)} / open, overdue as of that day"
    )
    print_table(
        [
            [
                str(a.action_id)[:8],
                a.unit_name,
                Period(a.period).label,
                label_of(ASSESSMENT_KINDS, a.kind),
                a.code,
                a.what[:50],
                a.who or NOTHING,
                (vn_date(a.due_on) if a.due_on else NOTHING) + (" !" if a.overdue(as_of) else ""),
            ]
            for a in actions
        ],
        ["Mã", "Đơn vị", "Kỳ", "Hình thức", "Mục", "Biện pháp", "Người thực hiện", "Hạn"],
    )
    return None


def _print_closed(session: Any, args: argparse.Namespace) -> None:
    from models.periods import Period
    from models.queries.follow_up import closed_actions
    from models.vocabulary import NOTHING, vn_date

    unit = parse_uuid(args.unit, "đơn vị / unit") if args.unit else None
    closed = closed_actions(session, unit)
    if args.json:
        print_json({"closed": len(closed), "actions": [a.as_json() for a in closed]})
        return
    print(f"{len(closed)} biện pháp đã xong / closed actions")
    print_table(
        [
            [
                str(a.action_id)[:8],
                a.unit_name,
                Period(a.period).label,
                a.code,
                a.what[:40],
                vn_date(a.closed_on),
                a.closed_by or NOTHING,
                (a.note[:40] or NOTHING) + (f" [{a.file_name}]" if a.file_name else ""),
            ]
            for a in closed
        ],
        ["Mã", "Đơn vị", "Kỳ", "Mục", "Biện pháp", "Ngày xong", "Người đóng", "Minh chứng"],
    )


@with_session
def cmd_close(database: Any, session: Any, args: argparse.Namespace) -> None:
    from pathlib import Path

    from models.errors import InvalidInput
    from models.services.follow_up import close_action, find_action
    from models.typed_dates import parse_day
    from models.vocabulary import vn_date

    closed_on = parse_day(args.on)
    if closed_on is None:
        raise InvalidInput("Hãy ghi ngày làm xong (--on).", "Give the day it was done (--on).")
    action_id = find_action(session, args.action_id).id
    closure = close_action(
        session,
        editor(database),
        action_id,
        closed_on=closed_on,
        note=args.note,
        evidence_file=Path(args.file) if args.file else None,
    )
    if args.json:
        print_json({"action": str(action_id), "closure": str(closure.id)})
        return
    print(f"Đã đóng biện pháp {action_id}, xong ngày {vn_date(closed_on)} / closed")


@with_session
def cmd_reopen(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.follow_up import find_action, reopen_action

    action_id = find_action(session, args.action_id).id
    reopen_action(session, editor(database), action_id, args.reason)
    print(f"Đã mở lại biện pháp {action_id} / reopened")
