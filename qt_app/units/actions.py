"""What the user does to units and assessments from menus and buttons: add, rename, move,
archive, start, submit, reopen, load the demo data, change the settings.

Each asks with a dialog, then calls the core through the window's ``Saver``.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from models.catalog import latest_versions
from models.services import assessments as assessment_service
from models.services import units as unit_service
from qt_app import settings as options
from qt_app.dialogs import (
    MoveUnitDialog,
    NewUnit,
    NewUnitDialog,
    RenameUnitDialog,
    ReopenDialog,
    SettingsDialog,
    StartAssessmentDialog,
    StartValues,
)
from qt_app.messages import confirm, show_info
from qt_app.tasks import run_task

if TYPE_CHECKING:
    from models.db import Database
    from qt_app.main_window import MainWindow

DEMO_UNITS = 60


def _demo_job(database: Database, units: int) -> dict[str, int]:
    from models.demo import generate_demo

    return generate_demo(database, units=units)


class UnitActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def _unit(self) -> uuid.UUID | None:
        return self.window.tree.current_unit()

    def _name(self, unit_id: uuid.UUID) -> str:
        return self.window.tree.model.unit_name(unit_id) or ""

    # -- units --

    def add_unit(self) -> None:
        parent = self._unit
        dialog = NewUnitDialog(parent, self._name(parent) if parent else None, self.window)
        if dialog.exec():
            self.create_unit(dialog.values())

    def create_unit(self, values: NewUnit) -> uuid.UUID | None:
        outcome = self.window.saver.write(
            lambda s, e: unit_service.create_unit(
                s,
                e,
                values.name,
                values.kind,
                values.parent_id,
                address=values.address or None,
                contact_person=values.contact_person or None,
                phone=values.phone or None,
            )
        )
        if outcome.saved and outcome.value is not None:
            self.window.load_units(outcome.value)
            return outcome.value
        return None

    def rename_unit(self) -> None:
        unit_id = self._unit
        if unit_id is None:
            return
        dialog = RenameUnitDialog(self._name(unit_id), self.window)
        if dialog.exec():
            self.rename(unit_id, dialog.value())

    def rename(self, unit_id: uuid.UUID, name: str) -> bool:
        outcome = self.window.saver.write(
            lambda s, e: unit_service.rename_unit(s, e, unit_id, name)
        )
        if outcome.saved:
            self.window.load_units(unit_id)
        return outcome.saved

    def move_unit(self) -> None:
        unit_id = self._unit
        if unit_id is None:
            return
        rows = self.window.saver.read(unit_service.list_units)
        candidates = [(u.id, u.name) for u in rows if u.id != unit_id]
        dialog = MoveUnitDialog(self._name(unit_id), candidates, self.window)
        if dialog.exec():
            self.move(unit_id, dialog.value())

    def move(self, unit_id: uuid.UUID, parent_id: uuid.UUID | None) -> bool:
        outcome = self.window.saver.write(
            lambda s, e: unit_service.move_unit(s, e, unit_id, parent_id)
        )
        if outcome.saved:
            self.window.load_units(unit_id)
        return outcome.saved

    def archive_unit(self) -> None:
        unit_id = self._unit
        if unit_id is None:
            return
        question = self.tr(
            "Lưu trữ “%1”? Đơn vị sẽ ẩn khỏi danh sách; mọi bài đánh giá và "
            "câu trả lời vẫn được giữ."
        ).replace("%1", self._name(unit_id))
        if confirm(self.window, self.tr("Lưu trữ đơn vị"), question, self.tr("Lưu trữ")):
            self.archive(unit_id)

    def archive(self, unit_id: uuid.UUID) -> bool:
        parent = self.window.tree.model.parent_id(unit_id)
        outcome = self.window.saver.write(lambda s, e: unit_service.archive_unit(s, e, unit_id))
        if outcome.saved:
            self.window.load_units(parent)
        return outcome.saved

    def load_demo(self) -> None:
        window = self.window
        window.welcome.demo_button.setEnabled(False)
        window.show_message(self.tr("Đang tạo dữ liệu mẫu…"))

        def done(summary: dict[str, int]) -> None:
            window.welcome.demo_button.setEnabled(True)
            window.show_message(
                self.tr("Đã nạp %1 đơn vị mẫu.").replace("%1", str(summary["units"]))
            )
            window.load_units()

        def failed(exc: BaseException) -> None:
            window.welcome.demo_button.setEnabled(True)
            window.task_failed(exc)

        run_task(_demo_job, window.database, DEMO_UNITS, done=done, failed=failed)

    # -- assessments --

    def start_assessment(self) -> None:
        unit_id = self._unit
        if unit_id is None:
            return
        versions = self.window.saver.read(
            lambda s: [
                (v.id, f"{v.checklist.directive.number or '—'} · {v.title} (v{v.version})")
                for v in latest_versions(s)
            ]
        )
        dialog = StartAssessmentDialog(
            self._name(unit_id), versions, self.window.editor().name, self.window
        )
        if dialog.exec():
            self.start(unit_id, dialog.values())

    def start(self, unit_id: uuid.UUID, values: StartValues) -> uuid.UUID | None:
        outcome = self.window.saver.write(
            lambda s, e: assessment_service.start_assessment(
                s, e, unit_id, values.version_id, values.period, values.kind, values.assessor
            )
        )
        if not outcome.saved or outcome.value is None:
            return None
        self.window.answering.show_unit(unit_id, self._name(unit_id), prefer=outcome.value)
        self.window.unit_touched(unit_id)
        self.window.assessment_view.table.setFocus()
        return outcome.value

    def submit(self) -> None:
        answering = self.window.answering
        if answering.header is None or answering.locked:
            return
        tally = answering.model.tally()
        missing = tally.total - tally.answered
        text = self.tr(
            "Nộp bài đánh giá? Sau khi nộp, bài bị khoá; muốn sửa phải mở lại kèm lý do."
        )
        if missing:
            text += "\n\n" + self.tr("Còn %n mục chưa trả lời.", "", missing)
        if confirm(self.window, self.tr("Nộp bài đánh giá"), text, self.tr("Nộp")):
            answering.submit()

    def reopen(self) -> None:
        answering = self.window.answering
        if answering.header is None or not answering.locked:
            return
        dialog = ReopenDialog(self.window)
        if dialog.exec():
            answering.reopen(dialog.value())

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.window.settings, self.window)
        if not dialog.exec():
            return
        changed = dialog.save()
        if options.TEXT_SIZE.key in changed:
            self.window.apply_text_size()
        if changed & {options.LANGUAGE.key, options.DATABASE.key}:
            show_info(self.window, self.tr("Thay đổi sẽ có hiệu lực khi mở lại chương trình."))
