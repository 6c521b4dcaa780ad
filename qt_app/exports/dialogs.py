"""The window's way to the reports: export the current assessment, export a whole round in
the background (every unit's file, or one summary) with progress and Cancel, and import a
filled-in Excel form after showing what it would change.

The work itself is in ``reports`` (the background job is ``reports.batch.batch_export``,
which gets plain values and returns a plain ``BatchResult``); this module only presents.
"""

from __future__ import annotations

import logging
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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
from models.queries.assessments import assessment_header
from qt_app import tasks
from qt_app.i18n import language
from qt_app.messages import show_error
from reports import output_format
from reports.batch import BatchResult, batch_export, safe_name, write_one

if TYPE_CHECKING:
    from reports.form_import import FormReport

log = logging.getLogger(__name__)


def export_assessment(
    parent: QWidget | None, database: Database, assessment_id: uuid.UUID | str
) -> Path | None:
    """Ask for a file name (PDF, Excel or Word) and write the assessment there."""
    assessment_id = uuid.UUID(str(assessment_id))
    with database.session() as session:
        header = assessment_header(session, assessment_id)
    suggested = safe_name(f"{header.unit_name} - {header.period}") if header else "danh-gia"
    filters = "PDF (*.pdf);;Excel (*.xlsx);;Word (*.docx)"
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("reports", "Xuất bài đánh giá"),
        f"{suggested}.pdf",
        filters,
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".pdf", ".xlsx", ".docx"):
        path = path.with_suffix(next((f".{f}" for f in ("xlsx", "docx") if f in chosen), ".pdf"))
    try:
        with database.session() as session:
            write_one(session, assessment_id, path, output_format(path, None))
    except KnownError as exc:
        show_error(parent, exc.message(language()))
        return None
    return path


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


class ImportFormDialog(QDialog):
    """Choose a filled-in form, read what it would change, then apply it (or not)."""

    imported = Signal(str)

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.path: Path | None = None
        self.report: FormReport | None = None
        self.setWindowTitle(self.tr("Nhập phiếu Excel"))
        self.resize(720, 480)
        self.file_label = QLabel(self.tr("Chưa chọn tệp."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("Chọn tệp…"))
        choose.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        # An answer the office changed after the form was made is kept unless this is ticked.
        self.take_form = QCheckBox(self.tr("Ở các mục xung đột, lấy bản của phiếu"))
        self.take_form.setVisible(False)
        self.apply_button = QPushButton(self.tr("Nhập vào cơ sở dữ liệu"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_form)
        buttons.addStretch()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn phiếu Excel đã điền"), "", "Excel (*.xlsx)"
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Check the form (nothing is written) and show what importing it would do."""
        from reports.form_import import check_form

        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.report = report = check_form(self.database, self.path)
        self.details.setPlainText(self._describe(report, applied=False))
        self.take_form.setVisible(bool(report.conflicts))
        self.apply_button.setEnabled(report.ok and bool(report.changes or report.conflicts))

    def apply(self) -> None:
        from qt_app.cli.common import editor
        from reports.form_import import FormRejected, apply_form

        if self.path is None:
            return
        # The window knows the user's name (setting "Tên người dùng"); the command line does not.
        owner = self.parent()
        editor = owner.editor() if hasattr(owner, "editor") else editor(self.database)
        try:
            prefer = "form" if self.take_form.isChecked() else "office"
            report = apply_form(self.database, self.path, editor, prefer=prefer)
        except FormRejected as exc:
            report = exc.report
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self.report = report
        self.apply_button.setEnabled(False)
        self.details.setPlainText(self._describe(report, applied=True))
        if report.applied and report.assessment_id:
            self.imported.emit(report.assessment_id)

    def _describe(self, report: FormReport, *, applied: bool) -> str:
        lang = language()
        lines: list[str] = []
        if report.problems:
            lines.append(self.tr("Phiếu có lỗi; không có gì được ghi:"))
            lines += [f"  • {problem.text(lang)}" for problem in report.problems]
            return "\n".join(lines)
        lines.append(f"{report.checklist} v{report.version} — {report.unit} — {report.period}")
        if applied and report.applied:
            lines.append(self.tr("Đã nhập %n thay đổi.", "", len(report.changes)))
        elif not report.changes:
            lines.append(self.tr("Phiếu không thay đổi gì so với dữ liệu hiện có."))
        else:
            lines.append(self.tr("Sẽ thay đổi %n mục:", "", len(report.changes)))
        labels = {"answer": self.tr("trả lời"), "note": self.tr("ghi chú")}
        row_word, office_word, form_word = self.tr("dòng"), self.tr("văn phòng"), self.tr("phiếu")
        for change in report.changes:
            lines.append(
                f"  {row_word} {change.row}  {change.code:<6} "
                f"{labels[change.field]}: {_answer(change.old)} → {_answer(change.new)}"
            )
        if report.conflicts:
            lines.append(
                self.tr(
                    "%n mục văn phòng đã sửa sau khi lập phiếu (xung đột); giữ bản của văn "
                    "phòng trừ khi chọn lấy bản của phiếu:",
                    "",
                    len(report.conflicts),
                )
            )
        kept = {"office": self.tr("giữ của văn phòng"), "form": self.tr("lấy của phiếu")}
        for conflict in report.conflicts:
            lines.append(
                f"  {row_word} {conflict.row}  {conflict.code:<6} "
                f"{labels[conflict.field]}: {office_word} {_answer(conflict.office)}"
                f" | {form_word} {_answer(conflict.form)}"
                + (f" → {kept[conflict.kept]}" if applied and report.applied else "")
            )
        lines.append(
            self.tr("Không đổi: %1; bỏ trống: %2.")
            .replace("%1", str(report.unchanged))
            .replace("%2", str(report.blank))
        )
        return "\n".join(lines)


def _answer(value: str | None) -> str:
    from models.vocabulary import ANSWER_STATUSES, label_of

    return "·" if value is None else label_of(ANSWER_STATUSES, value, language())
