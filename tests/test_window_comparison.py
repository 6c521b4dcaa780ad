"""Self-assessment against inspection in the window: the overview lists the units whose
self-assessment the inspectors found overstated, the comparison dialog shows each unit item
by item and exports the workbook; while inspecting, the unit's own answers stand beside the
items and can be hidden; the inspection record is printed from the assessment menu."""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from models.catalog import get_version
from models.queries.items import item_rows
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_note
from models.services.rounds import create_round
from models.services.units import create_unit
from qt_app.rounds.comparison import ComparisonDialog
from qt_app.rounds.comparison_tables import ComparedUnitModel, PairModel, TallyModel
from qt_app.rounds.overview import OverviewTab
from qt_app.tables import ROW_ROLE
from tests.window_support import CHECKLIST

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
PERIOD = "Tuần 38/2021"


def answer_all(database, editor, unit_id, kind, failed=(), notes=None, assessment=None):
    """Every requirement asked of the unit Đạt except the codes in ``failed`` (Chưa đạt), then
    submitted; returns its id. A cooperative is asked 1 and 5.1–5.4 of the notice."""
    with database.session() as session:
        if assessment is None:
            version = get_version(session, CHECKLIST)
            assessment = svc.start_assessment(
                session, editor, unit_id, version.id, PERIOD, kind, assessor="Lê Minh Châu"
            )
        for item in item_rows(session, assessment):
            if not item.asked or item.role != "requirement":
                continue
            status = "chua-dat" if item.code in failed else "dat"
            record_answer(session, editor, assessment, item.item_id, status)
            if notes and item.code in notes:
                set_note(session, editor, assessment, item.item_id, notes[item.code])
        svc.submit_assessment(session, editor, assessment)
    return assessment


@pytest.fixture
def inspected(database, editor):
    """Four cooperatives of a district in a round: all call every item Đạt; the inspectors
    find three items failed at the first, one at the second, none at the third, and have
    not been to the fourth."""
    with database.session() as session:
        province = create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        district = create_unit(session, editor, "Huyện Đầm Hà", "huyen", province)
        htx = [
            create_unit(session, editor, f"HTX Đầm Hà {n:02d}", "htx", district)
            for n in range(1, 5)
        ]
        round_id = create_round(
            session,
            editor,
            name="Tự đánh giá tuần 38 — Đầm Hà",
            checklists=[CHECKLIST],
            period=PERIOD,
            units=htx,
        )
    for unit in htx:
        answer_all(database, editor, unit, "tu-danh-gia", notes={"5.1": "Có kế hoạch đón"})
    answer_all(database, editor, htx[0], "kiem-tra", failed=("1", "5.1", "5.3"))
    answer_all(database, editor, htx[1], "kiem-tra", failed=("5.1",))
    answer_all(database, editor, htx[2], "kiem-tra")
    return round_id, htx


def test_the_overview_lists_the_units_that_overstate_and_opens_the_comparison(
    qtbot, database, editor, inspected, monkeypatch, tmp_path, boxes
):
    round_id, htx = inspected
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.show()
    tab.load(round_id)
    section = tab.overstated
    listed = [
        (
            section.units.data(section.units.index(r, ComparedUnitModel.UNIT)),
            section.units.data(section.units.index(r, ComparedUnitModel.OVERSTATED)),
        )
        for r in range(section.units.rowCount())
    ]
    # The unit whose inspection agreed is not listed; the one not inspected is not compared.
    assert listed == [("HTX Đầm Hà 01", "3"), ("HTX Đầm Hà 02", "1")]
    assert section.note.text() == (
        "2 trong 3 đơn vị được so sánh tự đánh giá cao hơn kết quả kiểm tra."
    )
    first = section.units.index(0, ComparedUnitModel.AGREEMENT)
    assert section.units.data(first) == "40,0%"  # 2 of the 5 requirements asked agree
    assert section.units.data(section.units.index(0, ComparedUnitModel.SELF)) == "100,0%"

    # The button opens the round's comparison at its first unit, item by item.
    qtbot.mouseClick(section.compare_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(ComparisonDialog)
    assert dialog is not None and dialog.isVisible()
    assert "3/4 đơn vị có cả bài tự đánh giá đã nộp và bài kiểm tra đã nộp" in dialog.basis.text()
    assert dialog.units.rowCount() == 3
    pairs = dialog.pairs
    verdicts = {
        pairs.rows[r].code: pairs.data(pairs.index(r, PairModel.VERDICT))
        for r in range(pairs.rowCount())
    }
    assert [c for c, v in verdicts.items() if v == "Tự đánh giá cao hơn"] == ["1", "5.1", "5.3"]
    assert verdicts["5.2"] == "Khớp" and verdicts["4"] == "Chưa đủ để so"  # 4 is a heading
    row = next(r for r in range(pairs.rowCount()) if pairs.rows[r].code == "5.1")
    assert pairs.data(pairs.index(row, PairModel.OWN)) == "Đạt"
    assert pairs.data(pairs.index(row, PairModel.OWN_NOTE)) == "Có kế hoạch đón"
    assert pairs.data(pairs.index(row, PairModel.INSPECTED)) == "Chưa đạt"
    assert "HTX Đầm Hà 01" in dialog.pair_title.text()

    # Another unit in the list shows its own items.
    dialog.unit_view.setCurrentIndex(dialog.units.index(1, 0))
    assert [p.code for p in pairs.rows if p.verdict == "overstated"] == ["5.1"]

    # Per requirement, the most often overstated first; per area, the district counts all.
    top = dialog.items.rows[0]
    assert (top.key, top.overstated, top.units) == ("5.1", 2, 3)
    district = next(t for t in dialog.areas.rows if t.name == "Huyện Đầm Hà")
    assert (district.units, district.overstated) == (3, 4)

    target = tmp_path / "so-sanh"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    written = dialog.export()
    assert written == tmp_path / "so-sanh.xlsx"
    book = load_workbook(written)
    rows = list(book["Theo đơn vị"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[5]) for r in rows] == [
        ("HTX Đầm Hà 01", 3),
        ("HTX Đầm Hà 02", 1),
        ("HTX Đầm Hà 03", 0),
    ]
    assert boxes.texts[-1] == f"Đã lưu {written}"

    # The chosen unit (the second) on its own, as Word to edit before sending.
    target = tmp_path / "don-vi"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Word (*.docx)")
    )
    written = dialog.export_unit()
    assert written == tmp_path / "don-vi.docx"
    text = " ".join(p.text for p in Document(str(written)).paragraphs)
    assert "HTX Đầm Hà 02" in text and "Chưa đạt: 1 (mục 5.1)." in text
    dialog.close()

    # A double click on a listed unit opens the comparison at that unit.
    view = section.view
    view.doubleClicked.emit(section.units.index(1, 0))
    dialogs = [d for d in tab.findChildren(ComparisonDialog) if d.isVisible()]
    assert dialogs[-1].unit_view.currentIndex().row() == 1
    assert dialogs[-1].units.data(dialogs[-1].unit_view.currentIndex(), ROW_ROLE).unit_id == htx[1]


def test_a_round_without_inspections_says_so(qtbot, database, editor):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Quyết Tiến", "htx")
        round_id = create_round(
            session, editor, name="Tuần 38", checklists=[CHECKLIST], period=PERIOD, units=[unit]
        )
    answer_all(database, editor, unit, "tu-danh-gia")
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.load(round_id)
    assert tab.overstated.units.rowCount() == 0
    assert "Chưa có đơn vị nào có cả bài tự đánh giá và bài kiểm tra" in tab.overstated.note.text()
    assert not tab.overstated.compare_button.isEnabled()


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_dialog_exports_the_rounds_report_as_pdf_or_word(
    qtbot, database, editor, inspected, monkeypatch, tmp_path, boxes, suffix
):
    round_id, _htx = inspected
    dialog = ComparisonDialog(database, round_id)
    qtbot.addWidget(dialog)
    kind = "PDF (*.pdf)" if suffix == ".pdf" else "Word (*.docx)"
    target = tmp_path / "so-sanh-dot"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), kind))
    written = dialog.export()
    assert written == tmp_path / f"so-sanh-dot{suffix}"
    assert boxes.texts[-1] == f"Đã lưu {written}"
    if suffix == ".pdf":
        text = " ".join(_pdf_text(written).split())
    else:
        document = Document(str(written))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "3/4 đơn vị của đợt",
        "Số câu trả lời đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt: 4.",
        "HTX Đầm Hà 01 (3 mục, khớp 40,0%)",
        "Phụ lục III",
    ):
        assert expected in text, expected

    # A round where no unit has both sides submitted: told so, no file.
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Quyết Tiến", "htx")
        lonely = create_round(
            session, editor, name="Tuần 38", checklists=[CHECKLIST], period=PERIOD, units=[unit]
        )
    empty = ComparisonDialog(database, lonely)
    qtbot.addWidget(empty)
    target = tmp_path / "trong"
    assert empty.export() is None
    assert "chưa có gì để so sánh" in boxes.texts[-1]
    assert list(tmp_path.glob("trong*")) == []


def test_the_comparison_models_hold_to_qts_rules(qtbot, database, inspected, qtmodeltester):
    round_id, _htx = inspected
    dialog = ComparisonDialog(database, round_id)
    qtbot.addWidget(dialog)
    for model in (dialog.units, dialog.pairs, dialog.items, dialog.areas):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    assert isinstance(dialog.items, TallyModel)


def _inspect_seeded(database, editor, seeded, own_notes=True):
    """The seeded unit's self-assessment answered (every requirement Đạt, with a note) and
    submitted, and an inspection of the same checklist and period started; returns its id."""
    codes = ("1", "5.1", "5.2", "5.3", "5.4")
    notes = dict.fromkeys(codes, "Có sổ theo dõi") if own_notes else None
    answer_all(database, editor, seeded.unit, "", notes=notes, assessment=seeded.assessment)
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        return svc.start_assessment(
            session, editor, seeded.unit, version.id, PERIOD, "kiem-tra", assessor="Lê Minh Châu"
        )


def _row_of(model, code=None):
    """The row of ``code``, or of the first requirement asked of the unit."""
    return next(
        r
        for r, row in enumerate(model.rows())
        if row.code == code or (code is None and row.asked and row.role == "requirement")
    )


def test_while_inspecting_the_units_own_answers_stand_beside_each_item(
    window, database, editor, seeded
):
    from qt_app.answering.item_model import OWN

    inspection = _inspect_seeded(database, editor, seeded)
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=inspection)
    view, model = window.assessment_view, window.item_model
    assert window.answering.header.kind == "kiem-tra"
    box = view.own_answers_box
    assert box.isVisible() and box.isEnabled() and box.isChecked()
    assert not view.table.isColumnHidden(OWN)
    assert view.table.columnWidth(OWN) > 0
    assert model.headerData(OWN, Qt.Orientation.Horizontal) == "Đơn vị tự đánh giá"
    row_2 = model.index(_row_of(model), OWN)
    assert model.data(row_2) == "Đạt\nCó sổ theo dõi"
    assert model.data(model.index(_row_of(model, "4"), OWN)) == "—"  # a heading
    # Read-only: the inspector's answer is the inspection's, the unit's stays as it was.
    view.table.setCurrentIndex(view.proxy.mapFromSource(model.index(_row_of(model), 2)))
    view.table.answer_key.emit("chua-dat")
    assert model.data(model.index(_row_of(model), 2)) == "Chưa đạt"
    assert model.data(row_2) == "Đạt\nCó sổ theo dõi"

    box.setChecked(False)  # hidden on request, and shown again
    assert view.table.isColumnHidden(OWN)
    box.setChecked(True)
    assert not view.table.isColumnHidden(OWN)

    # The unit's own self-assessment has no such column.
    window.answering.open(seeded.assessment)
    assert not box.isVisible() and view.table.isColumnHidden(OWN)
    assert not window.record_action.isEnabled()


def test_an_inspection_without_a_self_assessment_says_so(window, database, editor, seeded):
    from qt_app.answering.item_model import OWN

    with database.session() as session:
        version = get_version(session, CHECKLIST)
        inspection = svc.start_assessment(
            session, editor, seeded.unit, version.id, "Tuần 39/2021", "kiem-tra"
        )
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=inspection)
    box = window.assessment_view.own_answers_box
    assert box.isVisible() and not box.isEnabled()
    assert box.toolTip() == "Đơn vị chưa có bài tự đánh giá cùng kỳ"
    assert window.assessment_view.table.isColumnHidden(OWN)


def _pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_record_is_printed_from_the_assessment_menu(
    window, database, editor, seeded, monkeypatch, tmp_path, boxes, suffix
):
    from qt_app.answering.record import RecordDialog

    inspection = _inspect_seeded(database, editor, seeded)
    window.answering.show_unit(seeded.unit, "HTX Nông nghiệp Đồng Tâm", prefer=inspection)
    view, model = window.assessment_view, window.item_model
    view.table.setCurrentIndex(view.proxy.mapFromSource(model.index(_row_of(model), 2)))
    view.table.answer_key.emit("chua-dat")
    code = model.rows()[_row_of(model)].code
    assert window.record_action.isEnabled()

    def fill(dialog: RecordDialog) -> int:
        assert dialog.team.toPlainText() == "Lê Minh Châu"  # the inspector, offered
        dialog.place.setText("Trụ sở hợp tác xã")
        dialog.team.setPlainText("Lê Minh Châu — Trưởng đoàn\nĐỗ Văn Hải")
        dialog.representatives.setPlainText("Nguyễn Văn An — Giám đốc")
        dialog.recorder.setText("Phạm Thu Trang")
        dialog.remarks.setPlainText("Đơn vị nhất trí với kết quả kiểm tra.")
        return 1

    monkeypatch.setattr(RecordDialog, "exec", fill)
    target = tmp_path / f"bien-ban{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.record_action.trigger()
    assert boxes.texts[-1] == f"Đã lưu {target}"
    if suffix == ".pdf":
        text = " ".join(_pdf_text(target).split())
    else:
        document = Document(str(target))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())
    for expected in (
        "BIÊN BẢN KIỂM TRA",
        "HTX Nông nghiệp Đồng Tâm",
        "Trụ sở hợp tác xã",
        "Nguyễn Văn An — Giám đốc",
        "Phạm Thu Trang",
        "Đơn vị nhất trí với kết quả kiểm tra.",
        f"1 nội dung đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt (mục {code})",
    ):
        assert expected in text, expected


def test_the_comparison_speaks_english(qtbot, qapp, database, editor, inspected):
    from qt_app import i18n

    round_id, _htx = inspected
    i18n.install(qapp, "en")
    tab = OverviewTab(database, lambda: editor)
    qtbot.addWidget(tab)
    tab.load(round_id)
    section = tab.overstated
    assert section.compare_button.text() == "Self-assessment against inspection…"
    assert section.note.text() == (
        "2 of the 3 units compared rated themselves higher than the inspection found."
    )
    assert (
        section.units.headerData(
            ComparedUnitModel.OVERSTATED, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        == "Overstated items"
    )
    dialog = ComparisonDialog(database, round_id)
    qtbot.addWidget(dialog)
    assert dialog.unit_button.text() == "This unit as PDF/Word…"
    assert dialog.pairs.data(dialog.pairs.index(0, PairModel.VERDICT)) in {
        "Agree",
        "Differ",
        "Overstated",
        "Not comparable",
    }
