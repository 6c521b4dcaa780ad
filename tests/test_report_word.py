"""The per-unit report and the summary report as editable Word files (issue 13), read back
with python-docx and converted by LibreOffice as an office would open them: the same
sections, figures and order as the PDFs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from pathlib import Path

import pytest
from docx import Document

from models.queries.assessments import assessment_detail
from models.services import assessments as svc
from qt_app.cli import main
from reports.assessment_report import summary_lines
from reports.batch import batch_export
from reports.pdf_base import vn_long_date
from tests.readers import pdftotext, soffice, words
from tests.test_report_documents import report


def docx_text(path: Path) -> str:
    """Every paragraph of the body and its tables, in document order."""
    document = Document(str(path))
    body = document.element.body
    return " ".join(
        "".join(node.text or "" for node in element.iter() if node.tag.endswith("}t"))
        for element in body.iterchildren()
    )


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def export_assessment(database, aid, path: Path) -> Path:
    assert (
        main(["--db", str(database.path), "export", "assessment", str(aid), "-o", str(path)]) == 0
    )
    return path


def test_the_word_report_says_what_the_pdf_says_in_the_same_order(database, editor, tmp_path):
    aid, pdf = report(database, editor, tmp_path, items=15)
    docx = export_assessment(database, aid, tmp_path / "bao-cao.docx")
    in_word, in_pdf = flat(docx_text(docx)), flat(words(pdf))
    landmarks = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Tuần 38/2021",
        "I. KẾT QUẢ TỪNG NỘI DUNG",
        "II. TỔNG HỢP",
        "Tỷ lệ tuân thủ:",
        "III. BIỆN PHÁP KHẮC PHỤC",
        "Bổ sung nhân lực trực cổng",
        "Nơi nhận:",
        "Lưu: VT.",
        "XÁC THỰC BẢN GIẤY",
        "Mã xác thực:",
    ]
    for text in (in_word, in_pdf):
        places = [text.find(mark) for mark in landmarks]
        shown = list(zip(landmarks, places, strict=True))
        assert -1 not in places and places == sorted(places), str(shown)
    with database.session() as session:
        summary = summary_lines(assessment_detail(session, aid))
    assert all(flat(line) in in_word and flat(line) in in_pdf for line in summary)
    assert re.search(r"\d,\d%", in_word) and not re.search(r"\d\.\d%", in_word)
    document = Document(str(docx))
    assert re.search(r"Số:\u00a0{8,}/BC", docx_text(docx))  # room to write the number
    items = document.tables[1]  # after the national header
    assert [c.text for c in items.rows[0].cells] == [
        "Mục",
        "Nội dung yêu cầu",
        "Kết quả",
        "Ghi chú",
    ]
    assert items.rows[0]._tr.trPr is not None  # the header row repeats on every page
    answers = [row.cells[2].text for row in items.rows[1:]]
    assert "Chưa đạt" in answers and "Đạt" in answers
    with database.session() as session:
        codes = [row.cells[0].text.split(" ")[0] for row in items.rows[1:]]
        assert codes == [item.code for item in assessment_detail(session, aid).items]
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no number on page 1 (NĐ 30)
    assert 'instr="PAGE"' in section.header._element.xml
    assert "DỰ THẢO" not in section.header._element.xml  # submitted


def test_the_word_report_carries_the_verification_qr(database, editor, tmp_path):
    import zxingcpp
    from PIL import Image

    aid, _ = report(database, editor, tmp_path)
    docx = export_assessment(database, aid, tmp_path / "q.docx")
    document = Document(str(docx))
    pictures = [
        part.blob for part in document.part.package.parts if part.content_type == "image/png"
    ]
    assert len(pictures) == 1
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(pictures[0])))]
    with database.session() as session:
        digest = session.get(svc.Assessment, aid).content_hash
    assert found == [f"KTBC:{aid.hex.upper()}:{digest.upper()}"]
    assert main(["--db", str(database.path), "assessments", "verify", found[0]]) == 0


def test_a_draft_in_word_says_so_on_every_page(database, editor, tmp_path):
    aid, _ = report(database, editor, tmp_path, submit=False)
    docx = export_assessment(database, aid, tmp_path / "du-thao.docx")
    section = Document(str(docx)).sections[0]
    for header in (section.header, section.first_page_header):
        assert "DỰ THẢO" in " ".join(p.text for p in header.paragraphs)
    assert "XÁC THỰC" not in docx_text(docx)
    assert vn_long_date(dt.date.today()) in docx_text(docx)  # a draft bears the day printed


def summary_files(database, tmp_path: Path) -> tuple[Path, Path]:
    from models.config import ISSUING_BODY, ISSUING_PARENT, SIGNER_NAME, SIGNER_TITLE, Config
    from models.demo import generate_demo

    Config().set_many(
        {
            ISSUING_PARENT: "UBND tỉnh Quảng Ninh",
            ISSUING_BODY: "Liên minh Hợp tác xã tỉnh Quảng Ninh",
            SIGNER_TITLE: "Chủ tịch",
            SIGNER_NAME: "Nguyễn Văn Hùng",
        }
    )
    generate_demo(database, units=12, seed=7)
    db = str(database.path)
    paths = tmp_path / "tong-hop.pdf", tmp_path / "tong-hop.docx"
    for path in paths:
        assert main(["--db", db, "export", "summary", "--round", "2021-W39", "-o", str(path)]) == 0
    return paths


def test_the_word_summary_is_the_same_report_with_its_annexes(database, tmp_path):
    pdf, docx = summary_files(database, tmp_path)
    in_word, in_pdf = flat(docx_text(docx)), flat(words(pdf))
    landmarks = [
        "UBND TỈNH QUẢNG NINH",
        "LIÊN MINH HỢP TÁC XÃ TỈNH",
        "I. TÌNH HÌNH CHUNG",
        "Cách tính:",
        "II. KẾT QUẢ",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "UBND tỉnh Quảng Ninh (để báo cáo);",
        "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
        "Phụ lục I KẾT QUẢ TỪNG ĐƠN VỊ",
        "Phụ lục II TUÂN THỦ THEO CHỦ ĐỀ",
        "Phụ lục III CÁC YÊU CẦU CHƯA ĐẠT NHIỀU NHẤT",
        "Phụ lục IV BIỆN PHÁP KHẮC PHỤC QUÁ HẠN",
        "Phụ lục V ĐƠN VỊ CHƯA BÁO CÁO",
    ]
    for text in (in_word, in_pdf):
        places = [text.find(mark) for mark in landmarks]
        shown = list(zip(landmarks, places, strict=True))
        assert -1 not in places and places == sorted(places), str(shown)
    basis = re.search(r"Cách tính: [^.]+\.", in_pdf)
    assert basis and basis.group(0) in in_word  # the same basis, word for word
    for pattern in (r"Số đơn vị đã nộp: [\d/]+;", r"Tỷ lệ tuân thủ bình quân: [\d,]+%\."):
        found = re.search(pattern, in_pdf)
        assert found and found.group(0) in in_word
    assert "451/CV-LMHTX" in in_word and "451-cv-lmhtx-2021" not in in_word
    units = Document(str(docx)).tables
    matrix = next(t for t in units if t.rows[0].cells[0].text == "Đơn vị" and len(t.columns) == 6)
    pdf_units = pdftotext(pdf)
    assert len(matrix.rows) > 5
    for row in matrix.rows[1:]:
        assert row.cells[4].text in pdf_units  # coverage, in the same words
        assert not re.search(r"\d\.\d", row.cells[3].text)


def test_a_batch_writes_word_files_for_every_unit(database, editor, tmp_path):
    from models.demo import generate_demo

    generate_demo(database, units=6, seed=3)
    out = tmp_path / "word"
    out.mkdir()
    result = batch_export(
        database, "2021-W39", "units", "docx", out, threading.Event(), lambda *_: None
    )
    assert result.total > 0 and not result.failures
    assert len(result.files) == result.total
    for name in result.files:
        assert name.endswith(".docx") and "BÁO CÁO" in docx_text(Path(name))
    summary = tmp_path / "tong-hop.docx"
    result = batch_export(
        database, "2021-W39", "summary", "docx", summary, threading.Event(), lambda *_: None
    )
    assert result.files == [str(summary)] and "Phụ lục V" in docx_text(summary)


def test_a_form_is_not_offered_as_word(database, tmp_path, capsys):
    target = tmp_path / "phieu.docx"
    db = str(database.path)
    args = ["--db", db, "export", "form", "--checklist", "451-cv-lmhtx-2021", "-o", str(target)]
    assert main(args) == 1
    assert ".xlsx" in capsys.readouterr().err and not target.exists()


@pytest.mark.libreoffice
def test_libreoffice_opens_both_word_reports(database, editor, tmp_path):
    aid, _ = report(database, editor, tmp_path, items=15)
    unit = soffice([export_assessment(database, aid, tmp_path / "don-vi.docx")], tmp_path / "lo")[0]
    text = flat(pdftotext(unit))
    assert "BÁO CÁO" in text and "III. BIỆN PHÁP KHẮC PHỤC" in text and "Nơi nhận:" in text
    pages = pdftotext(unit).split("\f")[:-1]
    assert len(pages) >= 2 and pages[1].split()[0] == "2"  # numbered from page 2, at the top
    assert pages[0].split()[0] != "1"
    _, docx = summary_files(database, tmp_path)
    summary = flat(pdftotext(soffice([docx], tmp_path / "lo")[0]))
    assert "Phụ lục V" in summary and "Nguyễn Văn Hùng" in summary
