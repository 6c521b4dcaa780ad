"""Any directive becomes a checklist: the five source texts reproduce the shipped checklists,
documents in the shapes offices use are read in every encoding and from Word's automatic
numbering, and bad input is refused with a clear message."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import paths
from models.checklist_file import load_checklist_dir, load_checklist_file, load_themes
from models.directive_import import import_directive
from models.directive_import.output import as_json, checklist_data, to_yaml, write_checklist
from models.errors import InvalidInput, KnownError
from models.text import clean_source

SOURCES = paths.checklists_dir() / "sources"
KE_HOACH = """UBND TỈNH QUẢNG NINH
SỞ Y TẾ
Số: 1234/KH-SYT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Quảng Ninh, ngày 05 tháng 10 năm 2021

KẾ HOẠCH
Kiểm tra công tác phòng, chống dịch Covid-19 tại các cơ sở sản xuất, kinh doanh

Căn cứ Công văn số 761-CV/TU của Ban Thường vụ Tỉnh ủy; Sở Y tế xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích
Đánh giá việc thực hiện các biện pháp phòng, chống dịch tại cơ sở; kịp thời chấn chỉnh.

2. Yêu cầu
a) Kiểm tra đúng đối tượng, đúng nội dung, không gây phiền hà cho cơ sở;
b) Đoàn kiểm tra thực hiện nghiêm 5K, khai báo y tế trước khi làm việc;
c) Kết thúc kiểm tra có biên bản và báo cáo kết quả về Sở Y tế.

II. NỘI DUNG KIỂM TRA

1. Kiểm soát người và phương tiện ra vào cơ sở:
+ Bố trí điểm kiểm soát, đo thân nhiệt tại cổng;
+ Quét mã QR khai báo y tế với mọi người ra vào.

2. Phương án phòng, chống dịch của cơ sở theo phương châm “3 tại chỗ”.

III. TỔ CHỨC THỰC HIỆN

Các phòng chức năng thuộc Sở chủ trì, phối hợp thực hiện Kế hoạch này./.

Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT, NVY.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Văn Bình
"""
KE_HOACH_CODES = [
    "I",
    "I.1",
    "I.2",
    "I.2.a",
    "I.2.b",
    "I.2.c",
    "II",
    "II.1",
    "II.1.1",
    "II.1.2",
    "II.2",
    "III",
]
CHI_THI = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
Số: 15/CT-UBND

Quảng Ninh, ngày 02 tháng 8 năm 2021

CHỈ THỊ
Về tăng cường các biện pháp cấp bách phòng, chống dịch Covid-19

Trước diễn biến phức tạp của dịch bệnh, Chủ tịch UBND tỉnh chỉ thị:

1) Các sở, ban, ngành, địa phương tuyệt đối không chủ quan, lơ là; thực hiện nghiêm 5K.

2) Người đứng đầu chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để dịch lây lan.

Các trường hợp vi phạm phải được xử lý nghiêm theo quy định.

3) Tăng cường xét nghiệm sàng lọc, cách ly kịp thời các trường hợp nghi nhiễm.

Yêu cầu Thủ trưởng các sở, ngành nghiêm túc thực hiện Chỉ thị này./.

CHỦ TỊCH

Cao Tường Huy
"""
QUYET_DINH = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH
Số: 3000/QĐ-UBND
Quảng Ninh, ngày 10 tháng 9 năm 2021

QUYẾT ĐỊNH
Về việc ban hành Quy định tạm thời về kiểm soát người ra vào tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007;
Theo đề nghị của Giám đốc Sở Y tế,

QUYẾT ĐỊNH:

Điều 1. Người vào tỉnh phải khai báo y tế qua ứng dụng PC-Covid.
1. Người từ vùng có dịch phải có kết quả xét nghiệm âm tính.
2. Người không khai báo bị xử lý theo quy định.
Điều 2. Các chốt kiểm soát hoạt động 24/24 giờ.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Cao Tường Huy
"""
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed vowels, combining tones."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize(
            "NFC", parts[0] + "".join(m for m in parts[1:] if m not in _TONES)
        )
        out += base.encode("cp1258") + "".join(m for m in parts[1:] if m in _TONES).encode("cp1258")
    return bytes(out)


def shipped() -> dict[str, object]:
    _themes, specs, problems = load_checklist_dir()
    assert problems == []
    return {Path(spec.directive.source_file).name: spec for spec in specs}


def tree(result) -> list[tuple[str, str, str]]:
    return [(item.code, item.label, item.source) for item, _, _ in result.walk()]


# -- the five source directives -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_each_source_directive_gives_the_shipped_checklist(name):
    spec = shipped()[name]
    result = import_directive(SOURCES / name)
    assert tree(result) == [(i.code, i.label, i.source) for i, _, _ in spec.walk()]
    theme_ids = {t.id for t in load_themes()}
    text = clean_source(result.directive.source_text)
    for item, _, _ in result.walk():
        assert item.requirement and set(item.themes) <= theme_ids
        assert all(line in text for line in item.source.split("\n"))
    assert result.directive.source_complete == spec.directive.source_complete
    assert [i.code for i, _, _ in result.walk() if i.source_incomplete] == [
        i.code for i, _, _ in spec.walk() if i.source_incomplete
    ]


def test_the_headers_of_the_five():
    r451 = import_directive(SOURCES / "2021-09-28_451-CV-LMHTX.txt")
    d = r451.directive
    assert (d.number, d.kind, d.place, str(d.issued_on)) == (
        "451/CV-LMHTX",
        "Công văn",
        "Quảng Ninh",
        "2021-09-28",
    )
    assert d.subject.startswith("V/v triển khai đồng bộ, quyết liệt")
    assert r451.recipients == [
        "Cán bộ viên chức cơ quan và các Hợp tác xã, doanh nghiệp thành viên."
    ]
    assert r451.slug == "451-cv-lmhtx-2021" and any("cắt" in w for w in r451.warnings)
    r761 = import_directive(SOURCES / "2021-08_761-CV-TU.txt")
    assert r761.directive.number == "761-CV/TU" and r761.directive.issued_on is None
    assert r761.directive.subject == "V/v tăng cường các biện pháp phòng, chống dịch Covid-19"
    assert len(r761.recipients) == 3 and r761.signer == "Trần Đình Văn"
    assert r761.slug == "761-cv-tu-2021"
    r07 = import_directive(SOURCES / "2021-02-15_07-TB-CB.txt")
    assert r07.directive.kind == "Thông báo" and r07.signer == "Nguyễn Nam Thắng"
    assert r07.directive.issuer == "Chi bộ Trung tâm Bảo trợ xã hội (Đảng bộ CQ Sở LĐT&XH)"
    assert r07.issuer_printed == "CHI BỘ TRUNG TÂM BẢO TRỢ XÃ HỘI (ĐẢNG BỘ CQ SỞ LĐT&XH)"
    assert any("in hoa" in w and "capitals" in w for w in r07.warnings)
    r2810 = import_directive(SOURCES / "2021-06-07_2810-UBND-KGVX.txt")
    assert r2810.directive.number == "2810/UBND-KGVX" and r2810.directive.kind == "Công văn"
    assert r2810.directive.subject == (
        "Tăng cường công tác phòng, chống tại các cơ quan, đơn vị trên địa bàn tỉnh"
    )
    assert r2810.signer == "Huy Hoàng" and r2810.slug == "2810-ubnd-kgvx-2021"
    assert any("No numbering" in w for w in r2810.warnings)
    r238 = import_directive(SOURCES / "2021-08-23_TB-TU-hoi-nghi-23-8.txt")
    assert r238.directive.number is None and r238.directive.kind == "Thông báo"
    assert r238.directive.subject.endswith("tại hội nghị ngày 23/8/2021")


def test_written_checklists_load_back_in_the_shipped_format(tmp_path):
    specs = shipped()
    for name, spec in specs.items():
        result = import_directive(SOURCES / name)
        path = write_checklist(result, tmp_path / f"{spec.slug}.yaml")
        loaded = load_checklist_file(path, {t.id for t in load_themes()})
        assert [(i.code, i.label, i.source) for i, _, _ in loaded.walk()] == tree(result)
        assert loaded.directive.source_text.rstrip("\n") == result.directive.source_text
        shipped_keys = (paths.checklists_dir() / spec.file).read_text(encoding="utf-8")
        written = path.read_text(encoding="utf-8")
        top = [line.split(":")[0] for line in written.splitlines()[:5]]
        assert top == [line.split(":")[0] for line in shipped_keys.splitlines()[:5]]
        for key in (
            "directive:",
            "  number:",
            "  source_file:",
            "items:",
            '  - code: "1"',
            '    label: "1."' if spec.items[0].label else '    label: ""',
            "    requirement:",
            "    themes: [",
        ):
            assert key in written
    result = import_directive(SOURCES / "2021-08-23_TB-TU-hoi-nghi-23-8.txt")
    assert "    source: |-\n" in to_yaml(checklist_data(result))


def test_json_has_the_shape_of_checklists_show():
    data = as_json(import_directive(SOURCES / "2021-08-23_TB-TU-hoi-nghi-23-8.txt"))
    assert {"id", "version", "title", "directive", "items", "warnings"} <= set(data)
    assert set(data["directive"]) == {"number", "kind", "issuer", "issued_on", "subject"}
    item4 = data["items"][3]
    assert set(item4) == {
        "code",
        "label",
        "requirement",
        "source",
        "themes",
        "critical",
        "role",
        "valid_until",
        "addressees",
        "addressed_bodies",
        "proposed",
        "children",
    }
    assert item4["role"] == "heading" and item4["valid_until"] == "2021-09-05"
    assert [c["code"] for c in item4["children"]] == ["4.1", "4.2", "4.3"]
    assert item4["children"][1]["label"] == "(2)"


# -- documents in the shapes offices use --------------------------------------------------


def test_ke_hoach_with_sections_items_letters_and_plus_bullets():
    result = import_directive(KE_HOACH)
    assert [i.code for i, _, _ in result.walk()] == KE_HOACH_CODES
    items = {i.code: i for i, _, _ in result.walk()}
    assert (items["I.2.b"].label, items["II.1.1"].label, items["III"].label) == ("b)", "+", "III.")
    assert items["I.1"].source == (
        "Mục đích\nĐánh giá việc thực hiện các biện pháp phòng, chống "
        "dịch tại cơ sở; kịp thời chấn chỉnh."
    )
    assert items["III"].source.endswith("thực hiện Kế hoạch này./.")
    assert {"5k", "khai-bao-y-te"} <= set(items["I.2.b"].themes)
    assert "kiem-soat-ra-vao" in items["II.1"].themes
    d = result.directive
    assert (d.number, d.kind, d.issuer, str(d.issued_on)) == (
        "1234/KH-SYT",
        "Kế hoạch",
        "Sở Y tế (UBND tỉnh Quảng Ninh)",
        "2021-10-05",
    )
    assert d.subject.startswith("Kiểm tra công tác phòng, chống dịch")
    assert result.signer == "Nguyễn Văn Bình" and result.slug == "1234-kh-syt-2021"


def test_chi_thi_numbered_with_parentheses_and_its_closing_left_out():
    result = import_directive(CHI_THI)
    assert [(i.code, i.label) for i, _, _ in result.walk()] == [
        ("1", "1)"),
        ("2", "2)"),
        ("3", "3)"),
    ]
    assert result.items[1].source.endswith(
        "\nCác trường hợp vi phạm phải được xử lý nghiêm theo quy định."
    )
    assert "Thủ trưởng" not in result.items[2].source
    assert result.directive.kind == "Chỉ thị" and result.signer == "Cao Tường Huy"
    assert result.items[0].requirement == (
        "Các sở, ban, ngành, địa phương tuyệt đối không chủ quan, lơ là; thực hiện nghiêm 5K."
    )


def test_quyet_dinh_articles_and_their_clauses():
    result = import_directive(QUYET_DINH)
    assert [(i.code, i.label) for i, _, _ in result.walk()] == [
        ("1", "Điều 1."),
        ("1.1", "1."),
        ("1.2", "2."),
        ("2", "Điều 2."),
        ("3", "Điều 3."),
    ]
    assert result.items[0].source == "Người vào tỉnh phải khai báo y tế qua ứng dụng PC-Covid."
    assert result.directive.kind == "Quyết định"
    assert result.directive.subject.startswith("Về việc ban hành Quy định tạm thời")


def test_inline_numbers_and_markdown_emphasis():
    text = (
        "Số: 9/TB-VP\n\nTHÔNG BÁO\n\n1. Yêu cầu các đơn vị: **(1)** Đeo khẩu trang nơi công "
        "cộng; **(2)** Khai báo y tế điện tử.\nTiếp tục theo dõi, báo cáo.\n\n2. Không tập "
        "trung\u00a0đông người.\n"
    )
    result = import_directive(text)
    assert tree(result) == [
        ("1", "1.", "Yêu cầu các đơn vị:\nTiếp tục theo dõi, báo cáo."),
        ("1.1", "(1)", "Đeo khẩu trang nơi công cộng;"),
        ("1.2", "(2)", "Khai báo y tế điện tử."),
        ("2", "2.", "Không tập trung đông người."),
    ]
    assert "gian-cach" in result.items[1].themes


def test_themes_ignore_diacritics():
    result = import_directive(
        "1. Vận động người dân khai bao y te qua ung dung Bluezone.\n"
        "2. To chuc xet nghiem sang loc.\n"
    )
    assert "khai-bao-y-te" in result.items[0].themes
    assert "xet-nghiem-cach-ly" in result.items[1].themes


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16"),
        (lambda t: t.encode("utf-16-be"), "utf-16"),
        (to_cp1258, "cp1258"),
        (lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
    ],
)
@pytest.mark.parametrize("text", [KE_HOACH, CHI_THI], ids=["ke-hoach", "chi-thi"])
def test_the_same_text_in_every_encoding(tmp_path, text, encode, encoding):
    path = tmp_path / "van-ban.txt"
    path.write_bytes(encode(text))
    result = import_directive(path)
    assert result.encoding == encoding
    assert tree(result) == tree(import_directive(text))
    assert result.directive.issuer == import_directive(text).directive.issuer
    assert unicodedata.is_normalized("NFC", result.directive.source_text)
    if encoding != "utf-8-sig":
        assert any(("UTF-16" if encoding == "utf-16" else "1258") in w for w in result.warnings)


def test_cp1258_stores_tones_as_combining_marks_and_reads_back_as_nfc():
    raw = to_cp1258("Khai báo y tế")
    assert b"\xec" in raw  # the acute accent as its own byte, after the vowel
    result = import_directive(
        raw + b"\r\n1. Th\xf4ng b\xe1o\r\n2. Ki\xea\xd2m tra\r\n", name="a.txt"
    )
    assert [i.source for i in result.items] == ["Thông báo", "Kiểm tra"]


# -- Word documents -----------------------------------------------------------------------


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_list(
    document, abstract_id: int, levels: list[tuple[str, str]], nums: list[tuple[int, int | None]]
) -> None:
    """An abstract numbering definition and its instances (with an optional restart)."""
    w = nsdecls("w")
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    )
    for num_id, restart in nums:
        override = (
            (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart}"/></w:lvlOverride>')
            if restart
            else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {w} w:numId="{num_id}"><w:abstractNumId '
                f'w:val="{abstract_id}"/>{override}</w:num>'
            )
        )


def numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )
    return paragraph


def test_docx_with_words_list_number_and_list_bullet_styles():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "SỞ Y TẾ\nSố: 77/KH-SYT"
    table.cell(0, 1).text = "Quảng Ninh, ngày 1 tháng 11 năm 2021"
    for text in (
        "KẾ HOẠCH",
        "Phòng, chống dịch trong trường học",
        "Sở Y tế đề nghị các đơn vị thực hiện các nội dung sau:",
    ):
        document.add_paragraph(text)
    document.add_paragraph("Xây dựng phương án phòng, chống dịch.", style="List Number")
    document.add_paragraph("Bố trí phòng cách ly tạm thời.", style="List Bullet")
    document.add_paragraph("Chuẩn bị khẩu trang, dung dịch sát khuẩn.", style="List Bullet")
    document.add_paragraph("Học sinh khai báo y tế hằng ngày.", style="List Number")
    document.add_paragraph("Nơi nhận:")
    assert all(not p.text[:1].isdigit() for p in document.paragraphs)
    result = import_directive(docx_bytes(document), name="ke-hoach.docx")
    assert [(i.code, i.label, i.source) for i, _, _ in result.walk()] == [
        ("1", "1.", "Xây dựng phương án phòng, chống dịch."),
        ("1.1", "•", "Bố trí phòng cách ly tạm thời."),
        ("1.2", "•", "Chuẩn bị khẩu trang, dung dịch sát khuẩn."),
        ("2", "2.", "Học sinh khai báo y tế hằng ngày."),
    ]
    assert result.encoding == "docx" and result.directive.number == "77/KH-SYT"
    assert str(result.directive.issued_on) == "2021-11-01"
    assert "1. Xây dựng phương án" in result.directive.source_text


def test_docx_explicit_numbering_levels_formats_and_restarts(tmp_path):
    document = docx.Document()
    add_list(
        document,
        90,
        [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")],
        [(91, None)],
    )
    add_list(document, 80, [("decimal", "(%1)")], [(81, None), (82, 1)])
    document.add_paragraph("KẾ HOẠCH")
    numbered(document, "MỤC ĐÍCH", 91, 0)
    numbered(document, "Bảo vệ sức khỏe người lao động.", 91, 1)
    numbered(document, "Có phương án xử lý ca nghi nhiễm.", 91, 2)
    numbered(document, "Có khu cách ly tạm thời.", 91, 2)
    numbered(document, "Bố trí nhân viên y tế.", 91, 3)
    numbered(document, "NHIỆM VỤ", 91, 0)
    numbered(document, "Kiểm soát ra vào.", 91, 1)
    document.add_paragraph("Đoạn tiếp theo không có số.")
    numbered(document, "Đo thân nhiệt.", 81, 0)
    numbered(document, "Rửa tay.", 81, 0)
    numbered(document, "Khai báo.", 82, 0)
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    result = import_directive(path)
    assert [(i.code, i.label) for i, _, _ in result.walk()] == [
        ("I", "I."),
        ("I.1", "1."),
        ("I.1.a", "a)"),
        ("I.1.b", "b)"),
        ("I.1.b.1", "-"),
        ("II", "II."),
        ("II.1", "1."),
        ("II.1.1", "(1)"),
        ("II.1.2", "(2)"),
        ("II.1.1b", "(1)"),
    ]
    assert result.items[1].children[0].source == "Kiểm soát ra vào.\nĐoạn tiếp theo không có số."
    assert any("repeats" in w for w in result.warnings)


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, name, words",
    [
        (b"", "trong.txt", "trống"),
        (b"  \r\n\t\n", "trong.txt", "trống"),
        (bytes(range(256)) * 40, "anh.txt", "không phải văn bản"),
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), "anh.txt", "ảnh quét"),
        (b"this is not a zip", "hong.docx", "không phải tệp Word"),
        (b"%PDF-1.7\n%...", "van-ban.pdf", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cu.doc", ".doc"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        import_directive(path)
    assert words in caught.value.vi and caught.value.en


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "bang-tinh.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InvalidInput, match="word/document.xml"):
        import_directive(path)
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(InvalidInput, match="docx"):
        import_directive(broken)


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, takes no disk space
    with pytest.raises(InvalidInput) as caught:
        import_directive(path)
    assert "20 MB" in caught.value.vi and "20 MB" in caught.value.en


def test_no_structure_gives_one_item_per_paragraph_with_a_warning():
    text = (
        "Để chủ động phòng dịch, đề nghị các đơn vị thực hiện:\n\n"
        "Đeo khẩu trang khi ra khỏi nhà.\n\nKhai báo y tế trung thực.\n\n"
        "Hạn chế tập trung đông người.\n"
    )
    result = import_directive(text)
    assert [(i.code, i.label) for i in result.items] == [("1", ""), ("2", ""), ("3", "")]
    assert result.items[1].source == "Khai báo y tế trung thực."
    assert any("No numbering was recognised" in w for w in result.warnings)


def test_a_missing_file_and_an_empty_paste():
    with pytest.raises(InvalidInput):
        import_directive(Path("/khong/co/tep.txt"))
    with pytest.raises(InvalidInput):
        import_directive("   \n\n ")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "1. ",
                    "a) ",
                    "(1) ",
                    "(2) ",
                    "- ",
                    "+ ",
                    "I. ",
                    "Điều 1. ",
                    "\n",
                    "\n\n",
                    "Nơi nhận:",
                    "Kính gửi: ",
                    "Số: 1/CV-X",
                    "T/M BAN",
                    "Nguyễn Văn A",
                    "**",
                    "khai báo y tế. ",
                    ":",
                    "/.",
                    "Thừa lệnh",
                    "KẾ HOẠCH",
                    "V/v x",
                    "\u00a0",
                    "đ) ",
                    "C. ",
                    "1.1. ",
                ]
            ),
            st.text(max_size=6),
        ),
        max_size=30,
    )
)
def test_any_text_gives_a_draft_or_a_clear_message(parts):
    try:
        result = import_directive("".join(parts))
    except KnownError:
        return
    for item, _, _ in result.walk():
        assert item.source and item.requirement and "*" not in item.source
    as_json(result)


# -- review, drafts and publishing (headless) ---------------------------------------------


def test_review_operations_keep_sources_verbatim_and_renumber():
    from models.directive_import import review

    result = import_directive(KE_HOACH)
    items = result.items
    before = [i.code for i, _, _ in result.walk()]
    review.renumber(items)
    assert [i.code for i, _, _ in result.walk()] == before
    mission = items[0].children[0]
    new = review.split_item(items, mission, mission.source.index("\n"))
    assert (mission.source, new.source, new.code, new.label) == (
        "Mục đích",
        "Đánh giá việc thực hiện các biện pháp phòng, chống dịch tại cơ sở; kịp thời chấn chỉnh.",
        "I.1b",
        "",
    )
    assert items[0].children[2].code == "I.2"  # the printed "2." keeps its number
    review.merge_with_next(items, mission)
    assert (
        mission.source == "Mục đích\nĐánh giá việc thực hiện các biện pháp phòng, chống dịch "
        "tại cơ sở; kịp thời chấn chỉnh."
    )
    requirements = items[0].children[1]
    review.move(items, requirements, -1)
    assert [c.label for c in items[0].children] == ["2.", "1."]
    review.outdent(items, requirements)
    assert [i.code for i in items] == ["I", "2", "II", "III"]
    review.indent(items, requirements)
    assert items[0].children[-1] is requirements and requirements.code == "I.2"
    with pytest.raises(InvalidInput):
        review.outdent(items, items[0])
    with pytest.raises(InvalidInput):
        review.split_item(items, items[2], 0)
    display = review.display_text(result.directive.source_text)
    assert all(spans for _item, spans in review.item_spans(display, items))


def test_drafts_survive_in_the_meta_table(database):
    from models.directive_import import drafts

    result = import_directive(CHI_THI)
    with database.begin() as session:
        draft_id = drafts.save_draft(session, drafts.result_to_draft(result))
    with database.begin() as session:
        data = drafts.load_draft(session, draft_id)
        data["items"][0]["requirement"] = "Thực hiện nghiêm 5K"
        drafts.save_draft(session, data)
    with database.session() as session:
        listed = drafts.list_drafts(session)
        again = drafts.draft_to_result(drafts.load_draft(session, draft_id))
    assert [d["id"] for d in listed] == [draft_id]
    assert again.items[0].requirement == "Thực hiện nghiêm 5K"
    assert tree(again) == tree(result) and again.directive.issued_on == result.directive.issued_on
    with database.begin() as session:
        drafts.delete_draft(session, draft_id)
        assert drafts.list_drafts(session) == []
        with pytest.raises(KnownError):
            drafts.load_draft(session, draft_id)


def test_publish_as_a_new_checklist_then_as_its_next_version(database, editor):
    from models.audit import history
    from models.catalog import show_checklist
    from models.directive_import.drafts import publish_draft

    result = import_directive(KE_HOACH)
    with database.begin() as session:
        first = publish_draft(session, result, result.slug, editor)
    result.items[0].critical = True
    with database.begin() as session:
        second = publish_draft(session, result, result.slug, editor)
        shown = show_checklist(session, result.slug)
        entries = history(session, entity_id=__import__("uuid").UUID(second["version_id"]))
    assert (first["version"], second["version"]) == (1, 2)
    assert shown["version"] == 2 and shown["items"][0]["critical"] is True
    assert [i["code"] for i in shown["items"]] == ["I", "II", "III"]
    assert entries[0].action == "publish" and entries[0].actor == editor.name
    with database.begin() as session, pytest.raises(InvalidInput):
        publish_draft(session, result, "Không Hợp Lệ", editor)
    with database.begin() as session:
        third = publish_draft(session, import_directive(CHI_THI), "451-cv-lmhtx-2021", editor)
    shipped_version = load_checklist_file(paths.checklists_dir() / "451-cv-lmhtx-2021.yaml").version
    assert third["version"] == shipped_version + 1
