"""Starting an assessment (checklist, period, kind, assessor) and the reason for taking
something back (a submitted assessment reopened, a closed action). Each returns plain
values; the period is checked as it is typed, and the start dialog opens on the choices
made last time (``start_memory``)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from models.errors import KnownError
from models.periods import Period, parse_period, week_of
from models.vocabulary import ASSESSMENT_KINDS
from qt_app.answering.start_memory import StartChoices
from qt_app.dialogs import FormDialog
from qt_app.i18n import language, pick


@dataclass(frozen=True)
class StartValues:
    version_id: uuid.UUID
    period: str
    kind: str
    assessor: str


@dataclass(frozen=True)
class ChecklistChoice:
    """A checklist's latest published version, as the start dialog lists it."""

    version_id: uuid.UUID
    label: str
    slug: str


class StartAssessmentDialog(FormDialog):
    """Checklist (latest published version), period, kind and assessor."""

    def __init__(
        self,
        unit_name: str,
        checklists: list[ChecklistChoice],
        assessor: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        remembered: StartChoices | None = None,
    ) -> None:
        super().__init__(self.tr("Bắt đầu đánh giá"), self.tr("Bắt đầu"), parent)
        title = QLabel(f"<b>{escape(unit_name)}</b>")
        title.setWordWrap(True)
        self.body.addWidget(title)
        form = QFormLayout()
        self.checklist = QComboBox()
        self._slugs: dict[str, str] = {}
        for choice in checklists:
            self.checklist.addItem(choice.label, str(choice.version_id))
            self._slugs[str(choice.version_id)] = choice.slug
        self.period = QComboBox()
        self.period.setEditable(True)
        today = today or dt.date.today()
        offered = [week_of(today), week_of(today - dt.timedelta(days=7)), Period(today.isoformat())]
        if remembered is not None and Period(remembered.period) not in offered:
            offered.insert(0, Period(remembered.period))
        for period in offered:
            self.period.addItem(period.label_in(language()), period.key)
        self.period_check = QLabel()
        self.period_check.setWordWrap(True)
        self.kind = QComboBox()
        for key, labels in ASSESSMENT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        self.assessor = QLineEdit(remembered.assessor if remembered else assessor)
        if remembered is not None:
            self._choose(remembered)
        form.addRow(self.tr("Danh mục"), self.checklist)
        form.addRow(
            self.tr("Kỳ (ngày hoặc “%1”)").replace("%1", week_of(today).label_in(language())),
            self.period,
        )
        form.addRow("", self.period_check)
        form.addRow(self.tr("Hình thức"), self.kind)
        form.addRow(self.tr("Người đánh giá"), self.assessor)
        self.body.addLayout(form)
        self.finish_layout()
        self.period.editTextChanged.connect(self._check_period)
        self._check_period(self.period.currentText())
        self.ok.setEnabled(self.ok.isEnabled() and self.checklist.count() > 0)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def _choose(self, remembered: StartChoices) -> None:
        """Open on last time's choices (a checklist no longer offered keeps the first)."""
        for version_id, slug in self._slugs.items():
            if slug == remembered.checklist:
                self.checklist.setCurrentIndex(self.checklist.findData(version_id))
        self.period.setCurrentIndex(max(0, self.period.findData(remembered.period)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(remembered.kind)))

    def _check_period(self, text: str) -> None:
        try:
            period = parse_period(text)
        except KnownError as exc:
            self.period_check.setText(
                f"<span style='color:#c62828'>{escape(exc.message(language()))}</span>"
            )
            self.ok.setEnabled(False)
            return
        self.period_check.setText(self.tr("Kỳ: %1").replace("%1", period.label_in(language())))
        self.ok.setEnabled(self.checklist.count() > 0)

    def values(self) -> StartValues:
        return StartValues(
            uuid.UUID(self.checklist.currentData()),
            parse_period(self.period.currentText()).key,
            self.kind.currentData(),
            self.assessor.text(),
        )

    def choices(self) -> StartChoices:
        """What to offer next time (and what "Đơn vị tiếp theo" starts with)."""
        values = self.values()
        return StartChoices(
            self._slugs[str(values.version_id)], values.period, values.kind, values.assessor
        )


class ReasonDialog(FormDialog):
    """A reason asked before something done is taken back, kept in the audit trail: OK only
    once one is written. Each use says what is taken back (``ReopenDialog`` here,
    ``qt_app.units.close_action.ReopenActionDialog``)."""

    def __init__(self, title: str, ok_text: str, prompt: str, parent: QWidget | None) -> None:
        super().__init__(title, ok_text, parent)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.body.addWidget(label)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.body.addWidget(self.reason)
        self.finish_layout()
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.value())))

    def value(self) -> str:
        return self.reason.toPlainText().strip()


class ReopenDialog(ReasonDialog):
    """Why a submitted assessment is reopened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Mở lại bài đánh giá"),
            self.tr("Mở lại"),
            self.tr("Bài đánh giá đã nộp. Ghi lý do mở lại (được lưu vào nhật ký):"),
            parent,
        )
