"""Starting, submitting and reopening an assessment from menus and buttons.

Each asks first (which checklist and period; "really submit?"; why reopen), then hands the
plain answer to the ``Answering`` controller, which does the work through the core. The
start dialog's choices are remembered, and "Đơn vị tiếp theo" starts the next unit with
them without asking again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from models.catalog import latest_versions
from qt_app.answering import start_memory
from qt_app.answering.controller import Answering
from qt_app.answering.dialogs import (
    ChecklistChoice,
    ReopenDialog,
    StartAssessmentDialog,
    StartValues,
)
from qt_app.answering.record import offer_record
from qt_app.answering.start_memory import StartChoices
from qt_app.messages import confirm
from qt_app.settings import Settings


class AssessmentActions(QObject):
    # A short message for the status bar.
    message = Signal(str)

    def __init__(
        self,
        answering: Answering,
        assessor: Callable[[], str],
        settings: Settings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.answering, self.settings, self.dialog_parent = answering, settings, parent
        self._assessor = assessor  # who is answering: offered as the assessor

    def checklists(self) -> list[ChecklistChoice]:
        return self.answering.saver.read(
            lambda s: [
                ChecklistChoice(
                    v.id,
                    f"{v.checklist.directive.number or '—'} · {v.title} (v{v.version})",
                    v.checklist.slug,
                )
                for v in latest_versions(s)
            ]
        )

    def start_assessment(self, unit_id: uuid.UUID, unit_name: str) -> uuid.UUID | None:
        """Ask for the checklist, period, kind and assessor (last time's offered), then
        start and open it."""
        dialog = StartAssessmentDialog(
            unit_name,
            self.checklists(),
            self._assessor(),
            self.dialog_parent,
            remembered=start_memory.recall(self.settings),
        )
        if not dialog.exec():
            return None
        start_memory.keep(self.settings, dialog.choices())
        return self.answering.start(unit_id, dialog.values(), unit_name)

    def start_like_last_time(self, unit_id: uuid.UUID, unit_name: str) -> uuid.UUID | None:
        """Start (or continue) ``unit_id``'s assessment with the remembered choices; the
        dialog is asked when there are none, their checklist is gone, or they were made on
        another day."""
        remembered = start_memory.recall(self.settings)
        version = self._version_of(remembered) if remembered else None
        if remembered is None or version is None or not start_memory.chosen_today(self.settings):
            return self.start_assessment(unit_id, unit_name)
        values = StartValues(version, remembered.period, remembered.kind, remembered.assessor)
        return self.answering.start(unit_id, values, unit_name)

    def _version_of(self, remembered: StartChoices) -> uuid.UUID | None:
        found = [c.version_id for c in self.checklists() if c.slug == remembered.checklist]
        return found[0] if found else None

    def submit(self) -> None:
        """Ask first; with items still unanswered, Enter (the default) means "Huỷ"."""
        answering = self.answering
        if answering.header is None or answering.locked:
            return
        tally = answering.model.tally()
        missing = tally.total - tally.answered
        text = self.tr(
            "Nộp bài đánh giá? Sau khi nộp, bài bị khoá; muốn sửa phải mở lại kèm lý do."
        )
        if missing:
            text += "\n\n" + self.tr("Còn %n mục chưa trả lời.", "", missing)
            if missing == tally.total:
                text += " " + self.tr("Bài chưa có câu trả lời nào.")
        title, yes = self.tr("Nộp bài đánh giá"), self.tr("Nộp")
        asked = confirm(self.dialog_parent, title, text, yes, enter_goes_ahead=not missing)
        if asked and answering.submit():
            self.message.emit(
                self.tr("Đã nộp. F8: sang đơn vị tiếp theo với cùng danh mục, kỳ, hình thức.")
            )
            offer_record(self.dialog_parent, answering.saver.database, answering.header)

    def reopen(self) -> None:
        answering = self.answering
        if answering.header is None or not answering.locked:
            return
        dialog = ReopenDialog(self.dialog_parent)
        if dialog.exec():
            answering.reopen(dialog.value())
