"""The unit tree on the left: province → district → unit, searchable without diacritics.

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
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

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
        badge = node.badge
        if node.children and (badge is None or badge.compliance is None):
            return f"{node.submitted}/{node.total}"
        if badge is None or badge.compliance is None:
            return "—"
        return percent_text(badge.compliance, 0)

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
            lines.append(self.tr("Mức đạt: %1%").replace("%1", f"{node.badge.compliance:.1f}"))
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
    """Keeps units whose name contains the search, and the path to them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._key = ""
        self.setRecursiveFilteringEnabled(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._key = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._key:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        node = index.internalPointer() if index.isValid() else None
        return node is not None and self._key in node.key


class UnitTreeView(QWidget):
    """Search box, the round shown and the tree; says which unit is selected."""

    unit_selected = Signal(object)  # uuid.UUID or None
    round_chosen = Signal(object)  # the round the user picked in the combo (uuid.UUID)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnitTreeModel(self)
        self.proxy = UnitFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        self.round_label = QLabel()
        self.round_label.setObjectName("roundLabel")
        self.round_box = QComboBox()
        self.round_box.setObjectName("roundBox")
        self.round_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round_box.setMinimumContentsLength(12)
        self.round_box.setToolTip(self.tr("Đợt báo cáo mà cây đơn vị đang hiển thị"))
        self.round_box.activated.connect(
            lambda index: self.round_chosen.emit(uuid.UUID(self.round_box.itemData(index)))
        )
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STATUS, self.fontMetrics().horizontalAdvance("0000/0000") + 12)
        self.view.setIndentation(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.round_box)
        layout.addWidget(self.round_label)
        layout.addWidget(self.view)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def load(self, tree: UnitTree, select: uuid.UUID | None = None) -> None:
        keep = select or self.current_unit()
        self.model.load(tree)
        self.round_box.blockSignals(True)
        self.round_box.clear()
        for choice in tree.rounds:
            period = Period(choice.period)
            label = period.label_en if language() == "en" else period.label
            closed = self.tr(" (đã đóng)") if choice.status == "closed" else ""
            title = choice.name if label in choice.name else f"{choice.name} — {label}"
            self.round_box.addItem(title + closed, str(choice.id))
        self.round_box.setCurrentIndex(max(0, self.round_box.findData(str(tree.round_id))))
        self.round_box.blockSignals(False)
        self.round_box.setVisible(bool(tree.rounds))
        self.round_label.setVisible(not tree.rounds)
        if tree.round:
            period = Period(tree.round)
            label = period.label_en if language() == "en" else period.label
            self.round_label.setText(self.tr("Kỳ báo cáo: %1").replace("%1", label))
        else:
            self.round_label.setText(self.tr("Chưa có kỳ báo cáo nào"))
        self.apply_search()
        if keep is not None:
            self.select_unit(keep)

    def apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self.proxy.set_search(text)
        if fold(text):
            self.view.expandAll()
        else:
            self.view.collapseAll()
            self.view.expandToDepth(0)
        current = self.current_unit()
        if current is not None:
            self.view.scrollTo(self.view.currentIndex())

    def current_unit(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(UnitIdRole) if index.isValid() else None

    def select_unit(self, unit_id: uuid.UUID) -> bool:
        index = self.proxy.mapFromSource(self.model.index_of(unit_id))
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.unit_selected.emit(current.data(UnitIdRole) if current.isValid() else None)
