"""What the user does to units from menus and buttons: add, rename, move, archive and bring
back, and make the sample data. Each asks with a dialog, then calls the core through the
``Saver``.

It is handed the saver, the unit tree and a parent for its dialogs, and says what happened
through signals; the window decides what to show next.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from models.services import units as unit_service
from qt_app.messages import Saver, confirm
from qt_app.tasks import run_task
from qt_app.units.dialogs import (
    CONTAINER_KINDS,
    ArchivedUnitsDialog,
    MoveUnitDialog,
    NewUnit,
    NewUnitDialog,
    RenameUnitDialog,
)
from qt_app.units.sample import make_sample, sample_path
from qt_app.units.tree import UnitTreeView


class UnitActions(QObject):
    # The units changed: read the tree again and select this unit (or keep the current one).
    changed = Signal(object)
    # A short message for the status bar.
    message = Signal(str)
    # The sample data is being made (True) or is done (False).
    demo_running = Signal(bool)
    # The sample database is ready at this path: open it in place of the user's own.
    sample_ready = Signal(object)
    # A background job failed with this exception.
    failed = Signal(object)

    def __init__(self, saver: Saver, tree: UnitTreeView, parent: QWidget) -> None:
        super().__init__(parent)
        self.saver, self.tree, self.dialog_parent = saver, tree, parent

    def _name(self, unit_id: uuid.UUID) -> str:
        return self.tree.model.unit_name(unit_id) or ""

    def add_unit(self) -> None:
        """A new unit goes beside a selected cooperative (under its district), and under a
        selected province, district or commune; the selected unit itself is offered too."""
        selected = self.tree.current_unit()
        model = self.tree.model
        parent = selected
        if selected is not None and model.kind(selected) not in CONTAINER_KINDS:
            parent = model.parent_id(selected)
        others = []
        if selected is not None and selected != parent:
            others.append((selected, self._name(selected)))
        dialog = NewUnitDialog(
            parent,
            self._name(parent) if parent else None,
            self.dialog_parent,
            parent_kind=model.kind(parent) if parent else None,
            others=others,
        )
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

    def show_archived(self) -> None:
        """List the archived units; the one chosen comes back into the tree, selected."""
        archived = [
            (u.id, u.name)
            for u in self.saver.read(lambda s: unit_service.list_units(s, include_archived=True))
            if u.archived
        ]
        dialog = ArchivedUnitsDialog(archived, self.dialog_parent)
        if dialog.exec() and (unit_id := dialog.value()) is not None:
            self.unarchive(unit_id)

    def unarchive(self, unit_id: uuid.UUID) -> bool:
        outcome = self.saver.write(
            lambda s, e: unit_service.archive_unit(s, e, unit_id, archived=False)
        )
        if outcome.saved:
            self.changed.emit(unit_id)
            self.message.emit(self.tr("Đã đưa đơn vị trở lại danh sách."))
        return outcome.saved

    def load_demo(self) -> None:
        """Open the sample data, in a database of its own, once the user agreed; it is made
        in the background the first time. The user's own database is not touched."""
        question = self.tr(
            "Mở dữ liệu mẫu để dùng thử? Dữ liệu mẫu nằm trong một tệp riêng (%1); dữ liệu "
            "của bạn không bị thay đổi. Nút “Quay lại dữ liệu của tôi” ở đầu cửa sổ đưa bạn "
            "về lại."
        ).replace("%1", str(sample_path()))
        if not confirm(
            self.dialog_parent, self.tr("Dữ liệu mẫu"), question, self.tr("Mở dữ liệu mẫu")
        ):
            return
        path = sample_path()
        self.demo_running.emit(True)
        self.message.emit(self.tr("Đang tạo dữ liệu mẫu…"))

        def done(_summary: dict[str, int]) -> None:
            self.demo_running.emit(False)
            self.sample_ready.emit(path)

        def failed(exc: BaseException) -> None:
            self.demo_running.emit(False)
            self.failed.emit(exc)

        run_task(make_sample, path, done=done, failed=failed)
