"""Every figure of every demo assessment is the same wherever a user reads it: the unit
tree (its column and its tooltip), `kiemtra assessments list --json` and `show --json`, the
assessment workbook and the summary workbook of its round, to the printed digit."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models.demo import generate_demo
from models.device import LocalDevice
from models.entities import Assessment, Unit
from models.opening import open_database
from models.periods import Period
from models.queries.units import round_choices, unit_tree
from models.vocabulary import ASSESSMENT_STATUSES, label_of, percent_text
from qt_app.cli import main
from qt_app.units.tree import STATUS, UnitTreeView

pytestmark = pytest.mark.usefixtures("vietnamese")
DEVICE = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-0000000000dd"), name="may-van-phong")


@pytest.fixture
def demo(db_path):
    database = open_database(db_path, device=DEVICE)
    generate_demo(database, units=12, seed=11)
    yield database
    database.close()


def cli(capsys, db_path, *args: str) -> str:
    capsys.readouterr()
    assert main(["--db", str(db_path), *args]) == 0
    return capsys.readouterr().out


@pytest.mark.slow  # every demo assessment through the CLI and every export
def test_the_tree_the_command_line_and_the_exports_agree(demo, db_path, capsys, tmp_path, qtbot):
    listed = {
        row["id"]: row for row in json.loads(cli(capsys, db_path, "assessments", "list", "--json"))
    }
    assert len(listed) > 40

    # What `assessments show` says of each one is what the list says.
    shown = {}
    for aid, line in listed.items():
        detail = json.loads(cli(capsys, db_path, "assessments", "show", aid, "--json"))
        score = detail["score"]
        assert (score["compliance"], score["coverage"], score["failed_critical"]) == (
            line["compliance"],
            line["coverage"],
            line["failed_critical"],
        )
        shown[aid] = detail
    assert {s["score"]["compliance"] for s in shown.values()} - {None}

    # The assessment workbook prints the same figures.
    for aid, detail in shown.items():
        path = tmp_path / f"{aid}.xlsx"
        cli(capsys, db_path, "export", "assessment", aid, "-o", str(path))
        sheet = load_workbook(path)["Đánh giá"]
        values = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(4, 14)}
        score = detail["score"]
        expected = score["compliance"] if score["compliance"] is not None else "—"
        assert values["Tuân thủ (%)"] == expected, aid
        coverage = f" ({score['coverage']}%)" if score["coverage"] is not None else ""
        assert values["Đã trả lời"] == f"{score['answered']}/{score['total']} mục{coverage}"
        assert values["Mục trọng yếu chưa đạt"] == (", ".join(score["failed_critical"]) or "Không")

    # The summary workbook of each period has each unit's figure in its checklist's column
    # (a draft says it is one).
    for period in {line["period"] for line in listed.values()}:
        path = tmp_path / f"summary-{period}.xlsx"
        cli(capsys, db_path, "export", "summary", "--round", period, "-o", str(path))
        matrix = load_workbook(path)["Đơn vị"]
        headers = [cell.value for cell in matrix[1]]
        rows = {(row[0], row[1]): row for row in matrix.iter_rows(min_row=2, values_only=True)}
        for aid, detail in shown.items():
            if detail["period"] != period or detail["kind"] != "tu-danh-gia":
                continue  # a period's summary is of its self-assessments
            parent = _parent_name(demo, detail["unit_id"])
            column = headers.index(f"{detail['title']} (%)")
            printed = rows[(detail["unit"], parent)][column]
            if detail["status"] == "draft":  # drafts are shown apart, never as a figure
                assert printed == label_of(ASSESSMENT_STATUSES, "draft"), aid
            else:
                assert printed == detail["score"]["compliance"], aid

    # The tree, round by round (each assessment in its own round): a submitted unit's column
    # and every unit's tooltip.
    view = UnitTreeView()
    qtbot.addWidget(view)
    checked = 0
    with demo.session() as session:
        trees = [unit_tree(session, choice.id) for choice in round_choices(session)]
        round_of = dict(session.execute(select(Assessment.id, Assessment.round_id)).all())
    assert trees
    for tree in trees:
        view.load(tree)
        for aid, detail in shown.items():
            if round_of[uuid.UUID(aid)] != tree.round_id:
                continue
            index = view.model.index_of(uuid.UUID(detail["unit_id"]))
            compliance = detail["score"]["compliance"]
            column = index.sibling(index.row(), STATUS).data()
            if detail["status"] == "submitted":
                assert column == percent_text(compliance, 0), aid
            tooltip = index.data(0x03)  # Qt.ToolTipRole
            found = re.search(r"Mức đạt[^:]*: ([\d,]+%)", tooltip)
            assert (found[1] if found else None) == (
                percent_text(compliance, 1) if compliance is not None else None
            ), (aid, tooltip)
            assert Period(tree.round).label in tooltip
            checked += 1
    assert checked == len(shown)


def _parent_name(database, unit_id: str) -> str:
    with database.session() as session:
        unit = session.get(Unit, uuid.UUID(unit_id))
        parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
        return parent.name if parent else ""
