"""Exporting a bundle from the window: which units, which assessments (a round, dates, or
what changed since the last export) and the file; ``models.bundle_export.export_bundle``
writes it in the background.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.bundle_export import LAST_EXPORT_KEY, export_bundle
from models.db import Database, get_meta
from models.errors import InvalidInput, KnownError
from models.periods import Period, assessed_periods
from models.queries.units import UnitRow, unit_rows
from models.text import fold
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language
from qt_app.messages import known_error_text, show_error
from qt_app.save_file import ask_path
from qt_app.tasks import run_task

log = logging.getLogger(__name__)


def export_job(
    database: Database,
    path: Path,
    units: list[uuid.UUID] | None,
    period: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    since_last_export: bool,
) -> dict[str, int]:
    """Background job: write the bundle; returns how many rows of each table it holds."""
    return export_bundle(
        database,
        path,
        units=units,
        period=period,
        date_from=date_from,
        date_to=date_to,
        since_last_export=since_last_export,
    )


def _in_tree_order(rows: list[UnitRow]) -> list[tuple[UnitRow, int]]:
    """Units under their parents, by name, each with its depth."""
    children: dict[uuid.UUID | None, list[UnitRow]] = {}
    known = {row.id for row in rows}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in known else None, []).append(row)
    ordered: list[tuple[UnitRow, int]] = []
    stack = [
        (row, 0) for row in sorted(children.get(None, []), key=lambda r: fold(r.name), reverse=True)
    ]
    while stack:
        row, depth = stack.pop()
        ordered.append((row, depth))
        stack += [
            (child, depth + 1)
            for child in sorted(children.get(row.id, []), key=lambda r: fold(r.name), reverse=True)
        ]
    return ordered


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class ExportBundleDialog(QDialog):
    """Which units, which assessments (a round, dates, or what changed since the last
    export), and the file; the bundle is written in the background."""

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.counts: dict[str, int] | None = None
        self.written: Path | None = None
        self.running = False
        self.setWindowTitle(self.tr("Xuất gói dữ liệu"))
        self.resize(620, 640)
        with database.session() as session:
            units = _in_tree_order(unit_rows(session))
            periods = assessed_periods(session)
            last = get_meta(session, LAST_EXPORT_KEY)
        layout = QVBoxLayout(self)
        layout.addWidget(self._units_box(units))
        layout.addWidget(self._which_box(periods, last))
        self.target = QLineEdit(str(Path.home() / self._suggested_name()))
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(QLabel(self.tr("Lưu vào")))
        where.addWidget(self.target, 1)
        where.addWidget(browse)
        layout.addLayout(where)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Xuất"))
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _units_box(self, units: list[tuple[UnitRow, int]]) -> QGroupBox:
        box = QGroupBox(self.tr("Đơn vị"))
        self.all_units = QRadioButton(self.tr("Mọi đơn vị"))
        self.some_units = QRadioButton(self.tr("Các đơn vị đánh dấu (kèm đơn vị trực thuộc)"))
        self.all_units.setChecked(True)
        self._unit_modes = QButtonGroup(self)
        for button in (self.all_units, self.some_units):
            self._unit_modes.addButton(button)
        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText(self.tr("Tìm đơn vị"))
        self.unit_list = QListWidget()
        for row, depth in units:
            entry = QListWidgetItem("    " * depth + row.name)
            entry.setData(Qt.ItemDataRole.UserRole, str(row.id))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.unit_list.addItem(entry)
        self._unit_keys = [fold(row.name) for row, _depth in units]
        self.unit_search.textChanged.connect(self._filter_units)
        self.unit_list.itemChanged.connect(lambda _item: self.some_units.setChecked(True))
        layout = QVBoxLayout(box)
        layout.addWidget(self.all_units)
        layout.addWidget(self.some_units)
        layout.addWidget(self.unit_search)
        layout.addWidget(self.unit_list, 1)
        return box

    def _which_box(self, periods: list[Period], last: str | None) -> QGroupBox:
        box = QGroupBox(self.tr("Bài đánh giá"))
        self.every_period = QRadioButton(self.tr("Mọi kỳ"))
        self.one_round = QRadioButton(self.tr("Một kỳ"))
        self.date_range = QRadioButton(self.tr("Khoảng ngày"))
        when = self.tr("chưa xuất lần nào")
        if last:
            when = dt.datetime.fromisoformat(last).astimezone().strftime("%d/%m/%Y %H:%M")
        self.since_last = QRadioButton(
            self.tr("Những gì thay đổi từ lần xuất trước (%1)").replace("%1", when)
        )
        self.every_period.setChecked(True)
        self._which = QButtonGroup(self)
        self.round = QComboBox()
        for period in periods:
            self.round.addItem(period.label_en if language() == "en" else period.label, period.key)
        self.one_round.setEnabled(bool(periods))
        today = dt.date.today()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, day in ((self.date_from, today - dt.timedelta(days=7)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(_qdate(day))
        grid = QGridLayout(box)
        grid.addWidget(self.every_period, 0, 0, 1, 3)
        grid.addWidget(self.one_round, 1, 0)
        grid.addWidget(self.round, 1, 1, 1, 2)
        grid.addWidget(self.date_range, 2, 0)
        grid.addWidget(self.date_from, 2, 1)
        grid.addWidget(self.date_to, 2, 2)
        grid.addWidget(self.since_last, 3, 0, 1, 3)
        for button in (self.every_period, self.one_round, self.date_range, self.since_last):
            self._which.addButton(button)
        self.round.activated.connect(lambda _i: self.one_round.setChecked(True))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.date_range.setChecked(True))
        return box

    def _suggested_name(self) -> str:
        device = "".join(c if c.isalnum() else "-" for c in fold(self.database.device.name))
        return f"goi-{device.strip('-') or 'kiemtra'}-{dt.date.today():%Y%m%d}.ktb"

    def _filter_units(self, text: str) -> None:
        key = fold(text)
        for row, unit_key in enumerate(self._unit_keys):
            self.unit_list.item(row).setHidden(bool(key) and key not in unit_key)

    def _browse(self) -> None:
        path = ask_path(self, self.target.text(), (".ktb",), self.tr("Lưu gói dữ liệu"))
        if path is not None:
            self.target.setText(str(path))

    def checked_units(self) -> list[uuid.UUID]:
        found = []
        for row in range(self.unit_list.count()):
            entry = self.unit_list.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                found.append(uuid.UUID(entry.data(Qt.ItemDataRole.UserRole)))
        return found

    def choice(self) -> tuple[Any, ...]:
        """The job's arguments, or ``InvalidInput`` saying what is missing."""
        text = self.target.text().strip()
        if not text:
            raise InvalidInput("Hãy chọn tệp để lưu gói.", "Choose a file to save the bundle.")
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            raise InvalidInput(
                f"Thư mục '{path.parent}' không tồn tại.",
                f"The folder '{path.parent}' does not exist.",
            )
        units = None
        if self.some_units.isChecked():
            units = self.checked_units()
            if not units:
                raise InvalidInput("Hãy đánh dấu ít nhất một đơn vị.", "Tick at least one unit.")
        period = self.round.currentData() if self.one_round.isChecked() else None
        date_from = date_to = None
        if self.date_range.isChecked():
            date_from, date_to = _date(self.date_from), _date(self.date_to)
            if date_from > date_to:
                raise InvalidInput(
                    "Ngày bắt đầu ở sau ngày kết thúc.", "The start date is after the end date."
                )
        return path, units, period, date_from, date_to, self.since_last.isChecked()

    def start(self) -> None:
        try:
            arguments = self.choice()
        except KnownError as exc:
            show_error(self, known_error_text(exc))
            return
        self._busy(True)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Đang xuất gói…"))
        self._path = arguments[0]
        run_task(export_job, self.database, *arguments, done=self._done, failed=self._failed)

    def _busy(self, busy: bool) -> None:
        self.running = busy
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def reject(self) -> None:
        if not self.running:  # a bundle half written is never left behind, but wait for it
            super().reject()

    def _done(self, counts: dict[str, int]) -> None:
        self.counts, self.written = counts, self._path
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._busy(False)
        self.status.setText(
            self.tr("Đã ghi %1: %2 bài đánh giá, %3 câu trả lời, %4 tệp minh chứng.")
            .replace("%1", str(self._path))
            .replace("%2", str(counts.get("assessments", 0)))
            .replace("%3", str(counts.get("answers", 0)))
            .replace("%4", str(counts.get("evidence_files", 0)))
        )

    def _failed(self, exc: BaseException) -> None:
        self.bar.setVisible(False)
        self._busy(False)
        if isinstance(exc, KnownError):
            message = known_error_text(exc)
        else:  # a bug: logged with its traceback, and the user is told it failed
            log.error("bundle export failed", exc_info=exc)
            message = self.tr("Lỗi không mong đợi khi xuất: %1").replace("%1", str(exc))
        self.status.setText(message)
        show_error(self, message)


def open_export(parent: QWidget | None, database: Database) -> ExportBundleDialog:
    dialog = ExportBundleDialog(parent, database)
    dialog.exec()
    return dialog
