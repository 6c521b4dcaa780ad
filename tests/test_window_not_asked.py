"""Keys on an item not asked of the unit (issue 16): nothing is written and the status line
says why; answering moves on to the next item the unit is asked, past headings and items
given to others. Real key presses on the real window, offscreen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from models.catalog import get_version
from models.db import Database
from models.entities import Answer, AuditEntry
from models.services import assessments as service
from tests.window_support import Seeded

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")


def row_of(window: Any, code: str) -> int:
    return next(n for n, row in enumerate(window.assessment_view.model.rows()) if row.code == code)


def code_at(window: Any) -> str:
    view = window.assessment_view
    return view.model.rows()[view.current_source_row()].code


def written(database: Database) -> tuple[int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Answer)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_keys_on_an_item_not_asked_write_nothing_and_say_why(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    view = window.assessment_view
    before = written(database)
    view.select_source_row(row_of(window, "4"))
    view.table.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_0):
        qtbot.keyClick(view.table, key)
        assert window.status.text() == (
            "Mục 4 là đề mục, chỉ giới thiệu các mục con; mục này không có câu trả lời."
        )
        assert code_at(window) == "4"  # stays put: nothing was answered
    qtbot.keyClick(view.table, Qt.Key.Key_J)  # 4.1: school opening, in force until 5/9/2021
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    assert window.status.text() == (
        "Mục 4.1 chỉ có hiệu lực đến 05/09/2021; kỳ này không hỏi mục này."
    )
    view.select_source_row(row_of(window, "8"))
    qtbot.keyClick(view.table, Qt.Key.Key_2)
    assert window.status.text() == (
        "Mục 8 không thuộc trách nhiệm của đơn vị: văn bản giao cho Tỉnh, Huyện/Thành phố."
    )
    assert written(database) == before
    assert view.progress.value() == 0


def test_answering_moves_on_to_the_next_item_asked(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    """A cooperative is asked 1 and 5.1–5.4 of the notice: five keys answer all five."""
    view = window.assessment_view
    assert code_at(window) == "1"  # opens on the first unanswered item it is asked
    view.table.setFocus()
    codes = []
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_0):
        codes.append(code_at(window))
        qtbot.keyClick(view.table, key)
    assert codes == ["1", "5.1", "5.2", "5.3", "5.4"]
    with database.session() as session:
        stored = dict(session.execute(select(Answer.item_id, Answer.status)).all())
    rows = {row.code: row.item_id for row in view.model.rows()}
    assert [stored.get(rows[c]) for c in codes] == [
        "dat",
        "chua-dat",
        "mot-phan",
        "dat",
        "khong-ap-dung",
    ]
    assert view.progress.value() == view.progress.maximum() == 5
    assert view.saved_label.text().startswith("Đã lưu")


def test_the_pane_says_who_is_asked_until_when_and_why_critical(
    qtbot: Any, window: Any, database: Database, editor: Any, seeded: Seeded
) -> None:
    view, pane = window.assessment_view, window.pane
    view.select_source_row(row_of(window, "4.2"))
    text = pane.source.toPlainText()
    assert "Mục 4.2 chỉ có hiệu lực đến 05/09/2021; kỳ này không hỏi mục này." in text
    assert "Giao cho: Trường học, Sở Giáo dục và Đào tạo" in text
    assert "Hiệu lực đến: 05/09/2021" in text
    assert "Lý do trọng yếu: Văn bản viết “phải tuân thủ nghiêm ngặt”" in text
    assert not pane.answer_buttons["dat"].isEnabled() and not pane.note.isEnabled()
    view.select_source_row(row_of(window, "5.1"))
    text = pane.source.toPlainText()
    assert "Giao cho: Doanh nghiệp, Hợp tác xã" in text and "không hỏi" not in text
    assert pane.answer_buttons["dat"].isEnabled() and pane.note.isEnabled()
    with database.session() as session:  # 451's item 3 is cut off in the only copy we have
        letter = get_version(session, "451-cv-lmhtx-2021")
        started = service.start_assessment(session, editor, seeded.unit, letter.id, "Tuần 38/2021")
    window.answering.open(started)
    view.select_source_row(row_of(window, "3"))
    assert "[Văn bản gốc bị cắt ở đây]" in pane.source.toPlainText()
    assert "Giao cho: Mọi đơn vị" in pane.source.toPlainText()
