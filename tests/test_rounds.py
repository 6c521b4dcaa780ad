"""Rounds: what the office asks of whom; who has reported; figures with their basis.

Run on SQLite and on a real PostgreSQL server (the office's shared database).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models.catalog import get_version
from models.entities import Answer, Assessment, AuditEntry, ChecklistItem
from models.errors import InvalidInput, LockedError, NotFound
from models.queries.rounds import round_overview
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.rounds import (
    create_round,
    delete_draft,
    find_round,
    list_rounds,
    set_round_status,
    units_under,
    update_round,
)
from models.services.units import create_unit
from qt_app.cli import main as kiemtra

CHECKLIST = "451-cv-lmhtx-2021"


@pytest.fixture
def database(any_database):
    return any_database


@pytest.fixture
def district(database, editor):
    """A province, one district with 20 cooperatives and 2 schools, another with 3 HTX."""
    with database.session() as session:
        province = create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        dam_ha = create_unit(session, editor, "Huyện Đầm Hà", "huyen", province)
        co_to = create_unit(session, editor, "Huyện Cô Tô", "huyen", province)
        htx = [
            create_unit(
                session,
                editor,
                f"HTX Nông nghiệp số {n:02d}",
                "htx",
                dam_ha,
                contact_person=f"Người liên hệ {n}",
                phone=f"09{n:08d}",
            )
            for n in range(1, 21)
        ]
        for n in range(2):
            create_unit(session, editor, f"Trường học {n}", "truong-hoc", dam_ha)
        for n in range(3):
            create_unit(session, editor, f"HTX Cô Tô {n}", "htx", co_to)
    return {"province": province, "dam_ha": dam_ha, "co_to": co_to, "htx": htx}


def answer_all(session, editor, assessment_id, status="dat"):
    version_id = session.get(Assessment, assessment_id).version_id
    items = session.scalars(
        select(ChecklistItem.id).where(ChecklistItem.version_id == version_id)
    ).all()
    for item_id in items:
        record_answer(session, editor, assessment_id, item_id, status)


def start(session, editor, unit_id, kind="tu-danh-gia", period="Tuần 38/2021"):
    version = get_version(session, CHECKLIST)
    return svc.start_assessment(session, editor, unit_id, version.id, period, kind, "Tester")


def test_a_round_for_the_cooperatives_of_a_district(database, editor, district):
    """The issue's walk-through: 20 expected, two submit, one is inspected."""
    with database.session() as session:
        round_id = create_round(
            session,
            editor,
            name="Tự đánh giá tuần 38 — Đầm Hà",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            due_on=dt.date(2021, 9, 28),
            area_id=district["dam_ha"],
            unit_kind="htx",
        )
        overview = round_overview(session, round_id, dt.date(2021, 9, 27))
        assert (overview.totals.expected, overview.totals.submitted) == (20, 0)
        assert overview.totals.not_started == 20 and overview.totals.compliance is None

        first, second = district["htx"][:2]
        for unit_id, status in ((first, "dat"), (second, "chua-dat")):
            assessment_id = start(session, editor, unit_id)
            answer_all(session, editor, assessment_id, status)
            svc.submit_assessment(session, editor, assessment_id)
        inspection = start(session, editor, first, kind="kiem-tra")
        answer_all(session, editor, inspection, "mot-phan")
        svc.submit_assessment(session, editor, inspection)
        # A draft of a third unit is counted as in progress, never in the rate.
        answer_all(session, editor, start(session, editor, district["htx"][2]), "dat")

        overview = round_overview(session, round_id, dt.date(2021, 9, 29))
    t = overview.totals
    assert (t.expected, t.submitted, t.in_progress, t.not_started) == (20, 2, 1, 17)
    assert len(overview.missing) == 18
    assert t.overdue == 18  # due 28/09, looked at on 29/09
    assert t.inspected == 1 and t.inspection_compliance == 50.0
    assert t.compliance == 50.0  # (100 + 0) / 2: the inspection and the draft are apart
    assert overview.basis("vi") == (
        "2 bài tự đánh giá đã nộp của 2/20 đơn vị; 1 bài đang làm và 1 bài kiểm tra không "
        "tính vào tỷ lệ; tính đến ngày 29/09/2021."
    )
    assert "2 submitted self-assessments of 2/20 units" in overview.basis("en")
    missing = {u.name: u for u in overview.missing}
    assert missing["HTX Nông nghiệp số 20"].phone == "0900000020"
    assert missing["HTX Nông nghiệp số 03"].state == "draft"
    areas = {a.name: a for a in overview.areas}
    assert areas["Huyện Đầm Hà"].expected == 20 and "Huyện Cô Tô" not in areas


def test_expected_units_by_rule_or_by_pick(database, editor, district):
    with database.session() as session:
        every_htx = units_under(session, None, "htx")
        assert len(every_htx) == 23
        assert len(units_under(session, district["province"], None)) == 27  # 2 districts + 25
        picked = create_round(
            session,
            editor,
            name="Ba HTX",
            checklists=[CHECKLIST],
            period="Tháng 9/2021",
            units=district["htx"][:3],
        )
        info = list_rounds(session)[0]
        assert info.id == picked and info.expected == 3 and info.period == "2021-09"
        # A unit added later does not change what the round expected.
        create_unit(session, editor, "HTX mới", "htx", district["dam_ha"])
        assert list_rounds(session)[0].expected == 3


def test_bad_rounds_are_refused_and_change_nothing(database, editor, district):
    with database.session() as session:
        for bad, error in (
            (dict(name="", checklists=[CHECKLIST], period="Tuần 38/2021"), InvalidInput),
            (dict(name="x", checklists=[], period="Tuần 38/2021"), InvalidInput),
            (dict(name="x", checklists=["khong-co"], period="Tuần 38/2021"), NotFound),
            (dict(name="x", checklists=[CHECKLIST], period="tuần 99/2021"), InvalidInput),
            (dict(name="x\u202e", checklists=[CHECKLIST], period="Tuần 38/2021"), InvalidInput),
            (dict(name="x", checklists=[CHECKLIST], period="Tuần 38/2021", kind="?"), InvalidInput),
            (
                dict(name="x", checklists=[CHECKLIST], period="Tuần 38/2021", unit_kind="tinh"),
                InvalidInput,
            ),  # no unit of that kind under the province: nobody expected
            (
                dict(name="x", checklists=[CHECKLIST], period="Tuần 38/2021", units=[uuid.uuid4()]),
                NotFound,
            ),
        ):
            if bad.get("unit_kind") == "tinh":
                bad["area_id"] = district["province"]
            with pytest.raises(error):
                create_round(session, editor, **bad)
        assert list_rounds(session) == []


def test_starting_another_period_never_joins_the_round(database, editor, district):
    with database.session() as session:
        round_id = create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            units=district["htx"][:2],
        )
        other = start(session, editor, district["htx"][0], period="Tuần 39/2021")
        assert session.get(Assessment, other).round_id is None
        inside = start(session, editor, district["htx"][0])
        assert session.get(Assessment, inside).round_id == round_id


def test_existing_assessments_join_a_new_round(database, editor, district):
    with database.session() as session:
        before = start(session, editor, district["htx"][0])
        round_id = create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            units=district["htx"][:2],
        )
        assert session.get(Assessment, before).round_id == round_id


def test_a_draft_made_by_mistake_can_be_deleted_a_submitted_one_cannot(database, editor, district):
    with database.session() as session:
        draft = start(session, editor, district["htx"][0])
        answer_all(session, editor, draft)
        delete_draft(session, editor, draft, "tạo nhầm kỳ")
        assert session.get(Assessment, draft) is None
        assert session.scalar(select(func.count()).where(Answer.assessment_id == draft)) == 0
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == draft, AuditEntry.action == "delete")
        ).one()
        assert entry.reason == "tạo nhầm kỳ" and entry.old_value["answers"] > 0

        submitted = start(session, editor, district["htx"][1])
        answer_all(session, editor, submitted)
        svc.submit_assessment(session, editor, submitted)
        with pytest.raises(LockedError):
            delete_draft(session, editor, submitted)
        assert session.get(Assessment, submitted) is not None


def test_edit_close_and_find(database, editor, district):
    with database.session() as session:
        round_id = create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            units=district["htx"][:3],
        )
        answered = start(session, editor, district["htx"][0])
        with pytest.raises(InvalidInput):
            update_round(session, editor, round_id, remove_units=[district["htx"][0]])
        update_round(
            session,
            editor,
            round_id,
            name="Tuần 38 (sửa)",
            due_on=dt.date(2021, 9, 30),
            add_units=[district["htx"][5]],
            remove_units=[district["htx"][2]],
        )
        info = list_rounds(session)[0]
        assert (info.name, info.due_on, info.expected) == ("Tuần 38 (sửa)", dt.date(2021, 9, 30), 3)
        set_round_status(session, editor, round_id, "closed")
        assert list_rounds(session)[0].status == "closed"
        assert find_round(session, "Tuần 38 (sửa)") == round_id
        assert find_round(session, str(round_id)[:8]) == round_id
        with pytest.raises(NotFound):
            find_round(session, "không có")
        assert answered


def test_rounds_from_the_command_line(database, district, capsys, tmp_path):
    target = database.url
    database.close()
    assert (
        kiemtra(
            [
                "--db",
                target,
                "rounds",
                "add",
                "Tuần 38 Đầm Hà",
                "--checklist",
                CHECKLIST,
                "--period",
                "Tuần 38/2021",
                "--due",
                "28/09/2021",
                "--area",
                str(district["dam_ha"]),
                "--unit-kind",
                "Hợp tác xã",
                "--json",
            ]
        )
        == 0
    )
    round_id = json.loads(capsys.readouterr().out)["id"]
    assert kiemtra(["--db", target, "rounds", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["expected"]) for r in listed] == [(round_id, 20)]
    assert (
        kiemtra(["--db", target, "rounds", "show", round_id[:8], "--as-of", "29/09/2021", "--json"])
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["totals"]["expected"] == 20 and shown["totals"]["overdue"] == 20
    assert shown["basis"]["vi"].startswith("0 bài tự đánh giá đã nộp của 0/20 đơn vị")
    assert kiemtra(["--db", target, "rounds", "missing", round_id]) == 0
    out = capsys.readouterr().out
    assert "HTX Nông nghiệp số 07" in out and "0900000007" in out and "20/20" in out
    for suffix in ("xlsx", "pdf"):
        output = tmp_path / f"chua-bao-cao.{suffix}"
        assert kiemtra(["--db", target, "rounds", "missing", round_id, "-o", str(output)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "chua-bao-cao.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DANH SÁCH ĐƠN VỊ CHƯA BÁO CÁO" in text and "0900000007" in text
    assert "20/20 đơn vị chưa nộp" in text
    sheet = load_workbook(tmp_path / "chua-bao-cao.xlsx")["Chưa báo cáo"]
    rows = [row for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]]
    assert len(rows) == 20 and rows[6][5] == "0900000007"
    assert kiemtra(["--db", target, "rounds", "close", round_id]) == 0
    assert kiemtra(["--db", target, "rounds", "show", "không có đợt này"]) == 1
    assert "Không tìm thấy đợt" in capsys.readouterr().err
