"""Reviewing an imported directive before it becomes a checklist (the library tab).

The directive's text on the left with every recognised item highlighted, the proposed item
tree on the right. A person edits requirements, splits and merges items, re-orders and
re-nests them, re-tags themes, marks critical items and sets weights, then publishes. Every
edit is saved to the draft in the database at once (``models.directive_import.drafts``), so
a draft survives a crash or a restart. The work itself is in ``models``; this only presents.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models import directive_import as importer
from models.audit import Editor
from models.catalog import list_checklists
from models.checklist_file import ItemSpec
from models.db import Database
from models.directive_import import drafts, review
from models.entities import Theme
from models.errors import KnownError

Index = QModelIndex | QPersistentModelIndex
_SPAN_COLOURS = (QColor("#fff3c4"), QColor("#e1f0fb"))
_CURRENT_COLOUR = QColor("#ffc46b")


class DraftItemModel(QAbstractItemModel):
    """The draft's item tree: structure changes move rows, edits change single cells."""

    CODE, LABEL, REQUIREMENT, THEMES, CRITICAL, WEIGHT = range(6)
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
        return 6

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
        if role == Qt.ItemDataRole.EditRole and column == self.WEIGHT:
            return item.weight
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = {
                self.CODE: item.code,
                self.LABEL: item.label,
                self.REQUIREMENT: item.requirement,
                self.THEMES: ", ".join(self.theme_labels.get(t, t) for t in item.themes),
                self.WEIGHT: f"{item.weight:g}",
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
            ][section]
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
        self.dataChanged.emit(index, self.index(index.row(), self.WEIGHT, parent))
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
        self.dataChanged.emit(index, self.index(row, self.WEIGHT, parent))
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


class DirectiveReviewWidget(QWidget):
    """Import a directive (file or pasted text), review the draft, publish it."""

    published = Signal(str, int)

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, editor_name: str | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.editor = Editor(
            database.device.id,
            editor_name if editor_name is not None else os.environ.get("KIEMTRA_USER", ""),
        )
        self.result: importer.ImportResult | None = None
        self.draft_id: str | None = None
        self._created_at: str | None = None
        self._loading = False
        self._display = ""
        self._spans: list[tuple[ItemSpec, list[tuple[int, int]]]] = []
        with database.session() as session:
            themes = list(session.scalars(select(Theme).order_by(Theme.position)))
            self.theme_labels = {t.id: t.label_vi for t in themes}
        self.model = DraftItemModel(self.theme_labels, self)
        self.model.edited.connect(self._edited)
        self._build()
        self.refresh_drafts()
        if self.drafts_box.count() > 1:
            self.open_draft(self.drafts_box.itemData(1))

    # -- building the window ------------------------------------------------------------

    def _button(self, text: str, slot: Any, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _build(self) -> None:
        top = QHBoxLayout()
        self._button(self.tr("Mở tệp…"), self._choose_file, top)
        self._button(self.tr("Dán văn bản…"), self._paste, top)
        top.addWidget(QLabel(self.tr("Bản nháp:")))
        self.drafts_box = QComboBox()
        self.drafts_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.drafts_box.setMinimumContentsLength(24)
        self.drafts_box.activated.connect(
            lambda i: self.open_draft(self.drafts_box.itemData(i)) if i > 0 else None
        )
        top.addWidget(self.drafts_box, 1)
        self._button(self.tr("Xóa bản nháp"), self.delete_current_draft, top)
        self.status = QLabel()
        top.addWidget(self.status)

        header = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        names = [
            ("number", self.tr("Số")),
            ("kind", self.tr("Loại")),
            ("issuer", self.tr("Cơ quan ban hành")),
            ("issued_on", self.tr("Ngày")),
            ("subject", self.tr("Trích yếu")),
            ("title", self.tr("Tên danh mục")),
        ]
        for position, (key, text) in enumerate(names):
            edit = QLineEdit()
            edit.editingFinished.connect(self._header_edited)
            self.fields[key] = edit
            header.addWidget(QLabel(text), position // 2, (position % 2) * 2)
            header.addWidget(edit, position // 2, (position % 2) * 2 + 1)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5300")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")

        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.cursorPositionChanged.connect(self._text_clicked)
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

        self.source_view = QPlainTextEdit()
        self.source_view.setReadOnly(True)
        self.requirement = QPlainTextEdit()
        self.requirement.textChanged.connect(self._requirement_edited)
        self.critical = QCheckBox(self.tr("Trọng yếu"))
        self.critical.toggled.connect(self._critical_edited)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0.1, 100)
        self.weight.setDecimals(1)
        self.weight.valueChanged.connect(self._weight_edited)
        self.themes = QListWidget()
        for theme_id, label in self.theme_labels.items():
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, theme_id)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(entry)
        self.themes.itemChanged.connect(self._themes_edited)
        actions = QHBoxLayout()
        self._button(self.tr("Tách tại con trỏ"), lambda: self.split_current(), actions)
        self._button(self.tr("Gộp với mục sau"), self.merge_current, actions)
        self._button(self.tr("Lên"), lambda: self.move_current(-1), actions)
        self._button(self.tr("Xuống"), lambda: self.move_current(1), actions)
        self._button(self.tr("Lồng vào mục trên"), self.indent_current, actions)
        self._button(self.tr("Đưa ra ngoài"), self.outdent_current, actions)
        self._button(self.tr("Xóa mục"), self.remove_current, actions)

        editor = QWidget()
        form = QVBoxLayout(editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addLayout(actions)
        form.addWidget(QLabel(self.tr("Trích nguyên văn (đặt con trỏ rồi bấm Tách):")))
        form.addWidget(self.source_view, 1)
        form.addWidget(QLabel(self.tr("Yêu cầu cần kiểm tra:")))
        form.addWidget(self.requirement, 1)
        marks = QHBoxLayout()
        marks.addWidget(self.critical)
        marks.addWidget(QLabel(self.tr("Trọng số:")))
        marks.addWidget(self.weight)
        marks.addStretch(1)
        form.addLayout(marks)
        form.addWidget(self.themes, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tree)
        right.addWidget(editor)
        right.setSizes([320, 330])
        main = QSplitter()
        main.addWidget(self.text_view)
        main.addWidget(right)
        main.setSizes([520, 840])

        publish = QHBoxLayout()
        publish.addWidget(QLabel(self.tr("Xuất bản thành:")))
        self.target = QComboBox()
        self.target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target.setMinimumContentsLength(24)
        self.slug = QLineEdit()
        self.target.currentIndexChanged.connect(lambda i: self.slug.setEnabled(i == 0))
        publish.addWidget(self.target, 1)
        self.slug.setPlaceholderText(self.tr("mã danh mục, vd. 451-cv-lmhtx-2021"))
        self.slug.editingFinished.connect(self._slug_edited)
        publish.addWidget(self.slug, 1)
        self.publish_button = self._button(self.tr("Xuất bản"), lambda: self.publish(), publish)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(header)
        layout.addWidget(self.warnings)
        layout.addWidget(main, 1)
        layout.addWidget(self.error)
        layout.addLayout(publish)
        self._set_enabled(False)

    # -- loading, drafts and saving -----------------------------------------------------

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.tree,
            self.requirement,
            self.critical,
            self.weight,
            self.themes,
            self.publish_button,
            self.target,
            self.slug,
            *self.fields.values(),
        ):
            widget.setEnabled(enabled)
        self.slug.setEnabled(enabled and self.target.currentIndex() <= 0)

    def _fail(self, exc: KnownError) -> None:
        self.error.setText(exc.vi)
        self.error.setToolTip(exc.en)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Mở văn bản chỉ đạo"),
            "",
            self.tr("Văn bản (*.docx *.txt *.md);;Tất cả tệp (*)"),
        )
        if name:
            self.load_file(Path(name))

    def _paste(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Dán văn bản"), self.tr("Nội dung văn bản chỉ đạo:")
        )
        if ok and text.strip():
            self.load_text(text)

    def load_file(self, path: Path) -> bool:
        """Import a file as a new draft; a refused file leaves the current draft as it was."""
        try:
            result = importer.import_directive(Path(path))
        except KnownError as exc:
            self._fail(exc)
            return False
        self._start_draft(result)
        return True

    def load_text(self, text: str, name: str | None = None) -> bool:
        try:
            result = importer.import_directive(text, name=name)
        except KnownError as exc:
            self._fail(exc)
            return False
        self._start_draft(result)
        return True

    def _start_draft(self, result: importer.ImportResult) -> None:
        self.draft_id, self._created_at = None, None
        self._show_result(result)
        self.save()
        self.refresh_drafts()

    def open_draft(self, draft_id: str) -> None:
        try:
            with self.database.session() as session:
                data = drafts.load_draft(session, draft_id)
            result = drafts.draft_to_result(data)
        except (KnownError, KeyError, ValueError) as exc:
            self._fail(
                exc
                if isinstance(exc, KnownError)
                else KnownError(
                    "Bản nháp bị hỏng, không mở được.", "The draft is damaged and cannot be opened."
                )
            )
            return
        self.draft_id, self._created_at = draft_id, data.get("created_at")
        self._show_result(result)
        self.refresh_drafts()

    def refresh_drafts(self) -> None:
        with self.database.session() as session:
            saved = drafts.list_drafts(session)
            targets = list_checklists(session)
        self.drafts_box.blockSignals(True)
        self.drafts_box.clear()
        self.drafts_box.addItem(self.tr("— chọn bản nháp —"), None)
        for draft in saved:
            self.drafts_box.addItem(f"{draft['title']} ({draft['updated_at'][:16]})", draft["id"])
            if draft["id"] == self.draft_id:
                self.drafts_box.setCurrentIndex(self.drafts_box.count() - 1)
        self.drafts_box.blockSignals(False)
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("Danh mục mới"), None)
        for row in targets:
            self.target.addItem(
                self.tr("Phiên bản mới của {0} (đang là v{1})").format(row["id"], row["version"]),
                row["id"],
            )
        self.target.setCurrentIndex(max(self.target.findData(current), 0))
        self.target.blockSignals(False)

    def delete_current_draft(self) -> None:
        if self.draft_id is None:
            return
        with self.database.begin() as session:
            drafts.delete_draft(session, self.draft_id)
        self._clear()

    def _clear(self) -> None:
        self.result, self.draft_id = None, None
        self.model.set_items([])
        self.text_view.setPlainText("")
        self.warnings.setText("")
        for edit in self.fields.values():
            edit.clear()
        self._set_enabled(False)
        self.refresh_drafts()

    def _show_result(self, result: importer.ImportResult) -> None:
        self._loading = True
        self.result = result
        self.error.setText("")
        d = result.directive
        values = {
            "number": d.number or "",
            "kind": d.kind,
            "issuer": d.issuer,
            "issued_on": d.issued_on.isoformat() if d.issued_on else d.date_note or "",
            "subject": d.subject,
            "title": result.title,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.slug.setText(result.slug)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in result.warnings))
        self._display = review.display_text(d.source_text)
        self.text_view.setPlainText(self._display)
        self.model.set_items(result.items)
        self._set_enabled(True)
        self._loading = False
        self._highlight()
        if result.items:
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(DraftItemModel.CODE)

    def save(self) -> None:
        """Write the draft to the database now; shown as "Đã lưu" with the time."""
        if self.result is None:
            return
        data = drafts.result_to_draft(self.result, self.draft_id)
        if self._created_at:
            data["created_at"] = self._created_at
        with self.database.begin() as session:
            self.draft_id = drafts.save_draft(session, data)
        self._created_at = data["created_at"]
        self.status.setText(self.tr("Đã lưu {0}").format(dt.datetime.now().strftime("%H:%M:%S")))

    def _edited(self) -> None:
        if not self._loading:
            self.error.setText("")
            self.save()
            self._highlight()

    def _header_edited(self) -> None:
        if self.result is None or self._loading:
            return
        d = self.result.directive
        text = {key: " ".join(edit.text().split()) for key, edit in self.fields.items()}
        try:
            d.issued_on, d.date_note = _parse_date(text["issued_on"], d.date_note)
        except ValueError:
            self._fail(
                KnownError(
                    "Ngày không hợp lệ; dùng dạng 28/9/2021 hoặc 2021-09-28.",
                    "Invalid date; use 28/9/2021 or 2021-09-28.",
                )
            )
            return
        d.number = text["number"] or None
        d.kind = text["kind"] or d.kind
        d.issuer = text["issuer"] or d.issuer
        d.subject = text["subject"] or d.subject
        self.result.title = text["title"] or self.result.title
        self._edited()

    def _slug_edited(self) -> None:
        if self.result is not None and self.slug.text().strip():
            self.result.slug = self.slug.text().strip()
            self._edited()

    # -- the current item ---------------------------------------------------------------

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex().siblingAtColumn(0)

    def current_item(self) -> ItemSpec | None:
        return self.model.item(self.current_index())

    def select_code(self, code: str) -> bool:
        for item in review.walk(self.model.items):
            if item.code == code:
                self.tree.setCurrentIndex(self.model.index_of(item))
                return True
        return False

    def _show_item(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current)
        was_loading, self._loading = self._loading, True
        self.source_view.setPlainText(item.source if item else "")
        self.requirement.setPlainText(item.requirement if item else "")
        self.critical.setChecked(bool(item and item.critical))
        self.weight.setValue(item.weight if item else 1)
        for row in range(self.themes.count()):
            entry = self.themes.item(row)
            chosen = item is not None and entry.data(Qt.ItemDataRole.UserRole) in item.themes
            entry.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self._loading = was_loading
        self._highlight()

    def _cell(self, column: int) -> QModelIndex:
        index = self.current_index()
        return index.siblingAtColumn(column) if index.isValid() else QModelIndex()

    def _requirement_edited(self) -> None:
        if not self._loading:
            self.model.setData(
                self._cell(DraftItemModel.REQUIREMENT), self.requirement.toPlainText()
            )

    def _critical_edited(self, checked: bool) -> None:
        if not self._loading:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            self.model.setData(
                self._cell(DraftItemModel.CRITICAL), state.value, Qt.ItemDataRole.CheckStateRole
            )

    def _weight_edited(self, value: float) -> None:
        if not self._loading:
            self.model.setData(self._cell(DraftItemModel.WEIGHT), value)

    def _themes_edited(self, _entry: QListWidgetItem) -> None:
        if self._loading:
            return
        chosen = [
            self.themes.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.themes.count())
            if self.themes.item(r).checkState() == Qt.CheckState.Checked
        ]
        self.model.set_themes(self.current_index(), chosen)

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
            self._fail(exc)
            return None
        if item is not None and self.model.contains(item):
            self.tree.setCurrentIndex(self.model.index_of(item))
        return outcome

    def split_current(self, position: int | None = None) -> ItemSpec | None:
        if position is None:
            position = self.source_view.textCursor().position()
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

    # -- the text beside the tree -------------------------------------------------------

    def _highlight(self) -> None:
        if self.result is None or self._loading:
            return
        self._spans = review.item_spans(self._display, self.model.items)
        current = self.current_item()
        tops = {id(item): n for n, item in enumerate(self.model.items)}
        selections: list[QTextEdit.ExtraSelection] = []
        colour_of: dict[int, QColor] = {}
        focus: int | None = None
        for item, spans in self._spans:
            colour = (
                _SPAN_COLOURS[tops[id(item)] % 2]
                if id(item) in tops
                else colour_of.get(id(self.model.parent_item(item)), _SPAN_COLOURS[0])
            )
            colour_of[id(item)] = colour
            for start, end in spans:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.text_view.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[misc]
                char_format = QTextCharFormat()
                char_format.setBackground(_CURRENT_COLOUR if item is current else colour)
                selection.format = char_format  # type: ignore[misc]
                selections.append(selection)
                if item is current and focus is None:
                    focus = start
        self.text_view.setExtraSelections(selections)
        if focus is not None:
            self.text_view.blockSignals(True)
            cursor = self.text_view.textCursor()
            cursor.setPosition(focus)
            self.text_view.setTextCursor(cursor)
            self.text_view.centerCursor()
            self.text_view.blockSignals(False)

    def highlighted_codes(self) -> list[str]:
        """The items found in the text, in tree order (what the window colours)."""
        return [item.code for item, spans in self._spans if spans]

    def _text_clicked(self) -> None:
        position = self.text_view.textCursor().position()
        best: tuple[int, ItemSpec] | None = None
        for item, spans in self._spans:
            for start, end in spans:
                if start <= position <= end and (best is None or end - start < best[0]):
                    best = (end - start, item)
        if best is not None and best[1] is not self.current_item():
            self.tree.setCurrentIndex(self.model.index_of(best[1]))

    # -- publishing ---------------------------------------------------------------------

    def publish(self, slug: str | None = None) -> dict[str, Any] | None:
        """Install the draft as a checklist (new, or the next version of the chosen one)."""
        if self.result is None:
            return None
        target = self.target.currentData()
        slug = slug or target or self.slug.text().strip() or self.result.slug
        try:
            with self.database.begin() as session:
                published = drafts.publish_draft(session, self.result, slug, self.editor)
                if self.draft_id:
                    drafts.delete_draft(session, self.draft_id)
        except KnownError as exc:
            self._fail(exc)
            return None
        self._clear()
        self.status.setText(
            self.tr("Đã xuất bản {0} v{1}").format(published["id"], published["version"])
        )
        self.published.emit(published["id"], published["version"])
        return published


def _parse_date(text: str, note: str | None) -> tuple[dt.date | None, str | None]:
    """ "28/9/2021" or "2021-09-28" is a date; other text is kept as a note; empty is unknown."""
    if not text:
        return None, None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date(), None
        except ValueError:
            continue
    if any(ch.isdigit() for ch in text) and "/" in text and len(text) <= 10:
        raise ValueError(text)
    return None, text or note
