"""Self-assessment against inspection: the demo's inspections sometimes disagree with the
units; every figure of the comparison is recomputed here from the raw answers, and the
command line prints the same."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import select

from models.demo import generate_demo
from models.entities import Answer, Assessment, ChecklistItem
from models.queries.comparison import comparison_for, round_comparison
from models.services.rounds import list_rounds
from models.vocabulary import percent_text
from qt_app.cli.main import main as kiemtra


@pytest.fixture
def demo(database):
    generate_demo(database, units=120, seed=5)
    with database.session() as session:
        rounds = [r for r in list_rounds(session) if r.kind == "tu-danh-gia"]
        compared = [(round_comparison(session, r.id), r) for r in rounds]
    # the round whose inspections found the most overstated items
    comparison, chosen = max(compared, key=lambda c: (c[0].totals.overstated, c[1].period))
    assert comparison.totals.overstated > 0, "the demo's inspectors find overstated items"
    return database, chosen


def _raw_pair(session, unit_id, period, kind):
    assessment = session.scalar(
        select(Assessment).where(
            Assessment.unit_id == unit_id, Assessment.period == period, Assessment.kind == kind
        )
    )
    answers = dict(
        session.execute(
            select(ChecklistItem.code, Answer.status)
            .join(ChecklistItem, ChecklistItem.id == Answer.item_id)
            .where(Answer.assessment_id == assessment.id)
        ).all()
    )
    return assessment, answers


def test_each_figure_agrees_with_the_raw_answers(demo):
    database, info = demo
    with database.session() as session:
        comparison = round_comparison(session, info.id)
        by_code: Counter[str] = Counter()
        for unit in comparison.units:
            own, mine = _raw_pair(session, unit.unit_id, info.period, "tu-danh-gia")
            inspection, theirs = _raw_pair(session, unit.unit_id, info.period, "kiem-tra")
            assert (unit.self_id, unit.inspection_id) == (own.id, inspection.id)
            assert own.status == inspection.status == "submitted"
            both = [c for c in mine if mine[c] and theirs.get(c)]
            agreed = [c for c in both if mine[c] == theirs[c]]
            overstated = [c for c in both if mine[c] == "dat" and theirs[c] == "chua-dat"]
            by_code.update(overstated)
            assert unit.compared == len(both)
            assert unit.agreed == len(agreed)
            assert unit.overstated == len(overstated)
            assert percent_text(unit.agreement) == percent_text(100 * len(agreed) / len(both))
        overstated = [u.overstated for u in comparison.units]
        assert overstated == sorted(overstated, reverse=True), "most overstated first"
        assert {t.key: t.overstated for t in comparison.items if t.overstated} == dict(by_code)
        assert comparison.totals.overstated == sum(by_code.values())
        assert comparison.areas[0].overstated == comparison.totals.overstated  # the province
        # Every inspection of the round's period is either compared or counted as pending.
        inspections = session.scalar(
            select(Assessment.id)
            .where(Assessment.period == info.period, Assessment.kind == "kiem-tra")
            .limit(1)
        )
        assert inspections is not None


def test_an_inspection_sees_its_units_own_answers(demo):
    database, info = demo
    with database.session() as session:
        unit = round_comparison(session, info.id).units[0]
        from_inspection = comparison_for(session, unit.inspection_id)
        from_self = comparison_for(session, unit.self_id)
    assert from_inspection.items == from_self.items == unit.items
    assert from_inspection.overstated == unit.overstated > 0
    marked = [p for p in unit.items if p.verdict == "overstated"]
    assert all(p.own_status == "dat" and p.inspected_status == "chua-dat" for p in marked)


def test_compare_on_the_command_line(demo, db_path, capsys):
    database, info = demo
    with database.session() as session:
        comparison = round_comparison(session, info.id)
    worst = comparison.units[0]
    assert kiemtra(["--db", str(db_path), "compare", "--round", str(info.id), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [u["unit"] for u in printed["units"]] == [u.unit_name for u in comparison.units]
    assert printed["totals"]["overstated"] == comparison.totals.overstated
    assert "items" not in printed["units"][0]

    args = ["--db", str(db_path), "compare", "--round", info.name, "--unit", str(worst.unit_id)]
    assert kiemtra(args) == 0
    text = capsys.readouterr().out
    assert comparison.basis().split(";")[0].split("/")[1] in text
    assert "Tự đánh giá cao hơn" in text and worst.unit_name in text

    assert kiemtra(["--db", str(db_path), "compare", "--round", "không có"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "không có" in err and "Traceback" not in err


def test_an_inspections_open_actions_follow_the_unit_into_its_next_assessment(
    demo, db_path, capsys
):
    from models.periods import Period
    from models.queries.follow_up import follow_up_for, open_actions

    database, _info = demo
    with database.session() as session:
        required = [a for a in open_actions(session, kind="kiem-tra") if a.period < "2021-W39"]
        assert required, "the demo's inspections leave open actions"
        action = required[0]
        later = session.scalars(
            select(Assessment)
            .where(Assessment.unit_id == action.unit_id, Assessment.kind == "tu-danh-gia")
            .order_by(Assessment.period)
        ).all()
        next_one = next(
            a for a in later if Period(a.period).first_day > Period(action.period).last_day
        )
        shown = follow_up_for(session, next_one.id)
        assert action.action_id in {a.action_id for a in shown}
        assert all(a.kind == "kiem-tra" and a.unit_id == action.unit_id for a in shown)
        # the inspection's own period does not follow itself
        assert action.action_id not in {
            a.action_id for a in follow_up_for(session, action.assessment_id)
        }
    args = ["--db", str(db_path), "actions", "--assessment", str(next_one.id), "--json"]
    assert kiemtra([*args, "--as-of", "06/10/2021"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert str(action.action_id) in {a["id"] for a in printed["actions"]}
    assert printed["overdue"] == sum(
        a.due_on is not None and a.due_on.isoformat() < "2021-10-06" for a in shown
    )


def test_the_round_comparison_workbook_has_a_sheet_per_view(demo, db_path, tmp_path, capsys):
    from openpyxl import load_workbook

    database, info = demo
    with database.session() as session:
        comparison = round_comparison(session, info.id)
    target = tmp_path / "so-sanh.xlsx"
    assert (
        kiemtra(["--db", str(db_path), "compare", "--round", str(info.id), "-o", str(target)]) == 0
    )
    book = load_workbook(target)
    assert book.sheetnames[:3] == ["Theo đơn vị", "Theo yêu cầu", "Theo địa bàn"]
    by_unit = list(book["Theo đơn vị"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[5]) for r in by_unit] == [
        (u.unit_name, u.overstated) for u in comparison.units
    ]
    pairs = list(book[book.sheetnames[3]].iter_rows(min_row=2, values_only=True))
    assert sum(r[7] == "Tự đánh giá cao hơn" for r in pairs) == comparison.totals.overstated
    assert (
        kiemtra(
            [
                "--db",
                str(db_path),
                "compare",
                "--round",
                str(info.id),
                "-o",
                str(tmp_path / "x.csv"),
            ]
        )
        == 1
    )
    assert ".xlsx, .pdf" in capsys.readouterr().err  # a workbook, a PDF or a Word file
    assert not (tmp_path / "x.csv").exists()
