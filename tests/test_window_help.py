"""F1 opens the user guide inside the program, offline, at the part about what is on screen;
the guide is found from a source checkout and from the layout a wheel or bundle ships."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models import paths
from models.audit import Editor
from models.db import Database
from models.services import units
from qt_app import i18n
from qt_app.app import create_window
from qt_app.help.guide import GuideWindow, slug
from qt_app.settings import LANGUAGE, Settings
from tests.window_support import Seeded

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")


def press_f1(window: Any) -> GuideWindow:
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
    assert window.guide is not None and window.guide.isVisible()
    return window.guide


def test_f1_opens_the_guide_at_the_current_tab(
    qtbot: Any, window: Any, database: Database, seeded: Seeded, editor: Editor
) -> None:
    guide = press_f1(window)
    assert guide.current_heading() == "5. Trả lời"  # an assessment is open
    assert guide.contents.count() > 20 and "Mục lục" not in guide.current_heading()
    window.tabs.setCurrentWidget(window.overview)
    assert press_f1(window).current_heading().startswith("13. Đợt báo cáo")
    assert window.guide is guide  # one guide window, brought back
    window.tabs.setCurrentWidget(window.library)
    assert press_f1(window).current_heading() == "2. Lần đầu mở"
    window.tabs.setCurrentWidget(window.work)
    with database.session() as session:
        empty = units.create_unit(session, editor, "HTX Chưa Đánh Giá", "htx", seeded.province)
    window.load_units(empty)
    assert press_f1(window).current_heading() == "4. Bắt đầu một bài đánh giá"


def test_pictures_show_links_move_within_and_nothing_goes_online(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    guide = press_f1(window)
    picture = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("guide/answering.png")
    )
    assert picture is not None and not picture.isNull()  # read from the shipped file
    guide.browser.anchorClicked.emit(QUrl("#8-chuyển-dữ-liệu-từ-máy-xách-tay"))
    assert guide.current_heading() == "8. Chuyển dữ liệu từ máy xách tay"
    guide.browser.anchorClicked.emit(QUrl("https://example.org/kiemtra"))
    assert opened == [] and "example.org" in guide.note.text()
    guide.find.setFocus()
    QTest.keyClicks(guide.find, "Ctrl+Z")
    QTest.keyClick(guide.find, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectedText() == "Ctrl+Z"
    assert slug("12. Phụ lục: dùng lệnh kiemtra, phím tắt") == (
        "12-phụ-lục-dùng-lệnh-kiemtra-phím-tắt"
    )


def test_the_guide_is_found_where_a_wheel_or_bundle_puts_it(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = paths.guide_file()
    assert checkout == paths.resources_dir().parent / "docs" / "huong-dan.md"
    assert checkout.is_file()
    shipped = tmp_path / "resources"
    (shipped / "guide").mkdir(parents=True)
    shutil.copy(checkout, shipped / "guide" / "huong-dan.md")
    shutil.copytree(checkout.parent / "guide", shipped / "guide" / "guide")
    monkeypatch.setattr(paths, "resources_dir", lambda: shipped)
    assert paths.guide_file() == shipped / "guide" / "huong-dan.md"
    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert guide.browser.source().toLocalFile() == str(shipped / "guide" / "huong-dan.md")
    picture = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("guide/welcome.png")
    )
    assert picture is not None and not picture.isNull()
    # A copy without the guide says so in the window, never a traceback.
    monkeypatch.setattr(paths, "guide_file", lambda: tmp_path / "missing" / "huong-dan.md")
    missing = GuideWindow()
    qtbot.addWidget(missing)
    assert "Không tìm thấy tệp hướng dẫn" in missing.browser.toPlainText()


def test_in_english_the_guide_says_it_is_in_vietnamese(
    qtbot: Any, qapp: QApplication, database: Database, seeded: Seeded
) -> None:
    Settings().set(LANGUAGE, "en")
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(seeded.unit)
    guide = press_f1(window)
    assert guide.note.text() == "The user guide is written in Vietnamese."
    assert window.guide_action.text().startswith("User guide")
    i18n.install(qapp, "vi")
