"""Plain helpers for the window tests: the seeded data and the recorded message boxes.

The fixtures that use them (``boxes``, ``seeded``, ``window``…) live in ``conftest.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.services import assessments, units

CHECKLIST = "tb-tu-hoi-nghi-23-8-2021"  # fifteen items: enough to answer ten
#: The rows (and ``Seeded.items``) of the notice asked of the seeded cooperative: 1 and
#: 5.1–5.4; the rest are headings or given to others, and take no answer (issue 16).
ASKED = (0, 8, 9, 10, 11)
# The real QMessageBox.exec, before the ``boxes`` fixture answers boxes by itself: a test that
# presses the keys in a box puts it back.
REAL_BOX_EXEC = QMessageBox.exec


@dataclass
class Boxes:
    """Message boxes shown during a test, and the answer the next ones get."""

    texts: list[str]
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes


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


def when_modal(keys: Callable[[QWidget], None], tries: int = 400) -> None:
    """Once the next modal dialog or message box is up (a real ``exec``), hand it to
    ``keys``, which presses keys in it as a user would; gives up after ``tries`` looks."""

    def look(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            dialog.activateWindow()  # as the window manager does: the keys go to the dialog
            QApplication.processEvents()
            keys(dialog)
        elif left > 0:
            QTimer.singleShot(5, lambda: look(left - 1))

    QTimer.singleShot(0, lambda: look(tries))
