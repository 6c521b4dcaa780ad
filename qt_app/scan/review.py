"""The scan review dialog: every page beside the answers read from it, each unclear row
highlighted until a person decides it, and only then the form written as one change.

Reading runs in the background (``qt_app.tasks``); writing goes through
``reports.scan_import.apply_scanned``, the Excel form's own checks and apply path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from qt_app import tasks
from qt_app.i18n import language
from qt_app.messages import show_error
from qt_app.scan.rows_model import ANSWER, CHOICES, AnswerDelegate, ScanRowsModel

SCANS = "PDF, ảnh (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.zip)"
PAGE_WIDTH = 520  # pixels the page picture is shown at
#: The answering keys: 1 Đạt, 2 Chưa đạt, 3 Một phần, 0 Không áp dụng; - leaves it as it is.
KEYS = {"1": 1, "2": 2, "3": 3, "0": 4, "-": 0}


def read_files(database: Database, paths: list[Path]) -> Any:
    """The background job: read every page (nothing is written)."""
    from reports.scan_import import read_scans

    return read_scans(database, paths)


class ScanReviewDialog(QDialog):
    imported = Signal(str)

    def __init__(self, parent: QWidget | None, database: Database, editor: Any) -> None:
        super().__init__(parent)
        self.database, self.editor = database, editor
        self.batch: Any = None
        self.form: Any = None
        self.setWindowTitle(self.tr("Nhập phiếu giấy đã quét"))
        self.resize(1280, 720)
        self.files = QLabel(self.tr("Chưa chọn tệp quét."))
        self.files.setWordWrap(True)
        choose = QPushButton(self.tr("Chọn tệp quét…"))
        choose.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(self.files, 1)
        top.addWidget(choose)

        self.pages = QListWidget()
        self.pages.currentItemChanged.connect(self._show_item)
        self.picture = QLabel(self.tr("Trang quét hiện ở đây."))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.model = ScanRowsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ANSWER, AnswerDelegate(self.table))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.dataChanged.connect(self._refresh)
        self.table.installEventFilter(self)  # keys 1 2 3 0 (and -) decide, as when answering
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(scroll)
        splitter.addWidget(self.table)
        splitter.setSizes([240, PAGE_WIDTH + 20, 500])

        self.unit = QComboBox()  # for a blank form: its unit and period, chosen here
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("Kỳ báo cáo, ví dụ Tuần 38/2021"))
        self.blank = QWidget()
        blank = QHBoxLayout(self.blank)
        blank.setContentsMargins(0, 0, 0, 0)
        blank.addWidget(QLabel(self.tr("Phiếu trống — đơn vị:")))
        blank.addWidget(self.unit, 1)
        blank.addWidget(self.period)
        self.blank.setVisible(False)
        self.take_form = QCheckBox(self.tr("Ở các mục xung đột, lấy bản của phiếu"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Nhập phiếu này"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.take_form)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.blank)
        layout.addLayout(bottom)

    # -- reading -------------------------------------------------------------------------

    def _choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp quét"), "", SCANS)
        if names:
            self.load([Path(name) for name in names])

    def load(self, paths: list[Path]) -> None:
        self.files.setText("; ".join(p.name for p in paths))
        self.status.setText(self.tr("Đang đọc các trang…"))
        tasks.run_task(read_files, self.database, paths, done=self._read, failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        if isinstance(error, KnownError):
            show_error(self, error.message(language()))
        else:
            show_error(self, self.tr("Lỗi không mong đợi khi đọc: %1").replace("%1", str(error)))

    def _read(self, batch: Any) -> None:
        self.batch = batch
        self.pages.clear()
        for form in batch.forms:
            item = QListWidgetItem(form.title)
            item.setData(Qt.ItemDataRole.UserRole, (form, None))
            self.pages.addItem(item)
            for number in sorted(form.pages):
                page = QListWidgetItem(f"    {self.tr('trang')} {number}/{form.code.pages}")
                page.setData(Qt.ItemDataRole.UserRole, (form, number))
                self.pages.addItem(page)
        for refused in batch.refused:
            item = QListWidgetItem("✗ " + refused.source)
            item.setForeground(QColor("#B00020"))
            item.setToolTip(refused.problem.text(language()) if refused.problem else "")
            item.setData(Qt.ItemDataRole.UserRole, (None, refused))
            self.pages.addItem(item)
        self.status.setText(
            self.tr("Đọc được %1 phiếu; %2 trang bị từ chối.")
            .replace("%1", str(len(batch.forms)))
            .replace("%2", str(len(batch.refused)))
        )
        if self.pages.count():
            self.pages.setCurrentRow(0)

    # -- showing -------------------------------------------------------------------------

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        form, which = item.data(Qt.ItemDataRole.UserRole)
        if form is None:  # a refused page: its reason, nothing to decide
            self.picture.setText(which.problem.text(language()) if which.problem else "")
            self.picture.setWordWrap(True)
            self.model.set_form(None)
            self.apply_button.setEnabled(False)
            return
        if form is not self.form:
            self.form = form
            self.model.set_form(form)
            self.table.resizeColumnsToContents()
            self._offer_units(form)
        number = which or min(form.pages)
        self.show_page(form, number)
        self._refresh()

    def show_page(self, form: Any, number: int) -> None:
        """The squared page, each row's boxes framed: red to decide, green when read."""
        from reports.scan_layout import PAGE_WIDTH as PAGE_MM
        from reports.scan_read import SCALE

        page = form.pages[number]
        gray = page.picture
        height, width = gray.shape
        image = QImage(gray.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            PAGE_WIDTH, Qt.TransformationMode.SmoothTransformation
        )
        ratio = PAGE_WIDTH / (PAGE_MM * SCALE) * SCALE  # screen pixels per millimetre
        places = {item.code: item for item in self._layout(form).on_page(number)}
        painter = QPainter(pixmap)
        for row in page.rows:
            place = places[row.code]
            colour = QColor("#D32F2F") if row.unclear else QColor("#2E7D32")
            painter.setPen(QPen(colour, 2))
            first, last = place.boxes[0], place.boxes[-1]
            painter.drawRect(
                QRectF(
                    (first.left - 1.5) * ratio,
                    (first.top - 1.5) * ratio,
                    (last.right - first.left + 3) * ratio,
                    (first.height + 3) * ratio,
                )
            )
        painter.end()
        self.picture.setPixmap(pixmap)

    def _layout(self, form: Any) -> Any:
        from models.queries.items import version_items
        from reports.scan_layout import form_layout, layout_items

        if getattr(form, "layout", None) is None:
            import uuid

            with self.database.session() as session:
                items = version_items(session, uuid.UUID(form.version_id))
            form.layout = form_layout(layout_items(items))
        return form.layout

    def _offer_units(self, form: Any) -> None:
        self.blank.setVisible(form.code.unit_id is None)
        if form.code.unit_id is not None:
            return
        from models.queries.units import unit_rows

        self.unit.clear()
        with self.database.session() as session:
            for unit in sorted(unit_rows(session), key=lambda u: u.name):
                self.unit.addItem(unit.name, str(unit.id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            choice = KEYS.get(event.text())
            if choice is not None:
                self.decide(choice)
                return True
        return super().eventFilter(watched, event)

    def decide(self, choice: int) -> None:
        """Keys 1, 2, 3, 0 (and - to leave it) decide the selected row, then move on."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.model.setData(self.model.index(index.row(), ANSWER), choice)
        following = min(index.row() + 1, self.model.rowCount() - 1)
        self.table.setCurrentIndex(self.model.index(following, ANSWER))

    def _refresh(self, *_: Any) -> None:
        if self.form is None:
            return
        waiting = self.model.waiting()
        missing = self.form.missing_pages
        text = self.tr("%1 mục chưa rõ cần quyết định.").replace("%1", str(len(waiting)))
        if missing:
            text += " " + self.tr("Thiếu trang: %1.").replace("%1", ", ".join(map(str, missing)))
        self.status.setText(text if waiting or missing else self.tr("Sẵn sàng nhập."))
        self.apply_button.setEnabled(not waiting)

    # -- writing -------------------------------------------------------------------------

    def apply(self) -> None:
        from models.periods import parse_period
        from reports.form_import import FormRejected
        from reports.scan_import import apply_scanned

        form = self.form
        if form is None or self.model.waiting():
            return
        try:
            if form.code.unit_id is None:
                form.unit_id = self.unit.currentData()
                form.period = parse_period(self.period.text()).key
            prefer = "form" if self.take_form.isChecked() else "office"
            report = apply_scanned(self.database, form, self.editor, prefer=prefer)
        except FormRejected as exc:
            self.status.setText("\n".join(p.text(language()) for p in exc.report.problems))
            return
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self.apply_button.setEnabled(False)
        if report.applied:
            self.status.setText(
                self.tr("Đã nhập %1 thay đổi (từ phiếu quét).").replace(
                    "%1", str(len(report.changes))
                )
            )
            if report.assessment_id:
                self.imported.emit(report.assessment_id)
        else:
            self.status.setText(self.tr("Phiếu không thay đổi gì so với dữ liệu hiện có."))


def open_scan_review(window: Any) -> ScanReviewDialog:
    """From the menu: the window's database and the user's name, nothing else of it."""
    editor = window.editor() if hasattr(window, "editor") else None
    if editor is None:
        from qt_app.cli.common import editor as cli_editor

        editor = cli_editor(window.database)
    dialog = ScanReviewDialog(window, window.database, editor)
    dialog.exec()
    if hasattr(window, "answering") and hasattr(window, "tree"):  # show what was written
        window.answering.reload()
        window.load_units(window.tree.current_unit())
    return dialog


__all__ = ["CHOICES", "ScanReviewDialog", "open_scan_review"]
