"""Larger text at 1366×768: everything fits or scrolls, nothing is cut; the window reopens
on the screen. The text size is changed as a user does it, in the settings dialog."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHeaderView,
    QLabel,
    QWidget,
)

from models.db import Database
from qt_app import i18n, window_geometry
from qt_app.app import create_window
from qt_app.settings import LANGUAGE, Settings
from qt_app.settings_dialog import SettingsDialog
from tests.window_support import Seeded, when_modal

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")

SCREEN = (1366, 740)  # 1366×768 less the title bar
# A 1366×768 screen with a 30-pixel panel at the bottom (the offscreen screen is 800×800).
FREE_AREA = QRect(0, 0, 1366, 738)


@pytest.fixture(autouse=True)
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_geometry, "free_area", lambda _window: QRect(FREE_AREA))


@pytest.fixture(autouse=True)
def back_to_size_ten(qapp: QApplication) -> Any:
    """The text size is process-wide: the next test starts at the default again."""
    yield
    font = QApplication.font()
    font.setPointSize(10)
    QApplication.setFont(font)


def open_at(qtbot: Any, database: Database, seeded: Seeded) -> Any:
    window = create_window(database)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.load_units(seeded.unit)
    window.activateWindow()
    QApplication.processEvents()
    return window


def choose_text_size(window: Any, size: int) -> None:
    """Tệp → Cài đặt…, the size typed into its box, Enter."""

    def type_size(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        box = dialog.text_size
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(box, str(size))
        QTest.keyClick(box, Qt.Key.Key_Return)

    when_modal(type_size)
    window.settings_action.trigger()
    window.activateWindow()  # back from the dialog
    QApplication.processEvents()
    assert QApplication.font().pointSize() == size


def cut_off(root: QWidget) -> list[str]:
    """Buttons and one-line labels shown narrower or lower than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or isinstance(widget, QHeaderView):
            continue
        one_line = isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        if not (isinstance(widget, QAbstractButton) or one_line):
            continue
        need = widget.minimumSizeHint()
        if widget.width() < need.width() or widget.height() < need.height():
            found.append(f"{type(widget).__name__} {widget.text()!r} {widget.size()} < {need}")
    return found


def headers_cut(header: QHeaderView) -> list[str]:
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    model = header.model()
    return [
        str(model.headerData(n, Qt.Orientation.Horizontal))
        for n in range(header.count())
        if not header.isSectionHidden(n)
        and header.sectionSize(n)
        < metrics.horizontalAdvance(str(model.headerData(n, Qt.Orientation.Horizontal))) + 8
    ]


@pytest.mark.parametrize(("language", "size"), [("vi", 10), ("vi", 14), ("en", 14)])
def test_nothing_is_cut_at_1366_by_768(
    qtbot: Any, qapp: QApplication, database: Database, seeded: Seeded, language: str, size: int
) -> None:
    Settings().set(LANGUAGE, language)
    window = open_at(qtbot, database, seeded)
    choose_text_size(window, size)
    qtbot.keyClick(window.assessment_view.table, Qt.Key.Key_1)  # "Đã lưu hh:mm:ss" shows
    QApplication.processEvents()
    assert window.width() <= SCREEN[0]
    for part in (window.tree, window.assessment_view, window.pane):
        assert cut_off(part) == []
    assert headers_cut(window.assessment_view.table.horizontalHeader()) == []
    assert headers_cut(window.tree.view.header()) == []
    # The pane is never squeezed below what it holds; at a large size it scrolls.
    pane = window.pane
    assert pane.width() >= pane.minimumWidth()
    assert pane.widget().width() >= pane.widget().minimumSizeHint().width()
    line = pane.fontMetrics().lineSpacing()
    assert pane.source.height() >= 5 * line  # the directive text: at least five lines
    pane.bottom.setCurrentWidget(pane.history)
    QApplication.processEvents()
    rows = pane.history.viewport().height() // pane.history.verticalHeader().defaultSectionSize()
    assert rows >= 4  # the item's history: four changes in sight
    # The title and "Đã lưu" follow the text size.
    view = window.assessment_view
    assert view.unit_label.font().pointSizeF() > size
    assert view.saved_label.text().startswith(("Đã lưu", "Saved"))
    assert view.saved_label.font().pointSize() == size
    i18n.install(qapp, "vi")


def test_saved_at_appearing_never_moves_the_panes(
    qtbot: Any, database: Database, seeded: Seeded
) -> None:
    window = open_at(qtbot, database, seeded)
    choose_text_size(window, 14)
    QApplication.processEvents()
    before = window.splitter.sizes()
    view, pane = window.assessment_view, window.pane
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # to the note
    QTest.keyClicks(pane.note, "Chua co so")
    QTest.keyClick(pane.note, Qt.Key.Key_Escape)  # saved: "Đã lưu 10:16:18" beside the note
    QApplication.processEvents()
    assert pane.note_state.text().startswith("Đã lưu")
    assert window.splitter.sizes() == before
    qtbot.keyClick(view.table, Qt.Key.Key_2)  # and the same in the header
    QApplication.processEvents()
    assert view.saved_label.text().startswith("Đã lưu")
    assert window.splitter.sizes() == before


def test_the_window_comes_back_on_the_screen(qtbot: Any, database: Database) -> None:
    area = FREE_AREA
    first = create_window(database)
    qtbot.addWidget(first)
    first.show()
    first.activateWindow()
    QApplication.processEvents()
    assert area.contains(first.frameGeometry())  # a first start fits the screen
    height = first.minimumSizeHint().height() + 20
    first.setGeometry(0, area.bottom() - height + 60, first.width(), height)
    QApplication.processEvents()
    assert first.frameGeometry().bottom() > area.bottom()  # left hanging off the bottom
    first.close()
    again = create_window(database)
    qtbot.addWidget(again)
    again.show()
    frame: QRect = again.frameGeometry()
    assert area.top() <= frame.top() and frame.bottom() <= area.bottom(), (frame, area)
    assert again.height() == height  # moved up, not shrunk
