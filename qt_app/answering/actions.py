"""Starting, submitting and reopening an assessment from menus and buttons.

Each asks first (which checklist and period; "really submit?"; why reopen), then hands the
plain answer to the ``Answering`` controller, which does the work through the core.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from models.catalog import latest_versions
from qt_app.answering.controller import Answering
from qt_app.answering.dialogs import ReopenDialog, StartAssessmentDialog
from qt_app.messages import confirm


class AssessmentActions(QObject):
    def __init__(self, answering: Answering, assessor: Callable[[], str], parent: QWidget) -> None:
        super().__init__(parent)
        self.answering, self.dialog_parent = answering, parent
        self._assessor = assessor  # who is answering: offered as the assessor

    def start_assessment(self, unit_id: uuid.UUID, unit_name: str) -> uuid.UUID | None:
        """Ask for the checklist, period, kind and assessor, then start and open it."""
        versions = self.answering.saver.read(
            lambda s: [
                (v.id, f"{v.checklist.directive.number or '—'} · {v.title} (v{v.version})")
                for v in latest_versions(s)
            ]
        )
        dialog = StartAssessmentDialog(unit_name, versions, self._assessor(), self.dialog_parent)
        if not dialog.exec():
            return None
        return self.answering.start(unit_id, dialog.values(), unit_name)

    def submit(self) -> None:
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
        if confirm(self.dialog_parent, self.tr("Nộp bài đánh giá"), text, self.tr("Nộp")):
            answering.submit()

    def reopen(self) -> None:
        answering = self.answering
        if answering.header is None or not answering.locked:
            return
        dialog = ReopenDialog(self.dialog_parent)
        if dialog.exec():
            answering.reopen(dialog.value())
