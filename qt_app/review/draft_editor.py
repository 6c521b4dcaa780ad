"""The draft's words beside its item tree, and the editor of the item under the cursor.

Everything a reviewer does to one item (edit its requirement, marks and themes; split it at
the cursor, merge it with the next, move it, re-nest it, remove it) happens here, through
``DraftItemModel``; a refused change is announced with its message and changes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTreeView, QWidget

from models.checklist_file import ItemSpec
from models.directive_import import review
from models.directive_import.items import box_of, page_of
from models.errors import KnownError
from models.typed_dates import parse_day
from qt_app.review.draft_model import DraftItemModel
from qt_app.review.item_editor import ItemEditor
from qt_app.review.page_view import SourcePageView
from qt_app.review.source_text import SourceText


class DraftEditor(QSplitter):
    refused = Signal(object)  # the KnownError of an edit that changed nothing

    def __init__(self, theme_labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._has_draft = False
        self.model = DraftItemModel(theme_labels, self)
        self.text_view = SourceText()
        self.text_view.item_clicked.connect(self._select)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setWordWrap(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.header().setSectionResizeMode(
            DraftItemModel.REQUIREMENT, QHeaderView.ResizeMode.Stretch
        )
        self.tree.selectionModel().currentChanged.connect(self._show_item)
        self.item_editor = editor = ItemEditor(theme_labels)
        editor.requirement_edited.connect(self._requirement_edited)
        editor.critical_edited.connect(self._critical_edited)
        editor.weight_edited.connect(self._weight_edited)
        editor.themes_edited.connect(self._themes_edited)
        editor.role_edited.connect(lambda role: self._scope_edited(role=role))
        editor.kinds_edited.connect(lambda kinds: self._scope_edited(kinds=kinds))
        editor.bodies_edited.connect(lambda bodies: self._scope_edited(bodies=bodies))
        editor.valid_until_edited.connect(self._valid_until_edited)
        editor.split_requested.connect(lambda: self.split_current())
        editor.merge_requested.connect(self.merge_current)
        editor.move_requested.connect(self.move_current)
        editor.indent_requested.connect(self.indent_current)
        editor.outdent_requested.connect(self.outdent_current)
        editor.remove_requested.connect(self.remove_current)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tree)
        right.addWidget(editor)
        right.setSizes([320, 330])
        self.page_view = SourcePageView()
        self.page_view.setVisible(False)
        self.addWidget(self.text_view)
        self.addWidget(self.page_view)
        self.addWidget(right)
        self.setSizes([420, 380, 560])

    def show_draft(
        self,
        source_text: str,
        items: list[ItemSpec],
        source_path: str | None = None,
        page_sizes: list[tuple[float, float]] | None = None,
    ) -> None:
        """The draft's words, its tree and, for a PDF or scan, the pages beside them."""
        self._loading = True
        self.page_view.set_source(source_path, page_sizes or [])
        self.text_view.show_source(source_text)
        self.model.set_items(items)
        self._has_draft, self._loading = True, False
        self.highlight()
        if items:
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(DraftItemModel.CODE)

    def clear_draft(self) -> None:
        self._has_draft = False
        self.model.set_items([])
        self.text_view.clear_source()
        self.page_view.set_source(None, [])

    def set_editable(self, enabled: bool) -> None:
        self.tree.setEnabled(enabled)
        self.item_editor.set_editable(enabled)

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex().siblingAtColumn(0)

    def current_item(self) -> ItemSpec | None:
        return self.model.item(self.current_index())

    def _select(self, item: ItemSpec) -> None:
        self.tree.setCurrentIndex(self.model.index_of(item))

    def select_code(self, code: str) -> bool:
        for item in review.walk(self.model.items):
            if item.code == code:
                self._select(item)
                return True
        return False

    def _show_item(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current)
        self.item_editor.show_item(item)
        if item is not None:
            self.page_view.show_item(page_of(item), box_of(item))
        self.highlight()

    def _cell(self, column: int) -> QModelIndex:
        index = self.current_index()
        return index.siblingAtColumn(column) if index.isValid() else QModelIndex()

    def _requirement_edited(self, text: str) -> None:
        if not self._loading:
            self.model.setData(self._cell(DraftItemModel.REQUIREMENT), text)

    def _critical_edited(self, checked: bool) -> None:
        if not self._loading:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            self.model.setData(
                self._cell(DraftItemModel.CRITICAL), state.value, Qt.ItemDataRole.CheckStateRole
            )

    def _weight_edited(self, value: float) -> None:
        if not self._loading:
            self.model.setData(self._cell(DraftItemModel.WEIGHT), value)

    def _themes_edited(self, chosen: list[str]) -> None:
        if not self._loading:
            self.model.set_themes(self.current_index(), chosen)

    def _scope_edited(self, **decision: Any) -> None:
        if not self._loading:
            self.model.set_scope(self.current_index(), **decision)
            self.item_editor.show_scope(self.current_item())  # a decision is no proposal

    def _valid_until_edited(self, typed: str) -> None:
        """A day as people type it; one that cannot be read is refused and changes nothing."""
        try:
            day = parse_day(typed)
        except KnownError as exc:
            self.refused.emit(exc)
            self.item_editor.show_item(self.current_item())
            return
        self._scope_edited(valid_until=day)

    def _act(self, action: Any, *args: Any) -> Any:
        """Run one edit on the current item; a refused edit explains itself and changes
        nothing."""
        index = self.current_index()
        if not index.isValid():
            return None
        item = self.model.item(index)
        try:
            outcome = action(index, *args)
        except KnownError as exc:
            self.refused.emit(exc)
            return None
        if item is not None and self.model.contains(item):
            self._select(item)
        return outcome

    def split_current(self, position: int | None = None) -> ItemSpec | None:
        if position is None:
            position = self.item_editor.source_view.textCursor().position()
        return self._act(self.model.split, position)

    def merge_current(self) -> None:
        self._act(self.model.merge_with_next)

    def move_current(self, step: int) -> None:
        self._act(self.model.move, step)

    def indent_current(self) -> None:
        self._act(self.model.indent)
        self.tree.expandAll()

    def outdent_current(self) -> None:
        self._act(self.model.outdent)

    def remove_current(self) -> None:
        self._act(self.model.remove)

    def highlight(self) -> None:
        if self._has_draft and not self._loading:
            self.text_view.highlight(self.model.items, self.model.parent_item, self.current_item())

    def highlighted_codes(self) -> list[str]:
        """The items found in the text, in tree order (what the window colours)."""
        return self.text_view.highlighted_codes()
