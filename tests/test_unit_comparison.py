"""One unit's self-assessment against its inspection as PDF and Word, written by
`kiemtra compare --round R --unit U -o FILE` on the demo data and read back as people will
(pdftotext, python-docx)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from models.demo import generate_demo
from models.queries.comparison import round_comparison
from models.services.rounds import list_rounds
from models.vocabulary import percent_text
from qt_app.cli.main import main as kiemtra


@pytest.fixture
def worst(database):
    """The round and unit whose inspection found the most items it had called Đạt failed."""
    generate_demo(database, units=120, seed=5)
    with database.session() as session:
        pairs = [
            (unit, r)
            for r in list_rounds(session)
            if r.kind == "tu-danh-gia"
            for unit in round_comparison(session, r.id).units
        ]
    return max(pairs, key=lambda pair: pair[0].overstated)


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


def test_one_units_comparison_as_pdf_and_word_says_the_same(worst, db_path, tmp_path):
    unit, info = worst
    overstated = [p for p in unit.items if p.verdict == "overstated"]
    assert overstated
    texts = []
    for name in ("so-sanh.pdf", "so-sanh.docx"):
        target = tmp_path / name
        args = ["--db", str(db_path), "compare", "--round", str(info.id)]
        assert kiemtra([*args, "--unit", str(unit.unit_id), "-o", str(target)]) == 0
        texts.append(_pdf_text(target) if name.endswith(".pdf") else _docx_text(target))
    for text in texts:
        assert "SO SÁNH TỰ ĐÁNH GIÁ VÀ KẾT QUẢ KIỂM TRA" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert unit.unit_name in text and info.name in text
        codes = ", ".join(p.code for p in overstated)
        assert (
            "Số mục đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt: "
            f"{unit.overstated} (mục {codes})."
        ) in text
        assert f"khớp: {unit.agreed} ({percent_text(unit.agreement)})" in text
        assert f"theo kết quả kiểm tra: {percent_text(unit.inspection_compliance)}" in text
        for pair in overstated:
            assert pair.requirement[:30] in text
        assert "TRƯỞNG ĐOÀN" in text and unit.inspector in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "so-sanh.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded


def test_a_unit_with_nothing_to_compare_is_told_and_nothing_is_written(
    worst, database, db_path, tmp_path, capsys
):
    from models.services.rounds import expected_units

    unit, info = worst
    with database.session() as session:
        compared = {u.unit_id for u in round_comparison(session, info.id).units}
        lonely = next(u for u in expected_units(session, info.id) if u not in compared)
    target = tmp_path / "so-sanh.pdf"
    args = ["--db", str(db_path), "compare", "--round", str(info.id), "-o", str(target)]
    assert kiemtra([*args, "--unit", str(lonely)]) == 1
    err = capsys.readouterr().err
    assert "chưa có gì để so sánh" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert kiemtra([*args[:-1], str(tmp_path / "so-sanh.odt"), "--unit", str(unit.unit_id)]) == 1
    assert ".xlsx" in capsys.readouterr().err
    assert list(tmp_path.glob("so-sanh*")) == []
