"""Asking about a unit: a new one, a new name, a new parent, one to bring back from the
archive. Each returns plain values."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from models.text import fold
from models.vocabulary import UNIT_KINDS
from qt_app.dialogs import FormDialog
from qt_app.i18n import pick

# Kinds that hold other units: a new unit goes under one of these, not under a cooperative.
CONTAINER_KINDS = ("tinh", "huyen", "xa")
CHILD_KIND = {None: "tinh", "tinh": "huyen", "huyen": "htx", "xa": "htx"}


@dataclass(frozen=True)
class NewUnit:
    name: str
    kind: str
    parent_id: uuid.UUID | None
    address: str
    contact_person: str
    phone: str


class NewUnitDialog(FormDialog):
    """Name, kind, parent and contact of a new unit. The parent offered first is the one
    given (the district of a selected cooperative, say); ``others`` are offered too."""

    def __init__(
        self,
        parent_id: uuid.UUID | None,
        parent_name: str | None,
        parent: QWidget | None = None,
        *,
        parent_kind: str | None = None,
        others: list[tuple[uuid.UUID, str]] | None = None,
    ) -> None:
        super().__init__(self.tr("Thêm đơn vị"), self.tr("Thêm"), parent)
        # Unit names are long ("HTX Nông nghiệp Quảng Lâm …").
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._parent_id = parent_id
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key, labels in UNIT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        default_kind = CHILD_KIND.get(parent_kind, "htx") if parent_id else "tinh"
        self.kind.setCurrentIndex(self.kind.findData(default_kind))
        self.under = QComboBox()
        self.under.addItem(self.tr("(cấp cao nhất)"), "")
        if parent_id is not None:
            self.under.addItem(parent_name or "", str(parent_id))
            self.under.setCurrentIndex(1)
        for other_id, other_name in others or []:
            if other_id != parent_id:
                self.under.addItem(other_name, str(other_id))
        self.address, self.contact, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        form.addRow(self.tr("Tên đơn vị"), self.name)
        form.addRow(self.tr("Loại"), self.kind)
        form.addRow(self.tr("Trực thuộc"), self.under)
        form.addRow(self.tr("Địa chỉ"), self.address)
        form.addRow(self.tr("Người liên hệ"), self.contact)
        form.addRow(self.tr("Điện thoại"), self.phone)
        self.body.addLayout(form)
        self.finish_layout()
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(False)

    def values(self) -> NewUnit:
        under = self.under.currentData()
        return NewUnit(
            self.name.text(),
            self.kind.currentData(),
            uuid.UUID(under) if under else None,
            self.address.text(),
            self.contact.text(),
            self.phone.text(),
        )


class RenameUnitDialog(FormDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Đổi tên đơn vị"), self.tr("Đổi tên"), parent)
        self.name = QLineEdit(name)
        self.name.selectAll()
        self.body.addWidget(self.name)
        self.finish_layout()
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))

    def value(self) -> str:
        return self.name.text()


class MoveUnitDialog(FormDialog):
    """Pick the new parent among all units, searching without diacritics."""

    def __init__(
        self, name: str, candidates: list[tuple[uuid.UUID, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Chuyển đơn vị"), self.tr("Chuyển"), parent)
        self.body.addWidget(QLabel(self.tr("Chuyển “%1” vào:").replace("%1", name)))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị cấp trên"))
        self.list = QListWidget()
        top = QListWidgetItem(self.tr("(cấp cao nhất)"))
        top.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(top)
        for unit_id, unit_name in candidates:
            entry = QListWidgetItem(unit_name)
            entry.setData(Qt.ItemDataRole.UserRole, str(unit_id))
            self.list.addItem(entry)
        self._keys = [""] + [fold(n) for _i, n in candidates]
        self.list.setCurrentRow(0)
        self.body.addWidget(self.search)
        self.body.addWidget(self.list)
        self.finish_layout()
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(420, 480)

    def _filter(self, text: str) -> None:
        key = fold(text)
        for row, item_key in enumerate(self._keys):
            self.list.item(row).setHidden(bool(key) and row > 0 and key not in item_key)

    def value(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        return uuid.UUID(value) if value else None


class ArchivedUnitsDialog(FormDialog):
    """The archived units, searchable; the chosen one is brought back into the tree."""

    def __init__(self, archived: list[tuple[uuid.UUID, str]], parent: QWidget | None = None):
        super().__init__(self.tr("Đơn vị đã lưu trữ"), self.tr("Bỏ lưu trữ"), parent)
        self.body.addWidget(
            QLabel(self.tr("Chọn đơn vị để đưa trở lại danh sách (bài đánh giá vẫn còn nguyên):"))
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị"))
        self.list = QListWidget()
        for unit_id, name in archived:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, str(unit_id))
            self.list.addItem(entry)
        self._keys = [fold(name) for _id, name in archived]
        self.empty = QLabel(self.tr("Không có đơn vị nào đang lưu trữ."))
        self.empty.setVisible(not archived)
        self.body.addWidget(self.search)
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)
        self.finish_layout()
        if archived:
            self.list.setCurrentRow(0)
        self.ok.setEnabled(bool(archived))
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 24)

    def _filter(self, text: str) -> None:
        key = fold(text)
        for row, item_key in enumerate(self._keys):
            self.list.item(row).setHidden(bool(key) and key not in item_key)

    def value(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return uuid.UUID(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
