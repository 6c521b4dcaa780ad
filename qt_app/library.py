"""The checklist library: the directives, their items, source text and themes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeView,
)

from models.catalog import latest_versions, show_checklist
from models.db import Database

Index = QModelIndex | QPersistentModelIndex


class _Node:
    def __init__(self, data: dict[str, Any], parent: _Node | None, row: int) -> None:
        self.data = data
        self.parent = parent
        self.row = row
        self.children: list[_Node] = []


class LibraryModel(QAbstractItemModel):
    """Checklists at the top level, their items (a tree) below."""

    CODE, TEXT, THEMES = range(3)
    RawRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, checklists: list[dict[str, Any]]) -> None:
        super().__init__()
        self._roots: list[_Node] = []
        for row, checklist in enumerate(checklists):
            node = _Node(checklist, None, row)
            self._add_children(node, checklist["items"])
            self._roots.append(node)

    def _add_children(self, node: _Node, items: list[dict[str, Any]]) -> None:
        for row, item in enumerate(items):
            child = _Node(item, node, row)
            node.children.append(child)
            self._add_children(child, item["children"])

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None  # type: ignore[return-value]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_node = self._node(parent)
        siblings = parent_node.children if parent_node else self._roots
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node else len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == self.RawRole:
            return node.data
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        data = node.data
        if node.parent is None:
            values = [data["directive"]["number"] or "—", data["title"], ""]
        else:
            values = [data["code"], data["requirement"], ", ".join(data["themes"])]
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Mã"), self.tr("Yêu cầu"), self.tr("Chủ đề")][section]
        return None


class LibraryWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Kiểm tra — Thư viện danh mục"))
        with database.session() as session:
            checklists = [show_checklist(session, v.checklist.slug, v.version)
                          for v in latest_versions(session)]
        self.model = LibraryModel(checklists)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.source = QTextBrowser()
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.source)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self.tree.selectionModel().currentChanged.connect(self._show_source)

    def _show_source(self, current: QModelIndex, _previous: QModelIndex) -> None:
        data = self.model.data(current, LibraryModel.RawRole)
        if data is None:
            return
        if "source" in data:
            self.source.setPlainText(f"{data['label']} {data['source']}".strip())
        else:
            d = data["directive"]
            self.source.setPlainText(f"{d['kind']} {d['number'] or ''}\n{d['issuer']}\n"
                                     f"{d['subject']}")
