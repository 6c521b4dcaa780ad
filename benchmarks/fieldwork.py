"""20 units inspected: an inspector's day, key by key, in the real window (offscreen).

Each unit is started, its items answered with 1 and submitted (Ctrl+Enter, then Enter in the
question). Measured from the first unit's start to the twentieth unit's submit:

- remembered: the start dialog filled once (checklist, last week, "Kiểm tra", the
  inspector's name), then F8 for each next unit, which starts it the same way;
- today's dialog: the dialog as it was, remembering nothing: each unit is picked in the tree
  (a click and ↓), and the four fields are picked again each time.

Key presses (a click counted as one) and wall time are printed for both; the answers are the
same keys in both and are counted apart.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

UNITS = 20
CHECKLIST = "451-cv-lmhtx-2021"
ASSESSOR = "Nguyen Van An"


@dataclass
class Day:
    keys: int = 0  # every key press and click, answers included
    answers: int = 0  # the 1s pressed on items (the same in both ways)
    seconds: float = 0.0
    submitted: int = 0


class Keyboard:
    """Real key presses (QTest), counted."""

    def __init__(self, day: Day) -> None:
        from PySide6.QtTest import QTest

        self.day, self.test = day, QTest

    def press(self, widget: Any, key: Any, modifiers: Any = None) -> None:
        self.day.keys += 1
        if modifiers is None:
            self.test.keyClick(widget, key)
        else:
            self.test.keyClick(widget, key, modifiers)

    def type(self, widget: Any, text: str) -> None:
        self.day.keys += len(text)
        self.test.keyClicks(widget, text)

    def click(self, widget: Any) -> None:
        """A mouse click that only gives ``widget`` the focus."""
        self.day.keys += 1
        widget.setFocus()


def when_modal(keys: Callable[[Any], None]) -> None:
    """Drive the next modal dialog or message box with ``keys`` once it is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def look(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            dialog.activateWindow()
            QApplication.processEvents()
            keys(dialog)
        elif left:
            QTimer.singleShot(2, lambda: look(left - 1))

    QTimer.singleShot(0, lambda: look(2000))


def fill_start_dialog(board: Keyboard, version: Any) -> Callable[[Any], None]:
    """The four fields, picked with keys from the dialog's defaults: the checklist by ↓,
    last week (↓ in the period box), "Kiểm tra" (↓), the inspector's name typed."""
    from PySide6.QtCore import Qt

    def fill(dialog: Any) -> None:
        combo = dialog.checklist
        for _ in range(combo.findData(str(version)) - combo.currentIndex()):
            board.press(combo, Qt.Key.Key_Down)
        board.press(combo, Qt.Key.Key_Tab)
        period = dialog.period
        wanted = period.findText(_last_week())
        for _ in range(wanted - period.currentIndex()):
            board.press(period, Qt.Key.Key_Down)
        board.press(period, Qt.Key.Key_Tab)
        if dialog.kind.currentData() != "kiem-tra":
            board.press(dialog.kind, Qt.Key.Key_Down)
        board.press(dialog.kind, Qt.Key.Key_Tab)
        if dialog.assessor.text() != ASSESSOR:
            board.press(dialog.assessor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            board.type(dialog.assessor, ASSESSOR)
        board.press(dialog.assessor, Qt.Key.Key_Return)

    return fill


def _last_week() -> str:
    from models.periods import week_of

    return week_of(dt.date.today() - dt.timedelta(days=7)).label


def back_to(window: Any) -> None:
    """What the window manager does when a dialog closes: the window is active again."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    QApplication.processEvents()


def answer_and_submit(board: Keyboard, window: Any, day: Day) -> None:
    from PySide6.QtCore import Qt

    table = window.assessment_view.table
    for _ in range(window.item_model.tally().total):
        board.press(table, Qt.Key.Key_1)
        day.answers += 1
    when_modal(lambda box: board.press(box, Qt.Key.Key_Return))
    board.press(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    back_to(window)
    if window.answering.header.status == "submitted":
        day.submitted += 1


def inspect_day(window: Any, units: list[Any], version: Any, remembered: bool) -> Day:
    """Twenty units, the one way or the other; the clock runs from the first start."""
    from PySide6.QtCore import Qt

    from qt_app.answering import start_memory

    day = Day()
    board = Keyboard(day)
    view = window.tree.view
    window.tree.select_unit(units[0])
    start_memory.forget(window.settings)  # the day begins with nothing remembered
    started = time.perf_counter()
    for n, _unit in enumerate(units):
        if not remembered:
            start_memory.forget(window.settings)  # today's dialog remembers nothing
        if remembered and n > 0:
            board.press(window.assessment_view.table, Qt.Key.Key_F8)
        else:
            if n > 0:
                board.click(view)
                board.press(view, Qt.Key.Key_Down)
            when_modal(fill_start_dialog(board, version))
            board.press(
                view,
                Qt.Key.Key_N,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
            back_to(window)
        if window.answering.header is None:
            raise RuntimeError(f"not started: {window.status.text()}")
        answer_and_submit(board, window, day)
    day.seconds = time.perf_counter() - started
    return day


def measure_twenty_units() -> dict[str, Day]:
    """Both ways on a fresh database of two districts of twenty cooperatives each."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QMessageBox

    from models.audit import Editor
    from models.catalog import get_version
    from models.opening import open_database
    from models.services import units as unit_service
    from qt_app.app import create_application, create_window
    from qt_app.tasks import ImmediateRunner, set_runner

    app = create_application()
    old_runner = set_runner(ImmediateRunner())
    results: dict[str, Day] = {}
    with tempfile.TemporaryDirectory(prefix="kiemtra-fieldwork-") as scratch:
        os.environ["KIEMTRA_HOME"] = str(Path(scratch) / "home")
        database = open_database(Path(scratch) / "field.sqlite3")
        editor = Editor(database.device.id, ASSESSOR)
        with database.session() as session:
            version = get_version(session, CHECKLIST).id
            province = unit_service.create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
            districts = {}
            for way in ("remembered", "today"):
                district = unit_service.create_unit(
                    session, editor, f"Huyện {way}", "huyen", province
                )
                districts[way] = [
                    unit_service.create_unit(session, editor, f"HTX {way} {n:02d}", "htx", district)
                    for n in range(1, UNITS + 1)
                ]
        shown_errors: list[str] = []
        real_exec = QMessageBox.exec

        def exec_(box: QMessageBox) -> int:  # a refusal would stop the day: note it, go on
            if box.icon() == QMessageBox.Icon.Question:
                return real_exec(box)
            shown_errors.append(box.text())
            return QMessageBox.StandardButton.Ok.value

        QMessageBox.exec = exec_  # type: ignore[method-assign]
        try:
            for way in ("today", "remembered"):
                window = create_window(database)
                window.resize(1366, 740)
                window.show()
                window.load_units()
                window.activateWindow()
                app.processEvents()
                results[way] = inspect_day(window, districts[way], version, way == "remembered")
                window.close()
                window.deleteLater()
                app.processEvents()
        finally:
            QMessageBox.exec = real_exec  # type: ignore[method-assign]
            set_runner(old_runner)
            database.close()
        if shown_errors:
            raise RuntimeError(f"the day was interrupted: {shown_errors[:3]}")
    return results


def report(results: dict[str, Day]) -> list[str]:
    """The table the benchmark prints."""
    rows = [["20 units inspected", "key presses", "without answers", "wall time", "submitted"]]
    for way, label in (("remembered", "remembered choices + F8"), ("today", "today's dialog")):
        day = results[way]
        rows.append(
            [
                label,
                str(day.keys),
                str(day.keys - day.answers),
                f"{day.seconds:.2f} s",
                f"{day.submitted}/{UNITS}",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    saved = results["today"].keys - results["remembered"].keys
    lines.append(f"keys saved over the day: {saved} ({saved / UNITS:.1f} a unit)")
    return lines


if __name__ == "__main__":
    print("\n".join(report(measure_twenty_units())))
