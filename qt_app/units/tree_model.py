"""The unit tree's model: province → district → unit with a badge each, and the search
filter (without diacritics) that keeps matches, the path to them and what is below them.

Built from one query of units and one aggregate query of badges, so two thousand units load
in a blink; a parent shows how many units below it have submitted in the round.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from models.periods import Period
from models.queries.units import Badge, UnitTree
from models.scoring import band
from models.text import fold
from models.vocabulary import UNIT_KINDS, UNIT_PROGRESS, percent_text
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language, pick

Index = QModelIndex | QPersistentModelIndex
NAME, STATUS = range(2)
UnitIdRole = Qt.ItemDataRole.UserRole + 1
BadgeRole = Qt.ItemDataRole.UserRole + 2
NOT_STARTED_COLOUR = "#9e9e9e"


class UnitNode:
    __slots__ = (
        "id",
        "name",
        "kind",
        "parent",
        "children",
        "row",
        "key",
        "badge",
        "submitted",
        "total",
    )

    def __init__(self, unit_id: uuid.UUID, name: str, kind: str) -> None:
        self.id, self.name, self.kind = unit_id, name, kind
        self.parent: UnitNode | None = None
        self.children: list[UnitNode] = []
        self.row = 0
        self.key = fold(name)
        self.badge: Badge | None = None
        self.submitted = 0  # units below this one that have submitted in the round
        self.total = 0


_ICONS: dict[tuple[str, str], QIcon] = {}


def badge_icon(badge: Badge | None) -> QIcon:
    """An empty ring (not started), a half disc (in progress) or a disc (submitted),
    filled with the compliance band's colour."""
    cache = _ICONS
    state = badge.state if badge else "none"
    found = band(badge.compliance) if badge else None
    colour = found[2] if found else NOT_STARTED_COLOUR
    if (state, colour) not in cache:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colour), 1.5))
        painter.drawEllipse(2, 2, 10, 10)
        painter.setBrush(QColor(colour))
        if state == "submitted":
            painter.drawEllipse(2, 2, 10, 10)
        elif state == "draft":
            painter.drawPie(2, 2, 10, 10, 90 * 16, 180 * 16)
        painter.end()
        cache[(state, colour)] = QIcon(pixmap)
    return cache[(state, colour)]


class UnitTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[UnitNode] = []
        self._nodes: dict[uuid.UUID, UnitNode] = {}
        self.round: str | None = None
        self.round_id: uuid.UUID | None = None
        self.round_kind: str | None = None

    def load(self, tree: UnitTree) -> None:
        self.beginResetModel()
        self.round = tree.round
        self.round_id = tree.round_id
        self.round_kind = next((r.kind for r in tree.rounds if r.id == tree.round_id), None)
        self._nodes = {u.id: UnitNode(u.id, u.name, u.kind) for u in tree.units}
        self._roots = []
        for unit in tree.units:
            node = self._nodes[unit.id]
            node.badge = tree.badges.get(unit.id)
            parent = self._nodes.get(unit.parent_id) if unit.parent_id else None
            node.parent = parent
            (parent.children if parent else self._roots).append(node)
        self._arrange(self._roots)
        for node in self._nodes.values():
            if node.badge is not None and node.badge.state == "submitted":
                self._add_to_ancestors(node, submitted=1, total=0)
            self._add_to_ancestors(node, submitted=0, total=1)
        self.endResetModel()

    def _arrange(self, siblings: list[UnitNode]) -> None:
        siblings.sort(key=lambda n: (n.key, n.name))
        for row, node in enumerate(siblings):
            node.row = row
            self._arrange(node.children)

    @staticmethod
    def _add_to_ancestors(node: UnitNode, *, submitted: int, total: int) -> None:
        parent = node.parent
        while parent is not None:
            parent.submitted += submitted
            parent.total += total
            parent = parent.parent

    def node(self, index: Index) -> UnitNode | None:
        return index.internalPointer() if index.isValid() else None  # type: ignore[return-value]

    def index_of(self, unit_id: uuid.UUID) -> QModelIndex:
        node = self._nodes.get(unit_id)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def unit_name(self, unit_id: uuid.UUID) -> str | None:
        node = self._nodes.get(unit_id)
        return node.name if node else None

    def kind(self, unit_id: uuid.UUID) -> str | None:
        node = self._nodes.get(unit_id)
        return node.kind if node else None

    def parent_id(self, unit_id: uuid.UUID) -> uuid.UUID | None:
        node = self._nodes.get(unit_id)
        return node.parent.id if node and node.parent else None

    def unit_count(self) -> int:
        return len(self._nodes)

    def set_badge(self, unit_id: uuid.UUID, badge: Badge | None) -> None:
        """Change one unit's badge (after an answer or a submission): one row changes."""
        node = self._nodes.get(unit_id)
        if node is None:
            return
        was = node.badge is not None and node.badge.state == "submitted"
        now = badge is not None and badge.state == "submitted"
        node.badge = badge
        if was != now:
            self._add_to_ancestors(node, submitted=1 if now else -1, total=0)
        self.dataChanged.emit(
            self.createIndex(node.row, NAME, node), self.createIndex(node.row, STATUS, node)
        )
        parent = node.parent
        while parent is not None and was != now:
            self.dataChanged.emit(
                self.createIndex(parent.row, STATUS, parent),
                self.createIndex(parent.row, STATUS, parent),
            )
            parent = parent.parent

    # -- the Qt model interface --

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_node = self.node(parent)
        siblings = parent_node.children if parent_node else self._roots
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != NAME:
            return 0
        node = self.node(parent)
        return len(node.children) if node else len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Đơn vị"), self.tr("Tình trạng"))[section] if section < 2 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == UnitIdRole:
            return node.id
        if role == BadgeRole:
            return node.badge
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name if column == NAME else self._status_text(node)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return badge_icon(node.badge)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        return None

    def _status_text(self, node: UnitNode) -> str:
        """A submitted unit's compliance; a unit still answering says so (a "100%" over the
        few items answered so far would read as finished); a parent counts submissions."""
        badge = node.badge
        if node.children and (badge is None or badge.compliance is None):
            return f"{node.submitted}/{node.total}"
        if badge is not None and badge.state == "draft":
            return pick(UNIT_PROGRESS["draft"])
        if badge is None or badge.compliance is None:
            return "—"
        return percent_text(badge.compliance, 0, language())

    def _state_label(self, badge: Badge | None) -> str:
        return pick(UNIT_PROGRESS["none" if badge is None else badge.state])

    def _tooltip(self, node: UnitNode) -> str:
        kind = pick(UNIT_KINDS[node.kind]) if node.kind in UNIT_KINDS else node.kind
        lines = [node.name, kind]
        if self.round:
            period = Period(self.round)
            label = period.label_en if language() == "en" else period.label
            lines.append(
                self.tr("Kỳ %1: %2")
                .replace("%1", label)
                .replace("%2", self._state_label(node.badge))
            )
        if node.badge and node.badge.compliance is not None:
            text = percent_text(node.badge.compliance, 1, language())
            if node.badge.state == "draft":
                lines.append(
                    self.tr("Mức đạt đến nay (các mục đã trả lời): %1").replace("%1", text)
                )
            else:
                lines.append(self.tr("Mức đạt: %1").replace("%1", text))
        if node.badge and node.badge.failed_critical:
            lines.append(
                self.tr("Mục trọng yếu chưa đạt: %1").replace("%1", str(node.badge.failed_critical))
            )
        if node.children:
            lines.append(
                self.tr("Đã nộp: %1/%2 đơn vị trực thuộc")
                .replace("%1", str(node.submitted))
                .replace("%2", str(node.total))
            )
        return "\n".join(lines)


class UnitFilter(QSortFilterProxyModel):
    """Keeps units whose name contains the search, the path to them, and what is below
    them (a district found by name can be opened to its units)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._key = ""
        self.setRecursiveFilteringEnabled(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._key = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_searching(self) -> bool:
        return bool(self._key)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._key:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        node = index.internalPointer() if index.isValid() else None
        while node is not None:
            if self.matches(node):
                return True
            node = node.parent
        return False

    def matches(self, node: UnitNode) -> bool:
        """The node's own name contains the search (not only an ancestor's)."""
        return bool(self._key) and self._key in node.key
