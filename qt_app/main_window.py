"""The main window: units on the left, the assessment in the centre, the item on the right,
and the checklist library (and, when present, directive review) in their own tabs.

It shows at once; the unit tree is read in the background and ``ready`` is emitted once
the last unit and assessment are back on screen.
"""

from __future__ import annotations

import importlib
import importlib.util
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import DBAPIError

from models.audit import Editor
from models.db import Database
from models.errors import KnownError
from models.queries import units as queries
from models.queries.items import theme_labels
from qt_app import settings as options
from qt_app.answering.actions import AssessmentActions
from qt_app.answering.controller import Answering
from qt_app.answering.item_model import ItemTableModel
from qt_app.answering.item_pane import ItemPane
from qt_app.answering.view import AssessmentView
from qt_app.backup import actions as backup_ui
from qt_app.history import views as history_ui
from qt_app.messages import Saver, known_error_text, show_error, show_info, write_failure_text
from qt_app.review.library import LibraryWidget
from qt_app.rounds.overview import OverviewTab
from qt_app.settings import Settings
from qt_app.settings_dialog import edit_settings
from qt_app.sync.export_dialog import open_export
from qt_app.sync.import_dialog import open_import
from qt_app.tasks import run_task
from qt_app.units.actions import UnitActions
from qt_app.units.tree import UnitTreeView

REPORTS = "qt_app.exports.dialogs"
REVIEW = "qt_app.review.directive"


def available(module: str) -> bool:
    """Whether an optional part of the window is installed (found without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _load_tree(database: Database, round_id: uuid.UUID | None) -> queries.UnitTree:
    """Background job: the whole unit tree and its badges for a round, as plain values."""
    with database.session() as session:
        return queries.unit_tree(session, round_id)


class Welcome(QWidget):
    """What an empty database shows: create the first unit, or try the demo data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(
            self.tr(
                "<h2>Chào mừng đến với Kiểm tra</h2>"
                "<p>Cơ sở dữ liệu còn trống. Hãy bắt đầu bằng một đơn vị, "
                "hoặc nạp dữ liệu mẫu để dùng thử.</p>"
            )
        )
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(self.tr("Tạo đơn vị đầu tiên…"))
        self.demo_button = QPushButton(self.tr("Nạp dữ liệu mẫu"))
        layout.addStretch(1)
        layout.addWidget(title)
        for button in (self.create_button, self.demo_button):
            button.setMinimumWidth(260)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    # The unit tree is loaded and the last unit and assessment are shown.
    ready = Signal()

    def __init__(self, database: Database, settings: Settings) -> None:
        super().__init__()
        self.database, self.settings = database, settings
        self.is_ready = False
        where = database.path.name if database.path else database.url
        if database.read_only:
            where += " " + self.tr("(chỉ đọc)")
        self.setWindowTitle(self.tr("Kiểm tra — %1").replace("%1", where))
        self.saver = Saver(database, self.editor, lambda: self)
        self.tree = UnitTreeView()
        self.item_model = ItemTableModel(self)
        self.assessment_view = AssessmentView(self.item_model)
        self.pane = ItemPane()
        self.answering = Answering(self.saver, self.assessment_view, self.pane)
        self.item_history = history_ui.ItemHistory(
            self.saver, self.pane, lambda: self.answering.assessment_id
        )
        self.units = UnitActions(self.saver, self.tree, self)
        self.assessments = AssessmentActions(self.answering, lambda: self.editor().name, self)
        self.splitter = QSplitter()
        for widget in (self.tree, self.assessment_view, self.pane):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 690, 380])
        self.assessment_view.set_themes(self.saver.read(theme_labels))
        self.welcome = Welcome()
        self.work = QStackedWidget()
        self.work.addWidget(self.splitter)
        self.work.addWidget(self.welcome)
        self.library = LibraryWidget(database)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.work, self.tr("Đánh giá"))
        self.overview = OverviewTab(database, self.editor)
        self.tabs.addTab(self.overview, self.tr("Tổng quan"))
        self.tabs.addTab(self.library, self.tr("Thư viện danh mục"))
        self._review: QWidget | None = None
        if available(REVIEW):
            self._review = QWidget()
            self.tabs.addTab(self._review, self.tr("Rà soát văn bản"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        self._badge_timer = QTimer(self, singleShot=True, interval=300)
        self._badge_timer.timeout.connect(self._refresh_badge)
        self._touched: uuid.UUID | None = None
        self._build_menus()
        self._connect()
        self._restore_state()

    def editor(self) -> Editor:
        """Who is answering, on this device: the same name ``kiemtra`` signs with."""
        return Editor(self.database.device.id, self.settings.user_name())

    def _connect(self) -> None:
        self.tree.unit_selected.connect(self._unit_selected)
        self.tree.round_chosen.connect(self._round_chosen)
        self.overview.open_unit.connect(self._open_from_overview)
        self.overview.rounds_changed.connect(lambda: self.load_units(self.tree.current_unit()))
        self.answering.message.connect(self.show_message)
        self.answering.unit_touched.connect(self.unit_touched)
        self.answering.opened.connect(lambda _id: self._update_actions())
        self.answering.history.changed.connect(self._update_actions)
        self.units.changed.connect(self.load_units)
        self.units.message.connect(self.show_message)
        self.units.failed.connect(self.task_failed)
        self.units.demo_running.connect(lambda busy: self.welcome.demo_button.setEnabled(not busy))
        view = self.assessment_view
        view.start_requested.connect(self._start_assessment)
        view.submit_requested.connect(self.assessments.submit)
        view.reopen_requested.connect(self.assessments.reopen)
        self.welcome.create_button.clicked.connect(self.units.add_unit)
        self.welcome.demo_button.clicked.connect(self.units.load_demo)

    def _action(
        self,
        menu: Any,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&Tệp"))
        self.export_action = self._action(file, self.tr("Xuất bài đánh giá…"), self._export)
        self.batch_action = self._action(
            file, self.tr("Xuất hàng loạt…"), lambda: self._report_dialog("BatchExportDialog")
        )
        self.import_action = self._action(
            file, self.tr("Nhập phiếu Excel…"), lambda: self._report_dialog("ImportFormDialog")
        )
        for action in (self.export_action, self.batch_action, self.import_action):
            action.setEnabled(available(REPORTS))
        file.addSeparator()
        self.bundle_export_action = self._action(
            file, self.tr("Xuất gói dữ liệu…"), lambda: open_export(self, self.database)
        )
        self.bundle_import_action = self._action(
            file, self.tr("Nhập gói dữ liệu…"), self._import_bundle
        )
        file.addSeparator()
        self.backup_action = self._action(file, self.tr("Sao lưu ngay"), self._backup_now)
        self.restore_action = self._action(
            file, self.tr("Khôi phục từ bản sao lưu…"), self._choose_restore
        )
        file.setToolTipsVisible(True)
        backup_ui.explain_actions(  # disabled, with the reason, where they cannot work
            self.database,
            self.backup_action,
            self.restore_action,
            (self.bundle_import_action, self.bundle_export_action),
        )
        file.addSeparator()
        self.settings_action = self._action(file, self.tr("Cài đặt…"), self._open_settings)
        self._action(file, self.tr("Thoát"), self.close, QKeySequence.StandardKey.Quit)
        unit = bar.addMenu(self.tr("Đơn &vị"))
        self.add_unit_action = self._action(
            unit, self.tr("Thêm đơn vị…"), self.units.add_unit, "Ctrl+N"
        )
        self.rename_action = self._action(unit, self.tr("Đổi tên…"), self.units.rename_unit, "F2")
        self.move_action = self._action(
            unit, self.tr("Chuyển sang đơn vị khác…"), self.units.move_unit
        )
        self.archive_action = self._action(
            unit, self.tr("Lưu trữ đơn vị…"), self.units.archive_unit
        )
        for action in (
            self.add_unit_action,
            self.rename_action,
            self.move_action,
            self.archive_action,
        ):
            self.tree.view.addAction(action)
        self.find_unit_action = self._action(
            unit, self.tr("Tìm đơn vị"), self._focus_unit_search, "Ctrl+L"
        )
        work = bar.addMenu(self.tr("Đánh &giá"))
        self.start_action = self._action(
            work, self.tr("Bắt đầu đánh giá…"), self._start_assessment, "Ctrl+Shift+N"
        )
        self.undo_action = self._action(
            work,
            self.tr("Hoàn tác câu trả lời"),
            self.answering.undo,
            QKeySequence.StandardKey.Undo,
        )
        self.redo_action = self._action(
            work, self.tr("Làm lại câu trả lời"), self.answering.redo, "Ctrl+Y"
        )
        self.find_item_action = self._action(
            work, self.tr("Tìm mục"), self._focus_item_search, QKeySequence.StandardKey.Find
        )
        self.submit_action = self._action(work, self.tr("Nộp…"), self.assessments.submit)
        self.reopen_action = self._action(work, self.tr("Mở lại…"), self.assessments.reopen)
        self.history_action = self._action(
            work,
            self.tr("Lịch sử bài đánh giá…"),
            lambda: history_ui.show_assessment_history(self, self.database, self.answering.header),
        )
        self._update_actions()

    def _update_actions(self) -> None:
        writable = not self.database.read_only
        has_unit = self.tree.current_unit() is not None and writable
        open_draft = self.answering.header is not None and not self.answering.locked
        for action in (
            self.rename_action,
            self.move_action,
            self.archive_action,
            self.start_action,
        ):
            action.setEnabled(has_unit)
        self.add_unit_action.setEnabled(writable)
        self.assessment_view.start_button.setEnabled(has_unit)
        self.assessment_view.empty_start.setEnabled(has_unit)
        for button in (self.welcome.create_button, self.welcome.demo_button):
            button.setEnabled(writable)
        self.undo_action.setEnabled(open_draft and self.answering.history.can_undo())
        self.redo_action.setEnabled(open_draft and self.answering.history.can_redo())
        self.submit_action.setEnabled(open_draft)
        self.reopen_action.setEnabled(
            writable and self.answering.header is not None and not open_draft
        )
        self.assessment_view.submit_button.setEnabled(open_draft)
        self.assessment_view.reopen_button.setEnabled(writable)
        self.export_action.setEnabled(available(REPORTS) and self.answering.header is not None)
        self.history_action.setEnabled(self.answering.header is not None)

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def _focus_item_search(self) -> None:
        self.tabs.setCurrentWidget(self.work)
        self.assessment_view.search.setFocus()
        self.assessment_view.search.selectAll()

    def _focus_unit_search(self) -> None:
        self.tabs.setCurrentWidget(self.work)
        self.tree.search.setFocus()
        self.tree.search.selectAll()

    # -- the unit tree --

    def load_units(self, select: uuid.UUID | None = None) -> None:
        """Read the unit tree in the background and show it (and ``select``) when it is in."""

        def done(tree: queries.UnitTree) -> None:
            self.work.setCurrentWidget(self.splitter if tree.units else self.welcome)
            self.tree.load(tree, select)
            if self.tree.current_unit() is None and not self.is_ready:
                self._unit_selected(None)
            self._update_actions()
            if not self.is_ready:
                self.is_ready = True
                self.ready.emit()

        round_id = _uuid_or_none(self.settings.state_text("tree_round"))
        run_task(_load_tree, self.database, round_id, done=done, failed=self.task_failed)

    def _round_chosen(self, round_id: uuid.UUID | None) -> None:
        """The user picked the round the tree shows: remembered, and only that changes it."""
        self.settings.remember("tree_round", str(round_id) if round_id else "")
        self.load_units(self.tree.current_unit())

    def _open_from_overview(self, unit_id: uuid.UUID, assessment_id: uuid.UUID | None) -> None:
        """A unit double-clicked in the overview: its assessment in the assessment tab."""
        self.tabs.setCurrentWidget(self.work)
        self.tree.select_unit(unit_id)
        if assessment_id is not None and assessment_id != self.answering.assessment_id:
            self.answering.open(assessment_id)

    def task_failed(self, exc: BaseException) -> None:
        """A background job failed: a user's problem is shown, anything else is a bug."""
        if isinstance(exc, KnownError):
            show_error(self, known_error_text(exc))
        elif isinstance(exc, (DBAPIError, sqlite3.Error)):
            show_error(self, write_failure_text(exc))
        else:
            raise exc

    def _unit_selected(self, unit_id: uuid.UUID | None) -> None:
        name = self.tree.model.unit_name(unit_id) if unit_id else ""
        prefer = None
        if unit_id is not None and not self.is_ready:
            prefer = _uuid_or_none(self.settings.state_text("last_assessment"))
        self.answering.show_unit(unit_id, name or "", prefer)
        self._update_actions()

    def unit_touched(self, unit_id: uuid.UUID) -> None:
        self._touched = unit_id
        self._badge_timer.start()

    def _refresh_badge(self) -> None:
        """The touched unit's badge in the round the tree shows. An assessment of another
        round or period never changes what the tree shows."""
        model = self.tree.model
        unit_id, period = self._touched, model.round
        if unit_id is None:
            return
        if period is None:
            self.load_units(unit_id)  # the first assessment of a database without rounds
            return
        badges = self.saver.read(
            lambda s: queries.unit_badges(
                s, period, unit_id, round_id=model.round_id, kind=model.round_kind
            )
        )
        model.set_badge(unit_id, badges.get(unit_id))

    # -- tabs, optional parts, state --

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.library:
            self.library.ensure_loaded()
        elif widget is self.overview:
            self.overview.load()
        elif widget is self._review and self._review is not None and not self._review.layout():
            module = importlib.import_module(REVIEW)
            layout = QVBoxLayout(self._review)
            layout.setContentsMargins(0, 0, 0, 0)
            review = module.DirectiveReviewWidget(
                self.database, parent=self._review, editor_name=self.editor().name
            )
            if hasattr(review, "published"):
                review.published.connect(lambda *_: self.library.reload())
            layout.addWidget(review)

    def _export(self) -> None:
        if self.answering.assessment_id is not None:
            importlib.import_module(REPORTS).export_assessment(
                self, self.database, self.answering.assessment_id
            )

    def _report_dialog(self, name: str) -> None:
        dialog = getattr(importlib.import_module(REPORTS), name)(self, self.database)
        dialog.exec()
        if name == "ImportFormDialog":
            self.answering.reload()
            self.load_units(self.tree.current_unit())

    def _import_bundle(self) -> None:
        if open_import(self, self.database).merged:
            self.answering.reload()
            self.load_units(self.tree.current_unit())

    def _start_assessment(self) -> None:
        unit_id = self.tree.current_unit()
        if unit_id is not None:
            self.assessments.start_assessment(unit_id, self.tree.model.unit_name(unit_id) or "")

    def _open_settings(self) -> None:
        edit_settings(self, self.settings, self.apply_text_size)

    def _backup_now(self) -> None:
        self.pane.flush()
        backup_ui.backup_now(self, self.database, self.show_message, self.task_failed)

    def _choose_restore(self) -> None:
        if self.database.path is not None and not self.database.read_only:
            backup = backup_ui.choose_backup(self, self.database.path)
            if backup is not None:
                self.restore_from(backup)

    def restore_from(self, backup: Path) -> MainWindow | None:
        """Put ``backup`` in place of the open file and carry on in a new window over it."""
        self.pane.flush()
        self.save_state()
        restored = backup_ui.restore_file(self, self.database, backup)
        if restored is None:
            return None
        from qt_app.app import show_window

        new = show_window(restored.database, self.settings, self.tree.current_unit())
        self.close()
        self.deleteLater()
        show_info(new, backup_ui.kept_text(restored.aside))
        return new

    def _restore_state(self) -> None:
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("state", self.restoreState),
            ("splitter", self.splitter.restoreState),
        ):
            value = self.settings.state_bytes(key)
            if value is not None:
                restore(value)

    def last_unit(self) -> uuid.UUID | None:
        return _uuid_or_none(self.settings.state_text("last_unit"))

    def save_state(self) -> None:
        self.settings.remember("geometry", self.saveGeometry())
        self.settings.remember("state", self.saveState())
        self.settings.remember("splitter", self.splitter.saveState())
        unit, assessment = self.tree.current_unit(), self.answering.assessment_id
        self.settings.remember("last_unit", str(unit) if unit else "")
        self.settings.remember("last_assessment", str(assessment) if assessment else "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pane.flush()
        self.save_state()
        super().closeEvent(event)

    def apply_text_size(self) -> None:
        font = QApplication.font()
        font.setPointSize(self.settings.get(options.TEXT_SIZE))
        QApplication.setFont(font)


def _uuid_or_none(text: str) -> uuid.UUID | None:
    """An id remembered in the state file; anything unreadable is simply forgotten."""
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None
