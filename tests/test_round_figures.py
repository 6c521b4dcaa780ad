"""Every figure of a demo round, computed through each surface that shows it (the unit
tree's badges, the overview, the command line's JSON, the summary workbook and the summary
PDF), agrees to the printed digit, and each surface states the same basis."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import load_workbook

from models.demo import generate_demo
from models.queries.rounds import round_overview
from models.queries.summary import select_round
from models.queries.units import unit_tree
from models.services.rounds import list_rounds
from models.vocabulary import percent_text
from qt_app.cli import main as kiemtra
from reports.pdf_summary import write_summary_pdf
from reports.xlsx_summary import write_summary_xlsx

AS_OF = dt.date(2021, 10, 6)


@pytest.fixture
def demo(database):
    generate_demo(database, units=40, seed=3)
    with database.session() as session:
        rounds = list_rounds(session)
    # the latest week's round of the checklist most units answer: drafts, gaps, submissions
    chosen = max(rounds, key=lambda r: (r.period, r.expected))
    return database, chosen


def test_every_surface_says_the_same(demo, tmp_path, capsys):
    database, info = demo
    with database.session() as session:
        overview = round_overview(session, info.id, AS_OF)
        tree = unit_tree(session, info.id)
        selection = select_round(session, str(info.id))
        write_summary_xlsx(session, selection, tmp_path / "s.xlsx", as_of=AS_OF)
        write_summary_pdf(session, selection, tmp_path / "s.pdf", as_of=AS_OF)
    t = overview.totals
    assert t.submitted and t.in_progress and t.not_started, "the demo round has every state"
    mean = t.compliance
    basis = overview.basis("vi")

    # The command line.
    assert (
        kiemtra(
            [
                "--db",
                database.url,
                "rounds",
                "show",
                str(info.id),
                "--as-of",
                "06/10/2021",
                "--json",
            ]
        )
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["totals"]["compliance"] == mean
    assert shown["totals"]["submitted"] == t.submitted
    assert shown["basis"]["vi"] == basis

    # The tree: the badge of each unit that submitted is its figure in the overview.
    standings = {s.unit_id: s for s in overview.units}
    submitted = [s for s in overview.units if s.state == "submitted"]
    for standing in submitted:
        assert tree.badges[standing.unit_id].state == "submitted"
        assert tree.badges[standing.unit_id].compliance == standing.compliance
    for unit_id, badge in tree.badges.items():
        assert unit_id in standings, "the tree shows only the round's own assessments"
        assert badge.state == ("submitted" if standings[unit_id].state == "submitted" else "draft")

    # The summary workbook.
    book = load_workbook(tmp_path / "s.xlsx")
    facts = {
        row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]
    }
    assert facts["Tỷ lệ tuân thủ bình quân (%)"] == mean
    assert facts["Số đơn vị phải báo cáo"] == t.expected
    assert facts["Số đơn vị đã nộp"] == t.submitted
    assert facts["Bài đang làm (không tính)"] == t.draft_assessments
    assert f"Cách tính: {basis}" in facts
    matrix = book["Đơn vị"]
    cells = {row[0]: row[3] for row in matrix.iter_rows(min_row=2, values_only=True)}
    for standing in submitted:
        assert cells[standing.name] == standing.compliance
    for standing in overview.units:
        if standing.state == "draft":
            assert cells[standing.name] == "Đang làm"
    missing = [row[1] for row in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)]
    assert sorted(missing) == sorted(s.name for s in overview.missing)

    # The summary PDF, as pdftotext reads it (one number format: the decimal comma).
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"Tỷ lệ tuân thủ bình quân: {percent_text(mean)}." in flat
    assert f"Số đơn vị đã nộp: {t.submitted}/{t.expected};" in flat
    assert " ".join(f"Cách tính: {basis}".split()) in flat
    assert "ĐƠN VỊ CHƯA BÁO CÁO" in flat
