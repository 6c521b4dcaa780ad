"""One draft item under review: its verbatim excerpt, the requirement to check, whether it is
critical, its weight and themes, its role, addressees and valid-until (the importer's
proposals marked, with the words that led to them), and the buttons that re-shape the tree.

It only shows and asks: every edit leaves as a signal carrying the new value, and the review
widget applies it to the draft (and saves). Showing an item emits nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.checklist_file import ItemSpec
from models.directive_import.items import notes_of, proposals_of, warnings_of
from models.typed_dates import day_text
from models.vocabulary import ITEM_ROLES, UNIT_KINDS
from qt_app.i18n import pick
from qt_app.review.draft_model import PROPOSAL_COLOUR


class ItemEditor(QWidget):
    requirement_edited = Signal(str)
    critical_edited = Signal(bool)
    weight_edited = Signal(float)
    themes_edited = Signal(list)  # the checked theme ids
    role_edited = Signal(str)
    kinds_edited = Signal(list)  # the checked unit kinds
    bodies_edited = Signal(list)  # the named bodies, as typed
    valid_until_edited = Signal(str)  # the day as typed ("" for none)
    split_requested = Signal()
    merge_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down
    indent_requested = Signal()
    outdent_requested = Signal()
    remove_requested = Signal()

    def __init__(self, theme_labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self.source_view = QPlainTextEdit()
        self.source_view.setReadOnly(True)
        self.requirement = QPlainTextEdit()
        self.critical = QCheckBox(self.tr("Trọng yếu"))
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0.1, 100)
        self.weight.setDecimals(1)
        self.themes = QListWidget()
        for theme_id, label in theme_labels.items():
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, theme_id)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(entry)
        self.role = QComboBox()
        for key, pair in ITEM_ROLES.items():
            self.role.addItem(pick(pair), key)
        self.valid_until = QLineEdit()
        self.valid_until.setPlaceholderText(self.tr("không hết hạn"))
        self.kinds = QListWidget()
        for key, pair in UNIT_KINDS.items():
            entry = QListWidgetItem(pick(pair))
            entry.setData(Qt.ItemDataRole.UserRole, key)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.kinds.addItem(entry)
        self.bodies = QLineEdit()
        self.bodies.setPlaceholderText(self.tr("cơ quan được giao, cách nhau bởi dấu ;"))
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.proposal.setStyleSheet(f"color: {PROPOSAL_COLOUR}")
        self.role.currentIndexChanged.connect(
            lambda _row: self._emit(self.role_edited, self.role.currentData())
        )
        self.valid_until.editingFinished.connect(
            lambda: (
                self._emit(self.valid_until_edited, self.valid_until.text())
                if self.valid_until.isModified()
                else None
            )
        )
        self.kinds.itemChanged.connect(
            lambda _entry: self._emit(self.kinds_edited, self.checked_kinds())
        )
        self.bodies.editingFinished.connect(
            lambda: (
                self._emit(self.bodies_edited, self.typed_bodies())
                if self.bodies.isModified()
                else None
            )
        )
        self.requirement.textChanged.connect(
            lambda: self._emit(self.requirement_edited, self.requirement.toPlainText())
        )
        self.critical.toggled.connect(lambda checked: self._emit(self.critical_edited, checked))
        self.weight.valueChanged.connect(lambda value: self._emit(self.weight_edited, value))
        self.themes.itemChanged.connect(
            lambda _entry: self._emit(self.themes_edited, self.checked_themes())
        )
        actions = QHBoxLayout()
        for text, request in (
            (self.tr("Tách tại con trỏ"), self.split_requested.emit),
            (self.tr("Gộp với mục sau"), self.merge_requested.emit),
            (self.tr("Lên"), lambda: self.move_requested.emit(-1)),
            (self.tr("Xuống"), lambda: self.move_requested.emit(1)),
            (self.tr("Lồng vào mục trên"), self.indent_requested.emit),
            (self.tr("Đưa ra ngoài"), self.outdent_requested.emit),
            (self.tr("Xóa mục"), self.remove_requested.emit),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, request=request: request())
            actions.addWidget(button)
        self.item_warnings = QLabel()
        self.item_warnings.setWordWrap(True)
        self.item_warnings.setStyleSheet("color: #8a5300")
        self.item_notes = QLabel()
        self.item_notes.setWordWrap(True)
        self.item_notes.setStyleSheet("color: #444")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.item_warnings)
        layout.addWidget(self.item_notes)
        layout.addWidget(QLabel(self.tr("Trích nguyên văn (đặt con trỏ rồi bấm Tách):")))
        layout.addWidget(self.source_view, 1)
        layout.addWidget(QLabel(self.tr("Yêu cầu cần kiểm tra:")))
        layout.addWidget(self.requirement, 1)
        marks = QHBoxLayout()
        marks.addWidget(self.critical)
        marks.addWidget(QLabel(self.tr("Trọng số:")))
        marks.addWidget(self.weight)
        marks.addWidget(QLabel(self.tr("Vai trò:")))
        marks.addWidget(self.role)
        marks.addWidget(QLabel(self.tr("Hiệu lực đến:")))
        marks.addWidget(self.valid_until)
        marks.addStretch(1)
        layout.addLayout(marks)
        layout.addWidget(self.proposal)
        bodies = QHBoxLayout()
        bodies.addWidget(QLabel(self.tr("Giao cho cơ quan:")))
        bodies.addWidget(self.bodies, 1)
        layout.addLayout(bodies)
        lists = QHBoxLayout()
        lists.addWidget(self.themes, 1)
        lists.addWidget(self.kinds, 1)
        layout.addLayout(lists, 1)

    def _emit(self, signal: Signal, value: object) -> None:
        if not self._showing:
            signal.emit(value)  # type: ignore[attr-defined]

    def show_item(self, item: ItemSpec | None) -> None:
        self._showing = True
        try:
            warnings = warnings_of(item) if item else []
            self.item_warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
            self.item_warnings.setVisible(bool(warnings))
            notes = notes_of(item) if item else []
            self.item_notes.setText(
                "\n".join(self.tr("Chú thích: {0}").format(note) for note in notes)
            )
            self.item_notes.setVisible(bool(notes))
            self.source_view.setPlainText(item.source if item else "")
            self.requirement.setPlainText(item.requirement if item else "")
            self.critical.setChecked(bool(item and item.critical))
            self.weight.setValue(item.weight if item else 1)
            for row in range(self.themes.count()):
                entry = self.themes.item(row)
                chosen = item is not None and entry.data(Qt.ItemDataRole.UserRole) in item.themes
                entry.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.show_scope(item)
        finally:
            self._showing = False

    def show_scope(self, item: ItemSpec | None) -> None:
        """Role, addressees and valid-until; a proposal says so, with the words behind it."""
        self.role.setCurrentIndex(max(0, self.role.findData(item.role if item else "")))
        self.valid_until.setText(day_text(item.valid_until) if item else "")
        self.valid_until.setModified(False)
        kinds = item.addressees if item else []
        for row in range(self.kinds.count()):
            entry = self.kinds.item(row)
            chosen = entry.data(Qt.ItemDataRole.UserRole) in kinds
            entry.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.bodies.setText("; ".join(item.addressed_bodies) if item else "")
        self.bodies.setModified(False)
        proposals = proposals_of(item) if item else {}
        why = self.tr("Chương trình đề xuất từ câu: “{0}”")
        for widget, key in (
            (self.role, "role"),
            (self.valid_until, "valid_until"),
            (self.kinds, "addressees"),
            (self.bodies, "addressees"),
        ):
            widget.setToolTip(why.format(proposals[key]) if key in proposals else "")
        named = {
            "role": self.tr("vai trò"),
            "addressees": self.tr("đối tượng được giao"),
            "valid_until": self.tr("ngày hết hiệu lực"),
        }
        self.proposal.setText(
            self.tr("Chương trình đề xuất {0}; hãy kiểm tra lại (rê chuột để xem câu gốc).").format(
                ", ".join(named[key] for key in named if key in proposals)
            )
        )
        self.proposal.setVisible(bool(proposals))

    def checked_kinds(self) -> list[str]:
        return [
            self.kinds.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.kinds.count())
            if self.kinds.item(r).checkState() == Qt.CheckState.Checked
        ]

    def typed_bodies(self) -> list[str]:
        return [part.strip() for part in self.bodies.text().split(";") if part.strip()]

    def checked_themes(self) -> list[str]:
        return [
            self.themes.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.themes.count())
            if self.themes.item(r).checkState() == Qt.CheckState.Checked
        ]

    def set_editable(self, enabled: bool) -> None:
        for widget in (
            self.requirement,
            self.critical,
            self.weight,
            self.themes,
            self.role,
            self.valid_until,
            self.kinds,
            self.bodies,
        ):
            widget.setEnabled(enabled)
