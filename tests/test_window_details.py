"""Small things a user sees: the search goes down to its results, a district found by name
opens, a unit still answering never reads as finished, a unit without assessments shows no
other unit's count."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models.audit import Editor
from models.db import Database
from models.services import units
from qt_app.units.tree import STATUS, UnitIdRole
from tests.window_support import Seeded

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")


@pytest.fixture
def district(database: Database, editor: Editor, seeded: Seeded) -> Any:
    with database.session() as session:
        district = units.create_unit(session, editor, "Huyện Đầm Hà", "huyen", seeded.province)
        for name in ("HTX Quảng Lợi", "HTX Đầm Hà Xanh"):
            units.create_unit(session, editor, name, "htx", district)
    return district


def search(window: Any, text: str) -> None:
    tree = window.tree
    tree.search.setFocus()
    QTest.keyClick(tree.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tree.search, text)
    tree.apply_search()  # the search waits for a pause in typing; no need to wait here


def test_down_or_enter_in_the_search_goes_to_the_results(
    qtbot: Any, district: Any, window: Any
) -> None:
    search(window, "quang loi")
    QTest.keyClick(window.tree.search, Qt.Key.Key_Down)
    assert window.tree.view.hasFocus()
    assert window.tree.model.unit_name(window.tree.current_unit()) == "HTX Quảng Lợi"
    assert window.assessment_view.unit_label.text() == "HTX Quảng Lợi"
    search(window, "dong tam")
    QTest.keyClick(window.tree.search, Qt.Key.Key_Return)
    assert window.tree.view.hasFocus()
    assert window.tree.model.unit_name(window.tree.current_unit()) == "HTX Nông nghiệp Đồng Tâm"


def test_a_district_found_by_name_opens_to_its_units(
    qtbot: Any, district: Any, window: Any
) -> None:
    search(window, "huyen dam ha")
    QTest.keyClick(window.tree.search, Qt.Key.Key_Down)
    view, proxy = window.tree.view, window.tree.proxy
    found = view.currentIndex()
    assert found.data(UnitIdRole) == district
    assert proxy.rowCount(found) == 2 and not view.isExpanded(found)  # closed, openable
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.isExpanded(found)
    names = sorted(proxy.index(r, 0, found).data() for r in range(proxy.rowCount(found)))
    assert names == ["HTX Quảng Lợi", "HTX Đầm Hà Xanh"]
    search(window, "dam ha")  # matches the district and one unit below it
    assert window.tree.model.unit_name(window.tree.next_unit(None)) == "HTX Đầm Hà Xanh"


def test_a_unit_still_answering_never_reads_as_finished(
    qtbot: Any, window: Any, seeded: Seeded
) -> None:
    table = window.assessment_view.table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_1)
    window._refresh_badge()
    status = window.tree.model.index_of(seeded.unit).siblingAtColumn(STATUS)
    assert status.data() == "Đang làm"  # not "100%" over the one item answered
    assert "đến nay" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert window.answering.submit()
    window._refresh_badge()
    assert status.data() == "100%"


def test_a_unit_without_assessments_shows_no_count(
    qtbot: Any, district: Any, window: Any, seeded: Seeded
) -> None:
    view = window.assessment_view
    assert view.count_label.text().endswith("mục") and view.filters.isVisibleTo(view)
    window.tree.select_unit(district)
    QApplication.processEvents()
    assert view.count_label.text() == "" and not view.filters.isVisibleTo(view)
    assert view.empty_start.isVisibleTo(view)
