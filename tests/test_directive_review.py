"""The review tab driven as a user drives it: import, edit, split and merge, re-nest,
publish; a draft is still there after the database is closed and opened again."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from models import paths
from models.catalog import show_checklist
from models.directive_import import drafts
from models.opening import open_database
from qt_app.review.directive import DirectiveReviewWidget
from qt_app.review.draft_model import DraftItemModel

pytestmark = pytest.mark.usefixtures("immediate_tasks")
SOURCES = paths.checklists_dir() / "sources"
KE_HOACH = """SỞ Y TẾ
Số: 88/KH-SYT

Quảng Ninh, ngày 05 tháng 10 năm 2021

KẾ HOẠCH
Kiểm tra phòng, chống dịch tại cơ sở sản xuất

I. MỤC ĐÍCH

1. Đánh giá việc thực hiện các biện pháp phòng, chống dịch.
Kịp thời chấn chỉnh những tồn tại.

2. Kiểm tra đúng đối tượng.

II. NỘI DUNG

1. Kiểm soát người và phương tiện ra vào:
+ Bố trí điểm kiểm soát tại cổng;
+ Quét mã QR khai báo y tế.

Nơi nhận:
- Lưu: VT.
"""


def make(qtbot, database) -> DirectiveReviewWidget:
    widget = DirectiveReviewWidget(database, editor_name="Nguyễn Văn An")
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    return widget


def codes(widget) -> list[str]:
    out = []

    def visit(items):
        for item in items:
            out.append(item.code)
            visit(item.children)

    visit(widget.model.items)
    return out


def saved(database, widget) -> dict:
    with database.session() as session:
        return drafts.load_draft(session, widget.draft_id)


def test_import_shows_the_text_highlighted_and_the_tree(qtbot, database, qtmodeltester):
    widget = make(qtbot, database)
    assert widget.load_text(KE_HOACH)
    qtmodeltester.check(widget.model)
    assert codes(widget) == ["I", "I.1", "I.2", "II", "II.1", "II.1.1", "II.1.2"]
    assert widget.highlighted_codes() == codes(widget)
    assert widget.fields["number"].text() == "88/KH-SYT"
    assert widget.slug.text() == "88-kh-syt-2021"
    assert "Kịp thời chấn chỉnh" in widget.text_view.toPlainText()
    assert widget.draft_id is not None and widget.status.text().startswith("Đã lưu")
    widget.select_code("II.1.2")
    current = [
        s
        for s in widget.text_view.extraSelections()
        if s.format.background().color().name() == "#ffc46b"
    ]
    assert [s.cursor.selectedText() for s in current] == ["Quét mã QR khai báo y tế."]
    cursor = widget.text_view.textCursor()
    cursor.setPosition(widget.text_view.toPlainText().index("Kiểm tra đúng đối tượng"))
    widget.text_view.setTextCursor(cursor)
    assert widget.current_item().code == "I.2"


def test_editing_is_saved_at_once(qtbot, database):
    widget = make(qtbot, database)
    widget.load_text(KE_HOACH)
    index = widget.model.index(0, DraftItemModel.REQUIREMENT, widget.model.index(0, 0))
    assert widget.model.setData(index, "Đánh giá việc phòng, chống dịch")
    assert (
        saved(database, widget)["items"][0]["children"][0]["requirement"]
        == "Đánh giá việc phòng, chống dịch"
    )
    widget.select_code("I.2")
    widget.requirement.setPlainText("Kiểm tra đúng đối tượng, đúng nội dung")
    widget.critical.setChecked(True)
    widget.weight.setValue(3)
    themes = widget.themes
    row = next(
        r
        for r in range(themes.count())
        if themes.item(r).data(Qt.ItemDataRole.UserRole) == "kiem-tra-bao-cao"
    )
    themes.item(row).setCheckState(Qt.CheckState.Checked)
    item = saved(database, widget)["items"][0]["children"][1]
    assert item["requirement"] == "Kiểm tra đúng đối tượng, đúng nội dung"
    assert item["critical"] is True and item["weight"] == 3
    assert "kiem-tra-bao-cao" in item["themes"]
    assert not widget.model.setData(index, "   ")


def test_split_merge_move_and_renest(qtbot, database, qtmodeltester):
    widget = make(qtbot, database)
    widget.load_text(KE_HOACH)
    qtmodeltester.check(widget.model)
    widget.select_code("I.1")
    source = widget.current_item().source
    cursor = widget.source_view.textCursor()
    cursor.setPosition(source.index("Kịp thời"))
    widget.source_view.setTextCursor(cursor)
    new = widget.split_current()
    assert new.source == "Kịp thời chấn chỉnh những tồn tại."
    assert codes(widget)[:4] == ["I", "I.1", "I.1b", "I.2"]
    widget.select_code("I.1")
    widget.merge_current()
    assert widget.current_item().source == source
    assert codes(widget)[:3] == ["I", "I.1", "I.2"]
    widget.select_code("I.2")
    widget.move_current(-1)
    assert [c.label for c in widget.model.items[0].children] == ["2.", "1."]
    widget.select_code("II.1.2")
    widget.outdent_current()
    assert codes(widget)[-2:] == ["II.1.1", "II.1b"]  # a bullet follows the "1." before it
    widget.indent_current()
    assert codes(widget)[-2:] == ["II.1.1", "II.1.2"]
    widget.select_code("II")
    widget.merge_current()  # nothing after II: refused, nothing changes
    assert "Không có mục kế tiếp" in widget.error.text()
    widget.select_code("I")
    widget.merge_current()  # II's children move under I
    assert codes(widget) == ["I", "I.2", "I.1", "I.1b", "I.1b.1", "I.1b.2"]
    assert saved(database, widget)["items"][0]["source"] == "MỤC ĐÍCH\nNỘI DUNG"


def test_publish_as_new_and_as_the_next_version_of_a_shipped_checklist(qtbot, database):
    widget = make(qtbot, database)
    widget.load_text(KE_HOACH)
    widget.fields["title"].setText("Kiểm tra cơ sở sản xuất")
    widget.fields["title"].editingFinished.emit()
    draft_id = widget.draft_id
    with qtbot.waitSignal(widget.published) as signal:
        published = widget.publish()
    assert signal.args == ["88-kh-syt-2021", 1] and published["item_count"] == 7
    with database.session() as session:
        shown = show_checklist(session, "88-kh-syt-2021")
        assert drafts.list_drafts(session) == []
    assert shown["title"] == "Kiểm tra cơ sở sản xuất"
    assert draft_id is not None and widget.result is None
    assert widget.load_file(SOURCES / "2021-09-28_451-CV-LMHTX.txt")
    widget.target.setCurrentIndex(widget.target.findData("451-cv-lmhtx-2021"))
    assert widget.publish()["version"] == 3  # the shipped file is at version 2
    with database.session() as session:
        assert show_checklist(session, "451-cv-lmhtx-2021")["version"] == 3


def test_a_refused_file_or_id_explains_itself_and_changes_nothing(qtbot, database, tmp_path):
    widget = make(qtbot, database)
    bad = tmp_path / "anh.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    assert not widget.load_file(bad)
    assert "không phải văn bản" in widget.error.text() and widget.draft_id is None
    widget.load_text(KE_HOACH)
    widget.slug.setText("Sai Mã")
    assert widget.publish(slug="Sai Mã") is None
    assert "không hợp lệ" in widget.error.text()
    with database.session() as session:
        assert len(drafts.list_drafts(session)) == 1


def test_a_draft_survives_closing_and_reopening_the_database(qtbot, db_path, device):
    first = open_database(db_path, device=device)
    widget = make(qtbot, first)
    widget.load_file(SOURCES / "2021-08_761-CV-TU.txt")
    widget.select_code("3.2")
    widget.requirement.setPlainText("Giãn cách xã hội nghiêm theo Chỉ thị 16")
    widget.select_code("3.6")
    widget.remove_current()
    widget.close()
    first.close()
    second = open_database(db_path, device=device)
    try:
        again = make(qtbot, second)
        assert again.draft_id == widget.draft_id
        assert "3.6" not in codes(again) and len(codes(again)) == 11
        again.select_code("3.2")
        assert again.requirement.toPlainText() == "Giãn cách xã hội nghiêm theo Chỉ thị 16"
        assert again.fields["number"].text() == "761-CV/TU"
        again.delete_current_draft()
        assert again.result is None and again.drafts_box.count() == 1
    finally:
        second.close()


def test_clicking_a_highlighted_paragraph_selects_its_item(qtbot, database):
    widget = make(qtbot, database)
    widget.load_file(SOURCES / "2021-08-23_TB-TU-hoi-nghi-23-8.txt")
    text = widget.text_view.toPlainText()
    cursor = widget.text_view.textCursor()
    cursor.setPosition(text.index("Nghiên cứu thực hiện mô hình"))
    widget.text_view.setTextCursor(cursor)
    assert widget.current_item().code == "5.4"
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    widget.text_view.setTextCursor(cursor)
    assert widget.current_item().code == "5.4"  # the header is not an item


def test_a_printed_directive_shows_its_page_beside_the_words(qtbot, database, tmp_path):
    from tests.directive_corpus import corpus
    from tests.directive_papers import render

    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(render(corpus()["long-plan-999-KH"].paper))
    widget = make(qtbot, database)
    assert widget.load_file(path)
    page_view = widget.draft.page_view
    assert page_view.isVisibleTo(widget) and page_view.shown_page() == 1
    assert page_view.caption.text().startswith("Trang 1/")
    last = codes(widget)[-1]
    assert widget.select_code(last)
    assert page_view.shown_page() >= 9 and not page_view.picture.pixmap().isNull()
    noted = next(
        code
        for code in codes(widget)
        if widget.select_code(code) and widget.draft.item_editor.item_notes.text()
    )
    assert "Văn bản số" in widget.draft.item_editor.item_notes.text()
    reopened = make(qtbot, database)  # the draft from the database, the file still there
    reopened.open_draft(widget.draft_id)
    assert reopened.select_code(noted) and reopened.draft.page_view.shown_page() >= 1
    path.unlink()
    gone = make(qtbot, database)
    gone.open_draft(widget.draft_id)
    assert gone.select_code(last)
    assert "Không hiện được trang gốc" in gone.draft.page_view.caption.text()


def test_a_repaired_number_is_a_warning_on_its_item(qtbot, database, qtmodeltester):
    from tests.test_directive_pdf import OCR_SLIPS

    widget = make(qtbot, database)
    widget.load_text(OCR_SLIPS)
    qtmodeltester.check(widget.model)
    editor = widget.draft.item_editor
    assert widget.select_code("III")
    assert editor.item_warnings.isVisibleTo(widget) and "'Il.'" in editor.item_warnings.text()
    index = widget.model.index_of(widget.current_item(), DraftItemModel.CODE)
    assert "'Il.'" in widget.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert widget.model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert widget.select_code("III.1") and not editor.item_warnings.isVisibleTo(widget)
    assert not widget.draft.page_view.isVisibleTo(widget)  # typed text has no pages
    saved_items = saved(database, widget)["items"]
    assert any("'Il.'" in w for w in saved_items[2]["warnings"])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="installed by scripts/test")
def test_a_scan_is_read_page_by_page_and_can_be_cancelled(qtbot, database, tmp_path):
    from tests.directive_corpus import corpus
    from tests.directive_papers import render, scan

    path = tmp_path / "quet.pdf"
    path.write_bytes(scan(render(corpus()["761-CV-TU"].paper), seed=5))
    widget = make(qtbot, database)
    widget.load_text(KE_HOACH)
    before = codes(widget)
    seen: list[tuple[int, int]] = []

    def cancel_after_the_first_page(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:
            widget.cancel_button.click()

    widget.page_progress.changed.connect(cancel_after_the_first_page)
    assert not widget.load_file(path)
    assert seen[-1][0] == 1 and seen[0][1] >= 2  # stopped after page 1 of several
    assert "huỷ" in widget.error.text() and codes(widget) == before
    assert widget.draft.isEnabled() and not widget.progress.isVisibleTo(widget)
    widget.page_progress.changed.disconnect(cancel_after_the_first_page)
    widget.page_progress.changed.connect(lambda done, total: seen.append((done, total)))
    assert widget.load_file(path)
    assert seen[-1][0] == seen[-1][1] >= 2  # every page, to the last
    assert codes(widget) != before and widget.draft.page_view.shown_page() == 1
