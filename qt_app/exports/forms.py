"""Forms without the command line: a blank form, a form pre-filled with the selected unit and
a period, or the forms of every unit a round lists, as PDF or Excel, saved or printed.

The work is ``reports.form_batch.batch_forms``, run in the background with progress and
Cancel like the batch export; the round's units that get no form are listed with the reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import threading
import uuid
from pathlib import Path

from PySide6.QtCore import Signal
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
from models.periods import Period, parse_period, week_of
from models.services.rounds import RoundInfo, list_rounds
from models.services.units import get_unit
from models.vocabulary import ASSESSMENT_KINDS
from qt_app import tasks
from qt_app.exports.dialogs import ProgressRelay
from qt_app.exports.printing import print_with_dialog
from qt_app.i18n import language, pick
from qt_app.messages import show_error
from reports.batch import BatchResult, safe_name
from reports.form_batch import FormChoice, FormRequest, batch_forms, form_choices

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
        self.database, self.unit_id = database, unit_id
        self.setWindowTitle(self.tr("Phiếu trống và phiếu điền sẵn"))
        self._cancel = threading.Event()
        self._running = False
        self._printing: tempfile.TemporaryDirectory[str] | None = None
        self.result_value: BatchResult | None = None
        with database.session() as session:
            self.choices = form_choices(session)
            self.rounds: list[RoundInfo] = list_rounds(session)
            unit_name = get_unit(session, unit_id).name if unit_id else None
        self.checklist, self.version = QComboBox(), QComboBox()
        newest: dict[str, FormChoice] = {}
        for choice in self.choices:  # newest version first within each checklist
            newest.setdefault(choice.checklist, choice)
        for slug, choice in newest.items():
            self.checklist.addItem(choice.label, slug)
        self.checklist.setCurrentIndex(max(0, self.checklist.findData(checklist)))
        self.checklist.currentIndexChanged.connect(self._list_versions)
        self._list_versions()
        self.kind = QComboBox()
        for key, labels in ASSESSMENT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.blank = QRadioButton(self.tr("Phiếu trống (không ghi đơn vị)"))
        self.one_unit = QRadioButton(
            self.tr("Điền sẵn cho đơn vị đang chọn: %1").replace("%1", unit_name)
            if unit_name
            else self.tr("Điền sẵn cho đơn vị đang chọn (chưa chọn đơn vị nào)")
        )
        self.one_unit.setEnabled(unit_name is not None)
        self.whole_round = QRadioButton(self.tr("Điền sẵn cho mọi đơn vị của đợt"))
        self.whole_round.setEnabled(bool(self.rounds))
        self._whom = QButtonGroup(self)
        for button in (self.blank, self.one_unit, self.whole_round):
            self._whom.addButton(button)
        (self.one_unit if unit_name else self.blank).setChecked(True)
        self.round = QComboBox()
        for info in self.rounds:  # a round is often named after its period
            when = Period(info.period).label_in(language())
            named = info.name if when in info.name else f"{info.name} — {when}"
            self.round.addItem(named, str(info.id))
        self.period = QComboBox()
        self.period.setEditable(True)
        today = dt.date.today()
        offered = [Period(period)] if period else []
        offered += [p for p in (week_of(today), Period(today.isoformat())) if p not in offered]
        self.period.addItem("", None)
        for choice in offered:
            self.period.addItem(choice.label_in(language()), choice.key)
        self.period.setCurrentIndex(1 if unit_name else 0)
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Excel (.xlsx)", "xlsx")
        self.target = QLineEdit()
        self.browse = QPushButton(self.tr("Chọn…"))
        self.browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target)
        where.addWidget(self.browse)
        whom = QVBoxLayout()
        for widget in (self.blank, self.one_unit, self.whole_round, self.round):
            whom.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.tr("Danh mục"), self.checklist)
        form.addRow(self.tr("Phiên bản"), self.version)
        form.addRow(self.tr("Hình thức"), self.kind)
        form.addRow(self.tr("Phiếu"), whom)
        form.addRow(self.tr("Kỳ báo cáo"), self.period)
        form.addRow(self.tr("Định dạng"), self.format)
        form.addRow(self.tr("Lưu vào"), where)
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
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.skipped, 1)
        layout.addLayout(buttons)
        self._progress = ProgressRelay(self)
        self._progress.changed.connect(self._show_progress)
        self._whom.buttonToggled.connect(lambda *_: self._whom_changed())
        self.round.currentIndexChanged.connect(lambda *_: self._whom_changed())
        self.format.currentIndexChanged.connect(lambda *_: self.target.clear())
        self._whom_changed()
        if not self.choices:
            self.status.setText(self.tr("Chưa có danh mục nào đã ban hành."))
        self._set_idle()

    def _list_versions(self) -> None:
        slug = self.checklist.currentData()
        self.version.clear()
        for choice in self.choices:
            if choice.checklist == slug:
                self.version.addItem(f"v{choice.version}", choice.version)

    def chosen_round(self) -> RoundInfo | None:
        if not self.whole_round.isChecked():
            return None
        return next((r for r in self.rounds if str(r.id) == self.round.currentData()), None)

    def _whom_changed(self) -> None:
        """A round brings its period and kind, and its first checklist if the chosen one
        is not among its checklists."""
        chosen = self.chosen_round()
        self.round.setEnabled(chosen is not None)
        self.period.setEnabled(chosen is None)
        if chosen is not None:
            self.period.setEditText(Period(chosen.period).label_in(language()))
            self.kind.setCurrentIndex(max(0, self.kind.findData(chosen.kind)))
            if self.checklist.currentData() not in chosen.checklists:
                for slug in chosen.checklists:
                    if self.checklist.findData(slug) >= 0:
                        self.checklist.setCurrentIndex(self.checklist.findData(slug))
                        break
        self.target.clear()

    def _into_folder(self) -> bool:
        """Excel forms of a round go one per unit into a folder; everything else is a file."""
        return self.chosen_round() is not None and self.format.currentData() == "xlsx"

    def _browse(self) -> None:
        if self._into_folder():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục"))
        else:
            suffix = self.format.currentData()
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Lưu phiếu"),
                f"{self._suggested_name()}.{suffix}",
                f"{self.format.currentText()} (*.{suffix})",
            )
        if chosen:
            self.target.setText(chosen)

    def _suggested_name(self) -> str:
        slug = self.checklist.currentData() or "phieu"
        chosen = self.chosen_round()
        if chosen is not None:
            return safe_name(f"{chosen.name} - {slug}")
        if self.one_unit.isChecked():
            return safe_name(f"{self.one_unit.text().rpartition(': ')[2]} - {slug}")
        return safe_name(f"phieu-trong - {slug} v{self.version.currentData()}")

    def request(self, fmt: str) -> FormRequest | None:
        """What the choices ask for; None (after saying why) when they do not hold."""
        slug = self.checklist.currentData()
        if slug is None:
            show_error(self, self.tr("Chưa có danh mục nào đã ban hành."))
            return None
        chosen = self.chosen_round()
        if chosen is not None and slug not in chosen.checklists:
            show_error(self, self.tr("Đợt này không gồm danh mục đã chọn."))
            return None
        period = None
        text = self.period.currentText().strip()
        if chosen is None and text:
            try:
                period = parse_period(text).key
            except KnownError as exc:
                show_error(self, exc.message(language()))
                return None
        return FormRequest(
            checklist=slug,
            version=self.version.currentData(),
            kind=self.kind.currentData(),
            fmt=fmt,
            period=period,
            unit_id=self.unit_id if self.one_unit.isChecked() else None,
            round_id=chosen.id if chosen is not None else None,
        )

    def start(self) -> None:
        """Write the forms where the user chose."""
        fmt = self.format.currentData()
        request = self.request(fmt)
        if request is None:
            return
        text = self.target.text().strip()
        if not text:
            show_error(self, self.tr("Hãy chọn nơi lưu."))
            return
        target = Path(text)
        if self._into_folder() and not target.is_dir():
            show_error(self, self.tr("Thư mục không tồn tại."))
            return
        if not self._into_folder() and target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        self._run(request, target)

    def print_forms(self) -> None:
        """The same forms as one PDF in a temporary folder, then Qt's print dialog."""
        request = self.request("pdf")
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
            button.setEnabled(bool(self.choices))
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
