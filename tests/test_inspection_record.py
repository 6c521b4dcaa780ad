"""The inspection record (biên bản kiểm tra) of a demo inspection that found an overstated
item, written by `kiemtra export record` as PDF and Word, and read back as people will."""

from __future__ import annotations

import pytest
from docx import Document

from models.demo import generate_demo
from models.queries.comparison import round_comparison
from models.services.rounds import list_rounds
from qt_app.cli.main import main as kiemtra
from tests.readers import pdftotext, soffice

DETAILS = [
    "--place",
    "Trụ sở hợp tác xã",
    "--team",
    "Lê Minh Châu — Trưởng đoàn",
    "--team",
    "Đỗ Văn Hải",
    "--representative",
    "Nguyễn Văn An — Giám đốc",
    "--recorder",
    "Phạm Thu Trang",
    "--remarks",
    "Đơn vị nhất trí với kết quả kiểm tra.",
]


@pytest.fixture
def inspected(database):
    """A unit whose inspection found an item it had called Đạt to be Chưa đạt."""
    generate_demo(database, units=120, seed=5)
    with database.session() as session:
        units = [
            unit
            for r in list_rounds(session)
            if r.kind == "tu-danh-gia"
            for unit in round_comparison(session, r.id).units
        ]
    return max(units, key=lambda u: u.overstated)


def test_the_record_as_pdf_and_word_says_the_same(inspected, db_path, tmp_path, capsys):
    pdf, docx = tmp_path / "bien-ban.pdf", tmp_path / "bien-ban.docx"
    for path in (pdf, docx):
        args = ["--db", str(db_path), "export", "record", str(inspected.inspection_id)]
        assert kiemtra([*args, "-o", str(path), *DETAILS]) == 0
    overstated = [p for p in inspected.items if p.verdict == "overstated"]
    assert overstated

    text = " ".join(pdftotext(pdf, "-layout").split())
    document = Document(str(docx))
    words = " ".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]
    )
    words = " ".join(words.split())
    for shown in (text, words):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in shown and "BIÊN BẢN KIỂM TRA" in shown
        assert "Trụ sở hợp tác xã" in shown and inspected.unit_name in shown
        assert "Nguyễn Văn An — Giám đốc" in shown and "Đỗ Văn Hải" in shown
        assert "Đơn vị nhất trí với kết quả kiểm tra." in shown
        assert "TRƯỞNG ĐOÀN" in shown and "NGƯỜI GHI BIÊN BẢN" in shown
        assert "ĐẠI DIỆN ĐƠN VỊ" in shown and "Phạm Thu Trang" in shown
        codes = ", ".join(p.code for p in overstated)
        assert f"{len(overstated)} nội dung đơn vị tự đánh giá Đạt" in shown
        assert f"(mục {codes})" in shown
    # Word: the findings table has the unit's answer beside the inspector's, item by item.
    findings = next(t for t in document.tables if t.rows[0].cells[0].text == "Mục")
    rows = {r.cells[0].text.split(" ")[0]: [c.text for c in r.cells] for r in findings.rows[1:]}
    for pair in overstated:
        assert rows[pair.code][2] == "Chưa đạt"
        assert rows[pair.code][3] == "Đạt (Tự đánh giá cao hơn)"


def test_a_self_assessment_has_no_record(inspected, db_path, tmp_path, capsys):
    target = tmp_path / "x.pdf"
    args = ["--db", str(db_path), "export", "record", str(inspected.self_id), "-o", str(target)]
    assert kiemtra(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tự đánh giá" in err and not target.exists()
    args[-1] = str(tmp_path / "x.txt")
    args[4] = str(inspected.inspection_id)
    assert kiemtra(args) == 1
    assert ".docx" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_libreoffice_opens_the_word_record(inspected, db_path, tmp_path):
    docx = tmp_path / "bien-ban.docx"
    args = ["--db", str(db_path), "export", "record", str(inspected.inspection_id)]
    assert kiemtra([*args, "-o", str(docx), *DETAILS]) == 0
    (pdf,) = soffice([docx], tmp_path / "lo")
    text = " ".join(pdftotext(pdf, "-layout").split())
    assert "BIÊN BẢN KIỂM TRA" in text and inspected.unit_name in text
    assert "Phạm Thu Trang" in text
