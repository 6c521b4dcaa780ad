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
