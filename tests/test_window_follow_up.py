"""Follow-up in the window: what an earlier inspection required stands above the items of the
unit's next assessment of the same checklist and leads to the item; the unit's dialog lists
every open action across rounds and closes one (who, when, evidence), after which it is gone
from the strip, the dialog and the overview's counts; a wrong closing date is refused with a
message and changes nothing; submitting an inspection offers its record, a self-assessment
does not."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models.catalog import get_version
from models.queries.follow_up import open_actions
from models.queries.items import item_rows
from models.services import assessments as svc
from qt_app.answering.follow_up import CODE, DUE, OVERDUE, WHAT, WHO
from tests.window_support import CHECKLIST

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
LATE = "Lập kế hoạch đón người lao động trở lại làm việc"
LATER = "Bố trí khu cách ly tạm thời"


def inspect(database, editor, unit, period, failed, actions):
    """An inspection of ``unit`` in ``period``: the codes in ``failed`` Chưa đạt, the rest
    asked Đạt, ``actions`` (code → what, who, due) required, then submitted."""
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        inspection = svc.start_assessment(
            session, editor, unit, version.id, period, "kiem-tra", assessor="Lê Minh Châu"
        )
        for item in item_rows(session, inspection):
            if not item.asked or item.role != "requirement":
                continue
            status = "chua-dat" if item.code in failed else "dat"
            svc.record_answer(session, editor, inspection, item.item_id, status)
            if item.code in actions:
                what, who, due = actions[item.code]
                svc.set_corrective_action(session, editor, inspection, item.item_id, what, who, due)
        svc.submit_assessment(session, editor, inspection)
    return inspection


@pytest.fixture
def required(database, editor, seeded):
    """The week before the seeded self-assessment (Tuần 38/2021), inspectors found 5.1 and
    5.3 failed and required two actions: one long overdue, one due in 2099."""
    return inspect(
        database,
        editor,
        seeded.unit,
        "Tuần 37/2021",
        ("5.1", "5.3"),
        {
            "5.1": (LATE, "Nguyễn Văn An", dt.date(2021, 9, 24)),
            "5.3": (LATER, "Trần Thị Hà", dt.date(2099, 12, 31)),
        },
    )


def strip_rows(strip):
    model = strip.model
    return [
        tuple(
            model.data(model.index(r, model.column_of(field)))
            for field in (CODE, WHAT, WHO, DUE, OVERDUE)
        )
        for r in range(model.rowCount())
    ]


def test_an_earlier_inspections_actions_stand_above_the_next_assessment(
    window, qtbot, database, editor, seeded, required
):
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=seeded.assessment)
    strip = window.follow_up.strip
    assert strip.isVisible() and strip.table.isVisible()
    assert strip_rows(strip) == [
        ("5.1", LATE, "Nguyễn Văn An", "24/09/2021", "quá hạn"),
        ("5.3", LATER, "Trần Thị Hà", "31/12/2099", ""),
    ]
    overdue = strip.model.index(0, strip.model.column_of(OVERDUE))
    assert strip.model.data(overdue, Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "chưa xong: 2" in strip.summary.text() and "1 quá hạn" in strip.summary.text()

    # A click on the second action goes to item 5.3 of the assessment being answered.
    view = window.assessment_view
    cell = strip.table.visualRect(strip.model.index(1, strip.model.column_of(WHAT))).center()
    qtbot.mouseClick(strip.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.item_model.rows()[view.current_source_row()].code == "5.3"
    assert view.table.hasFocus()

    # Even when the filters hide it: they are cleared.
    view.failed_filter.setChecked(True)
    strip.item_chosen.emit("5.1")
    assert not view.failed_filter.isChecked()
    assert window.item_model.rows()[view.current_source_row()].code == "5.1"

    # Folded away on request, and open again.
    strip.toggle.click()
    assert not strip.table.isVisible() and strip.isVisible()
    strip.toggle.click()
    assert strip.table.isVisible()

    # The inspection that required them shows no strip: nothing earlier is owed.
    window.answering.open(required)
    assert not strip.isVisible()
    with database.session() as session:
        assert len(open_actions(session, seeded.unit)) == 2


def test_the_strip_model_holds_to_qts_rules(window, seeded, required, qtmodeltester):
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=seeded.assessment)
    qtmodeltester.check(window.follow_up.strip.model)


def answer_open_assessment(window):
    """Every item the unit is asked answered Đạt through the table's keys."""
    view, model = window.assessment_view, window.item_model
    for row, item in enumerate(model.rows()):
        if item.asked and item.role == "requirement":
            view.select_source_row(row)
            view.table.answer_key.emit("dat")


def test_submitting_an_inspection_offers_its_record(
    window, qtbot, database, editor, seeded, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from qt_app.answering.record import RecordDialog

    with database.session() as session:
        version = get_version(session, CHECKLIST)
        inspection = svc.start_assessment(
            session, editor, seeded.unit, version.id, "Tuần 38/2021", "kiem-tra"
        )
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=inspection)
    answer_open_assessment(window)
    asked, shown = [], []

    def answer(box: QMessageBox) -> int:  # "Nộp" to the submit question, "Không" to the record
        asked.append(box.text())
        return (
            QMessageBox.StandardButton.Yes if len(asked) == 1 else QMessageBox.StandardButton.No
        ).value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(RecordDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    qtbot.mouseClick(window.assessment_view.submit_button, Qt.MouseButton.LeftButton)
    assert window.answering.header.status == "submitted"
    assert asked[-1] == "Đã nộp bài kiểm tra. In biên bản kiểm tra?"
    assert shown == []  # "Không": nothing more

    # Reopened and submitted again, "In biên bản…" opens the record's dialog on this inspection.
    assert window.answering.reopen("Sửa lại mục 5.1")
    asked.clear()
    yes = QMessageBox.StandardButton.Yes.value
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or yes)
    window.submit_action.trigger()
    assert asked[-1] == "Đã nộp bài kiểm tra. In biên bản kiểm tra?"
    assert len(shown) == 1 and shown[0].team.toPlainText() == ""
    assert "HTX Nông nghiệp Đồng Tâm" in " ".join(
        label.text() for label in shown[0].findChildren(type(window.status))
    )


def test_submitting_a_self_assessment_offers_no_record(window, qtbot, seeded, boxes, monkeypatch):
    from qt_app.answering.record import RecordDialog

    shown = []
    monkeypatch.setattr(RecordDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    answer_open_assessment(window)
    qtbot.mouseClick(window.assessment_view.submit_button, Qt.MouseButton.LeftButton)
    assert window.answering.header.status == "submitted"
    assert boxes.texts and not any("biên bản" in text for text in boxes.texts)
    assert shown == []
