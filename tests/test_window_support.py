"""Fixtures for the window tests (imported by the other ``test_window*`` modules).

Background jobs run at once, message boxes never block (they are recorded and answered),
and each window opens on the test's own database with a unit and an assessment ready.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QMessageBox

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.services import assessments, units
from qt_app import i18n
from qt_app.tasks import ImmediateRunner, set_runner

__all__ = ["Boxes", "Seeded", "boxes", "immediate_tasks", "seed", "seeded", "vietnamese", "window"]

CHECKLIST = "tb-tu-hoi-nghi-23-8-2021"  # fifteen items: enough to answer ten


@pytest.fixture(autouse=True)
def immediate_tasks() -> Iterator[None]:
    old = set_runner(ImmediateRunner())
    yield
    set_runner(old)


@pytest.fixture(autouse=True)
def vietnamese(qapp: object) -> Iterator[None]:
    yield
    i18n.install(qapp, "vi")  # type: ignore[arg-type]


@dataclass
class Boxes:
    """Message boxes shown during a test, and the answer the next ones get."""

    texts: list[str]
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorded = Boxes([])

    def exec_(box: QMessageBox) -> int:
        recorded.texts.append(box.text())
        return recorded.answer.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return recorded


@dataclass
class Seeded:
    province: uuid.UUID
    unit: uuid.UUID
    assessment: uuid.UUID
    items: list[uuid.UUID]


def seed(database: Database, editor: Editor) -> Seeded:
    """A province with one cooperative and a draft self-assessment of 15 items."""
    with database.session() as session:
        province = units.create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        unit = units.create_unit(session, editor, "HTX Nông nghiệp Đồng Tâm", "htx", province)
        version = get_version(session, CHECKLIST)
        items = [item.id for item in version.items]
        assessment = assessments.start_assessment(
            session, editor, unit, version.id, "Tuần 38/2021", assessor="Trần Thị Hà"
        )
    return Seeded(province, unit, assessment, items)


@pytest.fixture
def seeded(database: Database, editor: Editor) -> Seeded:
    return seed(database, editor)


@pytest.fixture
def window(qtbot: object, database: Database, seeded: Seeded) -> object:
    from qt_app.app import create_window

    win = create_window(database)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    win.load_units(seeded.unit)
    assert win.is_ready
    return win
