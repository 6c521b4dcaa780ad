"""`kiemtra actions [--unit U] [--assessment A] [--as-of D] [--json]`: the corrective
actions still open, across rounds; with --assessment, those the unit's earlier inspections
of the same checklist left for it."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import parse_uuid, print_json, print_table, with_session


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
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_actions)


@with_session
def cmd_actions(database: Any, session: Any, args: argparse.Namespace) -> None:
    import datetime as dt

    from models.periods import Period, parse_period
    from models.queries.follow_up import follow_up_for, open_actions
    from models.services.assessments import find_assessment
    from models.vocabulary import ASSESSMENT_KINDS, NOTHING, label_of, vn_date

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
        return
    print(
        f"{len(actions)} biện pháp chưa xong, {sum(a.overdue(as_of) for a in actions)} quá hạn "
        f"tính đến ngày {vn_date(as_of)} / open, overdue as of that day"
    )
    print_table(
        [
            [
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
        ["Đơn vị", "Kỳ", "Hình thức", "Mục", "Biện pháp", "Người thực hiện", "Hạn"],
    )
