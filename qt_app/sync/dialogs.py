"""Bundles in the window: export what a field laptop brings back, and import one after
seeing what it would change, with every conflict side by side and a choice per row.

The work is ``models.sync`` (export_bundle, plan_merge, apply_merge), run in the background
through ``qt_app.tasks``; nothing is written until "Áp dụng", and a bundle that fails its
checks is refused with its message before anything is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.bundle import BundleError, read_bundle
from models.db import Database, get_meta
from models.entities import Assessment
from models.errors import InvalidInput, KnownError
from models.overview import UnitRow, unit_rows
from models.periods import Period
from models.sync import (
    LAST_EXPORT_KEY,
    Conflict,
    MergePlan,
    MergeResult,
    apply_merge,
    export_bundle,
    plan_merge,
)
from models.text import fold
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language
from qt_app.messages import known_error_text, show_error
from qt_app.tasks import run_task
from reports.xlsx_audit import field_label, value_text

log = logging.getLogger(__name__)
AnyIndex = QModelIndex | QPersistentModelIndex
UNIT, CODE, FIELD, MINE, THEIRS, DECISION = range(6)
SIDES = {MINE: "mine", THEIRS: "theirs"}
LOCKED_BRUSH = QBrush(QColor("#eeeeee"))


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


def plan_job(database: Database, path: Path) -> MergePlan:
    """Background job: check the bundle completely and plan the merge; writes nothing."""
    bundle = read_bundle(path)
    with database.session() as session:
        return plan_merge(session, bundle)


def apply_job(database: Database, plan: MergePlan, choices: dict[str, str]) -> MergeResult:
    """Background job: plan again on a fresh session and apply, if nothing moved meanwhile."""
    with database.session() as session:
        fresh = plan_merge(session, plan.bundle)
        if {c.key for c in fresh.conflicts} != {c.key for c in plan.conflicts}:
            raise BundleError(
                "Cơ sở dữ liệu đã thay đổi từ lúc xem trước; hãy mở lại gói để xem lại các "
                "xung đột. Không có gì được ghi.",
                "The database changed since the preview; open the bundle again to review "
                "the conflicts. Nothing was written.",
            )
        return apply_merge(session, fresh, choices=choices)


def side_text(conflict: Conflict, value: Any) -> str:
    """One side of a conflict as a person reads it."""
    if conflict.field == "assessment":
        return f"#{str(value)[:12]}" if value else "—"
    return value_text(value, language())


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
            periods = sorted(
                {Period(k) for k in session.scalars(select(Assessment.period).distinct())},
                key=lambda p: p.first_day,
                reverse=True,
            )
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
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu gói dữ liệu"),
            self.target.text(),
            self.tr("Gói dữ liệu Kiểm tra (*.ktb)"),
        )
        if name:
            self.target.setText(name if name.lower().endswith(".ktb") else name + ".ktb")

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


class ConflictModel(QAbstractTableModel):
    """The conflicts of a merge plan; "Của tôi" and "Của họ" are the choice, one per row."""

    def __init__(self, conflicts: list[Conflict], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conflicts = conflicts
        self.choices: dict[str, str] = {}
        self._titles = [
            self.tr("Đơn vị"),
            self.tr("Mục"),
            self.tr("Nội dung"),
            self.tr("Của tôi"),
            self.tr("Của họ"),
            self.tr("Quyết định"),
        ]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in SIDES and not self.conflicts[index.row()].locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and conflict.locked:
                return self.locked_text()
            return self._text(conflict, column)
        if role == Qt.ItemDataRole.CheckStateRole and column in SIDES and not conflict.locked:
            chosen = self.choices.get(conflict.key) == SIDES[column]
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and conflict.locked:
            return LOCKED_BRUSH
        return None

    def _text(self, conflict: Conflict, column: int) -> str:
        if column == UNIT:
            return conflict.unit
        if column == CODE:
            return conflict.code or "—"
        if column == FIELD:
            return field_label(conflict.field, language())
        if column == MINE:
            return side_text(conflict, conflict.mine)
        if column == THEIRS:
            return side_text(conflict, conflict.theirs)
        if conflict.locked:
            return self.tr("Đã khoá: mở lại bài đánh giá trước")
        return {"mine": self.tr("Giữ của tôi"), "theirs": self.tr("Lấy của họ")}.get(
            self.choices.get(conflict.key, ""), self.tr("Chưa chọn")
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return self.choose(index.row(), SIDES[index.column()] if checked else None)

    def choose(self, row: int, side: str | None) -> bool:
        """Keep ``side`` ("mine" or "theirs", None to undecide) for one row, if it is open."""
        conflict = self.conflicts[row]
        if conflict.locked:
            return False
        if side is None:
            self.choices.pop(conflict.key, None)
        else:
            self.choices[conflict.key] = side
        self.dataChanged.emit(self.index(row, MINE), self.index(row, DECISION))
        return True

    def choose_all(self, side: str) -> None:
        for row in range(len(self.conflicts)):
            self.choose(row, side)

    def undecided(self) -> int:
        return sum(1 for c in self.conflicts if not c.locked and c.key not in self.choices)

    def locked_text(self) -> str:
        return self.tr(
            "Bài đánh giá này đã nộp (khoá): gói không được sửa nó. Hãy mở lại bài "
            "đánh giá trước, rồi nhập lại gói để chọn."
        )


class ImportBundleDialog(QDialog):
    """Choose a bundle, see what it would change and every conflict, then apply or cancel."""

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.plan: MergePlan | None = None
        self.result_value: MergeResult | None = None
        self.merged = False  # something was merged while the dialog was open
        self.running = False
        self.setWindowTitle(self.tr("Nhập gói dữ liệu"))
        self.resize(980, 560)
        self.file_label = QLabel(self.tr("Chưa chọn gói."))
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Chọn gói…"))
        self.choose_button.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ConflictModel([], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (MINE, THEIRS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.locked_note.setStyleSheet("color: #8d6e00")
        self.all_mine = QPushButton(self.tr("Giữ tất cả của tôi"))
        self.all_theirs = QPushButton(self.tr("Lấy tất cả của họ"))
        self.all_mine.clicked.connect(lambda: self._choose_all("mine"))
        self.all_theirs.clicked.connect(lambda: self._choose_all("theirs"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Áp dụng"))
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = QPushButton(self.tr("Huỷ"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_mine)
        buttons.addWidget(self.all_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.model.dataChanged.connect(lambda *_args: self._update_buttons())
        self._show_plan(None)

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn gói dữ liệu"),
            "",
            self.tr("Gói dữ liệu Kiểm tra (*.ktb *.zip);;Mọi tệp (*)"),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check the bundle and plan the merge in the background (nothing written)."""
        self.file_label.setText(str(path))
        self.result_value = None
        self.cancel_button.setText(self.tr("Đóng") if self.merged else self.tr("Huỷ"))
        self._show_plan(None)
        self.status.setText(self.tr("Đang đọc và kiểm tra gói…"))
        run_task(plan_job, self.database, Path(path), done=self._show_plan, failed=self._failed)

    def _show_plan(self, plan: MergePlan | None) -> None:
        self.plan = plan
        self.model.beginResetModel()
        self.model.conflicts = plan.conflicts if plan else []
        self.model.choices = {}
        self.model.endResetModel()
        self.table.resizeRowsToContents()
        self.summary.setText(self.describe(plan) if plan else "")
        locked = sum(c.locked for c in plan.conflicts) if plan else 0
        self.locked_note.setVisible(bool(locked))
        self.locked_note.setText(
            self.tr("%1 xung đột thuộc bài đánh giá đã nộp (khoá) nên không chọn được: ").replace(
                "%1", str(locked)
            )
            + self.model.locked_text()
        )
        self.status.clear()
        self._update_buttons()

    def describe(self, plan: MergePlan) -> str:
        """What applying the plan would change, in counts a user recognises."""
        source = plan.bundle.source_name or str(plan.bundle.source_device)
        names = {
            "units": self.tr("đơn vị mới"),
            "assessments": self.tr("bài đánh giá mới"),
            "answers": self.tr("câu trả lời mới"),
            "corrective_actions": self.tr("biện pháp khắc phục mới"),
            "evidence_files": self.tr("tệp minh chứng mới"),
            "checklist_versions": self.tr("phiên bản danh mục mới"),
            "audit_entries": self.tr("dòng nhật ký"),
        }
        parts = [
            f"{len(plan.new.get(key, []))} {label}"
            for key, label in names.items()
            if plan.new.get(key)
        ]
        parts.append(
            self.tr("%1 câu trả lời được cập nhật").replace("%1", str(len(plan.take_theirs)))
        )
        if plan.updated_units:
            parts.append(
                self.tr("%1 đơn vị được cập nhật").replace("%1", str(len(plan.updated_units)))
            )
        if plan.submit:
            parts.append(self.tr("%1 bài được nộp").replace("%1", str(len(plan.submit))))
        text = self.tr("Gói từ máy “%1”. Sẽ thay đổi: ").replace("%1", source) + ", ".join(parts)
        if not plan.changes and not plan.conflicts:
            text = self.tr("Gói từ máy “%1”: không có gì mới so với dữ liệu ở đây.").replace(
                "%1", source
            )
        conflicts = len(plan.conflicts)
        if conflicts:
            text += "\n" + self.tr(
                "%1 xung đột (cùng một mục đã sửa ở cả hai nơi): chọn giữ "
                "bản của tôi hoặc của họ cho từng dòng."
            ).replace("%1", str(conflicts))
        return text

    def _choose_all(self, side: str) -> None:
        self.model.choose_all(side)

    def _update_buttons(self) -> None:
        plan, done = self.plan, self.result_value is not None
        open_conflicts = plan is not None and any(not c.locked for c in plan.conflicts)
        for button in (self.all_mine, self.all_theirs):
            button.setEnabled(open_conflicts and not done)
        undecided = self.model.undecided()
        ready = plan is not None and not done and (plan.changes > 0 or open_conflicts)
        self.apply_button.setEnabled(ready and undecided == 0)
        if plan is not None and not done and undecided:
            self.status.setText(self.tr("Còn %1 xung đột chưa chọn.").replace("%1", str(undecided)))
        elif plan is not None and not done:
            self.status.clear()

    def choices(self) -> dict[str, str]:
        return dict(self.model.choices)

    def apply(self) -> None:
        """Merge with the choices made; one transaction, so it all lands or nothing does."""
        if self.plan is None or self.model.undecided():
            return
        self.running = True
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.status.setText(self.tr("Đang gộp…"))
        run_task(
            apply_job,
            self.database,
            self.plan,
            self.choices(),
            done=self._applied,
            failed=self._failed,
        )

    def reject(self) -> None:
        if not self.running:  # a merge under way finishes; it cannot be half applied
            super().reject()

    def _stopped(self) -> None:
        self.running = False
        self.cancel_button.setEnabled(True)
        self.choose_button.setEnabled(True)

    def _applied(self, result: MergeResult) -> None:
        self._stopped()
        self.result_value, self.merged = result, True
        added = sum(result.applied.values())
        text = (
            self.tr("Đã gộp: %1 dòng mới, %2 thay đổi lấy của họ, %3 giữ của tôi.")
            .replace("%1", str(added))
            .replace("%2", str(result.took_theirs))
            .replace("%3", str(result.kept_mine))
        )
        if result.locked:
            text += " " + self.tr("%1 xung đột đã khoá chưa được áp dụng.").replace(
                "%1", str(len(result.locked))
            )
        self.status.setText(text)
        self.cancel_button.setText(self.tr("Đóng"))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._stopped()
        if isinstance(exc, KnownError):
            message = known_error_text(exc)
        else:  # a bug: logged with its traceback; the user is told nothing was merged
            log.error("bundle import failed", exc_info=exc)
            message = self.tr("Lỗi không mong đợi; không có gì được ghi: %1").replace(
                "%1", str(exc)
            )
        self.status.setText(message)
        self._update_buttons()
        show_error(self, message)


def open_export(parent: QWidget | None, database: Database) -> ExportBundleDialog:
    dialog = ExportBundleDialog(parent, database)
    dialog.exec()
    return dialog


def open_import(parent: QWidget | None, database: Database) -> ImportBundleDialog:
    dialog = ImportBundleDialog(parent, database)
    dialog.exec()
    return dialog
