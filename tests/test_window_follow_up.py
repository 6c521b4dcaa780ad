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
from PySide6.QtTest import QTest

from models.catalog import get_version
from models.queries.follow_up import open_actions
from models.queries.items import item_rows
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_corrective_action
from qt_app.answering.follow_up import CODE, DUE, KIND, OVERDUE, PERIOD, WHAT, WHO
from tests.window_support import CHECKLIST, when_modal

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
            record_answer(session, editor, inspection, item.item_id, status)
            if item.code in actions:
                what, who, due = actions[item.code]
                set_corrective_action(session, editor, inspection, item.item_id, what, who, due)
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


# -- the unit's dialog: every open action, closed and reopened through its widgets ----------


@pytest.fixture
def rounds_of_actions(database, editor, seeded, required):
    """A second inspection two weeks later requires one more action (item 1), and the
    office's round of week 37 expects the unit: its overview counts week 37's actions."""
    from models.services.rounds import create_round

    later = inspect(
        database,
        editor,
        seeded.unit,
        "Tuần 39/2021",
        ("1",),
        {"1": ("Treo bảng hướng dẫn 5K ở cổng", "Phạm Văn Dũng", dt.date(2021, 10, 15))},
    )
    with database.session() as session:
        week_37 = create_round(
            session,
            editor,
            name="Tuần 37 — Đồng Tâm",
            checklists=[CHECKLIST],
            period="Tuần 37/2021",
            units=[seeded.unit],
        )
    return later, week_37


def dialog_rows(model, columns):
    return [tuple(model.data(model.index(r, c)) for c in columns) for r in range(model.rowCount())]


def overview_actions(window, round_id):
    """The overview's total of open and of overdue actions for the round."""
    from qt_app.rounds.tables import AreaModel

    window.overview.load(round_id)
    areas = window.overview.areas
    last = areas.rowCount() - 1
    return tuple(
        areas.data(areas.index(last, column))
        for column in (AreaModel.ACTIONS, AreaModel.ACTIONS_OVERDUE)
    )


def in_dialog(kind, steps):
    """Run ``steps(dialog)`` once the next modal dialog of ``kind`` is up, then close it
    whatever happened (a failure is kept for the test to raise, never left hanging)."""
    failures = []

    def run(dialog):
        try:
            assert isinstance(dialog, kind), type(dialog)
            steps(dialog)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failures.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_modal(run)
    return failures


def test_the_units_dialog_closes_an_action_and_it_is_gone_everywhere(
    window, qtbot, database, editor, seeded, rounds_of_actions, monkeypatch, tmp_path, boxes
):
    from PySide6.QtWidgets import QFileDialog

    from qt_app.units.close_action import CloseActionDialog
    from qt_app.units.open_actions import ClosedActionModel, UnitActionsDialog

    _later, week_37 = rounds_of_actions
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=seeded.assessment)
    assert [row[0] for row in strip_rows(window.follow_up.strip)] == ["5.1", "5.3"]
    assert overview_actions(window, week_37) == ("2", "1")
    photo = tmp_path / "ke-hoach-don-nguoi-lao-dong.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the plan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    seen = {}

    def close_first(dialog):
        fields = (PERIOD, KIND, CODE, WHAT, WHO, DUE, OVERDUE)
        seen["open"] = dialog_rows(
            dialog.open_model, [dialog.open_model.column_of(f) for f in fields]
        )
        seen["summary"] = dialog.summary.text()
        dialog.open_view.selectRow(0)
        failures.extend(in_dialog(CloseActionDialog, fill))
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        seen["after"] = [a.code for a in dialog.open_model.actions]
        seen["closed"] = dialog_rows(dialog.closed_model, range(8))

    def fill(close):
        seen["who"] = close.closed_by.text()
        QTest.keyClick(close.day.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(close.day.edit, "1/10/2021")
        close.note.insertPlainText("Đã có kế hoạch, giám đốc ký ngày 01/10")  # keyClicks: ASCII
        qtbot.mouseClick(close.choose, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(close.ok, Qt.MouseButton.LeftButton)

    failures = in_dialog(UnitActionsDialog, close_first)
    window.tree.view.setFocus()
    assert window.unit_actions_action in window.tree.view.actions()  # the unit's context menu
    window.unit_actions_action.trigger()
    for failure in failures:
        raise failure
    assert seen["open"] == [
        ("Tuần 37/2021", "Kiểm tra", "5.1", LATE, "Nguyễn Văn An", "24/09/2021", "quá hạn"),
        ("Tuần 37/2021", "Kiểm tra", "5.3", LATER, "Trần Thị Hà", "31/12/2099", ""),
        (
            "Tuần 39/2021",
            "Kiểm tra",
            "1",
            "Treo bảng hướng dẫn 5K ở cổng",
            "Phạm Văn Dũng",
            "15/10/2021",
            "quá hạn",
        ),
    ]
    assert seen["summary"].startswith("Việc chưa xong: 3, quá hạn tính đến hôm nay")
    assert seen["summary"].endswith(": 2")
    assert seen["who"] == window.editor().name
    assert seen["after"] == ["5.3", "1"]
    assert seen["closed"] == [
        (
            "Tuần 37/2021",
            "5.1",
            LATE,
            "24/09/2021",
            "01/10/2021",
            window.editor().name or "—",
            "Đã có kế hoạch, giám đốc ký ngày 01/10",
            photo.name,
        )
    ]
    assert ClosedActionModel.FILE == 7
    # Gone from the strip above the next assessment, and from the overview's counts.
    assert [row[0] for row in strip_rows(window.follow_up.strip)] == ["5.3"]
    assert overview_actions(window, week_37) == ("1", "0")
    with database.session() as session:
        assert [a.code for a in open_actions(session, seeded.unit)] == ["5.3", "1"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31/02/2021", "Không hiểu ngày '31/02/2021'"),
        ("", "Hãy ghi ngày việc được làm xong."),
        ("01/09/2021", "trước khi kỳ kiểm tra bắt đầu (13/09/2021)"),  # the service's refusal
    ],
)
def test_a_wrong_closing_date_is_refused_and_changes_nothing(
    qtbot, database, editor, seeded, required, boxes, typed, said
):
    from models.queries.follow_up import closed_actions
    from qt_app.messages import Saver
    from qt_app.units.close_action import CloseActionDialog
    from qt_app.units.open_actions import UnitActionsDialog

    dialog = UnitActionsDialog(
        Saver(database, lambda: editor, lambda: None), seeded.unit, "HTX", None
    )
    qtbot.addWidget(dialog)
    seen = {}

    def fill(close):
        QTest.keyClick(close.day.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(close.day.edit, Qt.Key.Key_Delete)  # today's date, offered, goes
        QTest.keyClicks(close.day.edit, typed)
        QTest.keyClicks(close.note, "Da lam xong")
        qtbot.mouseClick(close.ok, Qt.MouseButton.LeftButton)
        seen["still open"] = close.isVisible()
        if close.isVisible():
            close.reject()

    failures = in_dialog(CloseActionDialog, fill)
    assert not dialog.close_selected()
    for failure in failures:
        raise failure
    assert said in boxes.texts[-1]
    # A date the field cannot read keeps the dialog open; one the service refuses closes it.
    assert seen["still open"] == (typed != "01/09/2021")
    assert [a.code for a in dialog.open_model.actions] == ["5.1", "5.3"]
    assert dialog.closed_model.rowCount() == 0 and not dialog.changed
    with database.session() as session:
        assert len(open_actions(session, seeded.unit)) == 2
        assert closed_actions(session, seeded.unit) == []


def test_a_closing_taken_by_mistake_is_reopened_with_a_reason(
    qtbot, database, editor, seeded, required, qtmodeltester
):
    from models.services.follow_up import close_action
    from qt_app.messages import Saver
    from qt_app.units.close_action import ReasonDialog
    from qt_app.units.open_actions import UnitActionsDialog

    with database.session() as session:
        first = open_actions(session, seeded.unit)[0]
        close_action(session, editor, first.action_id, closed_on=dt.date(2021, 10, 1), note="Xong")
    saver = Saver(database, lambda: editor, lambda: None)
    dialog = UnitActionsDialog(saver, seeded.unit, "HTX Nông nghiệp Đồng Tâm", None)
    qtbot.addWidget(dialog)
    for model in (dialog.open_model, dialog.closed_model):
        qtmodeltester.check(model)
    assert [a.code for a in dialog.closed_model.actions] == ["5.1"]
    assert dialog.closed_label.text() == "Việc đã xong: 1"
    assert dialog.reopen_button.isEnabled()

    def give_reason(reason_dialog):
        assert not reason_dialog.ok.isEnabled()  # no reason, no reopening
        QTest.keyClicks(reason_dialog.reason, "Dong nham muc")
        qtbot.mouseClick(reason_dialog.ok, Qt.MouseButton.LeftButton)

    failures = in_dialog(ReasonDialog, give_reason)
    assert dialog.reopen_selected()
    for failure in failures:
        raise failure
    assert [a.code for a in dialog.open_model.actions] == ["5.1", "5.3"]
    assert dialog.closed_model.rowCount() == 0 and dialog.changed
    assert not dialog.reopen_button.isEnabled()
