"""What the user does to units from menus and buttons: add, rename, move, archive, and load
the demo data. Each asks with a dialog, then calls the core through the ``Saver``.

It is handed the saver, the unit tree and a parent for its dialogs, and says what happened
through signals; the window decides what to show next.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from models.db import Database
from models.services import units as unit_service
from qt_app.messages import Saver, confirm
from qt_app.tasks import run_task
from qt_app.units.dialogs import MoveUnitDialog, NewUnit, NewUnitDialog, RenameUnitDialog
from qt_app.units.tree import UnitTreeView

DEMO_UNITS = 60


def _demo_job(database: Database, units: int) -> dict[str, int]:
    from models.demo import generate_demo

    return generate_demo(database, units=units)


class UnitActions(QObject):
    # The units changed: read the tree again and select this unit (or keep the current one).
    changed = Signal(object)
    # A short message for the status bar.
    message = Signal(str)
    # The demo data is being made (True) or is done (False).
    demo_running = Signal(bool)
    # A background job failed with this exception.
    failed = Signal(object)

    def __init__(self, saver: Saver, tree: UnitTreeView, parent: QWidget) -> None:
        super().__init__(parent)
        self.saver, self.tree, self.dialog_parent = saver, tree, parent

    def _name(self, unit_id: uuid.UUID) -> str:
        return self.tree.model.unit_name(unit_id) or ""

    def add_unit(self) -> None:
        parent = self.tree.current_unit()
        dialog = NewUnitDialog(parent, self._name(parent) if parent else None, self.dialog_parent)
        if dialog.exec():
            self.create_unit(dialog.values())

    def create_unit(self, values: NewUnit) -> uuid.UUID | None:
        outcome = self.saver.write(
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
            self.changed.emit(outcome.value)
            return outcome.value
        return None

    def rename_unit(self) -> None:
        unit_id = self.tree.current_unit()
        if unit_id is None:
            return
        dialog = RenameUnitDialog(self._name(unit_id), self.dialog_parent)
        if dialog.exec():
            self.rename(unit_id, dialog.value())

    def rename(self, unit_id: uuid.UUID, name: str) -> bool:
        outcome = self.saver.write(lambda s, e: unit_service.rename_unit(s, e, unit_id, name))
        if outcome.saved:
            self.changed.emit(unit_id)
        return outcome.saved

    def move_unit(self) -> None:
        unit_id = self.tree.current_unit()
        if unit_id is None:
            return
        rows = self.saver.read(unit_service.list_units)
        candidates = [(u.id, u.name) for u in rows if u.id != unit_id]
        dialog = MoveUnitDialog(self._name(unit_id), candidates, self.dialog_parent)
        if dialog.exec():
            self.move(unit_id, dialog.value())

    def move(self, unit_id: uuid.UUID, parent_id: uuid.UUID | None) -> bool:
        outcome = self.saver.write(lambda s, e: unit_service.move_unit(s, e, unit_id, parent_id))
        if outcome.saved:
            self.changed.emit(unit_id)
        return outcome.saved

    def archive_unit(self) -> None:
        unit_id = self.tree.current_unit()
        if unit_id is None:
            return
        question = self.tr(
            "Lưu trữ “%1”? Đơn vị sẽ ẩn khỏi danh sách; mọi bài đánh giá và "
            "câu trả lời vẫn được giữ."
        ).replace("%1", self._name(unit_id))
        if confirm(self.dialog_parent, self.tr("Lưu trữ đơn vị"), question, self.tr("Lưu trữ")):
            self.archive(unit_id)

    def archive(self, unit_id: uuid.UUID) -> bool:
        parent = self.tree.model.parent_id(unit_id)
        outcome = self.saver.write(lambda s, e: unit_service.archive_unit(s, e, unit_id))
        if outcome.saved:
            self.changed.emit(parent)
        return outcome.saved

    def load_demo(self) -> None:
        """Make the demo units in the background; the tree is read again when they are in."""
        self.demo_running.emit(True)
        self.message.emit(self.tr("Đang tạo dữ liệu mẫu…"))

        def done(summary: dict[str, int]) -> None:
            self.demo_running.emit(False)
            self.message.emit(self.tr("Đã nạp %1 đơn vị mẫu.").replace("%1", str(summary["units"])))
            self.changed.emit(None)

        def failed(exc: BaseException) -> None:
            self.demo_running.emit(False)
            self.failed.emit(exc)

        run_task(_demo_job, self.saver.database, DEMO_UNITS, done=done, failed=failed)
