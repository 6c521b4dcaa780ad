"""Self-assessments against inspections in a round: the overview's short list of the units
whose self-assessment overstates most, and the full comparison (per unit, item by item, per
requirement, per area) in a dialog that exports the workbook, or the round's report in the
administrative layout as PDF or Word.

Every figure comes from ``models.queries.comparison.round_comparison``, read in the
background; the basis sentence printed beside it is the core's own.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from models.queries.comparison import RoundComparison, round_comparison
from models.vocabulary import NOTHING
from qt_app.i18n import language
from qt_app.messages import known_error_text, show_error
from qt_app.rounds.comparison_tables import ComparedUnitModel, PairModel, TallyModel, word
from qt_app.save_file import save_file
from qt_app.tables import ROW_ROLE, table_view
from qt_app.tasks import run_task

#: How many units the overview lists; the dialog has them all.
SHORT_LIST = 10


def read_comparison(database: Database, round_id: uuid.UUID) -> RoundComparison:
    with database.session() as session:
        return round_comparison(session, round_id)


def stretch_first(view: QTableView, column: int) -> QHeaderView:
    """``column`` takes the room left; the others fit their contents."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return header


class OverstatedSection(QWidget):
    """The overview's short list: the units whose self-assessment overstates most."""

    #: Open the comparison, at this unit (a UUID) or at the top (None).
    compare_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{word('most_overstated')}</b>")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.units = ComparedUnitModel(self)
        self.view = table_view(self.units)
        self.view.doubleClicked.connect(self._open)
        # A narrow column of the tab: the unit, how far it agrees, how many it overstates;
        # the compliance figures are in the dialog.
        for column in (
            ComparedUnitModel.CHECKLIST,
            ComparedUnitModel.SELF,
            ComparedUnitModel.INSPECTION,
        ):
            self.view.setColumnHidden(column, True)
        stretch_first(self.view, ComparedUnitModel.UNIT)
        self.compare_button = QPushButton(self.tr("So sánh tự đánh giá và kiểm tra…"))
        self.compare_button.clicked.connect(lambda: self.compare_requested.emit(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignRight)
        self.load(None)

    def load(self, comparison: RoundComparison | None) -> None:
        """The first units that overstate at all; the note says how many were compared."""
        if comparison is None:
            self.units.load([])
            self.note.setText(self.tr("Chưa có đợt nào để so sánh."))
            self.compare_button.setEnabled(False)
            return
        overstating = [u for u in comparison.units if u.overstated]
        self.units.load(overstating[:SHORT_LIST])
        self.compare_button.setEnabled(bool(comparison.units))
        if not comparison.units:
            text = self.tr("Chưa có đơn vị nào có cả bài tự đánh giá và bài kiểm tra đã nộp.")
        else:
            text = (
                self.tr("%1 trong %2 đơn vị được so sánh tự đánh giá cao hơn kết quả kiểm tra.")
                .replace("%1", str(len(overstating)))
                .replace("%2", str(len(comparison.units)))
            )
        self.note.setText(text)

    def _open(self, index: QModelIndex) -> None:
        unit = self.units.data(index, ROW_ROLE)
        if unit is not None:
            self.compare_requested.emit(unit.unit_id)


class ComparisonDialog(QDialog):
    """A round's comparison: units (and the chosen unit item by item), requirements, areas."""

    def __init__(
        self,
        database: Database,
        round_id: uuid.UUID,
        parent: QWidget | None = None,
        unit_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.round_id, self.wanted = database, round_id, unit_id
        self.comparison: RoundComparison | None = None
        self.setWindowTitle(word("title"))
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.units = ComparedUnitModel(self)
        self.unit_view = table_view(self.units)
        self.unit_view.selectionModel().currentRowChanged.connect(self._show_pairs)
        self.pairs = PairModel(self)
        self.pair_view = table_view(self.pairs)
        self.pair_view.setWordWrap(True)
        stretch_first(self.unit_view, ComparedUnitModel.UNIT)
        pair_header = stretch_first(self.pair_view, PairModel.REQUIREMENT)
        note_width = self.fontMetrics().averageCharWidth() * 24
        for column in (PairModel.OWN_NOTE, PairModel.INSPECTED_NOTE):
            pair_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            pair_header.resizeSection(column, note_width)
        # Wrapped requirements and notes: each row as tall as its text at the current widths
        # (a checklist has a few dozen items, so measuring them all is cheap).
        self.pair_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.pair_title = QLabel()
        self.items = TallyModel("requirement", self)
        self.areas = TallyModel("area", self)
        by_unit = QSplitter(Qt.Orientation.Vertical)
        by_unit.addWidget(self.unit_view)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.pair_title)
        lower_layout.addWidget(self.pair_view)
        by_unit.addWidget(lower)
        by_unit.setStretchFactor(0, 2)
        by_unit.setStretchFactor(1, 3)
        self.tabs = QTabWidget()
        self.tabs.addTab(by_unit, word("by_unit"))
        self.tabs.addTab(table_view(self.items), word("by_item"))
        self.tabs.addTab(table_view(self.areas), word("by_area"))
        self.export_button = QPushButton(self.tr("Xuất Excel/PDF/Word…"))
        self.export_button.setToolTip(
            self.tr("Cả đợt: sổ Excel, hoặc báo cáo gửi cấp trên (PDF, hoặc Word để sửa trước)")
        )
        self.export_button.clicked.connect(self.export)
        self.unit_button = QPushButton(self.tr("Đơn vị này ra PDF/Word…"))
        self.unit_button.setToolTip(
            self.tr("So sánh của đơn vị đang chọn, để gửi đơn vị (PDF) hoặc sửa trước (Word)")
        )
        self.unit_button.clicked.connect(self.export_unit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.unit_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.basis)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 130, self.fontMetrics().height() * 36)
        self.export_button.setEnabled(False)
        self.unit_button.setEnabled(False)
        self.basis.setText(self.tr("Đang đọc…"))
        run_task(read_comparison, database, round_id, done=self._loaded, failed=self._failed)

    def _loaded(self, comparison: RoundComparison) -> None:
        self.comparison = comparison
        self.basis.setText(f"<b>{comparison.round.name}</b><br>{comparison.basis(language())}")
        self.units.load(comparison.units)
        self.items.load(comparison.items)
        self.areas.load([*comparison.areas, comparison.totals] if comparison.areas else [])
        self.export_button.setEnabled(True)
        rows = [u.unit_id for u in comparison.units]
        row = rows.index(self.wanted) if self.wanted in rows else 0
        self.unit_button.setEnabled(bool(rows))
        if rows:
            self.unit_view.setCurrentIndex(self.units.index(row, 0))
        else:
            self.pair_title.setText(self.tr("Chưa có đơn vị nào để so sánh."))

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        self.basis.setText(known_error_text(exc))
        show_error(self, known_error_text(exc))

    def _show_pairs(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.units.data(current, ROW_ROLE) if current.isValid() else None
        self.pairs.load(list(unit.items) if unit else [])
        if unit is not None:
            self.pair_title.setText(
                f"<b>{unit.unit_name}</b> — {unit.document or unit.checklist} · "
                + self.tr("Người kiểm tra: %1").replace("%1", unit.inspector or NOTHING)
            )

    def export(self) -> Path | None:
        """The round as ``kiemtra compare -o`` writes it: the workbook with a sheet per view,
        or the report in the administrative layout as PDF or Word."""
        comparison = self.comparison
        if comparison is None:
            return None
        from reports.docx_round_comparison import write_round_comparison_docx
        from reports.pdf_round_comparison import write_round_comparison_pdf
        from reports.xlsx_comparison import write_comparison

        def write(path: Path) -> None:
            if path.suffix.lower() == ".xlsx":
                write_comparison(comparison, path)
                return
            pdf = path.suffix.lower() == ".pdf"
            report = write_round_comparison_pdf if pdf else write_round_comparison_docx
            with self.database.session() as session:
                report(session, self.round_id, path)

        suggested = "so-sanh-tu-danh-gia-kiem-tra.xlsx"
        return save_file(self, suggested, (".xlsx", ".pdf", ".docx"), write)

    def export_unit(self) -> Path | None:
        """The chosen unit's comparison as PDF or Word, as ``kiemtra compare --unit -o``."""
        index = self.unit_view.currentIndex()
        unit = self.units.data(index, ROW_ROLE) if index.isValid() else None
        if unit is None:
            return None
        from reports.docx_comparison import write_unit_comparison_docx
        from reports.pdf_comparison import write_unit_comparison_pdf

        def write(path: Path) -> None:
            pdf = path.suffix.lower() == ".pdf"
            report = write_unit_comparison_pdf if pdf else write_unit_comparison_docx
            with self.database.session() as session:
                report(session, self.round_id, unit.unit_id, path)

        return save_file(self, "so-sanh-don-vi.pdf", (".pdf", ".docx"), write)
