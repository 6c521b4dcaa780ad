"""The unit tree on the left: the search box, the round shown and the tree itself.

The model and the search filter are in ``tree_model``. From the search box, ↓ or Enter go
down to the results; "Đơn vị tiếp theo" asks the tree which unit comes next in the list.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
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
from models.queries.units import UnitTree
from models.text import fold
from models.vocabulary import UNIT_PROGRESS
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language, pick
from qt_app.units.tree_model import (  # noqa: F401  (the roles, for the window's modules)
    NAME,
    STATUS,
    BadgeRole,
    UnitFilter,
    UnitIdRole,
    UnitNode,
    UnitTreeModel,
)


class UnitTreeView(QWidget):
    """Search box, the round shown and the tree; says which unit is selected."""

    unit_selected = Signal(object)  # uuid.UUID or None
    round_chosen = Signal(object)  # the round the user picked in the combo (uuid.UUID)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnitTreeModel(self)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit_to_font)
        self.proxy = UnitFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị (Ctrl+L)"))
        self.search.setToolTip(
            self.tr("Gõ không dấu cũng được; ↓ hoặc Enter để xuống danh sách kết quả")
        )
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.round_label = QLabel()
        self.round_label.setObjectName("roundLabel")
        self.round_label.setWordWrap(True)
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
        self.fit_to_font()

    def changeEvent(self, event: QEvent) -> None:
        """Measured at once, and again once every widget inside has its new font too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()
            self._refit.start()

    def fit_to_font(self) -> None:
        """The status column holds its header and its widest value at any text size."""
        metrics = self.view.header().fontMetrics()
        texts = ["0000/0000", "100%", *(pick(label) for label in UNIT_PROGRESS.values())]
        title = str(self.model.headerData(STATUS, Qt.Orientation.Horizontal))
        widest = max(
            max(self.fontMetrics().horizontalAdvance(t) for t in texts),
            metrics.horizontalAdvance(title) + 8,
        )
        self.view.header().resizeSection(STATUS, widest + 16)
        self.setMinimumWidth(widest + 16 + self.fontMetrics().averageCharWidth() * 14)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓, Enter or Return in the search box go down to the results."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go_to_results()
                return True
        return super().eventFilter(watched, event)

    def go_to_results(self) -> None:
        """Focus the tree on the first unit whose own name matches (else the first row)."""
        self.apply_search()
        current = self.view.currentIndex()
        node = self.proxy.mapToSource(current).internalPointer() if current.isValid() else None
        if node is None or (self.proxy.is_searching() and not self.proxy.matches(node)):
            first = self._first(lambda n: self.proxy.matches(n)) or self.proxy.index(0, 0)
            if first.isValid():
                self.view.setCurrentIndex(first)
                self.view.scrollTo(first)
        self.view.setFocus()

    def _rows(self, parent: QModelIndex | None = None) -> list[QModelIndex]:
        """Every row the filter keeps, in the order the tree shows them, open or closed."""
        parent = parent or QModelIndex()
        found: list[QModelIndex] = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, NAME, parent)
            found.append(index)
            found.extend(self._rows(index))
        return found

    def _node(self, index: QModelIndex) -> UnitNode:
        return self.proxy.mapToSource(index).internalPointer()  # type: ignore[no-any-return]

    def _first(self, wanted: Any) -> QModelIndex | None:
        return next((i for i in self._rows() if wanted(self._node(i))), None)

    def next_unit(self, after: uuid.UUID | None) -> uuid.UUID | None:
        """The unit after ``after`` in the list as shown (the search applies), skipping
        provinces and districts that have units below them: the next one to visit."""
        rows = self._rows()
        ids = [self._node(i).id for i in rows]
        start = ids.index(after) + 1 if after in ids else 0
        for index in rows[start:]:
            node = self._node(index)
            if not node.children:
                return node.id
        return None

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
        """Show what matches, opened down to each match; a match itself stays closed and
        can be opened to what is below it."""
        self._search_timer.stop()
        text = self.search.text()
        self.proxy.set_search(text)
        self.view.collapseAll()
        if fold(text):
            for index in self._rows():
                if self.proxy.matches(self._node(index)):
                    parent = index.parent()
                    while parent.isValid():
                        self.view.expand(parent)
                        parent = parent.parent()
        else:
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
