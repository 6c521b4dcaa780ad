"""Forms without the command line: a blank form, a form pre-filled with the selected unit and
a period, or the forms of every unit a round lists, as PDF or Excel, saved or printed.

What to make is chosen in ``form_choices.FormChoices``; the work is
``reports.form_batch.batch_forms``, run in the background with progress and Cancel like the
batch export; the round's units that get no form are listed with the reason.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from qt_app import tasks
from qt_app.exports.batch_dialog import ProgressRelay
from qt_app.exports.form_choices import FormChoices
from qt_app.exports.printing import print_with_dialog
from qt_app.i18n import language
from qt_app.messages import show_error
from reports.batch import BatchResult
from reports.form_batch import FormRequest, batch_forms

log = logging.getLogger(__name__)


class FormsDialog(QDialog):
    """Checklist and version, kind, whom for (nobody, the selected unit, a round's units),
    period, PDF or Excel; then save, or print."""

    finished_job = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        database: Database,
        unit_id: uuid.UUID | None = None,
        period: str | None = None,
        checklist: str | None = None,
        kind: str | None = None,
    ) -> None:
        """Opens on the unit, period, checklist and kind given (those of the open assessment)."""
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("Phiếu trống và phiếu điền sẵn"))
        self._cancel = threading.Event()
        self._running = False
        self._printing: tempfile.TemporaryDirectory[str] | None = None
        self.result_value: BatchResult | None = None
        self.choices = FormChoices(database, unit_id, period, checklist, kind, self)
        self.bar = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.skipped = QPlainTextEdit()
        self.skipped.setReadOnly(True)
        self.skipped.setVisible(False)
        self.start_button = QPushButton(self.tr("Tạo phiếu"))
        self.print_button = QPushButton(self.tr("In…"))
        self.cancel_button = QPushButton(self.tr("Đóng"))
        self.start_button.clicked.connect(self.start)
        self.print_button.clicked.connect(self.print_forms)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.start_button, self.print_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.skipped, 1)
        layout.addLayout(buttons)
        self._progress = ProgressRelay(self)
        self._progress.changed.connect(self._show_progress)
        if not self.choices.published:
            self.status.setText(self.tr("Chưa có danh mục nào đã ban hành."))
        self._set_idle()

    def start(self) -> None:
        """Write the forms where the user chose."""
        fmt = self.choices.format.currentData()
        request = self.choices.request(fmt)
        if request is None:
            return
        target = self.choices.destination(fmt)
        if target is None:
            return
        self._run(request, target)

    def print_forms(self) -> None:
        """The same forms as one PDF in a temporary folder, then Qt's print dialog."""
        request = self.choices.request("pdf")
        if request is None:
            return
        self._printing = tempfile.TemporaryDirectory(prefix="kiemtra-in-")
        self._run(request, Path(self._printing.name) / "phieu.pdf")

    def _run(self, request: FormRequest, target: Path) -> None:
        self._cancel.clear()
        self._running = True
        for button in (self.start_button, self.print_button):
            button.setEnabled(False)
        self.cancel_button.setText(self.tr("Huỷ"))
        self.bar.setRange(0, 0)
        self.skipped.clear()
        self.skipped.setVisible(False)
        self.status.setText(self.tr("Đang tạo phiếu…"))
        tasks.run_task(
            batch_forms,
            self.database,
            request,
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

    def _set_idle(self) -> None:
        self._running = False
        for button in (self.start_button, self.print_button):
            button.setEnabled(bool(self.choices.published))
        self.cancel_button.setText(self.tr("Đóng"))

    def _done(self, result: BatchResult) -> None:
        self._set_idle()
        printing, self._printing = self._printing, None
        if printing is None:  # what was printed went into a temporary folder
            self.result_value = result
        self.bar.setRange(0, 1)
        self.bar.setValue(0 if result.cancelled else 1)
        if result.skipped:
            lang = language()
            self.skipped.setPlainText(
                "\n".join(
                    [
                        self.tr("Không có phiếu cho %1 đơn vị:").replace(
                            "%1", str(len(result.skipped))
                        )
                    ]
                    + [f"  • {unit.text(lang)}" for unit in result.skipped]
                )
            )
            self.skipped.setVisible(True)
        if result.cancelled:
            self.status.setText(self.tr("Đã huỷ; không in và không giữ phiếu chưa xong."))
        elif not result.files:
            self.status.setText(self.tr("Không đơn vị nào của đợt nhận phiếu."))
        elif printing is not None:
            self.status.setText(self.tr("Đang in…"))
            try:
                printed = print_with_dialog(self, Path(result.files[0]), self.windowTitle())
            except KnownError as exc:
                show_error(self, exc.message(language()))
                printed = False
            self.status.setText(self.tr("Đã gửi phiếu tới máy in.") if printed else "")
        else:
            self.status.setText(
                self.tr("Xong: đã ghi %1 tệp.").replace("%1", str(len(result.files)))
            )
        if printing is not None:
            printing.cleanup()
        self.finished_job.emit(result)

    def outcome_text(self) -> str:
        """Where the forms went, for the window's status bar once the dialog is closed."""
        result = self.result_value
        if result is None or not result.files:
            return ""
        where = Path(result.files[0]).parent if len(result.files) > 1 else result.files[0]
        return self.tr("Đã tạo phiếu: %1").replace("%1", str(where))

    def _failed(self, error: BaseException) -> None:
        self._set_idle()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        printing, self._printing = self._printing, None
        if printing is not None:
            printing.cleanup()
        if isinstance(error, KnownError):
            self.status.setText(error.message(language()))
        else:  # a bug: logged with its traceback, and the user is told it failed
            log.error("forms failed", exc_info=error)
            self.status.setText(
                self.tr("Lỗi không mong đợi khi tạo phiếu: %1").replace("%1", str(error))
            )
        self.finished_job.emit(None)
