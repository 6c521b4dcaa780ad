"""Answering in the window, driven through the real widgets with the keyboard."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from models.audit import history
from models.content_hash import evidence_path
from models.db import Database
from models.entities import Answer, Assessment, CorrectiveAction, EvidenceFile
from models.services import answers as answer_service
from qt_app.answering.item_model import ANSWER, ItemTableModel, RowRole, UnsavedRole
from tests.window_support import ASKED, Boxes, Seeded

KEYS = {"1": Qt.Key.Key_1, "2": Qt.Key.Key_2, "3": Qt.Key.Key_3, "0": Qt.Key.Key_0}
STATUS = {"1": "dat", "2": "chua-dat", "3": "mot-phan", "0": "khong-ap-dung"}


def stored(database: Database, assessment_id: Any) -> dict[Any, str | None]:
    with database.session() as session:
        return dict(
            session.execute(
                select(Answer.item_id, Answer.status).where(Answer.assessment_id == assessment_id)
            ).all()
        )


def press(qtbot: Any, window: Any, keys: str) -> None:
    table = window.assessment_view.table
    table.setFocus()
    for key in keys:
        qtbot.keyClick(table, KEYS[key])


def test_answers_by_keyboard_are_in_the_database(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    """A cooperative is asked 1 and 5.1–5.4 of the notice: the table moves on after each
    answer to the next of those, and a key on the last one answers it again."""
    keys = "123011"
    press(qtbot, window, keys)
    answers = stored(database, seeded.assessment)
    assert [answers.get(seeded.items[n]) for n in ASKED] == [STATUS[k] for k in keys[:5]]
    assert set(answers) == {seeded.items[n] for n in ASKED}
    assert window.assessment_view.saved_label.text().startswith("Đã lưu ")
    assert window.assessment_view.current_source_row() == ASKED[-1]
    assert window.assessment_view.progress.value() == 5
    assert "Mức đạt" in window.assessment_view.score_label.text()


def test_arrows_and_j_k_move_and_delete_clears(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    view = window.assessment_view
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    qtbot.keyClick(view.table, Qt.Key.Key_K)
    assert view.current_source_row() == 1
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.current_source_row() == 2
    view.select_source_row(ASKED[1])  # 5.1: rows 1–7 are not the cooperative's to answer
    qtbot.keyClick(view.table, Qt.Key.Key_2)
    assert stored(database, seeded.assessment)[seeded.items[ASKED[1]]] == "chua-dat"
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert stored(database, seeded.assessment)[seeded.items[ASKED[1]]] is None


def test_undo_and_redo_are_saved_and_audited(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    press(qtbot, window, "12")
    table = window.assessment_view.table
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    answers = stored(database, seeded.assessment)
    assert answers[seeded.items[0]] == "dat" and answers[seeded.items[ASKED[1]]] is None
    assert window.assessment_view.current_source_row() == ASKED[1]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(database, seeded.assessment)[seeded.items[0]] is None
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    answers = stored(database, seeded.assessment)
    assert answers[seeded.items[0]] == "dat" and answers[seeded.items[ASKED[1]]] is None
    with database.session() as session:
        trail = [(e.old_value, e.new_value) for e in history(session, item_id=seeded.items[0])]
    assert trail == [(None, "dat"), ("dat", None), (None, "dat")]
    assert window.undo_action.isEnabled() and window.redo_action.isEnabled()


def test_filters_by_theme_unanswered_failed_and_search(qtbot: Any, window: Any) -> None:
    press(qtbot, window, "1222")
    view = window.assessment_view
    view.failed_filter.setChecked(True)
    assert view.proxy.rowCount() == 3
    view.failed_filter.setChecked(False)
    view.unanswered_filter.setChecked(True)
    assert view.proxy.rowCount() == view.model.rowCount() - 4
    view.unanswered_filter.setChecked(False)
    theme = view.theme_filter.findData("kiem-soat-ra-vao")
    view.theme_filter.setCurrentIndex(theme)
    shown = [view.proxy.index(r, 0).data(RowRole) for r in range(view.proxy.rowCount())]
    assert shown and all("kiem-soat-ra-vao" in row.themes for row in shown)
    view.theme_filter.setCurrentIndex(0)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "xet nghiem")  # no diacritics: finds "xét nghiệm"
    assert 0 < view.proxy.rowCount() < view.model.rowCount()
    assert "/" in view.count_label.text()


def test_answering_with_only_unanswered_shown_moves_to_the_next_unanswered(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    view = window.assessment_view
    view.unanswered_filter.setChecked(True)
    view.select_source_row(0)
    press(qtbot, window, "111")
    answered = [seeded.items[n] for n in ASKED[:3]]
    assert [stored(database, seeded.assessment).get(i) for i in answered] == ["dat"] * 3
    assert view.current_source_row() == ASKED[3]


def test_a_failed_write_is_shown_as_not_saved(
    qtbot: Any,
    window: Any,
    database: Database,
    seeded: Seeded,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(*_args: Any, **_kwargs: Any) -> None:
        raise OperationalError("UPDATE answers", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(answer_service, "record_answer", locked)
    press(qtbot, window, "1")
    model: ItemTableModel = window.item_model
    cell = model.index(0, ANSWER)
    assert "chưa lưu" in cell.data().lower()
    assert cell.data(UnsavedRole) is True
    assert window.assessment_view.saved_label.text() == "Chưa lưu"
    assert boxes.texts and "khoá" in boxes.texts[-1] and "CHƯA được lưu" in boxes.texts[-1]
    assert stored(database, seeded.assessment) == {}
    assert window.assessment_view.current_source_row() == 0  # stays on the unsaved item
    monkeypatch.undo()
    press(qtbot, window, "1")  # the same key again, once the database is writable
    assert stored(database, seeded.assessment)[seeded.items[0]] == "dat"
    assert model.index(0, ANSWER).data() == "Đạt"
    assert window.assessment_view.saved_label.text().startswith("Đã lưu")


def test_a_database_really_locked_by_another_program(
    qtbot: Any, window: Any, database: Database, db_path: Path, seeded: Seeded, boxes: Boxes
) -> None:
    @event.listens_for(database.engine, "connect")
    def short_wait(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 50")

    database.engine.dispose()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        press(qtbot, window, "2")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "chưa lưu" in window.item_model.index(0, ANSWER).data().lower()
    assert any("khoá" in text for text in boxes.texts)
    assert stored(database, seeded.assessment) == {}


def test_submit_locks_and_reopen_asks_for_a_reason(
    qtbot: Any,
    window: Any,
    database: Database,
    seeded: Seeded,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    press(qtbot, window, "11")
    boxes.answer = boxes.answer.Cancel
    window.assessments.submit()
    assert window.answering.header.status == "draft"
    boxes.answer = boxes.answer.Yes
    window.assessments.submit()
    assert "Còn 3 mục chưa trả lời" in boxes.texts[-1]  # of the five asked of a cooperative
    assert window.answering.header.status == "submitted"
    assert not window.pane.answer_buttons["dat"].isEnabled()
    press(qtbot, window, "2")
    assert seeded.items[ASKED[2]] not in stored(database, seeded.assessment)
    assert "khoá" in window.status.text()
    from qt_app.answering import dialogs

    def fill(dialog: dialogs.ReopenDialog) -> int:
        dialog.reason.setPlainText("Bổ sung minh chứng")
        return 1

    monkeypatch.setattr(dialogs.ReopenDialog, "exec", fill)
    window.assessments.reopen()
    assert window.answering.header.status == "draft"
    with database.session() as session:
        assert session.get(Assessment, seeded.assessment).status == "draft"
        reasons = [
            e.reason
            for e in history(session, assessment_id=seeded.assessment)
            if e.action == "reopen"
        ]
    assert reasons == ["Bổ sung minh chứng"]


def test_enter_goes_to_the_note_and_escape_saves_it(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    view, pane = window.assessment_view, window.pane
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert pane.note.hasFocus()
    pane.note.insertPlainText("Chưa có sổ theo dõi")  # keyClicks is ASCII-only
    qtbot.keyClick(pane.note, Qt.Key.Key_Escape)
    assert view.table.hasFocus()
    with database.session() as session:
        answer = session.scalar(select(Answer).where(Answer.item_id == seeded.items[0]))
    assert answer is not None and answer.note == "Chưa có sổ theo dõi"
    assert window.item_model.index(0, 3).data() == "✎"
    assert pane.note_state.text().startswith("Đã lưu")
    press(qtbot, window, "2")  # the answer after a note: the revision was kept up to date
    assert stored(database, seeded.assessment)[seeded.items[0]] == "chua-dat"


def test_corrective_action_and_evidence(
    qtbot: Any, window: Any, database: Database, seeded: Seeded, tmp_path: Path
) -> None:
    pane = window.pane
    pane.action_what.setText("Bố trí người kiểm soát ra vào")
    pane.action_what.editingFinished.emit()
    pane.action_who.setText("Nguyễn Văn An")
    pane.action_who.editingFinished.emit()
    with database.session() as session:
        action = session.scalar(select(CorrectiveAction))
    assert action is not None and action.who == "Nguyễn Văn An"
    assert window.item_model.index(0, 4).data() == "⚑"
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    photo = tmp_path / "cổng.png"
    assert image.save(str(photo))
    pane.attach_requested.emit(seeded.items[0], photo)
    with database.session() as session:
        evidence = session.scalar(select(EvidenceFile))
    assert evidence is not None and evidence.file_name == "cổng.png"
    assert evidence_path(evidence.sha256).read_bytes() == photo.read_bytes()
    assert pane.evidence.count() == 1
    assert not pane.evidence.item(0).icon().isNull()


@pytest.mark.parametrize("which", ["items", "filter"])
def test_item_models_pass_the_model_tester(qtmodeltester: Any, window: Any, which: str) -> None:
    view = window.assessment_view
    view.failed_filter.setChecked(which == "filter")
    qtmodeltester.check(view.model if which == "items" else view.proxy)
