"""Starting an assessment (checklist, period, kind, assessor) and the reason for reopening a
submitted one. Each returns plain values; the period is checked as it is typed."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from models.errors import KnownError
from models.periods import Period, parse_period, week_of
from models.vocabulary import ASSESSMENT_KINDS
from qt_app.dialogs import FormDialog
from qt_app.i18n import language, pick


@dataclass(frozen=True)
class StartValues:
    version_id: uuid.UUID
    period: str
    kind: str
    assessor: str


class StartAssessmentDialog(FormDialog):
    """Checklist (latest published version), period, kind and assessor."""

    def __init__(
        self,
        unit_name: str,
        checklists: list[tuple[uuid.UUID, str]],
        assessor: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(self.tr("Bắt đầu đánh giá"), self.tr("Bắt đầu"), parent)
        self.body.addWidget(QLabel(f"<b>{unit_name}</b>"))
        form = QFormLayout()
        self.checklist = QComboBox()
        for version_id, label in checklists:
            self.checklist.addItem(label, str(version_id))
        self.period = QComboBox()
        self.period.setEditable(True)
        today = today or dt.date.today()
        this_week = week_of(today)
        for period in (this_week, week_of(today - dt.timedelta(days=7)), Period(today.isoformat())):
            self.period.addItem(period.label_en if language() == "en" else period.label)
        self.period_check = QLabel()
        self.kind = QComboBox()
        for key, labels in ASSESSMENT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        self.assessor = QLineEdit(assessor)
        form.addRow(self.tr("Danh mục"), self.checklist)
        form.addRow(self.tr("Kỳ (ngày hoặc “Tuần 38/2021”)"), self.period)
        form.addRow("", self.period_check)
        form.addRow(self.tr("Hình thức"), self.kind)
        form.addRow(self.tr("Người đánh giá"), self.assessor)
        self.body.addLayout(form)
        self.finish_layout()
        self.period.editTextChanged.connect(self._check_period)
        self._check_period(self.period.currentText())
        self.ok.setEnabled(self.ok.isEnabled() and self.checklist.count() > 0)
        self.setMinimumWidth(560)

    def _check_period(self, text: str) -> None:
        try:
            period = parse_period(text)
        except KnownError as exc:
            self.period_check.setText(
                f"<span style='color:#c62828'>{exc.message(language())}</span>"
            )
            self.period_check.setWordWrap(True)
            self.ok.setEnabled(False)
            return
        label = period.label_en if language() == "en" else period.label
        self.period_check.setText(self.tr("Kỳ: %1").replace("%1", label))
        self.ok.setEnabled(self.checklist.count() > 0)

    def values(self) -> StartValues:
        return StartValues(
            uuid.UUID(self.checklist.currentData()),
            parse_period(self.period.currentText()).key,
            self.kind.currentData(),
            self.assessor.text(),
        )


class ReopenDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mở lại bài đánh giá"), self.tr("Mở lại"), parent)
        self.body.addWidget(
            QLabel(self.tr("Bài đánh giá đã nộp. Ghi lý do mở lại (được lưu vào nhật ký):"))
        )
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.body.addWidget(self.reason)
        self.finish_layout()
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )

    def value(self) -> str:
        return self.reason.toPlainText().strip()
