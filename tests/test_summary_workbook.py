"""The summary workbook as an office reads it (issue 13): each unit's status, coverage,
period and district beside its figure; a header row tall enough for its titles; wrapped
requirements; one font throughout; no row taller than Excel allows. Opened with LibreOffice.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.demo import generate_demo
from models.entities import Unit
from models.queries.assessments import list_assessments
from models.queries.summary import SummaryData, select_round
from models.services.units import get_unit
from reports.xlsx_summary import write_summary_xlsx
from tests.readers import pdftotext, soffice

ROUND = "2021-W39"


def workbook_of(database, tmp_path: Path) -> Path:
    generate_demo(database, units=12, seed=7)
    path = tmp_path / "tong-hop.xlsx"
    with database.session() as session:
        write_summary_xlsx(session, select_round(session, ROUND), path)
    return path


def test_each_unit_shows_status_coverage_period_and_district(database, tmp_path):
    path = workbook_of(database, tmp_path)
    sheet = load_workbook(path)["Đơn vị"]
    headers = [c.value for c in sheet[1]]
    for title in ("Huyện/Thành phố", "Trạng thái", "Đã trả lời (%)", "Kỳ"):
        assert any(h and h.startswith(title) for h in headers), title
    rows = {
        r[0]: dict(zip(headers, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    with database.session() as session:
        data = SummaryData(session, select_round(session, ROUND))
        titles = dict(data.checklists)
        several = len(titles) > 1
        lines = [x for x in list_assessments(session, period=ROUND) if x.kind == "tu-danh-gia"]
        assert lines
        for line in lines:
            row = rows[line.unit]

            def of(name: str, title: str = titles[line.checklist]) -> str:
                return f"{name} — {title}" if several else name

            assert row[of("Trạng thái")] == ("Đang làm" if line.status == "draft" else "Đã nộp")
            assert row[of("Đã trả lời (%)")] == line.coverage  # a number, not text
            assert row[of("Kỳ")] == "Tuần 39/2021"
            unit = get_unit(session, line.unit_id)
            parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
            grand = session.get(Unit, parent.parent_id) if parent and parent.parent_id else None
            district = ""
            if parent is not None and parent.kind == "huyen":
                district = parent.name
            elif grand is not None and grand.kind == "huyen":
                district = grand.name
            assert (row["Huyện/Thành phố"] or "") == district
    assert any(row["Huyện/Thành phố"] for row in rows.values()), "the demo has districts"


def test_headers_have_room_text_wraps_and_one_font(database, tmp_path):
    path = workbook_of(database, tmp_path)
    book = load_workbook(path)
    for sheet in book.worksheets[1:]:  # every sheet but the overview opens with headers
        name = sheet.title
        assert sheet.row_dimensions[1].height and sheet.row_dimensions[1].height >= 30, name
    for name, column in (("Mục chưa đạt", 4), ("Khắc phục", 5), ("Khắc phục", 6)):
        for row in book[name].iter_rows(min_row=2, min_col=column, max_col=column):
            assert row[0].alignment.wrap_text, (name, column)
    fonts = {
        cell.font.name
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert fonts == {"Times New Roman"}
    heights = [
        dimension.height
        for sheet in book.worksheets
        for dimension in sheet.row_dimensions.values()
        if dimension.height
    ]
    assert max(heights) <= 409


def test_a_very_long_note_keeps_its_row_within_excels_limit(database, editor, tmp_path):
    from models.catalog import get_version
    from models.services import assessments as svc
    from models.services.answers import record_answer
    from models.services.notes_and_actions import set_note
    from models.services.units import create_unit
    from reports.xlsx_assessment import write_assessment_xlsx

    with database.session() as session:
        unit = create_unit(session, editor, "HTX Ghi chú dài", "htx")
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        aid = svc.start_assessment(session, editor, unit, version.id, "Tuần 38/2021")
        item = version.items[0]
        record_answer(session, editor, aid, item.id, "chua-dat")
        set_note(session, editor, aid, item.id, "Thiếu khẩu trang tại cổng. " * 360)
        path = write_assessment_xlsx(session, aid, tmp_path / "dai.xlsx")
    sheet = load_workbook(path).worksheets[0]
    heights = [d.height for d in sheet.row_dimensions.values() if d.height]
    assert heights and max(heights) == 409


@pytest.mark.libreoffice
def test_libreoffice_prints_the_summary_in_one_font_with_every_column(database, tmp_path):
    path = workbook_of(database, tmp_path)
    (pdf,) = soffice([path], tmp_path / "lo")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = {line.split()[0].split("+")[-1] for line in fonts.stdout.splitlines()[2:]}
    families = {name.split("-")[0] for name in names}
    assert len(families) == 1, names  # Times New Roman, or what this machine shows for it
    text = pdftotext(pdf, "-layout")
    flat = " ".join(text.split())
    for word in ("Huyện/Thành", "Trạng thái", "Tuần 39/2021", "Đang làm", "Đã nộp"):
        assert word in flat, word
