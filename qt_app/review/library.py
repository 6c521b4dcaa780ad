"""The checklist library tab: each directive's checklist, its items as a tree, and for the
selected item the directive's own words, its themes and whether it is critical.

It is read when the tab is first opened, not at start-up.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.catalog import latest_versions, show_checklist
from models.db import Database
from models.queries.items import theme_labels
from models.text import fold
from qt_app.i18n import pick

Index = QModelIndex | QPersistentModelIndex


class _Node:
    __slots__ = ("data", "parent", "row", "children")

    def __init__(self, data: dict[str, Any], parent: _Node | None, row: int) -> None:
        self.data = data
        self.parent = parent
        self.row = row
        self.children: list[_Node] = []


class LibraryModel(QAbstractItemModel):
    """Checklists at the top level, their items (a tree) below."""

    CODE, TEXT, THEMES = range(3)
    RawRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self, checklists: list[dict[str, Any]], themes: dict[str, str], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._themes = themes
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

    def theme_names(self, ids: list[str]) -> str:
        return ", ".join(self._themes.get(theme, theme) for theme in ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == self.RawRole:
            return node.data
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        data = node.data
        if node.parent is None:
            values = [
                data["directive"]["number"] or "—",
                data["title"],
                self.tr("%n mục", "", _count(data["items"])),
            ]
        else:
            code = f"{data['code']} ★" if data["critical"] else data["code"]
            values = [code, data["requirement"], self.theme_names(data["themes"])]
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return [self.tr("Mã"), self.tr("Yêu cầu"), self.tr("Chủ đề")][section]
        return None


def _count(items: list[dict[str, Any]]) -> int:
    return sum(1 + _count(item["children"]) for item in items)


class LibraryWidget(QWidget):
    """Browse the directives and their checklist items."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.model: LibraryModel | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm trong danh mục (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.source = QTextBrowser()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.tree)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.source)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self) -> None:
        """Read the library again (a checklist was just published); shown at once if loaded."""
        if self.model is not None:
            self.model = None
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self.model is not None:
            return
        with self.database.session() as session:
            checklists = [
                show_checklist(session, v.checklist.slug, v.version)
                for v in latest_versions(session)
            ]
            themes = {theme_id: pick((vi, en)) for theme_id, vi, en in theme_labels(session)}
        self.model = LibraryModel(checklists, themes, self)
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setSectionResizeMode(LibraryModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(
            LibraryModel.CODE, self.fontMetrics().horizontalAdvance("2810/UBND-KGVX") + 40
        )
        header.resizeSection(LibraryModel.THEMES, 200)
        self.tree.expandToDepth(0)
        self.tree.selectionModel().currentChanged.connect(self._show_source)
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def _filter(self, text: str) -> None:
        """Hide items (and checklists) with nothing matching; parents of a match stay."""
        if self.model is None:
            return
        key = fold(text)

        def visit(parent: QModelIndex) -> bool:
            any_shown = False
            for row in range(self.model.rowCount(parent)):  # type: ignore[union-attr]
                index = self.model.index(row, 0, parent)  # type: ignore[union-attr]
                data = index.data(LibraryModel.RawRole)
                words = " ".join(
                    str(data.get(k) or "") for k in ("code", "requirement", "source", "title")
                )
                below = visit(index)
                shown = not key or key in fold(words) or below
                self.tree.setRowHidden(row, parent, not shown)
                any_shown = any_shown or shown
            return any_shown

        visit(QModelIndex())
        if key:
            self.tree.expandAll()

    def _show_source(self, current: QModelIndex, _previous: QModelIndex) -> None:
        assert self.model is not None
        data = current.data(LibraryModel.RawRole) if current.isValid() else None
        if data is None:
            return
        if "source" in data:
            themes = escape(self.model.theme_names(data["themes"])) or "—"
            themes_label = self.tr("Chủ đề")
            critical = self.tr("<p><b>Mục trọng yếu</b></p>") if data["critical"] else ""
            self.source.setHtml(
                f"<h3>{escape(data['code'])}. {escape(data['requirement'])}</h3>{critical}"
                f"<p>{escape(data['label'])} {escape(data['source'])}</p>"
                f"<p><i>{themes_label}:</i> {themes}</p>"
            )
        else:
            d = data["directive"]
            issued = d["issued_on"] or self.tr("không rõ ngày")
            version = (
                self.tr("Danh mục %1 · phiên bản %2")
                .replace("%1", data["id"])
                .replace("%2", str(data["version"]))
            )
            self.source.setHtml(
                f"<h3>{escape(data['title'])}</h3>"
                f"<p>{escape(d['kind'])} {escape(d['number'] or '')} · {escape(issued)}</p>"
                f"<p>{escape(d['issuer'])}</p><p><i>{escape(d['subject'])}</i></p>"
                f"<p>{escape(version)}</p>"
            )
