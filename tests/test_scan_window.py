"""The scan review dialog, driven as a person would: the page beside what was read, an
unclear row highlighted and the import button held back until it is decided (by keyboard),
then the form written once; a refused page shows its reason.
"""

from __future__ import annotations

import random
import uuid

import pytest
from PySide6.QtCore import Qt

from qt_app.scan.review import ScanReviewDialog
from qt_app.scan.rows_model import ANSWER, UNCLEAR_COLOUR, UnclearRole
from tests import scan_corpus as corpus
from tests.test_scan import answers

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")


def scan(database, units, tmp_path) -> object:
    pages, layout = corpus.printed_pages(database, 3, units["main"], tmp_path)
    picture = pages[0].copy()
    one, two, three = layout.on_page(1)
    corpus.tick(picture, one, 0, "x")
    corpus.tick(picture, two, 1, "x")
    corpus.tick(picture, two, 2, "check", seed=2)  # two marks: a person decides
    corpus.tick(picture, three, 3, "filled")
    corpus.draw_note(picture, random.Random(3), three)
    return corpus.scanner_pdf([picture], tmp_path / "quet.pdf")


def test_review_then_import(qtbot, qtmodeltester, database, editor, tmp_path):
    units = corpus.prepare(database, editor)
    dialog = ScanReviewDialog(None, database, editor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load([scan(database, units, tmp_path)])
    assert dialog.pages.count() == 2  # the form, its one page
    assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
    model = dialog.model
    qtmodeltester.check(model)
    unclear = [r for r in range(model.rowCount()) if model.index(r, 0).data(UnclearRole)]
    assert unclear == [1]
    assert model.index(1, ANSWER).data(Qt.ItemDataRole.BackgroundRole).color() == UNCLEAR_COLOUR
    assert model.index(1, ANSWER).data() == "— chọn —"
    assert model.index(2, 0).data() == "3  ✎"  # a note picture goes with it
    assert not dialog.apply_button.isEnabled()
    assert "1 mục chưa rõ" in dialog.status.text()
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(model.index(1, ANSWER))
    qtbot.keyClick(dialog.table, "2")  # Chưa đạt
    assert model.index(1, ANSWER).data() == "Chưa đạt"
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "Đã nhập 3 thay đổi" in dialog.status.text()
    assert answers(database, units["main"]) == {
        "1": "dat",
        "2": "chua-dat",
        "3": "khong-ap-dung",
    }


def test_refused_page_shows_why(qtbot, database, editor, tmp_path):
    units = corpus.prepare(database, editor)
    pages, _ = corpus.printed_pages(database, 3, units["main"], tmp_path, unit_id=str(uuid.uuid4()))
    other = corpus.scanner_pdf([pages[0]], tmp_path / "khac.pdf")
    dialog = ScanReviewDialog(None, database, editor)
    qtbot.addWidget(dialog)
    dialog.load([other])
    assert dialog.pages.count() == 1
    assert dialog.pages.item(0).text().startswith("✗")
    assert "không có trong cơ sở dữ liệu này" in dialog.picture.text()
    assert not dialog.apply_button.isEnabled()
    assert answers(database, units["main"]) == {}


def test_keying_twice_then_settling_in_the_window(qtbot, database, editor):
    from models.services.units import create_unit
    from qt_app.scan.keying import KeyingDialog

    with database.session() as session:
        unit = create_unit(session, editor, "HTX Thủy sản Cái Rồng", "htx")
    dialog = KeyingDialog(None, database, editor)
    qtbot.addWidget(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findData(str(unit)))
    dialog.checklist.setCurrentIndex(
        dialog.checklist.findText("451-cv-lmhtx-2021", Qt.MatchFlag.MatchStartsWith)
    )
    dialog.period.setText("Tuần 38/2021")
    for keyer, keys in (("Lan", "120"), ("Hùng", "130")):
        dialog.keyer.setText(keyer)
        dialog.items.setFocus()
        dialog.items.setCurrentCell(0, 2)
        for key in keys:
            qtbot.keyClick(dialog.items, key)
        dialog.save()
    assert "lần nhập 2" in dialog.status.text()
    dialog.compare()
    assert dialog.differences.rowCount() == 1
    assert dialog.differences.item(0, 1).text() == "Chưa đạt"
    assert dialog.differences.item(0, 2).text() == "Đạt một phần"
    assert not dialog.resolve_button.isEnabled()  # until the paper is looked at
    dialog.differences.cellWidget(0, 3).setCurrentIndex(3)  # Chưa đạt
    assert dialog.resolve_button.isEnabled()
    dialog.resolve()
    assert "Đã chốt và ghi 3 thay đổi" in dialog.status.text()
    assert answers(database, unit) == {"1": "dat", "2": "chua-dat", "3": "khong-ap-dung"}
    assert "Hùng 33.3% (1/3)" in dialog.rates.text() and "Lan 0.0% (0/3)" in dialog.rates.text()


def test_the_file_menu_offers_both(window):
    assert window.scan_action.text() == "Nhập phiếu giấy đã quét…"
    assert window.keying_action.text() == "Nhập phiếu giấy hai lần…"
    assert window.scan_action.isEnabled() and window.keying_action.isEnabled()
