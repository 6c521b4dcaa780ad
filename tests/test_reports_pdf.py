"""PDFs as poppler reads them: the Vietnamese text comes back exactly, every font is
embedded, the table header repeats on each page, pages say "Trang X/Y", and user text is
escaped rather than taken for markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import unicodedata
import uuid
from pathlib import Path

import pytest

from models.audit import Editor
from models.catalog import get_version
from models.demo import generate_demo
from models.device import LocalDevice
from models.opening import open_database
from models.queries.assessments import assessment_detail, list_assessments
from models.queries.items import ItemRow
from models.queries.summary import select_round
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit
from qt_app.cli import main
from reports.form_identity import FormIdentity
from reports.pdf_assessment import AssessmentDocument, write_assessment_pdf
from reports.pdf_form import write_form_pdf
from reports.pdf_summary import write_summary_pdf
from reports.rows import form_spec
from tests.readers import pages, words

ROUND = "Tuần 38/2021"
UNIT = "HTX Dịch vụ tổng hợp Quảng Long"


def assert_fonts_embedded(path: Path) -> None:
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines, "no font at all"
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column
        assert "LiberationSerif" in line, line


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("pdf")
    device = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-000000000003"), name="pdf-pc")
    database = open_database(root / "db.sqlite3", device=device)
    editor = Editor(device.id, "Trần Thị Thảo")
    generate_demo(database, units=12, seed=7)
    with database.session() as session:
        unit = create_unit(
            session, editor, UNIT, "htx", address="Xã Quảng Long, Huyện Hải Hà, Quảng Ninh"
        )
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        aid = svc.start_assessment(
            session, editor, unit, version.id, ROUND, assessor="Trần Thị Thảo"
        )
        first = version.items[0]
        record_answer(session, editor, aid, first.id, "chua-dat")
        set_note(
            session, editor, aid, first.id, "Thiếu Khẩu trang y tế <b>&amp; nước sát khuẩn</b>"
        )
        set_corrective_action(
            session,
            editor,
            aid,
            first.id,
            "Mua bổ sung khẩu trang",
            "Lê Văn Long",
            dt.date(2021, 9, 30),
        )
        for code in ("5.1", "5.2", "5.3"):  # asked of a cooperative, as item 1 (issue 16)
            item = next(i for i in version.items if i.code == code)
            record_answer(session, editor, aid, item.id, "dat")
        files = {
            "assessment": root / "assessment.pdf",
            "summary": root / "summary.pdf",
            "blank": root / "blank.pdf",
            "unit": root / "unit.pdf",
        }
        today = dt.date(2021, 9, 28)
        write_assessment_pdf(session, aid, files["assessment"], today=today)
        write_summary_pdf(
            session, select_round(session, ROUND), files["summary"], as_of=dt.date(2021, 10, 15)
        )
        write_form_pdf(form_spec(session, "451-cv-lmhtx-2021"), files["blank"], today=today)
        unit_spec = form_spec(session, "761-cv-tu-2021", unit_id=unit, period=ROUND)
        write_form_pdf(unit_spec, files["unit"], today=today)
        report = assessment_detail(session, aid)
    yield {
        "database": database,
        "aid": aid,
        "files": files,
        "report": report,
        "unit_spec": unit_spec,
        "root": root,
    }
    database.close()


def test_assessment_report_reads_back_exactly(world):
    path = world["files"]["assessment"]
    text = words(path)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        UNIT.upper(),
        UNIT,
        "Quảng Ninh, ngày 28 tháng 9 năm 2021",
        "BÁO CÁO",
        "Chưa đạt",
        "Khẩu trang",
        "Trần Thị Thảo",
        "NGƯỜI ĐÁNH GIÁ",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "Mua bổ sung khẩu trang",
        "Lê Văn Long",
        "30/09/2021",
        "Tuần 38/2021",
        "(Ký tên, đóng dấu)",
    ):
        assert expected in text, expected
    assert "<b>&amp; nước sát khuẩn</b>" in text  # escaped, not taken as markup
    texts = pages(path)
    assert all(page.split()[0] == str(n) for n, page in enumerate(texts, 1) if n > 1)
    assert_fonts_embedded(path)


def test_dates_are_written_as_decree_30_asks():
    from reports.pdf_base import vn_long_date

    assert vn_long_date(dt.date(2021, 2, 5)) == "ngày 05 tháng 02 năm 2021"
    assert vn_long_date(dt.date(2021, 9, 28)) == "ngày 28 tháng 9 năm 2021"


def test_every_pdf_embeds_its_fonts(world):
    for path in world["files"].values():
        assert_fonts_embedded(path)


def test_decomposed_text_is_drawn_composed(world, tmp_path):
    report = world["report"]
    decomposed = unicodedata.normalize("NFD", "Trường Mầm non Hoa Hồng")
    header = dataclasses.replace(report.header, unit_name=decomposed, parent_unit=None)
    odd = dataclasses.replace(report, header=header)
    AssessmentDocument(odd).render(tmp_path / "nfd.pdf")
    text = words(tmp_path / "nfd.pdf")
    assert "Trường Mầm non Hoa Hồng" in text
    assert "TRƯỜNG MẦM NON HOA HỒNG" in text


def test_long_table_repeats_its_header_on_every_page(world, tmp_path):
    report = world["report"]
    items = [
        ItemRow(
            item_id=uuid.uuid4(),
            code=f"{n}",
            label=f"{n}.",
            depth=0,
            requirement=f"Yêu cầu số {n}: kiểm soát người ra vào, đeo khẩu trang",
            source="",
            weight=1.0,
            critical=False,
            status="chua-dat" if n % 3 else "dat",
            note="Chưa thực hiện đầy đủ",
        )
        for n in range(1, 120)
    ]
    AssessmentDocument(dataclasses.replace(report, items=items)).render(tmp_path / "long.pdf")
    texts = pages(tmp_path / "long.pdf")
    assert len(texts) >= 4
    table_pages = [p for p in texts if "Yêu cầu số" in p]
    assert len(table_pages) >= 3
    assert all("Nội dung yêu cầu" in page for page in table_pages)


def test_forms_print_their_identity(world):
    spec = world["unit_spec"]
    identity = FormIdentity.of(spec)
    text = words(world["files"]["unit"])
    assert UNIT in text and "Tuần 38/2021" in text
    assert identity.short_code() in text
    for label in ("Đạt", "Chưa đạt", "một", "phần", "áp dụng", "Ghi chú:"):  # wrapped cells
        assert label in text
    texts = pages(world["files"]["unit"])
    assert all("Mã phiếu: KT1 761-cv-tu-2021 v2" in page for page in texts)
    blank = words(world["files"]["blank"])
    assert "PHIẾU TỰ ĐÁNH GIÁ" in blank and "đv:- kỳ:-" in blank


def test_summary_pdf(world):
    text = words(world["files"]["summary"])
    for expected in (
        "BÁO CÁO",
        "Tuần 38/2021",
        "TUÂN THỦ THEO CHỦ ĐỀ",
        UNIT,
        "CÁC YÊU CẦU CHƯA ĐẠT NHIỀU NHẤT",
        "Mua bổ sung khẩu trang",
        "Tính đến ngày 15/10/2021",
        "Tốt (từ 90%)",
    ):
        assert expected in text, expected


def test_export_pdf_commands(world, tmp_path):
    db = str(world["database"].path)
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "assessment",
                str(world["aid"]),
                "--format",
                "pdf",
                "-o",
                str(tmp_path / "a.pdf"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "summary",
                "--round",
                ROUND,
                "--format",
                "pdf",
                "-o",
                str(tmp_path / "s.pdf"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "form",
                "--checklist",
                "451-cv-lmhtx-2021",
                "--format",
                "pdf",
                "-o",
                str(tmp_path / "f.pdf"),
            ]
        )
        == 0
    )
    for name in ("a", "s", "f"):
        assert_fonts_embedded(tmp_path / f"{name}.pdf")
    assert (
        main(["--db", db, "export", "assessment", "ffffffff", "-o", str(tmp_path / "missing.pdf")])
        == 1
    )
    assert not (tmp_path / "missing.pdf").exists()


def test_list_and_detail_give_the_same_figures(world):
    """The list's scores (the rule's SQL form) against one assessment's (its Python form)."""
    with world["database"].session() as session:
        for line in list_assessments(session):
            score = assessment_detail(session, line.id).score
            assert (line.compliance, line.coverage, line.failed_critical) == (
                score.compliance,
                score.coverage,
                tuple(score.failed_critical),
            )
