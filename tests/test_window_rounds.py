"""The overview tab driven as an office would: make a round for the 20 cooperatives of a
district, see 0/20, two submit, one is inspected; export the units that have not reported."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from models.catalog import get_version
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.units import create_unit
from qt_app.rounds.overview import OverviewTab
from qt_app.rounds.round_dialog import RoundDialog
from qt_app.rounds.tables import AreaModel, UnitModel

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
CHECKLIST = "451-cv-lmhtx-2021"


@pytest.fixture
def district(database, editor):
    with database.session() as session:
        province = create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        dam_ha = create_unit(session, editor, "Huyện Đầm Hà", "huyen", province)
        htx = [
            create_unit(
                session,
                editor,
                f"HTX Đầm Hà {n:02d}",
                "htx",
                dam_ha,
                contact_person=f"Chủ nhiệm {n}",
                phone=f"0912{n:06d}",
            )
            for n in range(1, 21)
        ]
        create_unit(session, editor, "Trường Tiểu học Đầm Hà", "truong-hoc", dam_ha)
    return dam_ha, htx


def submit(database, editor, unit_id, kind="tu-danh-gia", status="dat"):
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        assessment = svc.start_assessment(
            session, editor, unit_id, version.id, "Tuần 38/2021", kind
        )
        for item in version.items:
            record_answer(session, editor, assessment, item.id, status)
        svc.submit_assessment(session, editor, assessment)


def test_round_for_a_district_from_the_window(
    qtbot, database, editor, district, monkeypatch, tmp_path, boxes
):
    dam_ha, htx = district
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.show()
    tab.load()
    assert "Chưa có đợt nào" in tab.basis.text()

    def fill(dialog: RoundDialog) -> int:
        dialog.name.setText("Tự đánh giá tuần 38 — Đầm Hà")
        dialog.period.setText("Tuần 38/2021")
        assert "20/09/2021" in dialog.period_shown.text()
        for row in range(dialog.checklists.count()):
            item = dialog.checklists.item(row)
            if item.data(Qt.ItemDataRole.UserRole + 1) == CHECKLIST:
                item.setCheckState(Qt.CheckState.Checked)
        dialog.has_due.setChecked(True)
        dialog.due.setDate(QDate(2021, 9, 28))
        dialog.by_rule.setChecked(True)
        dialog.unit_kind.setCurrentIndex(dialog.unit_kind.findData("htx"))
        dialog.area.setCurrentIndex(dialog.area.findData(dam_ha))
        dialog.accept()
        return 1

    monkeypatch.setattr(RoundDialog, "exec", fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.round.count() == 1
    tab.as_of.setDate(QDate(2021, 9, 27))
    totals = tab.areas.lines[-1]
    assert (totals.expected, totals.submitted, totals.not_started) == (20, 0, 20)
    assert tab.basis.text().startswith("0 bài tự đánh giá đã nộp của 0/20 đơn vị")
    assert tab.units.rowCount() == 20

    submit(database, editor, htx[0])
    submit(database, editor, htx[1], status="chua-dat")
    submit(database, editor, htx[0], kind="kiem-tra", status="mot-phan")
    tab.as_of.setDate(QDate(2021, 9, 29))
    total_row = tab.areas.rowCount() - 1
    shown = {
        tab.areas.headerData(
            c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        ): tab.areas.data(tab.areas.index(total_row, c))
        for c in range(tab.areas.columnCount())
    }
    assert shown["Phải báo cáo"] == "20" and shown["Đã nộp"] == "2"
    assert shown["Quá hạn"] == "18" and shown["Đã kiểm tra"] == "1"
    assert shown["Tuân thủ"] == "50,0%" and shown["Tuân thủ khi kiểm tra"] == "50,0%"
    assert tab.basis.text() == (
        "2 bài tự đánh giá đã nộp của 2/20 đơn vị; 0 bài đang làm và 1 bài kiểm tra không "
        "tính vào tỷ lệ; tính đến ngày 29/09/2021."
    )
    assert tab.units.rowCount() == 18  # the units that have not reported
    first = tab.units.index(0, UnitModel.CONTACT)
    assert tab.units.data(first).startswith("Chủ nhiệm")
    assert "quá hạn" in tab.units.data(tab.units.index(0, UnitModel.STATE))

    # Drill down: a double click asks for the unit.
    opened = []
    tab.open_unit.connect(lambda unit, assessment: opened.append((unit, assessment)))
    tab.only_missing.setChecked(False)
    row = next(r for r in range(tab.units.rowCount()) if tab.units.rows[r].unit_id == htx[0])
    tab._open(tab.units.index(row, 0))
    assert opened[0][0] == htx[0] and opened[0][1] is not None

    target = tmp_path / "chua-bao-cao.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(target)["Chưa báo cáo"]
    names = [row[1] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert len(names) == 18 and "HTX Đầm Hà 03" in names
    assert AreaModel.COMPLIANCE == 6


def test_closing_and_reopening_a_round(qtbot, database, editor, district):
    dam_ha, htx = district
    from models.services.rounds import create_round, list_rounds

    with database.session() as session:
        create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            units=htx[:3],
        )
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.load()
    assert tab.close_button.text() == "Đóng đợt"
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    with database.session() as session:
        assert list_rounds(session)[0].status == "closed"
    assert tab.close_button.text() == "Mở lại đợt"
    assert "Đã đóng" in tab.round.currentText()
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    with database.session() as session:
        assert list_rounds(session)[0].status == "open"
    today = tab.as_of.date()
    assert dt.date(today.year(), today.month(), today.day()) == dt.date.today()


def test_the_tree_shows_the_chosen_round_and_keeps_it(qtbot, window, database, editor, seeded):
    """Starting an assessment for another period never changes what the tree shows; the
    round picked above the tree is remembered."""
    from models.services.rounds import create_round

    with database.session() as session:
        week38 = create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=["tb-tu-hoi-nghi-23-8-2021"],
            period="Tuần 38/2021",
            units=[seeded.unit],
        )
        week39 = create_round(
            session,
            editor,
            name="Tuần 39",
            checklists=["tb-tu-hoi-nghi-23-8-2021"],
            period="Tuần 39/2021",
            units=[seeded.unit],
        )
    window.load_units(seeded.unit)
    tree = window.tree
    assert tree.round_box.isVisible() and tree.round_box.count() == 2
    assert tree.model.round_id == week39  # the newest open self-assessment round
    index = tree.round_box.findData(str(week38))
    tree.round_box.activated.emit(index)
    assert tree.model.round_id == week38
    assert tree.model.data(tree.model.index_of(seeded.unit)) is not None

    # An assessment for the current week (the start dialog's default) leaves the tree alone.
    with database.session() as session:
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        svc.start_assessment(session, editor, seeded.unit, version.id, "Tuần 48/2026")
    window.load_units(seeded.unit)
    assert tree.model.round_id == week38 and tree.model.round == "2021-W38"

    # Answering the round's assessment changes the badge of that unit in that round.
    window.answering.open(seeded.assessment)
    with database.session() as session:
        record_answer(session, editor, seeded.assessment, seeded.items[0], "dat")
    window.unit_touched(seeded.unit)
    window._refresh_badge()
    node = tree.model.index_of(seeded.unit).internalPointer()
    assert node.badge is not None and node.badge.state == "draft"

    # The choice is remembered by the next window.
    window.save_state()
    from qt_app.app import create_window

    again = create_window(database)
    qtbot.addWidget(again)
    again.load_units(seeded.unit)
    assert again.tree.model.round_id == week38


def test_the_overview_tab_opens_a_unit_in_the_assessment_tab(
    qtbot, window, database, editor, seeded
):
    from models.services.rounds import create_round

    with database.session() as session:
        create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=["tb-tu-hoi-nghi-23-8-2021"],
            period="Tuần 38/2021",
            units=[seeded.unit],
        )
    window.tabs.setCurrentWidget(window.overview)
    overview = window.overview
    assert overview.round.count() == 1
    assert overview.units.rowCount() == 1  # the unit has only a draft: not reported
    window.tabs.setCurrentWidget(window.library)
    overview._open(overview.units.index(0, 0))
    assert window.tabs.currentWidget() is window.work
    assert window.tree.current_unit() == seeded.unit
    assert window.answering.assessment_id == seeded.assessment


def test_the_round_summary_from_the_overview_says_what_the_tab_says(
    qtbot, database, editor, district, monkeypatch, tmp_path
):
    from models.services.rounds import create_round

    dam_ha, htx = district
    with database.session() as session:
        create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            area_id=dam_ha,
            unit_kind="htx",
        )
    submit(database, editor, htx[0])
    submit(database, editor, htx[1], status="chua-dat")
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.load()
    target = tmp_path / "tong-hop.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.summary_button, Qt.MouseButton.LeftButton)
    facts = {
        row[0]: row[1]
        for row in load_workbook(target)["Tổng hợp"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert facts["Số đơn vị phải báo cáo"] == 20 and facts["Số đơn vị đã nộp"] == 2
    assert facts["Tỷ lệ tuân thủ bình quân (%)"] == tab.overview.totals.compliance == 50.0
    assert f"Cách tính: {tab.basis.text()}" in facts
