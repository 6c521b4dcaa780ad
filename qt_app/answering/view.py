"""The centre of the window: the assessment's header, the filters and the item table.

The table is driven from the keyboard: 1 Đạt, 2 Chưa đạt, 3 Đạt một phần, 0 Không áp dụng
(each moves on), Delete clears, arrows or J/K move, Enter goes to the note.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.periods import Period
from models.queries.assessments import AssessmentChoice, Header
from models.queries.comparison import OwnAnswers
from models.scoring import Tally, band
from models.vocabulary import (
    ANSWER_STATUSES,
    ASSESSMENT_KINDS,
    ASSESSMENT_STATUSES,
    COMPARISON_WORDS,
    percent_text,
)
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.answering.item_model import (
    ACTION,
    ANSWER,
    CODE,
    NOTE,
    OWN,
    REQUIREMENT,
    ItemFilter,
    ItemTableModel,
)
from qt_app.answering.item_pane import set_text_colour
from qt_app.i18n import language, pick
from qt_app.messages import saved_text_sample

ANSWER_KEYS = {
    Qt.Key.Key_1: "dat",
    Qt.Key.Key_2: "chua-dat",
    Qt.Key.Key_3: "mot-phan",
    Qt.Key.Key_0: "khong-ap-dung",
}
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def period_label(key: str) -> str:
    period = Period(key)
    return period.label_en if language() == "en" else period.label


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ItemTable(QTableView):
    """The item table; answer keys become signals, J/K move like the arrows."""

    answer_key = Signal(object)  # a status, or None to clear
    note_key = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if event.modifiers() in PLAIN:
            if key in ANSWER_KEYS:
                self.answer_key.emit(ANSWER_KEYS[key])
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.answer_key.emit(None)
                return
            if key in (Qt.Key.Key_J, Qt.Key.Key_K):
                self.move_by(1 if key == Qt.Key.Key_J else -1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.note_key.emit()
                return
        super().keyPressEvent(event)

    def move_by(self, step: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        current = self.currentIndex()
        row = min(max((current.row() if current.isValid() else -1) + step, 0), model.rowCount() - 1)
        self.setCurrentIndex(model.index(row, ANSWER))


class AssessmentView(QWidget):
    """Header (who, what, when, how far, how well), filters and the table."""

    assessment_chosen = Signal(object)  # uuid.UUID
    start_requested = Signal()
    next_requested = Signal()
    submit_requested = Signal()
    reopen_requested = Signal()
    filters_changed = Signal()

    def __init__(self, model: ItemTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit_to_font)
        self.proxy = ItemFilter(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addLayout(self._build_header())
        self.filters = QWidget()
        self.filters.setLayout(self._build_filters())
        layout.addWidget(self.filters)
        self.stack = QStackedWidget()
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_start = QPushButton(self.tr("Bắt đầu đánh giá…"))
        self.empty_start.clicked.connect(self.start_requested)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_start, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.table = ItemTable()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the item's fields
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REQUIREMENT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(8)
        self.table.setColumnHidden(OWN, True)
        self.search.returnPressed.connect(self.table.setFocus)
        # Wrapped requirements need their rows re-measured whenever the column width changes.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.fit_to_font()
        self.show_empty(self.tr("Chọn một đơn vị ở bên trái."), can_start=False)

    def changeEvent(self, event: QEvent) -> None:
        """Measured at once, and again once every widget inside has its new font too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()
            self._refit.start()

    def fit_to_font(self) -> None:
        """Column widths, the title and the "Đã lưu" room measured in the current text size,
        so that a larger size never cuts a header or an answer off."""
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        strong = QFontMetrics(bold)
        header = self.table.horizontalHeader()

        def title(column: int) -> int:
            text = self.model.headerData(column, Qt.Orientation.Horizontal)
            return strong.horizontalAdvance(str(text)) + 24  # headers are drawn bold

        header.resizeSection(CODE, max(strong.horizontalAdvance("II.2.a ★") + 16, title(CODE)))
        widest_answer = max(strong.horizontalAdvance(pick(p)) for p in ANSWER_STATUSES.values())
        header.resizeSection(ANSWER, max(widest_answer + 24, title(ANSWER)))
        for column in (NOTE, ACTION):
            header.resizeSection(column, max(metrics.horizontalAdvance("✎ +9") + 12, title(column)))
        big = QFont(self.font())
        big.setBold(True)
        big.setPointSizeF(self.font().pointSizeF() * 1.3)
        self.unit_label.setFont(big)
        self.saved_label.setMinimumWidth(metrics.horizontalAdvance(saved_text_sample()) + 8)
        self.progress.setMaximumWidth(metrics.horizontalAdvance(self.tr("999/999 mục")) + 48)
        header.resizeSection(OWN, max(widest_answer, metrics.averageCharWidth() * 22) + 24)
        self.table.resizeRowsToContents()

    def _build_header(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("unitName")
        self.unit_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_label.setWordWrap(True)  # a long name wraps instead of widening the centre
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(16)
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choice.activated.connect(self._chosen)
        self.start_button = QPushButton(self.tr("Bắt đầu mới…"))
        self.start_button.clicked.connect(self.start_requested)
        self.next_button = QPushButton(self.tr("Đơn vị tiếp theo (F8)"))
        self.next_button.setToolTip(
            self.tr("Sang đơn vị tiếp theo trong danh sách, cùng danh mục, kỳ và hình thức")
        )
        self.next_button.clicked.connect(self.next_requested)
        self.checklist_label = QLabel()
        self.checklist_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v/%m mục"))
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.submit_button = QPushButton(self.tr("Nộp…"))
        self.submit_button.clicked.connect(self.submit_requested)
        self.reopen_button = QPushButton(self.tr("Mở lại…"))
        self.reopen_button.clicked.connect(self.reopen_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.next_button)
        grid.addWidget(self.unit_label, 0, 0)
        grid.addLayout(buttons, 0, 1)
        grid.addWidget(self.choice, 1, 0, 1, 2)
        grid.addWidget(self.checklist_label, 2, 0, 1, 2)
        grid.addWidget(self.details_label, 3, 0, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.score_label, 1)
        row.addWidget(self.saved_label)
        row.addWidget(self.submit_button)
        row.addWidget(self.reopen_button)
        grid.addLayout(row, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return grid

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.theme_filter = QComboBox()
        self.theme_filter.setMinimumContentsLength(10)
        self.theme_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unanswered_filter = QCheckBox(self.tr("Chưa trả lời"))
        self.failed_filter = QCheckBox(self.tr("Chưa đạt"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm mục (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        row.addWidget(self.theme_filter, 1)
        row.addWidget(self.unanswered_filter)
        row.addWidget(self.failed_filter)
        self.own_answers_box = QCheckBox(self.tr("Bài tự đánh giá của đơn vị"))
        self.own_answers_box.setChecked(True)
        self.own_answers_box.setVisible(False)
        self.own_answers_box.toggled.connect(self._show_own_column)
        row.addWidget(self.own_answers_box)
        row.addWidget(self.search, 1)
        row.addWidget(self.count_label)
        self.theme_filter.currentIndexChanged.connect(self.apply_filters)
        self.unanswered_filter.toggled.connect(self.apply_filters)
        self.failed_filter.toggled.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        return row

    def set_themes(self, themes: list[tuple[str, str, str]]) -> None:
        self.theme_filter.blockSignals(True)
        self.theme_filter.clear()
        self.theme_filter.addItem(self.tr("Mọi chủ đề"), "")
        for theme_id, label_vi, label_en in themes:
            self.theme_filter.addItem(pick((label_vi, label_en)), theme_id)
        self.theme_filter.blockSignals(False)

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            theme=self.theme_filter.currentData() or None,
            unanswered=self.unanswered_filter.isChecked(),
            failed=self.failed_filter.isChecked(),
            text=self.search.text(),
        )
        self.count_label.setText(
            self.tr("%1/%2 mục")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount()))
        )
        self.filters_changed.emit()

    def show_own_answers(self, own: OwnAnswers | None) -> None:
        """For an inspection, the box that shows or hides the unit's own answers beside
        each item; disabled, with the reason, when the unit has no self-assessment."""
        box = self.own_answers_box
        box.setVisible(own is not None)
        box.setEnabled(bool(own and own.by_code))
        if own is None:
            box.setToolTip("")
        elif not own.by_code:
            box.setToolTip(pick(COMPARISON_WORDS["no_counterpart"]))
        else:
            status = self.status_text(own.self_status or "draft")
            box.setToolTip(
                self.tr(
                    "Câu trả lời và ghi chú của đơn vị trong bài tự đánh giá cùng kỳ (%1)"
                ).replace("%1", status)
            )
        self._show_own_column()

    def _show_own_column(self) -> None:
        box = self.own_answers_box
        shown = not box.isHidden() and box.isEnabled() and box.isChecked()
        self.table.setColumnHidden(OWN, not (shown and self.model.has_own_answers()))
        self.table.resizeRowsToContents()

    # -- what the header shows --

    def show_unit(self, name: str, choices: list[AssessmentChoice]) -> None:
        self.unit_label.setText(name)
        self.unit_label.setToolTip(name)
        self.choice.clear()
        for choice in choices:
            status = self.status_text(choice.status)
            number = choice.directive_number or _shorten(choice.checklist_title, 48)
            self.choice.addItem(
                f"{period_label(choice.period)} · {number} · "
                f"{pick(ASSESSMENT_KINDS[choice.kind])} · {status}",
                str(choice.id),
            )
        self.choice.setEnabled(bool(choices))
        self.start_button.setEnabled(True)

    def select_choice(self, assessment_id: uuid.UUID) -> None:
        index = self.choice.findData(str(assessment_id))
        if index >= 0:
            self.choice.setCurrentIndex(index)

    def _chosen(self, index: int) -> None:
        value = self.choice.itemData(index)
        if value is not None:
            self.assessment_chosen.emit(uuid.UUID(value))

    def status_text(self, status: str) -> str:
        text = pick(ASSESSMENT_STATUSES[status]) if status in ASSESSMENT_STATUSES else status
        locked = self.tr("(khoá)")
        return text if status == "draft" else f"{text} {locked}"

    def show_empty(self, text: str, *, can_start: bool) -> None:
        self.empty_label.setText(text)
        self.empty_start.setVisible(can_start)
        self.stack.setCurrentWidget(self.empty)
        self.filters.setVisible(False)  # nothing to filter: no "3/3 mục" of another unit
        self.show_own_answers(None)
        for widget in (
            self.checklist_label,
            self.details_label,
            self.score_label,
            self.saved_label,
            self.count_label,
        ):
            widget.clear()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.submit_button.setVisible(False)
        self.reopen_button.setVisible(False)
        if not can_start:
            self.unit_label.clear()
            self.choice.clear()
            self.choice.setEnabled(False)
            self.start_button.setEnabled(False)

    def show_header(self, header: Header) -> None:
        self.stack.setCurrentWidget(self.table)
        self.filters.setVisible(True)
        number = header.directive.number or self.tr("(không số)")
        self.checklist_label.setText(
            self.tr("%1 · phiên bản %2 · %3 %4")
            .replace("%1", header.checklist_title)
            .replace("%2", str(header.version))
            .replace("%3", header.directive.kind)
            .replace("%4", number)
        )
        self.details_label.setText(
            self.tr("Kỳ: %1 · %2 · Người đánh giá: %3 · Trạng thái: %4")
            .replace("%1", period_label(header.period))
            .replace("%2", pick(ASSESSMENT_KINDS[header.kind]))
            .replace("%3", header.assessor or "—")
            .replace("%4", self.status_text(header.status))
        )
        locked = header.status != "draft"
        self.submit_button.setVisible(not locked)
        self.reopen_button.setVisible(locked)
        self.progress.setVisible(True)

    def show_score(self, tally: Tally) -> None:
        # QProgressBar repaints at once on every change; let it paint with the rest instead.
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, max(tally.total, 1))
        self.progress.setValue(tally.answered)
        self.progress.setUpdatesEnabled(True)
        compliance = tally.compliance
        if compliance is None:
            text = self.tr("Mức đạt: chưa có")
        else:
            found = band(compliance)
            colour = found[2] if found else "black"
            text = (
                self.tr("Mức đạt: <b style='color:%1'>%2%</b>")
                .replace("%1", colour)
                .replace("%2%", percent_text(compliance, 1, language()))
            )
        if tally.failed_critical:
            text += " · " + self.tr(
                "<b style='color:#c62828'>%n mục trọng yếu chưa đạt</b>",
                "",
                len(tally.failed_critical),
            )
            text += f" ({', '.join(tally.failed_critical)})"
        self.score_label.setText(text)

    def show_saved(self, text: str, ok: bool) -> None:
        self.saved_label.setText(text)
        set_text_colour(self.saved_label, "#2e7d32" if ok else "#b71c1c")
        font = QFont()
        font.setBold(not ok)  # only the weight is set: the size follows the text size
        self.saved_label.setFont(font)

    def current_source_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def select_source_row(self, row: int) -> bool:
        index = self.proxy.mapFromSource(self.model.index(row, ANSWER))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def next_source_row(self) -> int | None:
        """The row below the current one in the filtered table, before anything changes."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() + 1 >= self.proxy.rowCount():
            return None
        return self.proxy.mapToSource(self.proxy.index(index.row() + 1, ANSWER)).row()

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
