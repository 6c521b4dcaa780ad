"""Directives as offices receive them: printed to PDF, scanned, copied with their header
flattened, read by OCR with its slips. The corpus is generated (tests/directive_corpus.py);
each text-layer PDF must give exactly the item tree its text gives, scans the right tree with
every repair said on its item, and a PC without Tesseract a message saying what to install."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.directive_import import import_directive
from models.directive_import.items import notes_of, page_of, warnings_of
from models.directive_import.output import as_json
from models.directive_import.pdf import page_image
from models.errors import KnownError
from tests.directive_corpus import corpus, tree
from tests.directive_papers import render, scan

ROOT = Path(__file__).resolve().parent.parent
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is installed by scripts/test"
)


@pytest.mark.parametrize("name", list(corpus()))
def test_every_item_of_a_printed_directive_is_at_its_place(name):
    case = corpus()[name]
    truth = import_directive(case.truth, name="typed.txt")
    result = import_directive(render(case.paper), name=f"{name}.pdf")
    assert tree(result) == tree(truth)
    d = result.directive
    for field, value in case.header.items():
        assert getattr(d, field) == value, field
    text = result.directive.source_text
    paper = case.paper
    for repeated in filter(None, [paper.running, paper.stamp]):
        assert repeated not in text  # running headers and web stamps are not the directive
    for item, _depth, _parent in result.walk():
        assert page_of(item) is not None and "[^" not in item.source


def test_footnotes_leave_the_items_words_and_become_their_notes():
    result = import_directive(render(corpus()["plan-215-KH-PYT"].paper), name="kh.pdf")
    items = {item.code: item for item, _d, _p in result.walk()}
    assert notes_of(items["II.1.c"]) == [
        "Chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện tại chỗ và hậu cần tại chỗ."
    ]
    assert "Chỉ huy tại chỗ" not in items["II.1.c"].source
    assert all(not notes_of(item) for code, item in items.items() if code != "II.1.c")
    assert "Chú thích / Notes:" in result.directive.source_text
    assert as_json(result)["items"][1]["children"][0]["children"][2]["notes"]


def test_a_long_plan_joins_its_paragraphs_across_pages():
    case = corpus()["long-plan-999-KH"]
    pdf = render(case.paper)
    result = import_directive(pdf, name="ke-hoach.pdf")
    assert len(result.page_sizes) >= 9
    pages = {page_of(item) for item, _d, _p in result.walk()}
    assert len(pages) >= 8  # items from every page, none lost at a page break
    assert tree(result) == tree(import_directive(case.truth))
    assert result.encoding == "pdf"


def test_a_header_flattened_onto_one_line():
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "THÀNH PHỐ HẠ LONG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 123/UBND-VX Hạ Long, ngày 05 tháng 3 năm 2021\n"
        "V/v tăng cường phòng, chống dịch Covid-19\n\n"
        "Kính gửi: Các phòng, ban, đơn vị.\n\n"
        "1. Thực hiện nghiêm 5K tại cơ quan.\n\n2. Báo cáo kết quả trước ngày 10/3/2021.\n"
    )
    d = import_directive(text).directive
    assert (d.number, d.place, str(d.issued_on), d.kind) == (
        "123/UBND-VX",
        "Hạ Long",
        "2021-03-05",
        "Công văn",
    )
    assert d.issuer == "Ủy ban nhân dân thành phố Hạ Long"
    assert d.subject == "V/v tăng cường phòng, chống dịch Covid-19"


def test_spacing_noise_old_spellings_and_capital_issuers():
    text = (
        "UỶ BAN NHÂN DÂN HUYỆN TIÊN YÊN\nPHÒNG Y TẾ HUYỆN\nSố: 45/PYT\n\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTiên Yên, ngày 15 tháng09 năm 2021\n\n"
        "THÔNG BÁO\nVề việc kiểm tra phòng dịch\n\n1. Các trạm y tế tự kiểm tra.\n"
    )
    result = import_directive(text)
    d = result.directive
    assert str(d.issued_on) == "2021-09-15" and d.kind == "Thông báo"
    assert d.issuer == "Phòng Y tế huyện (Uỷ ban nhân dân huyện Tiên Yên)"
    assert result.issuer_printed == "PHÒNG Y TẾ HUYỆN (UỶ BAN NHÂN DÂN HUYỆN TIÊN YÊN)"
    assert any("Phòng Y tế huyện" in w and "capitals" in w for w in result.warnings)


OCR_SLIPS = """SỞ Y TẾ
Số: 77/KH-SYT
Quảng Ninh, ngày 02 tháng 11 năm 2021

KẾ HOẠCH
Kiểm tra phòng, chống dịch

1. NHIỆM VỤ CHUNG
1. Các đơn vị tự kiểm tra hằng tuần.
2. Báo cáo kết quả về Sở.
II. NHIỆM VỤ CỤ THỂ
1. Kiểm soát ra vào:
a) Đo thân nhiệt;
b) Quét mã QR;
©) Khai báo y tế;
d) Bố trí khu cách ly;
đ) Xét nghiệm định kỳ;
đ) Diễn tập phương án.
Il. TỔ CHỨC THỰC HIỆN
1. Các phòng chủ trì.
IV. KINH PHÍ
1. Từ nguồn ngân sách.

Nơi nhận:
- Lưu: VT.
"""


def test_what_ocr_misreads_is_repaired_where_the_sequence_is_certain_and_said_on_the_item():
    result = import_directive(OCR_SLIPS)
    items = {item.code: item for item, _d, _p in result.walk()}
    assert list(items) == [
        "I", "I.1", "I.2", "II", "II.1", "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.1.dd",
        "II.1.e", "III", "III.1", "IV", "IV.1",
    ]  # fmt: skip
    repaired = {code: warnings_of(item) for code, item in items.items() if warnings_of(item)}
    assert set(repaired) == {"I", "II.1.c", "II.1.e", "III"}
    assert "'1.'" in repaired["I"][0] and "'I.'" in repaired["I"][0]
    assert "'Il.'" in repaired["III"][0] and "'III.'" in repaired["III"][0]
    assert "'©)'" in repaired["II.1.c"][0] and "'e)'" in repaired["II.1.e"][0]
    assert items["I"].label == "I." and items["II.1.e"].source == "Diễn tập phương án."
    assert as_json(result)["items"][0]["warnings"] == repaired["I"]


def test_without_a_roman_anywhere_a_capital_heading_keeps_its_number_and_a_doubt():
    text = "KẾ HOẠCH\nKiểm tra\n\n1. NHIỆM VỤ CHUNG\n1. Tự kiểm tra.\n2. Báo cáo.\n"
    result = import_directive(text)
    items = [item for item, _d, _p in result.walk()]
    assert [item.label for item in items] == ["1.", "1.", "2."]  # nothing repaired
    assert not warnings_of(items[0]) and not warnings_of(items[2])
    assert "'1.' sau '1.'" in warnings_of(items[1])[0]  # but the restart is said


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()), " ".join(b.split())).ratio()


@pytest.mark.slow
@needs_tesseract
def test_a_scan_gives_the_right_tree_with_every_repair_on_its_item(tmp_path):
    case = corpus()["plan-215-KH-PYT"]
    path = tmp_path / "ke-hoach-quet.pdf"
    path.write_bytes(scan(render(case.paper), seed=3, stamp="congbao.example.vn"))
    result = import_directive(path)
    truth = import_directive(case.truth)
    assert [c for c, _ in tree(result)] == [c for c, _ in tree(truth)]
    for (_, got), (_, want) in zip(tree(result), tree(truth), strict=True):
        assert _similar(got, want) > 0.8
    for item, _d, _p in result.walk():
        if any("Số mục in là" in w for w in warnings_of(item)):
            assert item.label.endswith(".") or item.label.endswith(")")
    assert result.encoding == "ocr" and any("OCR" in w for w in result.warnings)
    assert "congbao.example.vn" not in result.directive.source_text
    d = result.directive
    assert (d.number, str(d.issued_on), d.kind) == ("215/KH-PYT", "2021-09-15", "Kế hoạch")
    assert result.source_path == str(path.resolve())
    assert page_image(path, 1).startswith(b"\x89PNG")


@pytest.mark.slow
@needs_tesseract
def test_a_photographed_page_is_read_too(tmp_path):
    import io

    import pypdfium2
    from PIL import Image

    pdf = scan(render(corpus()["decision-3000-QD"].paper), seed=5)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=250 / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(250, 250))
    path = tmp_path / "quyet-dinh.png"
    path.write_bytes(buffer.getvalue())
    result = import_directive(path)
    assert [c for c, _ in tree(result)] == ["1", "1.1", "1.2", "1.2.a", "1.2.b", "2", "3"]
    Image.open(io.BytesIO(page_image(path, 1))).verify()


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qt_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.mark.slow
def test_without_tesseract_a_scan_says_what_to_install_and_nothing_else_breaks(tmp_path):
    scanned = tmp_path / "quet.pdf"
    scanned.write_bytes(scan(render(corpus()["decision-3000-QD"].paper), seed=2))
    printed = tmp_path / "in.pdf"
    printed.write_bytes(render(corpus()["decision-3000-QD"].paper))
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare), "KIEMTRA_LANG": "en"}
    env.pop("KIEMTRA_TESSERACT", None)
    refused = _cli("import-directive", str(scanned), env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Tesseract" in refused.stderr and "tesseract-ocr-vie" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    fine = _cli("import-directive", "--json", str(printed), env=env)
    assert fine.returncode == 0, fine.stderr
    if shutil.which("tesseract"):
        empty = tmp_path / "tessdata"
        empty.mkdir()
        no_data = {**os.environ, "TESSDATA_PREFIX": str(empty), "KIEMTRA_LANG": "en"}
        refused = _cli("import-directive", str(scanned), env=no_data)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "vie.traineddata" in refused.stderr


def test_missing_tesseract_is_a_known_error_in_process(monkeypatch, tmp_path):
    monkeypatch.setenv("KIEMTRA_TESSERACT", str(tmp_path / "no-such-tesseract"))
    from models.directive_import import ocr

    with pytest.raises(KnownError) as refused:
        ocr.find_tesseract()
    assert "Tesseract" in refused.value.vi and "tesseract-ocr-vie" in refused.value.en


def test_a_number_ocr_could_not_read_and_a_number_skipped():
    text = (
        "THÔNG BÁO\nVề phòng dịch\n\nYêu cầu như sau:\n\n"
        "1. Các đảng viên gương mẫu.\n\n2. Cập nhật tình hình dịch.\n\n"
        "FỄ - Sắp xếp lịch làm việc hợp lý.\n\n4. Tăng cường kiểm tra.\n\n"
        "6. Báo cáo kết quả hằng tuần.\n"
    )
    result = import_directive(text)
    items = {item.code: item for item, _d, _p in result.walk()}
    assert list(items) == ["1", "2", "3", "4", "6"]
    assert items["3"].source == "Sắp xếp lịch làm việc hợp lý."
    assert "'FỄ -'" in warnings_of(items["3"])[0] and "'3.'" in warnings_of(items["3"])[0]
    assert "'4.'" in warnings_of(items["6"])[0] and "'6.'" in warnings_of(items["6"])[0]
    assert not warnings_of(items["4"])


@pytest.mark.libreoffice
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/test"
)
@pytest.mark.parametrize("name", ["plan-215-KH-PYT", "07-TB-CB", "761-CV-TU"])
def test_a_directive_typed_in_word_and_saved_as_pdf_by_libreoffice(name):
    from tests.directive_office import office_pdf

    case = corpus()[name]
    result = import_directive(office_pdf(case.paper), name=f"{name}.pdf")
    assert tree(result) == tree(import_directive(case.truth))
    for field, value in case.header.items():
        assert getattr(result.directive, field) == value, field


def test_text_copied_from_a_pdf_loses_its_page_lines_and_keeps_its_footnotes():
    text = (
        "KẾ HOẠCH\nKiểm tra phòng dịch\n\nYêu cầu như sau:\n\n"
        "1. Các đơn vị thực hiện nghiêm Công văn số 761-CV/TU¹ của Tỉnh ủy, bố trí\n"
        "thuvienphapluat.vn\n- 2 -\n----- Page 2 -----\n"
        "điểm kiểm soát tại cổng.\n\n2\n\n"
        "¹ Công văn ngày 26/8/2021 về tăng cường phòng, chống dịch.\n\n"
        "2. Báo cáo kết quả hằng tuần.\n"
    )
    result = import_directive(text)
    items = {item.code: item for item, _d, _p in result.walk()}
    assert list(items) == ["1", "2"]
    assert items["1"].source == (
        "Các đơn vị thực hiện nghiêm Công văn số 761-CV/TU của Tỉnh ủy, bố trí "
        "điểm kiểm soát tại cổng."
    )
    assert notes_of(items["1"]) == ["Công văn ngày 26/8/2021 về tăng cường phòng, chống dịch."]
    assert any("5 lines" in w for w in result.warnings)


def test_more_slips_the_sequence_puts_right():
    text = (
        "Số: 215KH-PYT\n\nKẾ HOẠCH\nKiểm tra\n\n"
        "I. MỤC ĐÍCH\n1. Đánh giá.\n"
        "I. NỘI DUNG\n1. Kiểm soát:\na) Đo thân nhiệt;\nb) Quét mã;\nc) Khai báo;\n"
        "đ) Cách ly;\nđ) Xét nghiệm;\ne) Báo cáo.\n2. Tự đánh giá.\n9. Khắc phục.\n4. Báo cáo.\n"
        "II TỔ CHỨC THỰC HIỆN\n1. Các phòng chủ trì.\n"
    )
    result = import_directive(text)
    items = {item.code: item for item, _d, _p in result.walk()}
    assert list(items) == [
        "I", "I.1", "II", "II.1", "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.1.dd", "II.1.e",
        "II.2", "II.3", "II.4", "III", "III.1",
    ]  # fmt: skip
    warned = {code for code, item in items.items() if warnings_of(item)}
    assert warned == {"II", "II.1.d", "II.3", "III"}
    assert result.directive.number == "215/KH-PYT"
    assert any("215KH-PYT" in w and "215/KH-PYT" in w for w in result.warnings)


@pytest.mark.slow
@needs_tesseract
def test_a_scan_tells_its_pages_and_stops_when_asked(tmp_path):
    from models.directive_import.ocr import ImportCancelled

    raw = scan(render(corpus()["761-CV-TU"].paper), seed=9)
    heard: list[tuple[int, int]] = []
    import_directive(raw, name="quet.pdf", progress=lambda done, total: heard.append((done, total)))
    total = heard[0][1]
    assert total >= 2 and heard == [(n, total) for n in range(total + 1)]

    def stop(done: int, total: int) -> None:
        if done == 1:
            raise ImportCancelled()

    with pytest.raises(ImportCancelled) as stopped:
        import_directive(raw, name="quet.pdf", progress=stop)
    assert "huỷ" in stopped.value.vi and "cancelled" in stopped.value.en


def test_a_point_read_as_a_colon_and_a_d_read_as_dd():
    text = (
        "KẾ HOẠCH\nKiểm tra\n\nYêu cầu:\n\n1. Tự kiểm tra.\n"
        "2: Kiểm soát ra vào:\na) Đo thân nhiệt;\nb) Quét mã;\nc) Khai báo;\nđ) Cách ly.\n"
        "3. Báo cáo.\n"
    )
    items = {item.code: item for item, _d, _p in import_directive(text).walk()}
    assert list(items) == ["1", "2", "2.a", "2.b", "2.c", "2.d", "3"]
    assert "'2:'" in warnings_of(items["2"])[0] and "'d)'" in warnings_of(items["2.d"])[0]


def test_a_capital_read_for_a_small_letter_but_a_list_of_capitals_kept():
    text = (
        "KẾ HOẠCH\nKiểm tra\n\nYêu cầu:\n\n"
        "1. Kiểm soát:\na) Đo;\nb) Quét;\nC) Khai báo;\nd) Cách ly.\n"
    )
    items = {item.code: item for item, _d, _p in import_directive(text).walk()}
    assert list(items) == ["1", "1.a", "1.b", "1.c", "1.d"]
    assert "'C)'" in warnings_of(items["1.c"])[0]
    capitals = "KẾ HOẠCH\nKiểm tra\n\nYêu cầu:\n\n1. Kiểm soát:\nA) Đo;\nB) Quét.\n"
    result = import_directive(capitals)
    assert not any(warnings_of(item) for item, _d, _p in result.walk())
