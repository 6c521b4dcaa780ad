"""No traps: sample data apart from the user's own, a new unit beside a cooperative (not
under it), archived units brought back — each driven with the keys a user presses."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from models.audit import Editor
from models.db import Database
from models.entities import Unit
from models.services import units
from qt_app.app import create_window
from qt_app.units.dialogs import ArchivedUnitsDialog, NewUnitDialog
from qt_app.units.sample import sample_path
from tests.window_support import REAL_BOX_EXEC, Boxes, Seeded, when_modal

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")


def open_window(qtbot: Any, database: Database, unit: Any = None) -> Any:
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(unit)
    return activate(window)


def activate(window: Any) -> Any:
    window.activateWindow()
    QApplication.processEvents()
    return window


def unit_names(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(session.scalars(select(Unit.name)))


def test_sample_data_opens_apart_marked_and_the_way_back(
    qtbot: Any, database: Database, db_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", REAL_BOX_EXEC)
    window = open_window(qtbot, database)
    button = window.welcome.demo_button
    button.setFocus()
    when_modal(lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))  # asked first: no
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert window.successor is None and not sample_path().exists()
    questions: list[str] = []
    when_modal(lambda box: (questions.append(box.text()), QTest.keyClick(box, Qt.Key.Key_Return)))
    QTest.keyClick(activate(window).welcome.demo_button, Qt.Key.Key_Space)
    assert str(sample_path()) in questions[0]  # says where the sample goes
    sample = window.successor
    qtbot.addWidget(sample)
    assert sample.is_sample and sample.database.path == sample_path()
    assert sample.windowTitle().startswith("[DỮ LIỆU MẪU]")
    assert sample.banner.isVisibleTo(sample) and sample.back_action.isVisible()
    assert sample.tree.model.unit_count() > 50 and sample.tree.round_box.count() > 0
    assert unit_names(database) == []  # the user's own file got none of it
    assert database.closed  # and was let go of while the sample is open
    back_button = sample.banner.back_button
    back_button.setFocus()
    QTest.keyClick(activate(sample).banner.back_button, Qt.Key.Key_Space)
    own = sample.successor
    qtbot.addWidget(own)
    try:
        assert own.database.path == db_path and not own.is_sample
        assert not own.banner.isVisibleTo(own) and own.sample_action.isVisible()
        assert own.work.currentWidget() is own.welcome  # still the user's empty database
    finally:
        own.database.close()


def test_a_new_unit_goes_beside_a_cooperative_not_under_it(
    qtbot: Any, window: Any, database: Database, seeded: Seeded, editor: Editor
) -> None:
    with database.session() as session:
        district = units.create_unit(session, editor, "Huyện Đầm Hà", "huyen", seeded.province)
        coop = units.create_unit(session, editor, "HTX Quảng Lâm", "htx", district)
    window.load_units(coop)
    activate(window)
    seen: list[tuple[str, str]] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NewUnitDialog)
        seen.append((dialog.under.currentText(), dialog.kind.currentData()))
        QTest.keyClicks(dialog.name, "HTX Dam Ha")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    when_modal(fill)
    QTest.keyClick(window.tree.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == [("Huyện Đầm Hà", "htx")]  # the district, not the cooperative
    with database.session() as session:
        made = session.scalar(select(Unit).where(Unit.name == "HTX Dam Ha"))
        assert made is not None and made.parent_id == district and made.kind == "htx"
    # Under a district the district itself is the parent; the selected unit is offered too.
    dialog = NewUnitDialog(coop, "HTX Quảng Lâm", window, parent_kind="htx", others=[])
    assert dialog.kind.currentData() == "htx"


def test_an_archived_unit_comes_back(
    qtbot: Any, window: Any, database: Database, seeded: Seeded, boxes: Boxes
) -> None:
    assert window.units.archive(seeded.unit)
    assert window.tree.model.unit_name(seeded.unit) is None
    offered: list[list[str]] = []

    def bring_back(dialog: QWidget) -> None:
        assert isinstance(dialog, ArchivedUnitsDialog)
        offered.append([dialog.list.item(n).text() for n in range(dialog.list.count())])
        QTest.keyClicks(dialog.search, "dong tam")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)

    when_modal(bring_back)
    window.archived_action.trigger()
    assert offered == [["HTX Nông nghiệp Đồng Tâm"]]
    assert window.tree.current_unit() == seeded.unit  # back in the tree, selected
    with database.session() as session:
        unit = session.get(Unit, seeded.unit)
        assert unit is not None and unit.archived_at is None
    assert "trở lại" in window.status.text()
    nothing: list[bool] = []
    when_modal(lambda dialog: (nothing.append(dialog.ok.isEnabled()), dialog.reject()))
    window.archived_action.trigger()
    assert nothing == [False]  # no archived unit: nothing to choose


def test_sample_file_that_cannot_be_made_is_a_message(
    qtbot: Any, database: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import paths

    window = open_window(qtbot, database)
    sample_path().parent.mkdir(parents=True, exist_ok=True)
    blocked = sample_path().parent / "khong-ghi-duoc"
    blocked.write_text("not a folder")
    monkeypatch.setattr(paths, "data_dir", lambda create=True: blocked)
    window.welcome.demo_button.click()
    assert window.successor is None
    assert len(boxes.texts) == 2 and str(blocked) in boxes.texts[1]  # why, in a message
    assert window.welcome.demo_button.isEnabled()
    assert not window.database.closed  # the window goes on over the user's own file
