"""Export a whole round in the background, every unit's assessment as its own file or one
summary, with progress and Cancel; the units whose file could not be made are listed.

The work is ``reports.batch.batch_export``, which gets plain values and returns a plain
``BatchResult``; this module only presents. ``ProgressRelay`` carries a background job's
progress to the window (the forms dialog uses it too).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from models.periods import assessed_periods
from qt_app import tasks
from qt_app.i18n import language
from qt_app.messages import show_error
from reports.batch import BatchResult, batch_export

log = logging.getLogger(__name__)


class ProgressRelay(QObject):
    """Created on the GUI thread; the worker emits, Qt delivers to the GUI thread."""

    changed = Signal(int, int)


class BatchExportDialog(QDialog):
    """A round → every unit's assessment as separate files, or one summary."""

    finished_job = Signal(object)

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("Xuất theo kỳ"))
        self._cancel = threading.Event()
        self._running = False
        self.result_value: BatchResult | None = None
        self.period = QComboBox()
        with database.session() as session:
            periods = assessed_periods(session)
        for period in periods:
            self.period.addItem(period.label_in(language()), period.key)
        self.units = QRadioButton(self.tr("Mỗi bài đánh giá một tệp"))
        self.summary = QRadioButton(self.tr("Một bản tổng hợp"))
        self.units.setChecked(True)
        self._modes = QButtonGroup(self)
        for button in (self.units, self.summary):
            self._modes.addButton(button)
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Excel (.xlsx)", "xlsx")
        self.format.addItem("Word (.docx)", "docx")
        self.target = QLineEdit()
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Kỳ báo cáo"), self.period)
        modes = QVBoxLayout()
        modes.addWidget(self.units)
        modes.addWidget(self.summary)
        form.addRow(self.tr("Xuất"), modes)
        form.addRow(self.tr("Định dạng"), self.format)
        form.addRow(self.tr("Lưu vào"), where)
        self.bar = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        # the units whose file could not be made, and why (the others are still written)
        self.failures = QPlainTextEdit()
        self.failures.setReadOnly(True)
        self.failures.setVisible(False)
        self.start_button = QPushButton(self.tr("Bắt đầu"))
        self.cancel_button = QPushButton(self.tr("Đóng"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.failures, 1)
        layout.addLayout(buttons)
        self._progress = ProgressRelay(self)
        self._progress.changed.connect(self._show_progress)
        self.start_button.setEnabled(bool(periods))
        if not periods:
            self.status.setText(self.tr("Chưa có bài đánh giá nào để xuất."))

    def _browse(self) -> None:
        if self.units.isChecked():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục"))
        else:
            suffix = self.format.currentData()
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Lưu bản tổng hợp"),
                f"tong-hop.{suffix}",
                f"{self.format.currentText()} (*.{suffix})",
            )
        if chosen:
            self.target.setText(chosen)

    def start(self) -> None:
        text = self.target.text().strip()
        mode = "units" if self.units.isChecked() else "summary"
        fmt = self.format.currentData()
        if not text:
            show_error(self, self.tr("Hãy chọn nơi lưu."))
            return
        target = Path(text)
        if mode == "units" and not target.is_dir():
            show_error(self, self.tr("Thư mục không tồn tại."))
            return
        if mode == "summary" and target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        self._cancel.clear()
        self._running = True
        self.start_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Huỷ"))
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Đang xuất…"))
        tasks.run_task(
            batch_export,
            self.database,
            self.period.currentData(),
            mode,
            fmt,
            target,
            self._cancel,
            self._progress.changed.emit,
            done=self._done,
            failed=self._failed,
        )

    def cancel(self) -> None:
        if self._running:
            self._cancel.set()
            self.status.setText(self.tr("Đang huỷ…"))
        else:
            self.reject()

    def _show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _stopped(self) -> None:
        self._running = False
        self.start_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Đóng"))

    def _done(self, result: BatchResult) -> None:
        self._stopped()
        self.result_value = result
        if result.cancelled:
            self.status.setText(
                self.tr("Đã huỷ; đã ghi %1 trong %n tệp.", "", result.total).replace(
                    "%1", str(len(result.files))
                )
            )
        else:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.status.setText(self.tr("Xong: đã ghi %n tệp.", "", len(result.files)))
        if result.failures:
            lang = language()
            heading = self.tr("Không xuất được %n tệp:", "", len(result.failures))
            lines = [f"  • {failure.text(lang)}" for failure in result.failures]
            self.failures.setPlainText("\n".join([heading, *lines]))
        self.failures.setVisible(bool(result.failures))
        self.finished_job.emit(result)

    def outcome_text(self) -> str:
        """What the export left, for the window's status bar once the dialog is closed."""
        result = self.result_value
        if result is None or not result.files:
            return ""
        where = Path(result.files[0]).parent if len(result.files) > 1 else result.files[0]
        return self.tr("Đã xuất %n tệp vào %1", "", len(result.files)).replace("%1", str(where))

    def _failed(self, error: BaseException) -> None:
        self._stopped()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(error, KnownError):
            self.status.setText(error.message(language()))
        else:  # a bug: logged with its traceback, and the user is told it failed
            log.error("batch export failed", exc_info=error)
            self.status.setText(
                self.tr("Lỗi không mong đợi khi xuất: %1").replace("%1", str(error))
            )
        self.finished_job.emit(None)
