"""A round's self-assessments against its inspections as a "Báo cáo" in the administrative
layout: written by `kiemtra compare --round R -o FILE.pdf|.docx` on the demo data (whose
inspectors sometimes find "Chưa đạt" where the unit said "Đạt") and read back as people will
(pdftotext, pdffonts, python-docx, LibreOffice); every figure is the comparison read
model's."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from models.config import (
    ISSUING_BODY,
    ISSUING_PARENT,
    ISSUING_PLACE,
    SIGNER_NAME,
    SIGNER_TITLE,
    Config,
)
from models.db import Database
from models.demo import generate_demo
from models.queries.comparison import RoundComparison, round_comparison
from models.queries.documents import directive_numbers
from models.services.rounds import create_round, list_rounds
from models.services.units import create_unit
from models.vocabulary import percent_text
from qt_app.cli.main import main as kiemtra
from tests.readers import pdftotext, soffice

ISSUER = {
    ISSUING_PARENT: "UBND tỉnh Quảng Ninh",
    ISSUING_BODY: "Liên minh Hợp tác xã tỉnh Quảng Ninh",
    ISSUING_PLACE: "Quảng Ninh",
    SIGNER_TITLE: "Chủ tịch",
    SIGNER_NAME: "Nguyễn Văn Hùng",
}


@pytest.fixture
def compared(database) -> RoundComparison:
    """The demo round with the most units compared, among those whose inspections found
    overstated answers; the office named in the settings."""
    Config().set_many(ISSUER)
    generate_demo(database, units=120, seed=5)
    with database.session() as session:
        rounds = [r for r in list_rounds(session) if r.kind == "tu-danh-gia"]
        comparisons = [round_comparison(session, r.id) for r in rounds]
    overstating = [c for c in comparisons if c.totals.overstated]
    chosen = max(overstating, key=lambda c: (len(c.units), c.round.period))
    assert chosen.totals.overstated > 0 and len(chosen.units) > 5
    return chosen


def write(db_path: Path, round_id: object, target: Path) -> int:
    return kiemtra(["--db", str(db_path), "compare", "--round", str(round_id), "-o", str(target)])


def pdf_pages(path: Path) -> list[str]:
    """Each page as ``pdftotext -layout`` reads it, its page number line left out."""
    text = pdftotext(path, "-layout")
    return [
        "\n".join(line for line in page.splitlines() if not line.strip().isdigit())
        for page in text.split("\f")[:-1]
    ]


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def flat(text: str) -> str:
    return " ".join(text.split())


def stated(comparison: RoundComparison, database: Database) -> list[str]:
    """Sentences the body must say, each figure taken from the read model, each requirement
    named with its checklist's directive."""
    totals = comparison.totals
    worst = [u for u in comparison.units if u.overstated][0]
    item = [t for t in comparison.items if t.overstated][0]
    with database.session() as session:
        document = directive_numbers(session, [item.checklist])[item.checklist]
    return [
        f"Cách tính: {comparison.basis()}",
        "Số đơn vị có cả bài tự đánh giá đã nộp và bài kiểm tra đã nộp: "
        f"{len(comparison.units)}/{comparison.round.expected} đơn vị của đợt",
        f"Số mục so sánh được: {totals.compared}; khớp: {totals.agreed}; tỷ lệ khớp chung: "
        f"{percent_text(totals.agreement)}.",
        "Số câu trả lời đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt: "
        f"{totals.overstated}.",
        f"Các đơn vị tự đánh giá cao hơn nhiều nhất: {worst.unit_name} ({worst.overstated} "
        f"mục, khớp {percent_text(worst.agreement)})",
        f"mục {item.key} ({document}) — {item.name} ({item.overstated} trong {item.units} đơn vị",
    ]


def names(comparison: RoundComparison) -> list[str]:
    """Every name and requirement the annexes print."""
    return [
        *(u.unit_name for u in comparison.units),
        *(t.name for t in comparison.items),
        *(a.name for a in comparison.areas),
    ]


def test_the_round_report_as_pdf_is_an_administrative_document(
    compared, database, db_path, tmp_path
):
    target = tmp_path / "so-sanh-dot.pdf"
    assert write(db_path, compared.round.id, target) == 0
    pages = pdf_pages(target)
    first = pages[0]
    for expected in (
        "UBND TỈNH QUẢNG NINH",
        "LIÊN MINH HỢP TÁC XÃ TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Quảng Ninh, ngày",
        "I. TÌNH HÌNH CHUNG",
        "II. KẾT QUẢ SO SÁNH",
    ):
        assert expected in first, expected
    assert re.search(r"Số:\s{8,}/BC", first)
    assert "So sánh tự đánh giá và kết quả kiểm tra" in flat(first)
    body = flat("\n".join(pages))
    for sentence in stated(compared, database):
        assert sentence in body, sentence
    # The signer and Nơi nhận come after section III, with its last lines, before the annexes.
    signed = next(i for i, p in enumerate(pages) if "CHỦ TỊCH" in p)
    assert "Nơi nhận:" in pages[signed] and "Nguyễn Văn Hùng" in pages[signed]
    assert "UBND tỉnh Quảng Ninh (để báo cáo)" in flat(pages[signed])
    assert "....." in pages[signed]  # never alone on its page
    annexes = [flat(p) for p in pages[signed + 1 :]]
    for number, title in (
        ("I", "SO SÁNH THEO TỪNG ĐƠN VỊ"),
        ("II", "SO SÁNH THEO TỪNG YÊU CẦU"),
        ("III", "SO SÁNH THEO ĐỊA BÀN"),
    ):
        assert any(f"Phụ lục {number} {title} (Kèm theo Báo cáo số" in a for a in annexes)
    # Every word of every name and requirement is printed whole, diacritics intact, NFC.
    text = "\n".join(pages)
    assert unicodedata.normalize("NFC", text) == text
    printed = set(text.split())
    for name in names(compared):
        assert set(name.split()) <= printed, name
    assert not re.search(r"\d\.\d%", text)  # decimal comma only
    fonts = subprocess.run(
        ["pdffonts", str(target)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)  # embedded, subset


def test_the_round_report_as_word_says_the_same(compared, database, db_path, tmp_path):
    target = tmp_path / "so-sanh-dot.docx"
    assert write(db_path, compared.round.id, target) == 0
    text = docx_text(target)
    for expected in (
        "UBND TỈNH QUẢNG NINH",
        "LIÊN MINH HỢP TÁC XÃ TỈNH QUẢNG NINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
        "Phụ lục III",
        "SO SÁNH THEO TỪNG YÊU CẦU",
    ):
        assert expected in text, expected
    for sentence in stated(compared, database):
        assert sentence in flat(text), sentence
    document = Document(str(target))
    by_unit = next(t for t in document.tables if t.rows[0].cells[0].text == "Đơn vị")
    rows = [[c.text for c in row.cells] for row in by_unit.rows[1:]]
    assert [(r[0], r[5], r[6]) for r in rows] == [
        (u.unit_name, percent_text(u.agreement), str(u.overstated)) for u in compared.units
    ]
    by_area = next(t for t in document.tables if t.rows[0].cells[0].text == "Địa bàn")
    total = [c.text for c in by_area.rows[-1].cells]
    assert total == [
        "Tổng cộng",
        str(compared.totals.units),
        str(compared.totals.compared),
        percent_text(compared.totals.agreement),
        str(compared.totals.overstated),
    ]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_word_report(compared, database, db_path, tmp_path):
    target = tmp_path / "so-sanh-dot.docx"
    assert write(db_path, compared.round.id, target) == 0
    (converted,) = soffice([target], tmp_path / "pdf")
    text = flat("\n".join(pdf_pages(converted)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert stated(compared, database)[2] in text
    assert "Phụ lục III SO SÁNH THEO ĐỊA BÀN" in text


def test_a_round_with_nothing_to_compare_is_told_and_nothing_is_written(
    database, editor, db_path, tmp_path, capsys
):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Quyết Tiến", "htx")
        round_id = create_round(
            session,
            editor,
            name="Tự đánh giá tuần 38",
            checklists=["07-tb-cb-2021"],
            period="Tuần 38/2021",
            units=[unit],
        )
    for name in ("so-sanh.pdf", "so-sanh.docx"):
        assert write(db_path, round_id, tmp_path / name) == 1
        err = capsys.readouterr().err
        assert "chưa có gì để so sánh" in err and "Tự đánh giá tuần 38" in err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.glob("so-sanh*")) == []
