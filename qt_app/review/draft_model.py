"""The draft checklist's item tree as a Qt model, for the review tab.

Structure changes (split, merge, move, re-nest, remove) go through ``models.directive_import
.review`` and are announced as row moves, inserts and removals; an edit changes one cell.
``edited`` fires after every change, so the widget saves the draft at once. The role and
addressees the importer proposed are shown in their own colour, with the directive's words
that led to them as the tooltip, until the reviewer sets them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from models.checklist_file import ItemSpec
from models.directive_import import review
from models.directive_import.items import DraftItem, proposals_of, warnings_of
from models.item_scope import addressed_to
from models.vocabulary import ITEM_MARKS, ITEM_ROLES, UNIT_KINDS, vn_date
from qt_app.i18n import language, pick

Index = QModelIndex | QPersistentModelIndex
PROPOSAL_COLOUR = "#1a5fb4"  # the importer's guess, not yet the reviewer's word


class DraftItemModel(QAbstractItemModel):
    """The draft's item tree: structure changes move rows, edits change single cells."""

    CODE, LABEL, REQUIREMENT, THEMES, CRITICAL, WEIGHT, ROLE, ADDRESSEES = range(8)
    LAST = ADDRESSEES
    ItemRole = Qt.ItemDataRole.UserRole + 1
    edited = Signal()

    def __init__(
        self, theme_labels: dict[str, str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.items: list[ItemSpec] = []
        self.theme_labels = theme_labels or {}
        self._parents: dict[int, ItemSpec | None] = {}

    # -- reading ------------------------------------------------------------------------

    def set_items(self, items: list[ItemSpec]) -> None:
        self.beginResetModel()
        self.items = items
        self._index_parents()
        self.endResetModel()

    def _index_parents(self) -> None:
        self._parents = {}

        def visit(nodes: list[ItemSpec], parent: ItemSpec | None) -> None:
            for node in nodes:
                self._parents[id(node)] = parent
                visit(node.children, node)

        visit(self.items, None)

    def item(self, index: Index) -> ItemSpec | None:
        return index.internalPointer() if index.isValid() else None  # type: ignore[return-value]

    def _siblings(self, parent: ItemSpec | None) -> list[ItemSpec]:
        return parent.children if parent is not None else self.items

    def parent_item(self, item: ItemSpec) -> ItemSpec | None:
        return self._parents.get(id(item))

    def contains(self, item: ItemSpec) -> bool:
        return id(item) in self._parents

    def index_of(self, item: ItemSpec, column: int = 0) -> QModelIndex:
        parent = self._parents.get(id(item))
        row = review.position(self._siblings(parent), item)
        return self.createIndex(row, column, item)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._siblings(self.item(parent))[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        item = self.item(index)
        owner = self._parents.get(id(item)) if item is not None else None
        return self.index_of(owner) if owner is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(self.item(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 8

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.LABEL, self.REQUIREMENT, self.WEIGHT):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.CRITICAL:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        column = index.column()
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CRITICAL:
            return Qt.CheckState.Checked if item.critical else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REQUIREMENT:
            return item.source
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CODE and warnings_of(item):
            return "\n".join(warnings_of(item))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CODE and warnings_of(item):
            return QColor("#b25e00")  # the importer repaired or doubts this item: look here
        if role == Qt.ItemDataRole.EditRole and column == self.WEIGHT:
            return item.weight
        proposal = self._proposal(item, column)
        if proposal is not None and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Chương trình đề xuất từ câu: “{0}”").format(proposal)
        if proposal is not None and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(PROPOSAL_COLOUR)
        if proposal is not None and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = {
                self.CODE: item.code,
                self.LABEL: item.label,
                self.REQUIREMENT: item.requirement,
                self.THEMES: ", ".join(self.theme_labels.get(t, t) for t in item.themes),
                self.WEIGHT: f"{item.weight:g}",
                self.ROLE: role_text(item),
                self.ADDRESSEES: addressees_text(item),
            }
            return values.get(column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Mã"),
                self.tr("Số"),
                self.tr("Yêu cầu"),
                self.tr("Chủ đề"),
                self.tr("Trọng yếu"),
                self.tr("Trọng số"),
                self.tr("Vai trò"),
                self.tr("Giao cho"),
            ][section]
        return None

    def _proposal(self, item: ItemSpec, column: int) -> str | None:
        """The words behind the importer's proposal shown in this cell, if it is one."""
        proposals = proposals_of(item)
        if column == self.ROLE:
            return proposals.get("role") or proposals.get("valid_until")
        if column == self.ADDRESSEES:
            return proposals.get("addressees")
        return None

    # -- editing ------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if item is None:
            return False
        column = index.column()
        if column == self.CRITICAL and role == Qt.ItemDataRole.CheckStateRole:
            item.critical = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == self.REQUIREMENT and str(value).strip():
            item.requirement = " ".join(str(value).split())
        elif column == self.LABEL:
            item.label = str(value).strip()
            review.renumber(self.items)
            self._codes_changed()
        elif column == self.WEIGHT:
            try:
                weight = float(value)
            except (TypeError, ValueError):
                return False
            if not 0 < weight <= 100:
                return False
            item.weight = weight
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        self.edited.emit()
        return True

    def set_themes(self, index: Index, themes: list[str]) -> None:
        item = self.item(index)
        if item is None:
            return
        order = list(self.theme_labels)
        item.themes = sorted(set(themes), key=lambda t: order.index(t) if t in order else 99)
        cell = self.index(index.row(), self.THEMES, index.parent())
        self.dataChanged.emit(cell, cell)
        self.edited.emit()

    def set_scope(
        self,
        index: Index,
        *,
        role: str | None = None,
        kinds: list[str] | None = None,
        bodies: list[str] | None = None,
        valid_until: dt.date | None | bool = False,
    ) -> None:
        """The reviewer's decision on role, addressees or valid-until (``False``: unchanged);
        what the reviewer sets is no longer a proposal."""
        item = self.item(index)
        if item is None:
            return
        decided: list[str] = []
        if role is not None and role in ITEM_ROLES:
            item.role = role
            decided.append("role")
        if kinds is not None:
            item.addressees = [k for k in UNIT_KINDS if k in kinds]
            decided.append("addressees")
        if bodies is not None:
            cleaned = (" ".join(b.split()) for b in bodies)
            item.addressed_bodies = list(dict.fromkeys(b for b in cleaned if b))
            decided.append("addressees")
        if valid_until is not False:
            item.valid_until = valid_until if isinstance(valid_until, dt.date) else None
            decided.append("valid_until")
        if isinstance(item, DraftItem):
            for name in decided:
                item.proposals.pop(name, None)
        first = self.index(index.row(), self.ROLE, index.parent())
        last = self.index(index.row(), self.ADDRESSEES, index.parent())
        self.dataChanged.emit(first, last)
        self.edited.emit()

    def _codes_changed(self, parent: QModelIndex | None = None) -> None:
        parent = parent or QModelIndex()
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(
                self.index(0, self.CODE, parent), self.index(rows - 1, self.CODE, parent)
            )
            for row in range(rows):
                self._codes_changed(self.index(row, 0, parent))

    def _done(self) -> None:
        self._codes_changed()
        self.edited.emit()

    def move(self, index: Index, step: int) -> None:
        item, parent, row = self.item(index), index.parent(), index.row()
        if item is None:
            return
        if not 0 <= row + step < self.rowCount(parent):
            review.move(self.items, item, step)  # raises the clear message
        self.beginMoveRows(parent, row, row, parent, row + 2 if step > 0 else row - 1)
        review.move(self.items, item, step)
        self._index_parents()
        self.endMoveRows()
        self._done()

    def indent(self, index: Index) -> None:
        item, parent, row = self.item(index), index.parent(), index.row()
        if item is None:
            return
        if row == 0:
            review.indent(self.items, item)  # raises the clear message
        above = self.index(row - 1, 0, parent)
        self.beginMoveRows(parent, row, row, above, self.rowCount(above))
        review.indent(self.items, item)
        self._index_parents()
        self.endMoveRows()
        self._done()

    def outdent(self, index: Index) -> None:
        item, parent = self.item(index), index.parent()
        if item is None:
            return
        if not parent.isValid():
            review.outdent(self.items, item)  # raises the clear message
        self.beginMoveRows(parent, index.row(), index.row(), parent.parent(), parent.row() + 1)
        review.outdent(self.items, item)
        self._index_parents()
        self.endMoveRows()
        self._done()

    def split(self, index: Index, position: int) -> ItemSpec | None:
        item, parent = self.item(index), index.parent()
        if item is None:
            return None
        if not item.source[:position].strip() or not item.source[position:].strip():
            review.split_item(self.items, item, position)  # raises the clear message
        self.beginInsertRows(parent, index.row() + 1, index.row() + 1)
        new = review.split_item(self.items, item, position)
        self._index_parents()
        self.endInsertRows()
        self.dataChanged.emit(index, self.index(index.row(), self.LAST, parent))
        self._done()
        return new

    def merge_with_next(self, index: Index) -> None:
        item, parent, row = self.item(index), index.parent(), index.row()
        if item is None:
            return
        if row + 1 >= self.rowCount(parent):
            review.merge_with_next(self.items, item)  # raises the clear message
        following = self.index(row + 1, 0, parent)
        count = self.rowCount(following)
        if count:
            self.beginMoveRows(following, 0, count - 1, index, len(item.children))
            moved = self.item(following)
            assert moved is not None
            item.children.extend(moved.children)
            moved.children = []
            self._index_parents()
            self.endMoveRows()
        self.beginRemoveRows(parent, row + 1, row + 1)
        review.merge_with_next(self.items, item)
        self._index_parents()
        self.endRemoveRows()
        self.dataChanged.emit(index, self.index(row, self.LAST, parent))
        self._done()

    def remove(self, index: Index) -> None:
        item = self.item(index)
        if item is None:
            return
        self.beginRemoveRows(index.parent(), index.row(), index.row())
        review.remove(self.items, item)
        self._index_parents()
        self.endRemoveRows()
        self._done()


def addressees_text(item: ItemSpec) -> str:
    """To whom the item is given, in the vocabulary's words ("Mọi đơn vị" when to everyone)."""
    return addressed_to(item.addressees, item.addressed_bodies, language())


def role_text(item: ItemSpec) -> str:
    """The item's role, and until when it holds if it ends ("Đề mục · Hiệu lực đến …")."""
    text = pick(ITEM_ROLES.get(item.role, ITEM_ROLES["requirement"]))
    if item.valid_until is not None:
        text += f" · {pick(ITEM_MARKS['valid-until'])} {vn_date(item.valid_until)}"
    return text
