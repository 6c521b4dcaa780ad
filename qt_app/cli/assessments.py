"""`kiemtra assessments list|start|answer|show|submit|verify|reopen|delete`."""

from __future__ import annotations

import argparse
from typing import Any

from qt_app.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Parser,
    editor,
    open_target,
    parse_uuid,
    print_json,
    print_table,
    with_session,
)


def add_commands(commands: Any) -> None:
    assessments = commands.add_parser("assessments", help="bài đánh giá / assessments")
    sub = assessments.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = sub.add_parser("list", help="liệt kê / list")
    p.add_argument("--unit", metavar="ID")
    p.add_argument("--period", metavar="PERIOD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_assessments_list)
    p = sub.add_parser("start", help="bắt đầu / start")
    p.add_argument("--unit", required=True, metavar="ID")
    p.add_argument("--checklist", required=True, metavar="ID")
    p.add_argument("--period", required=True, help="28/09/2021 or 'Tuần 38/2021'")
    p.add_argument("--kind", choices=("tu-danh-gia", "kiem-tra"), default="tu-danh-gia")
    p.add_argument("--assessor", default="")
    p.set_defaults(run=cmd_assessments_start)
    p = sub.add_parser("answer", help="trả lời một mục / answer one item")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("code", metavar="ITEM_CODE")
    p.add_argument("status", choices=("dat", "chua-dat", "mot-phan", "khong-ap-dung", "none"))
    p.set_defaults(run=cmd_assessments_answer)
    p = sub.add_parser("show", help="xem và chấm điểm / show with its score")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_assessments_show)
    p = sub.add_parser("submit", help="nộp và khoá / submit and lock")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.set_defaults(run=cmd_assessments_submit)
    p = sub.add_parser("verify", help="kiểm tra mã băm bài đã nộp / verify submitted ones")
    p.add_argument(
        "code",
        nargs="*",
        metavar="CODE",
        help="mã xác thực in trên báo cáo / the code printed on a report (KTBC:…)",
    )
    p.set_defaults(run=cmd_assessments_verify)
    p = sub.add_parser("reopen", help="mở lại / reopen")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(run=cmd_assessments_reopen)
    p = sub.add_parser("delete", help="xoá bài đang làm tạo nhầm / delete a draft made by mistake")
    p.add_argument("assessment", metavar="ASSESSMENT_ID")
    p.add_argument("--reason", default="")
    p.set_defaults(run=cmd_assessments_delete)


@with_session
def cmd_assessments_list(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.periods import parse_period
    from models.queries.assessments import list_assessments

    rows = list_assessments(
        session,
        unit_id=parse_uuid(args.unit, "đơn vị / unit") if args.unit else None,
        period=parse_period(args.period).key if args.period else None,
    )
    if args.json:
        print_json([row.as_json() for row in rows])
        return
    print_table(
        [
            [
                str(r.id),
                r.period,
                r.checklist,
                r.status,
                "—" if r.compliance is None else f"{r.compliance}%",
                r.unit,
            ]
            for r in rows
        ],
        ["ID", "Kỳ", "Danh mục", "Trạng thái", "Tuân thủ", "Đơn vị"],
    )


@with_session
def cmd_assessments_start(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.catalog import get_version
    from models.services.assessments import start_assessment

    version = get_version(session, args.checklist)
    print(
        start_assessment(
            session,
            editor(database),
            parse_uuid(args.unit, "đơn vị / unit"),
            version.id,
            args.period,
            args.kind,
            args.assessor,
        )
    )


@with_session
def cmd_assessments_answer(database: Any, session: Any, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from models.entities import ChecklistItem
    from models.errors import NotFound
    from models.services.answers import record_answer
    from models.services.assessments import find_assessment

    assessment = find_assessment(session, args.assessment)
    item_id = session.scalar(
        select(ChecklistItem.id).where(
            ChecklistItem.version_id == assessment.version_id, ChecklistItem.code == args.code
        )
    )
    if item_id is None:
        raise NotFound(f"Không có mục '{args.code}'.", f"No item '{args.code}'.")
    status = None if args.status == "none" else args.status
    saved = record_answer(session, editor(database), assessment.id, item_id, status)
    print(f"Đã lưu / saved {saved.saved_at.astimezone():%H:%M:%S}")


@with_session
def cmd_assessments_show(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.queries.assessments import assessment_detail
    from models.services.assessments import find_assessment

    detail = assessment_detail(session, find_assessment(session, args.assessment).id).as_json()
    if args.json:
        print_json(detail)
        return
    print(
        f"{detail['unit']} — {detail['checklist']} v{detail['version']} — "
        f"{detail['period_label']} — {detail['status']}"
    )
    score = detail["score"]
    print(
        f"Tuân thủ / compliance: {score['compliance']}%  Đã trả lời / coverage: "
        f"{score['coverage']}%  Mục trọng yếu chưa đạt / failed critical: "
        f"{', '.join(score['failed_critical']) or '—'}"
    )
    for item in detail["items"]:
        print(f"{item['code']:<6} {item['answer_label'] or '·':<14} {item['requirement']}")


@with_session
def cmd_assessments_submit(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.assessments import find_assessment, submit_assessment

    digest = submit_assessment(
        session, editor(database), find_assessment(session, args.assessment).id
    )
    print(f"Đã nộp / submitted: {digest}")


@with_session
def cmd_assessments_reopen(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.assessments import find_assessment, reopen_assessment

    reopen_assessment(
        session, editor(database), find_assessment(session, args.assessment).id, args.reason
    )
    print("Đã mở lại / reopened")


def cmd_assessments_verify(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    if args.code:
        return verify_paper_code(args, " ".join(args.code))

    from models.entities import Assessment
    from models.services.assessments import verify_assessment

    database = open_target(args)
    try:
        with database.session() as session:
            ids = list(
                session.scalars(select(Assessment.id).where(Assessment.content_hash.is_not(None)))
            )
            bad = [a for a in ids if not verify_assessment(session, a)]
    finally:
        database.close()
    for assessment_id in bad:
        print(f"LỖI / ERROR: {assessment_id} không khớp mã băm / does not match its hash")
    print(f"{len(ids) - len(bad)}/{len(ids)} bài đã nộp khớp / submitted assessments match")
    return EXIT_USER_ERROR if bad else EXIT_OK


@with_session
def cmd_assessments_delete(database: Any, session: Any, args: argparse.Namespace) -> None:
    from models.services.assessments import find_assessment
    from models.services.rounds import delete_draft

    delete_draft(
        session, editor(database), find_assessment(session, args.assessment).id, args.reason
    )
    print("Đã xoá / deleted")


def verify_paper_code(args: argparse.Namespace, text: str) -> int:
    """A paper copy against the database: the code names an assessment and the hash it was
    printed with; both must match what is stored and what the answers hash to now."""
    from models.content_hash import content_hash
    from models.entities import Assessment
    from models.paper_code import read_paper_code
    from models.periods import Period

    code = read_paper_code(text)
    database = open_target(args)
    try:
        with database.session() as session:
            assessment = session.get(Assessment, code.assessment_id)
            if assessment is None:
                print(
                    f"LỖI / ERROR: không có bài đánh giá {code.assessment_id} trong cơ sở dữ "
                    f"liệu này / no assessment {code.assessment_id} in this database"
                )
                return EXIT_USER_ERROR
            stored = assessment.content_hash
            now = content_hash(session, assessment.id) if stored else None
            where = f"{assessment.unit.name} — {Period(assessment.period).label}"
    finally:
        database.close()
    if stored is None:
        print(f"LỖI / ERROR: {where}: bài chưa nộp (đã mở lại) / not submitted (reopened)")
        return EXIT_USER_ERROR
    if stored != code.content_hash:
        print(
            f"LỖI / ERROR: {where}: bản giấy khác bản đã nộp hiện lưu / the paper copy differs "
            "from the submitted assessment on record"
        )
        return EXIT_USER_ERROR
    if now != stored:
        print(
            f"LỖI / ERROR: {where}: dữ liệu đã bị sửa sau khi nộp / the data was changed "
            "after it was submitted"
        )
        return EXIT_USER_ERROR
    print(f"Khớp / matches: {where}")
    return EXIT_OK
