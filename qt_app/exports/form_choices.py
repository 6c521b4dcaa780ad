"""What forms to make and where: checklist and version, kind, whom for (nobody, the selected
unit, the units a round lists), period, PDF or Excel, and the file or folder to write.

The rules between the choices live here: a round brings its period, kind and checklist, a
round's Excel forms go one per unit into a folder, and the choices become one
``reports.form_batch.FormRequest``. The words are in the forms dialog's translation context
("FormsDialog"), where they have always been.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
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
from qt_app.i18n import language, pick
from qt_app.messages import show_error
from reports.batch import safe_name
from reports.form_batch import FormChoice, FormRequest, form_choices


class FormChoices(QWidget):
    """The forms dialog's inputs, as rows of one form; it opens on the unit, period,
    checklist and kind given (those of the open assessment)."""

    def __init__(
        self,
        database: Database,
        unit_id: uuid.UUID | None,
        period: str | None,
        checklist: str | None,
        kind: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.unit_id = unit_id
        with database.session() as session:
            self.published = form_choices(session)
            self.rounds: list[RoundInfo] = list_rounds(session)
            unit_name = get_unit(session, unit_id).name if unit_id else None
        self.checklist, self.version = QComboBox(), QComboBox()
        newest: dict[str, FormChoice] = {}
        for choice in self.published:  # newest version first within each checklist
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
        self.blank = QRadioButton(
            QCoreApplication.translate("FormsDialog", "Phiếu trống (không ghi đơn vị)")
        )
        self.one_unit = QRadioButton(
            QCoreApplication.translate("FormsDialog", "Điền sẵn cho đơn vị đang chọn: %1").replace(
                "%1", unit_name
            )
            if unit_name
            else QCoreApplication.translate(
                "FormsDialog", "Điền sẵn cho đơn vị đang chọn (chưa chọn đơn vị nào)"
            )
        )
        self.one_unit.setEnabled(unit_name is not None)
        self.whole_round = QRadioButton(
            QCoreApplication.translate("FormsDialog", "Điền sẵn cho mọi đơn vị của đợt")
        )
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
        self.browse = QPushButton(QCoreApplication.translate("FormsDialog", "Chọn…"))
        self.browse.clicked.connect(self._browse)
        self._lay_out()
        self._whom.buttonToggled.connect(lambda *_: self._whom_changed())
        self.round.currentIndexChanged.connect(lambda *_: self._whom_changed())
        self.format.currentIndexChanged.connect(lambda *_: self.target.clear())
        self._whom_changed()

    def _lay_out(self) -> None:
        where = QHBoxLayout()
        where.addWidget(self.target)
        where.addWidget(self.browse)
        whom = QVBoxLayout()
        for widget in (self.blank, self.one_unit, self.whole_round, self.round):
            whom.addWidget(widget)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QCoreApplication.translate("FormsDialog", "Danh mục"), self.checklist)
        form.addRow(QCoreApplication.translate("FormsDialog", "Phiên bản"), self.version)
        form.addRow(QCoreApplication.translate("FormsDialog", "Hình thức"), self.kind)
        form.addRow(QCoreApplication.translate("FormsDialog", "Phiếu"), whom)
        form.addRow(QCoreApplication.translate("FormsDialog", "Kỳ báo cáo"), self.period)
        form.addRow(QCoreApplication.translate("FormsDialog", "Định dạng"), self.format)
        form.addRow(QCoreApplication.translate("FormsDialog", "Lưu vào"), where)

    def _list_versions(self) -> None:
        slug = self.checklist.currentData()
        self.version.clear()
        for choice in self.published:
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
            chosen = QFileDialog.getExistingDirectory(
                self, QCoreApplication.translate("FormsDialog", "Chọn thư mục")
            )
        else:
            suffix = self.format.currentData()
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("FormsDialog", "Lưu phiếu"),
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
            self._refuse(
                QCoreApplication.translate("FormsDialog", "Chưa có danh mục nào đã ban hành.")
            )
            return None
        chosen = self.chosen_round()
        if chosen is not None and slug not in chosen.checklists:
            self._refuse(
                QCoreApplication.translate("FormsDialog", "Đợt này không gồm danh mục đã chọn.")
            )
            return None
        period = None
        text = self.period.currentText().strip()
        if chosen is None and text:
            try:
                period = parse_period(text).key
            except KnownError as exc:
                self._refuse(exc.message(language()))
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

    def destination(self, fmt: str) -> Path | None:
        """The file (or, for a round's Excel forms, the folder) to write; None (after saying
        why) when none was chosen or the folder is missing."""
        text = self.target.text().strip()
        if not text:
            self._refuse(QCoreApplication.translate("FormsDialog", "Hãy chọn nơi lưu."))
            return None
        target = Path(text)
        if self._into_folder() and not target.is_dir():
            self._refuse(QCoreApplication.translate("FormsDialog", "Thư mục không tồn tại."))
            return None
        if not self._into_folder() and target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        return target

    def _refuse(self, text: str) -> None:
        show_error(self.window(), text)
