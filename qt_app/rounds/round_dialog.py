"""The dialog that makes or changes a round: its name, kind, period, due date, checklists
and the units expected (every unit of a kind under an area, or picked one by one).

It is handed plain lists (checklists, units) and returns plain values; the caller saves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)

from models.errors import KnownError
from models.periods import parse_period, week_of
from models.text import matches
from models.vocabulary import ASSESSMENT_KINDS, UNIT_KINDS, label_of
from qt_app.dialogs import FormDialog
from qt_app.i18n import language

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class UnitChoice:
    id: uuid.UUID
    name: str
    kind: str
    depth: int


@dataclass(frozen=True)
class RoundValues:
    name: str
    kind: str
    period: str
    due_on: dt.date | None
    checklists: list[str]
    units: list[uuid.UUID] | None  # picked; None means by rule
    area_id: uuid.UUID | None
    unit_kind: str | None


class RoundDialog(FormDialog):
    """New round, or (with ``existing``) a change of name, due date and expected units."""

    def __init__(
        self,
        checklists: list[tuple[str, str]],
        units: list[UnitChoice],
        parent: QWidget | None = None,
        *,
        existing: RoundValues | None = None,
        expected: set[uuid.UUID] | None = None,
    ) -> None:
        editing = existing is not None
        super().__init__(
            self.tr("Sửa đợt") if editing else self.tr("Đợt báo cáo mới"),
            self.tr("Lưu") if editing else self.tr("Tạo đợt"),
            parent,
        )
        self.units = units
        self.values: RoundValues | None = None
        lang = language()
        form = QFormLayout()
        self.name = QLineEdit(existing.name if existing else "")
        self.name.setPlaceholderText(self.tr("Ví dụ: Tự đánh giá tuần 38 — huyện Đầm Hà"))
        form.addRow(self.tr("Tên đợt"), self.name)
        self.kind = QComboBox()
        for key in ASSESSMENT_KINDS:
            self.kind.addItem(label_of(ASSESSMENT_KINDS, key, lang), key)
        self.period = QLineEdit(existing.period if existing else week_of(dt.date.today()).label)
        self.period.setPlaceholderText(
            self.tr("Tuần 38/2021, Tháng 9/2021, 01/09/2021 - 30/09/2021")
        )
        self.period_shown = QLabel()
        self.period.textChanged.connect(self._show_period)
        form.addRow(self.tr("Hình thức"), self.kind)
        form.addRow(self.tr("Kỳ báo cáo"), self.period)
        form.addRow("", self.period_shown)
        due_row = QHBoxLayout()
        self.has_due = QCheckBox(self.tr("Có hạn nộp"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        day = existing.due_on if existing and existing.due_on else dt.date.today()
        self.due.setDate(QDate(day.year, day.month, day.day))
        self.has_due.setChecked(bool(existing and existing.due_on))
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form.addRow(self.tr("Hạn nộp"), due_row)
        self.checklists = QListWidget()
        for slug, title in checklists:
            item = QListWidgetItem(title)
            item.setData(ID_ROLE, slug)
            item.setCheckState(
                Qt.CheckState.Checked
                if existing and slug in existing.checklists
                else Qt.CheckState.Unchecked
            )
            self.checklists.addItem(item)
        self.checklists.setMaximumHeight(110)
        form.addRow(self.tr("Danh mục"), self.checklists)
        self.body.addLayout(form)

        self.by_rule = QRadioButton(self.tr("Mọi đơn vị loại"))
        self.by_pick = QRadioButton(self.tr("Chọn từng đơn vị"))
        group = QButtonGroup(self)
        group.addButton(self.by_rule)
        group.addButton(self.by_pick)
        rule = QHBoxLayout()
        self.unit_kind = QComboBox()
        self.unit_kind.addItem(self.tr("(mọi loại)"), None)
        for key in UNIT_KINDS:
            self.unit_kind.addItem(label_of(UNIT_KINDS, key, lang), key)
        self.unit_kind.setCurrentIndex(self.unit_kind.findData("htx"))
        self.area = QComboBox()
        self.area.addItem(self.tr("(cả danh sách)"), None)
        for unit in units:
            if unit.kind in ("tinh", "huyen", "xa"):
                self.area.addItem("  " * unit.depth + unit.name, unit.id)
        rule.addWidget(self.by_rule)
        rule.addWidget(self.unit_kind)
        rule.addWidget(QLabel(self.tr("thuộc")))
        rule.addWidget(self.area, 1)
        self.body.addLayout(rule)
        self.body.addWidget(self.by_pick)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị (không cần dấu)"))
        self.search.textChanged.connect(self._filter)
        self.picked = QListWidget()
        for unit in units:
            item = QListWidgetItem("  " * unit.depth + unit.name)
            item.setData(ID_ROLE, unit.id)
            item.setCheckState(
                Qt.CheckState.Checked
                if expected and unit.id in expected
                else Qt.CheckState.Unchecked
            )
            self.picked.addItem(item)
        self.body.addWidget(self.search)
        self.body.addWidget(self.picked, 1)
        self.by_pick.toggled.connect(self._mode)
        (self.by_pick if editing else self.by_rule).setChecked(True)
        self._mode()
        if editing:
            for widget in (self.kind, self.period, self.checklists, self.by_rule):
                widget.setEnabled(False)
            self.kind.setCurrentIndex(self.kind.findData(existing.kind))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        self.body.addWidget(self.error)
        self.finish_layout()
        self._show_period()
        self.resize(640, 640)

    def _mode(self) -> None:
        picking = self.by_pick.isChecked()
        for widget in (self.search, self.picked):
            widget.setEnabled(picking)
        for widget in (self.unit_kind, self.area):
            widget.setEnabled(not picking)

    def _filter(self, text: str) -> None:
        for row in range(self.picked.count()):
            item = self.picked.item(row)
            item.setHidden(bool(text) and not matches(text, item.text()))

    def _show_period(self) -> None:
        try:
            period = parse_period(self.period.text())
        except KnownError:
            self.period_shown.setText(self.tr("(chưa hiểu kỳ này)"))
            return
        self.period_shown.setText(
            f"{period.label}: {period.first_day:%d/%m/%Y} – {period.last_day:%d/%m/%Y}"
        )

    def _checked(self, widget: QListWidget) -> list:
        return [
            widget.item(row).data(ID_ROLE)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        try:
            period = parse_period(self.period.text()).key
        except KnownError as exc:
            self.error.setText(exc.message(language()))
            return
        name = self.name.text().strip()
        checklists = self._checked(self.checklists)
        picked = self._checked(self.picked) if self.by_pick.isChecked() else None
        problem = (
            self.tr("Hãy đặt tên đợt.")
            if not name
            else self.tr("Hãy chọn ít nhất một danh mục.")
            if not checklists
            else self.tr("Hãy chọn ít nhất một đơn vị.")
            if picked is not None and not picked
            else ""
        )
        if problem:
            self.error.setText(problem)
            return
        qdate = self.due.date()
        self.values = RoundValues(
            name=name,
            kind=self.kind.currentData(),
            period=period,
            due_on=dt.date(qdate.year(), qdate.month(), qdate.day())
            if self.has_due.isChecked()
            else None,
            checklists=checklists,
            units=picked,
            area_id=None if picked is not None else self.area.currentData(),
            unit_kind=None if picked is not None else self.unit_kind.currentData(),
        )
        super().accept()
