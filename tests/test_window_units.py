"""The unit tree, first run, starting assessments and remembering where the user was."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.demo import generate_demo
from models.entities import Assessment, Unit
from models.text import fold
from qt_app.answering.dialogs import StartAssessmentDialog, StartValues
from qt_app.app import create_window
from qt_app.units import dialogs
from qt_app.units.dialogs import NewUnit
from qt_app.units.tree import BadgeRole, UnitIdRole
from tests.window_support import CHECKLIST, Boxes, Seeded


def open_window(qtbot: Any, database: Database, select_unit: Any = None) -> Any:
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(select_unit)
    return window


def visible_names(window: Any) -> list[str]:
    names: list[str] = []
    proxy = window.tree.proxy

    def walk(parent: Any) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    walk(proxy.index(-1, -1))
    return names


def test_first_run_greets_and_opens_the_sample_apart(
    qtbot: Any, database: Database, boxes: Boxes
) -> None:
    window = open_window(qtbot, database)
    assert window.work.currentWidget() is window.welcome
    assert window.is_ready
    window.welcome.demo_button.click()
    sample = window.successor
    qtbot.addWidget(sample)
    try:
        assert sample.is_sample and sample.tree.model.unit_count() > 50
        assert sample.tree.round_box.isVisibleTo(sample)  # the demo's weekly rounds
        with database.session() as session:  # the user's own file stays empty
            assert session.scalar(select(Unit.id).limit(1)) is None
    finally:
        sample.database.close()


def test_first_unit_from_the_welcome_page(
    qtbot: Any, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, database)

    def fill(dialog: dialogs.NewUnitDialog) -> int:
        dialog.name.setText("Liên minh HTX tỉnh Quảng Ninh")
        return 1

    monkeypatch.setattr(dialogs.NewUnitDialog, "exec", fill)
    window.welcome.create_button.click()
    assert window.work.currentWidget() is window.splitter
    assert (
        window.tree.model.unit_name(window.tree.current_unit()) == "Liên minh HTX tỉnh Quảng Ninh"
    )
    assert window.assessment_view.empty_start.isVisible()


def test_search_ignores_diacritics_and_badges_come_from_one_query(
    qtbot: Any, database: Database
) -> None:
    generate_demo(database, units=40)
    window = open_window(qtbot, database)
    with database.session() as session:
        target = session.scalar(select(Unit.name).where(Unit.kind == "htx").limit(1))
    assert target is not None and fold(target) != target.casefold()  # it has diacritics
    window.tree.search.setText(fold(target))  # typed without them
    window.tree.apply_search()
    names = visible_names(window)
    assert target in names and "Tỉnh Quảng Ninh" in names  # the path to a match stays
    assert all(fold(target) in fold(n) for n in names if n.startswith("HTX"))
    window.tree.search.setText("uong bi")
    window.tree.apply_search()
    assert "Thành phố Uông Bí" in visible_names(window)
    badges = [window.tree.model.index_of(u).data(BadgeRole) for u in list(window.tree.model._nodes)]
    assert {b.state for b in badges if b is not None} == {"draft", "submitted"}


def test_unit_add_rename_move_archive(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    units = window.units
    new = units.create_unit(
        NewUnit(
            "Trường THCS Lê Lợi",
            "truong-hoc",
            seeded.province,
            "Hạ Long",
            "Phạm Văn Nam",
            "0912345678",
        )
    )
    assert new is not None and window.tree.current_unit() == new
    assert units.rename(new, "Trường THCS Lê Lợi Hạ Long")
    assert window.tree.model.unit_name(new) == "Trường THCS Lê Lợi Hạ Long"
    assert units.move(new, seeded.unit)
    assert window.tree.model.parent_id(new) == seeded.unit
    assert not units.move(seeded.unit, new)  # under its own child: refused with a message
    assert units.archive(new)
    assert window.tree.model.unit_name(new) is None
    assert window.tree.current_unit() == seeded.unit
    with database.session() as session:
        unit = session.get(Unit, new)
        assert unit is not None and unit.archived_at is not None


def test_unit_dialogs_through_the_menu(
    qtbot: Any, window: Any, seeded: Seeded, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename(dialog: dialogs.RenameUnitDialog) -> int:
        dialog.name.setText("HTX Đồng Tâm")
        return 1

    def move(dialog: dialogs.MoveUnitDialog) -> int:
        dialog.search.setText("quang ninh")
        rows = [r for r in range(dialog.list.count()) if not dialog.list.item(r).isHidden()]
        assert len(rows) == 2  # "(cấp cao nhất)" and the province
        dialog.list.setCurrentRow(0)
        return 1

    monkeypatch.setattr(dialogs.RenameUnitDialog, "exec", rename)
    monkeypatch.setattr(dialogs.MoveUnitDialog, "exec", move)
    window.rename_action.trigger()
    assert window.tree.model.unit_name(seeded.unit) == "HTX Đồng Tâm"
    window.move_action.trigger()
    assert window.tree.model.parent_id(seeded.unit) is None
    boxes.answer = boxes.answer.Cancel
    window.archive_action.trigger()
    assert window.tree.model.unit_name(seeded.unit) == "HTX Đồng Tâm"


def test_start_assessment_and_continue_the_unfinished_one(
    qtbot: Any, window: Any, database: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        version = get_version(session, "451-cv-lmhtx-2021").id
    started = window.answering.start(
        seeded.unit, StartValues(version, "2021-W39", "kiem-tra", "Thanh tra viên")
    )
    assert started is not None and window.answering.assessment_id == started
    assert window.assessment_view.choice.count() == 2
    assert "Tuần 39/2021" in window.assessment_view.details_label.text()
    assert "Kiểm tra" in window.assessment_view.details_label.text()
    again = window.answering.start(
        seeded.unit, StartValues(version, "Tuần 39/2021", "kiem-tra", "")
    )
    assert again == started  # the same four keys continue the one already started

    def fill(dialog: StartAssessmentDialog) -> int:
        dialog.checklist.setCurrentIndex(dialog.checklist.findData(str(version)))
        dialog.period.setEditText("tuan 40/2021")
        assert dialog.ok.isEnabled() and "Tuần 40/2021" in dialog.period_check.text()
        dialog.period.setEditText("tuần 99/2021")
        assert not dialog.ok.isEnabled()
        dialog.period.setEditText("28/09/2021")
        return 1

    monkeypatch.setattr(StartAssessmentDialog, "exec", fill)
    window.start_action.trigger()
    with database.session() as session:
        periods = set(session.scalars(select(Assessment.period)))
    assert periods == {"2021-W38", "2021-W39", "2021-09-28"}


def test_the_last_unit_and_assessment_come_back(
    qtbot: Any, database: Database, editor: Editor, seeded: Seeded
) -> None:
    with database.session() as session:
        from models.services.assessments import start_assessment

        other = start_assessment(
            session, editor, seeded.unit, get_version(session, CHECKLIST).id, "Tuần 37/2021"
        )
    first = open_window(qtbot, database, seeded.unit)
    first.assessment_view.select_choice(other)
    first.answering.open(other)
    first.close()
    second = open_window(qtbot, database, second_unit := first.last_unit())
    assert second_unit == seeded.unit
    assert second.tree.current_unit() == seeded.unit
    assert second.answering.assessment_id == other


def test_badge_follows_answers_and_submission(qtbot: Any, window: Any, seeded: Seeded) -> None:
    from PySide6.QtCore import Qt

    table = window.assessment_view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_1)
    window._refresh_badge()
    badge = window.tree.model.index_of(seeded.unit).data(BadgeRole)
    assert badge.state == "draft" and badge.compliance == 100.0
    window.answering.submit()
    window._refresh_badge()
    assert window.tree.model.index_of(seeded.unit).data(BadgeRole).state == "submitted"
    province = window.tree.model.index_of(seeded.province)
    assert province.siblingAtColumn(1).data() == "1/1"


def test_tree_model_and_filter_pass_the_model_tester(
    qtmodeltester: Any, qtbot: Any, database: Database
) -> None:
    generate_demo(database, units=30)
    window = open_window(qtbot, database)
    qtmodeltester.check(window.tree.model)
    window.tree.search.setText("truong")
    window.tree.apply_search()
    qtmodeltester.check(window.tree.proxy)
    assert window.tree.proxy.index(0, 0).data(UnitIdRole) is not None
