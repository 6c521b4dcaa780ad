"""A day of fieldwork with the keyboard: start once, F8 to each next unit, Tab through the
item's fields, dates typed as people write them, submit with Ctrl+Enter (never by an
Enter pressed out of habit on an empty assessment), take a wrong photo off."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from models.audit import Editor, history
from models.catalog import get_version
from models.content_hash import evidence_path
from models.db import Database
from models.entities import Answer, Assessment, CorrectiveAction, EvidenceFile
from models.services import units
from qt_app.answering import start_memory
from qt_app.answering.dialogs import StartAssessmentDialog
from qt_app.app import create_window
from qt_app.settings import Settings
from tests.window_support import REAL_BOX_EXEC, Boxes, when_modal

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
CHECKLIST = "451-cv-lmhtx-2021"


@dataclass
class District:
    province: uuid.UUID
    district: uuid.UUID
    units: list[uuid.UUID]


@pytest.fixture
def district(database: Database, editor: Editor) -> District:
    """A district with three cooperatives to visit, in the order the tree shows them."""
    with database.session() as session:
        province = units.create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        district = units.create_unit(session, editor, "Huyện Đầm Hà", "huyen", province)
        names = ("HTX An Bình", "HTX Bình Minh", "HTX Cẩm Hải")
        coops = [units.create_unit(session, editor, n, "htx", district) for n in names]
    return District(province, district, coops)


def open_window(qtbot: Any, database: Database, unit: Any = None) -> Any:
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(unit)
    return activate(window)


def activate(window: Any) -> Any:
    """What the window manager does when a window is shown or its dialog closes: shortcuts
    go to the active window."""
    window.activateWindow()
    QApplication.processEvents()
    return window


def assessments_of(database: Database) -> dict[Any, tuple[str, str, str, str]]:
    with database.session() as session:
        return {
            a.unit_id: (a.version.checklist.slug, a.period, a.kind, a.assessor)
            for a in session.scalars(select(Assessment))
        }


def stored_answers(database: Database, assessment_id: Any) -> list[str | None]:
    with database.session() as session:
        return list(
            session.scalars(select(Answer.status).where(Answer.assessment_id == assessment_id))
        )


def pick_in_start_dialog(dialog: QWidget, version: uuid.UUID) -> None:
    """What an inspector does in the start dialog, key by key."""
    assert isinstance(dialog, StartAssessmentDialog)
    combo = dialog.checklist
    combo.setFocus()
    steps = combo.findData(str(version)) - combo.currentIndex()
    for _ in range(abs(steps)):
        QTest.keyClick(combo, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    period = dialog.period.lineEdit()
    QTest.keyClick(period, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(period, "tuan 40/2021")
    QTest.keyClick(dialog.kind, Qt.Key.Key_Down)  # "Kiểm tra"
    QTest.keyClick(dialog.assessor, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(dialog.assessor, "Tran Van Hai")
    QTest.keyClick(dialog.assessor, Qt.Key.Key_Return)


def test_twenty_units_one_dialog_then_f8_for_each_next_unit(
    qtbot: Any, database: Database, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        version = get_version(session, CHECKLIST).id
    window = open_window(qtbot, database, district.units[0])
    table = window.assessment_view.table
    when_modal(lambda dialog: pick_in_start_dialog(dialog, version))
    QTest.keyClick(window.tree.view, Qt.Key.Key_N, CTRL | SHIFT)
    expected = (CHECKLIST, "2021-W40", "kiem-tra", "Tran Van Hai")
    assert assessments_of(database) == {district.units[0]: expected}
    assert window.focusWidget() is table  # the keys go to the table once the dialog is gone
    assert activate(window).assessment_view.table.hasFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        QTest.keyClick(table, key)

    def asked_again(_dialog: Any) -> int:
        raise AssertionError("F8 asked for the checklist again")

    monkeypatch.setattr(StartAssessmentDialog, "exec", asked_again)
    for unit in district.units[1:]:
        QTest.keyClick(table, Qt.Key.Key_F8)  # one key: the next unit, started the same way
        assert window.tree.current_unit() == unit
        assert window.answering.header.unit_id == unit and table.hasFocus()
        QTest.keyClick(table, Qt.Key.Key_1)
        assert stored_answers(database, window.answering.assessment_id) == ["dat"]
    assert assessments_of(database) == {unit: expected for unit in district.units}
    assert "Tuần 40/2021" in window.status.text()
    QTest.keyClick(table, Qt.Key.Key_F8)  # after the last unit of the list
    assert window.tree.current_unit() == district.units[-1]
    assert "cuối cùng" in window.status.text()


def test_the_start_dialog_offers_last_time_s_choices(
    qtbot: Any, database: Database, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        version = get_version(session, CHECKLIST).id
    window = open_window(qtbot, database, district.units[0])
    when_modal(lambda dialog: pick_in_start_dialog(dialog, version))
    window.start_action.trigger()
    activate(window)
    window.tree.select_unit(district.units[1])
    seen: list[tuple[Any, ...]] = []

    def look(dialog: StartAssessmentDialog) -> int:
        seen.append(
            (
                dialog.checklist.currentData(),
                dialog.period.currentText(),
                dialog.kind.currentData(),
                dialog.assessor.text(),
            )
        )
        return 0

    monkeypatch.setattr(StartAssessmentDialog, "exec", look)
    QTest.keyClick(window.tree.view, Qt.Key.Key_N, CTRL | SHIFT)
    assert seen == [(str(version), "Tuần 40/2021", "kiem-tra", "Tran Van Hai")]
    # Chosen on another day (a new week of fieldwork): F8 asks once more, filled in.
    settings = Settings()
    choices = start_memory.recall(settings)
    assert choices is not None
    start_memory.keep(settings, choices, today=dt.date.today() - dt.timedelta(days=1))
    QTest.keyClick(window.assessment_view.table, Qt.Key.Key_F8)
    assert len(seen) == 2 and seen[1][1:] == ("Tuần 40/2021", "kiem-tra", "Tran Van Hai")
    assert set(assessments_of(database)) == {district.units[0]}  # the dialog was cancelled


def real_questions(monkeypatch: pytest.MonkeyPatch, boxes: Boxes) -> None:
    """Questions are real boxes, answered with keys (``press_in_box``); a message (an item
    not asked of this unit, say) is only recorded, as the ``boxes`` fixture does."""

    def exec_(box: QMessageBox) -> int:
        if box.icon() == QMessageBox.Icon.Question:
            return REAL_BOX_EXEC(box)
        boxes.texts.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def press_in_box(key: Qt.Key) -> None:
    when_modal(lambda box: QTest.keyClick(box, key))


def test_enter_on_the_submit_question_cancels_while_items_are_unanswered(
    qtbot: Any, window: Any, database: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_questions(monkeypatch, boxes)
    table = window.assessment_view.table
    table.setFocus()
    texts: list[str] = []
    when_modal(lambda box: (texts.append(box.text()), QTest.keyClick(box, Qt.Key.Key_Return)))
    QTest.keyClick(table, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: "Nộp…"
    scored = window.item_model.tally().total
    assert f"Còn {scored} mục chưa trả lời" in texts[0] and "chưa có câu trả lời nào" in texts[0]
    assert window.answering.header.status == "draft"  # Enter meant "Huỷ"
    activate(window)
    for row in range(window.item_model.rowCount()):  # an item not asked of it is refused
        window.assessment_view.select_source_row(row)
        QTest.keyClick(table, Qt.Key.Key_1)
    assert window.item_model.tally().answered == scored
    press_in_box(Qt.Key.Key_Return)
    QTest.keyClick(table, Qt.Key.Key_Return, CTRL)
    assert window.answering.header.status == "submitted"  # all answered: Enter submits
    assert "F8" in window.status.text()


def test_tab_goes_from_the_table_through_every_field_and_escape_comes_back(
    qtbot: Any, window: Any, database: Database, seeded: Any
) -> None:
    view, pane = window.assessment_view, window.pane
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Tab)
    assert pane.note.hasFocus()
    QTest.keyClicks(pane.note, "Chua co so theo doi")
    QTest.keyClick(pane.note, Qt.Key.Key_Tab)  # leaves the note; no tab character in it
    assert pane.action_what.hasFocus()
    QTest.keyClicks(pane.action_what, "Lap so theo doi ra vao")
    QTest.keyClick(pane.action_what, Qt.Key.Key_Tab)
    assert pane.action_who.hasFocus()
    QTest.keyClicks(pane.action_who, "Pham Van Hung")
    QTest.keyClick(pane.action_who, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab too: never another tab
    assert pane.action_due.edit.hasFocus() and window.tabs.currentWidget() is window.work
    QTest.keyClicks(pane.action_due.edit, "15/12/2026")
    QTest.keyClick(pane.action_due.edit, Qt.Key.Key_Tab)
    assert pane.action_done.edit.hasFocus()
    QTest.keyClick(pane.action_done.edit, Qt.Key.Key_Tab)
    assert pane.attach_button.hasFocus()
    QTest.keyClick(pane.attach_button, Qt.Key.Key_Tab, SHIFT)  # and back again
    assert pane.action_done.edit.hasFocus()
    QTest.keyClick(pane.action_done.edit, Qt.Key.Key_Escape)
    assert view.table.hasFocus()
    with database.session() as session:
        note = session.scalar(select(Answer.note).where(Answer.item_id == seeded.items[0]))
        action = session.scalar(select(CorrectiveAction))
    assert note == "Chua co so theo doi"
    assert action is not None and (action.what, action.who, action.due_on) == (
        "Lap so theo doi ra vao",
        "Pham Van Hung",
        dt.date(2026, 12, 15),
    )
    assert window.item_model.index(0, 4).data() == "⚑"


def due_on(database: Database) -> dt.date | None:
    with database.session() as session:
        return session.scalar(select(CorrectiveAction.due_on))


def type_date(field: Any, text: str) -> None:
    field.edit.setFocus()
    QTest.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    QTest.keyClick(field.edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key.Key_Return)


# A popup (the calendar) asks the window system to raise it and give it the keyboard; the
# offscreen platform has neither and says so.
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)
def test_dates_typed_as_people_write_them_and_a_calendar_on_today(
    qtbot: Any, window: Any, database: Database
) -> None:
    pane, today = window.pane, dt.date.today()
    pane.action_what.setFocus()
    QTest.keyClicks(pane.action_what, "Bo tri nguoi truc cong")
    QTest.keyClick(pane.action_what, Qt.Key.Key_Return)
    type_date(pane.action_due, "15/12/2026")
    assert due_on(database) == dt.date(2026, 12, 15)
    assert pane.action_due.edit.text() == "15/12/2026"
    type_date(pane.action_due, "15/12")
    assert due_on(database) == dt.date(today.year, 12, 15)
    type_date(pane.action_due, "+7")
    assert due_on(database) == today + dt.timedelta(days=7)
    assert pane.action_due.edit.text() == (today + dt.timedelta(days=7)).strftime("%d/%m/%Y")
    type_date(pane.action_due, "5122026x")  # what the old date box turned "15/12/2026" into
    assert due_on(database) == today + dt.timedelta(days=7)  # refused: nothing changed
    assert pane.problem.isVisibleTo(pane) and "15/12/2026" in pane.problem.text()
    type_date(pane.action_due, "15122026")
    assert due_on(database) == dt.date(2026, 12, 15) and not pane.problem.isVisibleTo(pane)
    # The calendar opens on the field's own day, and on today for an empty field.
    done = pane.action_done
    done.edit.setFocus()
    QTest.keyClick(done.edit, Qt.Key.Key_F4)
    assert done.popup.isVisible()
    assert done.calendar.selectedDate().toPython() == today
    assert (done.calendar.yearShown(), done.calendar.monthShown()) == (today.year, today.month)
    QTest.keyClick(done.calendar.focusProxy(), Qt.Key.Key_Return)
    assert not done.popup.isVisible()
    with database.session() as session:
        assert session.scalar(select(CorrectiveAction.done_on)) == today
    QTest.keyClick(pane.action_due.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert pane.action_due.calendar.selectedDate().toPython() == dt.date(2026, 12, 15)
    QTest.keyClick(pane.action_due.calendar.focusProxy(), Qt.Key.Key_Escape)
    assert not pane.action_due.popup.isVisible()
    type_date(pane.action_due, "")  # an emptied field takes the date away
    assert due_on(database) is None


def photo(folder: Path, name: str) -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    path = folder / name
    assert image.save(str(path))
    return path


def test_a_wrong_photo_is_taken_off_with_delete(
    qtbot: Any,
    window: Any,
    database: Database,
    seeded: Any,
    tmp_path: Path,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pane = window.pane
    for name in ("nham.png", "cong.jpg"):
        pane.attach_requested.emit(seeded.items[0], photo(tmp_path, name))
    assert pane.evidence.count() == 2 and pane.remove_button.isEnabled()
    real_questions(monkeypatch, boxes)
    pane.evidence.setFocus()
    pane.evidence.setCurrentRow(0)
    press_in_box(Qt.Key.Key_Escape)  # asked first: Esc keeps the file
    QTest.keyClick(pane.evidence, Qt.Key.Key_Delete)
    assert pane.evidence.count() == 2
    press_in_box(Qt.Key.Key_Return)
    QTest.keyClick(pane.evidence, Qt.Key.Key_Delete)
    with database.session() as session:
        left = [e.file_name for e in session.scalars(select(EvidenceFile))]
        trail = [
            (e.old_value, e.new_value)
            for e in history(session, item_id=seeded.items[0])
            if e.action == "evidence"
        ]
    assert left == ["cong.jpg"]
    assert [pane.evidence.item(n).text() for n in range(pane.evidence.count())] == ["cong.jpg"]
    assert window.item_model.index(0, 3).data() == "+1"
    removed = trail[-1][0]
    assert removed["file_name"] == "nham.png" and trail[-1][1] is None
    assert evidence_path(removed["sha256"]).exists()  # the stored copy is kept
    assert window.answering.submit(), boxes.texts
    assert not pane.remove_button.isEnabled()
    pane.evidence.setCurrentRow(0)
    QTest.keyClick(pane.evidence, Qt.Key.Key_Delete)  # locked: nothing asked, nothing gone
    with database.session() as session:
        assert len(list(session.scalars(select(EvidenceFile)))) == 1


def test_status_messages_go_and_an_export_says_where_it_went(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "bao-cao.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF (*.pdf)")
    )
    window.export_action.trigger()
    assert target.exists() and str(target) in window.status.text()
    assert window.status_timer.isActive()
    window.status_timer.timeout.emit()  # the time it stays on screen has passed
    assert window.status.text() == ""
    assert QApplication.activeModalWidget() is None
