"""Self-assessment against inspection: the demo's inspections sometimes disagree with the
units; every figure of the comparison is recomputed here from the raw answers, and the
command line prints the same."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from PySide6.QtCore import Qt
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
    assert sum(r[8] == "Tự đánh giá cao hơn" for r in pairs) == comparison.totals.overstated
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


TWO = ("07-tb-cb-2021", "tb-tu-hoi-nghi-23-8-2021")  # both have a requirement "1"


def _answered(database, editor, unit_id, slug, kind, failed=()):
    """Every requirement the checklist asks of the unit Đạt but ``failed`` (Chưa đạt), then
    submitted."""
    from models.catalog import get_version
    from models.queries.items import item_rows
    from models.services import assessments as svc
    from models.services.answers import record_answer

    with database.session() as session:
        version = get_version(session, slug)
        assessment = svc.start_assessment(
            session, editor, unit_id, version.id, "Tuần 38/2021", kind, assessor="Lê Minh Châu"
        )
        for item in item_rows(session, assessment):
            if item.asked and item.role == "requirement":
                status = "chua-dat" if item.code in failed else "dat"
                record_answer(session, editor, assessment, item.item_id, status)
        svc.submit_assessment(session, editor, assessment)


@pytest.fixture
def two_checklists(database, editor):
    """A round of two checklists and two cooperatives, each answering both: the inspectors
    find item 1 of the first checklist failed at one, item 1 of the second at the other."""
    from models.services.rounds import create_round
    from models.services.units import create_unit

    with database.session() as session:
        htx = [create_unit(session, editor, f"HTX Tiên Yên {n}", "htx") for n in (1, 2)]
        round_id = create_round(
            session,
            editor,
            name="Tuần 38 — hai văn bản",
            checklists=list(TWO),
            period="Tuần 38/2021",
            units=htx,
        )
    for unit in htx:
        for slug in TWO:
            _answered(database, editor, unit, slug, "tu-danh-gia")
    for unit, failing in zip(htx, TWO, strict=True):
        for slug in TWO:
            failed = ("1",) if slug == failing else ()
            _answered(database, editor, unit, slug, "kiem-tra", failed)
    return round_id


def test_requirements_of_two_checklists_sharing_a_code_are_counted_apart(database, two_checklists):
    with database.session() as session:
        comparison = round_comparison(session, two_checklists)
    assert len(comparison.units) == 4  # two units, two checklists each
    ones = [t for t in comparison.items if t.key == "1"]
    assert sorted((t.checklist, t.units, t.overstated) for t in ones) == [
        (TWO[0], 2, 1),
        (TWO[1], 2, 1),
    ]
    assert ones[0].name != ones[1].name  # each with its own checklist's requirement
    keys = [(t.checklist, t.key) for t in comparison.items]
    assert len(keys) == len(set(keys))
    assert comparison.totals.overstated == 2


def test_the_json_and_the_workbook_name_each_requirements_checklist(
    database, two_checklists, db_path, tmp_path, capsys
):
    from openpyxl import load_workbook

    args = ["--db", str(db_path), "compare", "--round", str(two_checklists)]
    assert kiemtra([*args, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    ones = [t for t in printed["items"] if t["key"] == "1"]
    assert sorted((t["checklist"], t["overstated"]) for t in ones) == [(TWO[0], 1), (TWO[1], 1)]
    assert "Thông báo 07/TB-CB" in {t["document"] for t in ones}
    assert all(t["document"] and t["document"] != t["checklist"] for t in ones)
    assert all("checklist" not in a for a in printed["areas"])

    assert kiemtra(args) == 0  # the text names the checklist beside the code
    by_item = capsys.readouterr().out.split("Theo yêu cầu\n")[1].split("\n\n")[0]
    lines = [line.split()[:4] for line in by_item.splitlines()[2:]]
    assert sorted(lines) == [[TWO[0], "1", "1", "2"], [TWO[1], "1", "1", "2"]]

    target = tmp_path / "hai-van-ban.xlsx"
    assert kiemtra([*args, "-o", str(target)]) == 0
    capsys.readouterr()
    rows = list(load_workbook(target)["Theo yêu cầu"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Danh mục", "Mục", "Yêu cầu")
    named = {t["checklist"]: t["document"] for t in ones}  # a workbook names the directive
    assert sorted((r[0], r[1], r[3], r[6]) for r in rows[1:] if r[1] == "1") == sorted(
        [(named[TWO[0]], "1", 2, 1), (named[TWO[1]], "1", 2, 1)]
    )
    book = load_workbook(target)
    pairs = list(book[book.sheetnames[3]].iter_rows(values_only=True))
    assert pairs[0][:3] == ("Đơn vị", "Danh mục", "Mục")
    overstated = sorted((r[0], r[1], r[2]) for r in pairs[1:] if r[8] == "Tự đánh giá cao hơn")
    assert overstated == [
        ("HTX Tiên Yên 1", named[TWO[0]], "1"),
        ("HTX Tiên Yên 2", named[TWO[1]], "1"),
    ]


def test_the_round_report_names_each_requirements_document(
    database, two_checklists, db_path, tmp_path
):
    from docx import Document

    from models.queries.documents import directive_numbers

    target = tmp_path / "hai-van-ban.docx"
    args = ["--db", str(db_path), "compare", "--round", str(two_checklists), "-o", str(target)]
    assert kiemtra(args) == 0
    with database.session() as session:
        named = directive_numbers(session, list(TWO))
    assert named[TWO[0]] == "Thông báo 07/TB-CB"
    document = Document(str(target))
    annex = next(t for t in document.tables if t.rows[0].cells[1].text == "Mục")
    assert annex.rows[0].cells[0].text == "Văn bản"
    rows = [[c.text for c in row.cells] for row in annex.rows[1:]]
    ones = sorted((r[0], r[3], r[6]) for r in rows if r[1].split()[0] == "1")
    assert ones == sorted([(named[TWO[0]], "2", "1"), (named[TWO[1]], "2", "1")])
    body = " ".join(" ".join(p.text for p in document.paragraphs).split())
    assert f"mục 1 ({named[TWO[0]]}) — " in body and f"mục 1 ({named[TWO[1]]}) — " in body


@pytest.mark.usefixtures("immediate_tasks", "vietnamese")
def test_the_window_lists_each_requirement_with_its_checklist(qtbot, database, two_checklists):
    from qt_app.rounds.comparison import ComparisonDialog

    dialog = ComparisonDialog(database, two_checklists)
    qtbot.addWidget(dialog)
    items = dialog.items
    headers = [items.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]
    assert headers == ["Danh mục", "Yêu cầu"]
    shown = [
        [items.data(items.index(r, c)) for c in range(items.columnCount())]
        for r in range(items.rowCount())
    ]
    ones = sorted((r[0], r[5]) for r in shown if r[1].startswith("1 "))
    from models.queries.documents import directive_numbers

    with database.session() as session:  # named as people name them, never the internal id
        named = directive_numbers(session, list(TWO))
    assert ones == sorted([(named[TWO[0]], "1"), (named[TWO[1]], "1")])
    assert all(r[1].split(" — ", 1)[1] for r in shown)  # each names its requirement
