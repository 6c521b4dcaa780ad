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
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
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
from qt_app import window_switch as switch
from qt_app.answering.actions import AssessmentActions
from qt_app.answering.controller import Answering
from qt_app.answering.follow_up import FollowUp
from qt_app.answering.item_model import ItemTableModel
from qt_app.answering.item_pane import ItemPane
from qt_app.answering.view import AssessmentView
from qt_app.backup import actions as backup_ui
from qt_app.help.guide import GuideWindow, open_guide
from qt_app.history import views as history_ui
from qt_app.messages import Saver, known_error_text, show_error, write_failure_text
from qt_app.review.library import LibraryWidget
from qt_app.rounds.overview import OverviewTab
from qt_app.settings import Settings
from qt_app.settings_dialog import edit_settings
from qt_app.sync.export_dialog import open_export
from qt_app.sync.import_dialog import open_import
from qt_app.tasks import run_task
from qt_app.units.actions import UnitActions
from qt_app.units.sample import SampleBanner, is_sample
from qt_app.units.tree import UnitTreeView
from qt_app.units.welcome import Welcome
from qt_app.window_geometry import first_size, fit_on_screen, share_width
from qt_app.window_menus import REPORTS, build_menus

REVIEW = "qt_app.review.directive"
# A status bar message goes after this long, so an old one never reads as news.
MESSAGE_MS = 20_000


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


class MainWindow(QMainWindow):
    # The unit tree is loaded and the last unit and assessment are shown.
    ready = Signal()

    def __init__(self, database: Database, settings: Settings) -> None:
        super().__init__()
        self.database, self.settings = database, settings
        self.is_ready = False
        self.is_sample = is_sample(database)
        # The database to go back to from the sample (set by whoever opened the sample).
        self.return_to: str | None = None
        # The window that took this one's place (a restored backup, the sample, back).
        self.successor: MainWindow | None = None
        where = database.path.name if database.path else database.url
        if database.read_only:
            where += " " + self.tr("(chỉ đọc)")
        title = self.tr("Kiểm tra — %1").replace("%1", where)
        if self.is_sample:
            title = self.tr("[DỮ LIỆU MẪU] %1").replace("%1", title)
        self.setWindowTitle(title)
        self.saver = Saver(database, self.editor, lambda: self)
        self.tree = UnitTreeView()
        self.item_model = ItemTableModel(self)
        self.assessment_view = AssessmentView(self.item_model)
        self.pane = ItemPane()
        self.answering = Answering(self.saver, self.assessment_view, self.pane)
        self.follow_up = FollowUp(self.answering)
        self.item_history = history_ui.ItemHistory(
            self.saver, self.pane, lambda: self.answering.assessment_id
        )
        self.units = UnitActions(self.saver, self.tree, self)
        self.assessments = AssessmentActions(
            self.answering, lambda: self.editor().name, settings, self
        )
        self.guide: GuideWindow | None = None
        self.splitter = QSplitter()
        for widget in (self.tree, self.assessment_view, self.pane):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
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
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = SampleBanner()
        self.banner.setVisible(self.is_sample)
        self.banner.back_requested.connect(self.leave_sample)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        self.status_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self.status_timer.timeout.connect(self.status.clear)
        self._badge_timer = QTimer(self, singleShot=True, interval=300)
        self._badge_timer.timeout.connect(self._refresh_badge)
        self._touched: uuid.UUID | None = None
        build_menus(self)
        self._update_actions()
        self._connect()
        self._set_tab_order()
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
        self.assessments.message.connect(self.show_message)
        self.answering.unit_touched.connect(self.unit_touched)
        self.answering.opened.connect(lambda _id: self._update_actions())
        self.answering.history.changed.connect(self._update_actions)
        self.units.changed.connect(self.load_units)
        self.units.message.connect(self.show_message)
        self.units.failed.connect(self.task_failed)
        self.units.demo_running.connect(lambda busy: self.welcome.demo_button.setEnabled(not busy))
        self.units.sample_ready.connect(self.open_sample)
        view = self.assessment_view
        view.start_requested.connect(self.start_assessment)
        view.next_requested.connect(self.next_unit)
        view.submit_requested.connect(self.assessments.submit)
        view.reopen_requested.connect(self.assessments.reopen)
        self.welcome.create_button.clicked.connect(self.units.add_unit)
        self.welcome.demo_button.clicked.connect(self.units.load_demo)

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
        self.archived_action.setEnabled(writable)
        self.unit_actions_action.setEnabled(self.tree.current_unit() is not None)
        self.next_action.setEnabled(writable and self.tree.model.unit_count() > 0)
        self.assessment_view.next_button.setEnabled(self.next_action.isEnabled())
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
        self.print_action.setEnabled(self.export_action.isEnabled())
        self.history_action.setEnabled(self.answering.header is not None)

    def show_message(self, text: str) -> None:
        """A short message in the status bar; it goes after a while, so it never goes stale."""
        self.status.setText(text)
        self.status_timer.start()

    def _set_tab_order(self) -> None:
        """Tab from the item table goes through the item's fields in the right pane."""
        chain = [self.assessment_view.table, *self.pane.tab_chain()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def focus_item_search(self) -> None:
        self.tabs.setCurrentWidget(self.work)
        self.assessment_view.search.setFocus()
        self.assessment_view.search.selectAll()

    def focus_unit_search(self) -> None:
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

    def export_current(self) -> None:
        """Export the open assessment; the status bar says where the file went."""
        if self.answering.assessment_id is None:
            return
        written = importlib.import_module(REPORTS).export_assessment(
            self, self.database, self.answering.assessment_id
        )
        if written:
            self.show_message(self.tr("Đã xuất: %1").replace("%1", str(written)))

    def report_dialog(self, name: str) -> None:
        dialog = getattr(importlib.import_module(REPORTS), name)(self, self.database)
        dialog.exec()
        if name == "ImportFormDialog":
            self.answering.reload()
            self.load_units(self.tree.current_unit())
        outcome = getattr(dialog, "outcome_text", None)
        if callable(outcome) and outcome():
            self.show_message(outcome())

    def export_bundle(self) -> None:
        dialog = open_export(self, self.database)
        if dialog.written is not None:
            self.show_message(dialog.status.text())

    def import_bundle(self) -> None:
        dialog = open_import(self, self.database)
        if dialog.merged:
            self.answering.reload()
            self.load_units(self.tree.current_unit())
            self.show_message(dialog.status.text())

    def start_assessment(self) -> None:
        unit_id = self.tree.current_unit()
        if unit_id is not None:
            self.assessments.start_assessment(unit_id, self.tree.model.unit_name(unit_id) or "")

    def next_unit(self) -> uuid.UUID | None:
        """F8: the next unit of the list, started (or continued) with the same checklist,
        period and kind, ready for the first answer."""
        self.tabs.setCurrentWidget(self.work)
        following = self.tree.next_unit(self.tree.current_unit())
        if following is None:
            self.show_message(self.tr("Đây là đơn vị cuối cùng của danh sách."))
            return None
        self.tree.select_unit(following)
        started = self.assessments.start_like_last_time(
            following, self.tree.model.unit_name(following) or ""
        )
        if started is not None:
            self.show_message(
                self.tr("Đã mở %1 — %2")
                .replace("%1", self.tree.model.unit_name(following) or "")
                .replace("%2", self.assessment_view.details_label.text())
            )
        return started

    def open_settings(self) -> None:
        edit_settings(self, self.settings, self.apply_text_size)

    def open_guide(self) -> None:
        """F1: the user guide at the part about what is on screen."""
        self.guide = open_guide(self, self.help_section(), self.guide)

    def help_section(self) -> str:
        """The guide's section number for the tab (and state) on screen."""
        widget = self.tabs.currentWidget()
        if widget is self.overview:
            return "13"
        if widget is self._review:
            return "11"
        if widget is self.library or self.work.currentWidget() is self.welcome:
            return "2"
        return "5" if self.answering.header is not None else "4"

    def backup_now(self) -> None:
        self.pane.flush()
        backup_ui.backup_now(self, self.database, self.show_message, self.task_failed)

    def choose_restore(self) -> None:
        if self.database.path is not None and not self.database.read_only:
            backup = backup_ui.choose_backup(self, self.database.path)
            if backup is not None:
                self.restore_from(backup)

    def restore_from(self, backup: Path) -> MainWindow | None:
        """Put ``backup`` in place of the open file and carry on in a new window over it."""
        return switch.restore_from(self, backup)

    def open_sample(self, path: Path) -> MainWindow | None:
        """The sample database in place of this one, marked, with the way back here."""
        return switch.open_sample(self, path)

    def leave_sample(self) -> MainWindow | None:
        """Back from the sample to the user's own database."""
        return switch.leave_sample(self)

    def _restore_state(self) -> None:
        """The last geometry and pane widths, kept on the screen; the first time, sizes
        that fit the screen and the text size."""
        geometry = self.settings.state_bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            first_size(self)
        fit_on_screen(self)
        state = self.settings.state_bytes("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.state_bytes("splitter")
        self._share_on_show = splitter is None or not self.splitter.restoreState(splitter)
        self._shown_once = self._fitted_framed = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # shown: the frame may be known now
            self._shown_once = True
            fit_on_screen(self)
        if self._share_on_show:  # only now does the splitter know its width
            self._share_on_show = False
            share_width(self.splitter)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and not getattr(self, "_fitted_framed", True):
            # A window manager frames the window before it first activates it: fit again,
            # title bar included (a frame added after show() left it 17 px off the bottom).
            self._fitted_framed = True
            fit_on_screen(self)
        return super().event(event)

    def last_unit(self) -> uuid.UUID | None:
        return _uuid_or_none(self.settings.state_text("last_unit"))

    def save_state(self) -> None:
        self.settings.remember("geometry", self.saveGeometry())
        self.settings.remember("state", self.saveState())
        self.settings.remember("splitter", self.splitter.saveState())
        if not self.is_sample:  # the sample's units mean nothing in the user's own file
            unit, assessment = self.tree.current_unit(), self.answering.assessment_id
            self.settings.remember("last_unit", str(unit) if unit else "")
            self.settings.remember("last_assessment", str(assessment) if assessment else "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pane.flush()
        self.save_state()
        super().closeEvent(event)

    def apply_text_size(self) -> None:
        """Every widget follows the new size; the panes are shared out again and the
        window is kept on the screen."""
        font = QApplication.font()
        size = self.settings.get(options.TEXT_SIZE)
        if font.pointSize() == size:
            return
        font.setPointSize(size)
        QApplication.setFont(font)
        # Measured again now that every widget has the new font (their own font-change
        # events come in no particular order).
        for part in (self.tree, self.assessment_view, self.pane):
            part.fit_to_font()
        share_width(self.splitter)
        fit_on_screen(self)


def _uuid_or_none(text: str) -> uuid.UUID | None:
    """An id remembered in the state file; anything unreadable is simply forgotten."""
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None
