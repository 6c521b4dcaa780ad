"""Settings, languages, the library tab, optional parts of the window and starting it."""

from __future__ import annotations

import importlib.machinery
import logging
import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from models import paths
from models.db import Database
from qt_app import app as app_module
from qt_app import i18n
from qt_app import settings as options
from qt_app.answering.dialogs import ReopenDialog
from qt_app.review.library import LibraryModel
from qt_app.settings import Settings
from qt_app.settings_dialog import SettingsDialog
from qt_app.window_menus import REPORTS
from tests.window_support import Seeded


def test_options_have_defaults_types_and_are_kept_apart_from_window_state(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    assert settings.get(options.LANGUAGE) == "vi"
    assert settings.get(options.TEXT_SIZE) == 10
    settings.set(options.TEXT_SIZE, 14)
    settings.remember("last_unit", "abc")
    settings.sync()
    again = Settings(tmp_path)
    assert again.get(options.TEXT_SIZE) == 14
    assert again.state_text("last_unit") == "abc"
    assert "last_unit" not in (tmp_path / "options.ini").read_text()
    assert "text_size" not in (tmp_path / "window-state.ini").read_text()
    (tmp_path / "options.ini").write_text("[General]\ntext_size=huge\nlanguage=fr\n")
    broken = Settings(tmp_path)
    assert broken.get(options.TEXT_SIZE) == 10 and broken.get(options.LANGUAGE) == "vi"


def test_run_window_honours_the_database_setting(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "office.sqlite3"
    Settings().set(options.DATABASE, str(chosen))
    shown: list[Any] = []
    monkeypatch.setattr(
        QApplication,
        "exec",
        lambda *_a: shown.append([w for w in QApplication.topLevelWidgets() if w.isVisible()]) or 0,
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(i18n, "set_locale", lambda: None)  # process-wide: not in a test run
    monkeypatch.setattr(logging, "basicConfig", lambda **_kwargs: None)
    assert app_module.run_window(None) == 0
    assert chosen.exists()
    windows = [w for w in shown[0] if w.windowTitle().endswith("office.sqlite3")]
    assert windows and windows[0].is_ready
    for window in windows:
        window.close()
        window.deleteLater()


def test_english_is_built_and_used(
    qtbot: Any, database: Database, seeded: Seeded, tmp_path: Path
) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(i18n.translations_dir() / "kiemtra_en.ts", folder)
    assert [p.name for p in i18n.build_missing(folder)] == ["kiemtra_en.qm"]
    assert i18n.build_missing(folder) == []  # nothing to do the second time
    Settings().set(options.LANGUAGE, "en")
    window = app_module.create_window(database)
    qtbot.addWidget(window)
    window.load_units(seeded.unit)
    assert i18n.language() == "en"
    assert window.tabs.tabText(0) == "Assessment"
    assert window.tabs.tabText(window.tabs.indexOf(window.overview)) == "Overview"
    assert window.tabs.tabText(window.tabs.indexOf(window.library)) == "Checklist library"
    assert window.item_model.headerData(0, Qt.Orientation.Horizontal) == "Code"
    assert window.assessment_view.status_text("draft") == "In progress"
    dialog = ReopenDialog(window)
    assert dialog.ok.text() == "Reopen" and dialog.windowTitle() == "Reopen assessment"
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert cancel.text() == "Cancel"  # translated in the base class's context


def test_text_size_setting(qtbot: Any, database: Database) -> None:
    Settings().set(options.TEXT_SIZE, 13)
    window = app_module.create_window(database)
    qtbot.addWidget(window)
    assert QApplication.font().pointSize() == 13
    Settings().set(options.TEXT_SIZE, 10)
    window.apply_text_size()
    assert QApplication.font().pointSize() == 10


def test_settings_dialog_saves_what_changed(qtbot: Any) -> None:
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.user_name.setText("Lê Thị Mai")
    assert dialog.save() == {"language", "user_name"}
    assert settings.get(options.USER_NAME) == "Lê Thị Mai"
    assert dialog.save() == set()


def test_library_tab_shows_directives_items_and_source(
    qtbot: Any, window: Any, qtmodeltester: Any
) -> None:
    window.tabs.setCurrentWidget(window.library)
    model = window.library.model
    assert model is not None and model.rowCount() == 5
    qtmodeltester.check(model)
    checklist = model.index(0, 0)
    item = model.index(0, 0, checklist)
    window.library.tree.setCurrentIndex(item)
    text = window.library.source.toPlainText()
    assert item.data(LibraryModel.RawRole)["source"][:40] in text
    window.library.search.setText("bluezone")
    hidden = [
        window.library.tree.isRowHidden(r, checklist) for r in range(model.rowCount(checklist))
    ]
    assert any(hidden)


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, **attributes: Any) -> None:
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)


def test_reports_and_directive_review_are_wired_when_present(
    qtbot: Any, database: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported: list[tuple[Any, ...]] = []

    class Review(QWidget):
        def __init__(
            self, db: Database, parent: QWidget | None = None, *, editor_name: str | None = None
        ) -> None:
            super().__init__(parent)
            self.db = db
            self.editor_name = editor_name

    _fake_module(monkeypatch, REPORTS, export_assessment=lambda *args: exported.append(args))
    _fake_module(monkeypatch, "qt_app.review.directive", DirectiveReviewWidget=Review)
    window = app_module.create_window(database)
    qtbot.addWidget(window)
    window.load_units(seeded.unit)
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    assert exported == [(window, database, seeded.assessment)]
    review_tab = window.tabs.indexOf(window.library) + 1
    window.tabs.setCurrentIndex(review_tab)
    assert window.tabs.tabText(review_tab) == "Rà soát văn bản"
    assert window.findChild(Review) is not None
    assert window.findChild(Review).editor_name == window.editor().name


def test_read_only_database_changes_nothing(
    qtbot: Any, database: Database, seeded: Seeded, db_path: Path
) -> None:
    from models.opening import open_database

    database.close()
    looked = open_database(db_path, read_only=True)
    try:
        window = app_module.create_window(looked)
        qtbot.addWidget(window)
        window.load_units(seeded.unit)
        assert "chỉ đọc" in window.windowTitle()
        assert window.answering.locked and not window.start_action.isEnabled()
        window.answering.answer("dat")
        assert "chỉ để đọc" in window.status.text()
    finally:
        looked.close()


def test_resources_are_found_through_paths() -> None:
    assert i18n.translations_dir() == paths.resources_dir() / "translations"
    assert (i18n.translations_dir() / "kiemtra_en.ts").exists()
    assert i18n.lrelease_program() is not None


def test_many_signals_and_empty_values_do_not_abort_the_interpreter() -> None:
    """PySide6 6.12.0 on CPython 3.11 loses a reference to True per emit and to None per
    empty QVariant; without the guard this loop ends in "bool_dealloc"/"none_dealloc"."""
    from PySide6.QtCore import QModelIndex, QObject, Signal

    from qt_app import pyside_fixes

    class Source(QObject):
        changed = Signal(object)

    source = Source()
    received: list[object] = []
    source.changed.connect(received.append)
    pyside_fixes.apply()
    for _ in range(20_000):
        source.changed.emit(None)
        QModelIndex().data()
    assert len(received) == 20_000 and received[-1] is None


def test_the_library_shows_a_checklist_published_in_the_review_tab(qtbot: Any, window: Any) -> None:
    from models.catalog import install_checklist
    from models.checklist_file import ChecklistSpec
    from models.directive_import import import_directive
    from qt_app.review.directive import DirectiveReviewWidget

    window.tabs.setCurrentWidget(window.library)
    assert window.library.model.rowCount() == 5
    window.tabs.setCurrentWidget(window._review)
    review = window.findChild(DirectiveReviewWidget)
    result = import_directive(
        "CHỈ THỊ\nV/v thử\n1. Đeo khẩu trang nơi công cộng.\n2. Khai báo y tế khi ra vào.\n"
    )
    spec = ChecklistSpec(
        "chi-thi-thu",
        1,
        "Chỉ thị thử",
        result.directive,
        result.items,
        "0" * 64,
        "chi-thi-thu.yaml",
    )
    with window.database.begin() as session:
        install_checklist(session, spec, origin="imported", device_id=window.database.device.id)
    review.published.emit("chi-thi-thu", 1)  # what publishing from the tab announces
    assert window.library.model.rowCount() == 6
