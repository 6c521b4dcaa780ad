"""Workbooks as LibreOffice reads them: every workbook the program writes opens, converts
and reads back the same values; user text never becomes a formula; the summary agrees with
the scoring rules; forms carry their drop-downs, protection and hidden identity.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.demo import generate_demo
from models.device import LocalDevice
from models.errors import InvalidInput
from models.item_scope import why_not_asked
from models.opening import open_database
from models.queries.assessments import list_assessments
from models.queries.summary import SummaryData, Totals, select_range, select_round
from models.scoring import score_assessment
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit
from qt_app.cli import main
from reports.form_identity import IDENTITY_SHEET, FormIdentity
from reports.rows import form_spec
from reports.xlsx_assessment import write_assessment_xlsx
from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET, write_form_xlsx
from reports.xlsx_summary import write_summary_xlsx
from tests.readers import pdftotext, soffice

ROUND = "Tuần 38/2021"
HOSTILE = ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1)", "#N/A", '=HYPERLINK("x")']


def hostile_assessment(database: Database, editor: Editor) -> uuid.UUID:
    """An assessment whose unit name, notes and action look like formulas."""
    with database.session() as session:
        # A district is asked six items of the 23/8 notice: one for each hostile note.
        unit = create_unit(session, editor, "=HTX Khẩu trang Đồng Tâm", "huyen")
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        asked = [
            item
            for item in version.items
            if why_not_asked(
                item.role,
                item.valid_until,
                item.addressees,
                item.addressed_bodies,
                "huyen",
                None,
                "2021-W38",
            )
            is None
        ]
        aid = svc.start_assessment(session, editor, unit, version.id, ROUND, assessor="@Lê Thị Hà")
        for item, note, status in zip(
            asked,
            HOSTILE,
            ["chua-dat", "dat", "mot-phan", "khong-ap-dung", "chua-dat", "dat"],
            strict=False,
        ):
            record_answer(session, editor, aid, item.id, status)
            set_note(session, editor, aid, item.id, note)
        set_corrective_action(
            session,
            editor,
            aid,
            asked[0].id,
            "=Mua khẩu trang",
            "+Nguyễn Văn An",
            dt.date(2021, 10, 1),
        )
    return aid


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("xlsx")
    device = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-000000000002"), name="xlsx-pc")
    database = open_database(root / "db.sqlite3", device=device)
    editor = Editor(device.id, "Nguyễn Văn An")
    generate_demo(database, units=15, seed=5)
    aid = hostile_assessment(database, editor)
    files = {name: root / f"{name}.xlsx" for name in ("assessment", "summary", "blank", "unit")}
    with database.session() as session:
        write_assessment_xlsx(session, aid, files["assessment"])
        write_summary_xlsx(
            session, select_round(session, ROUND), files["summary"], as_of=dt.date(2021, 10, 15)
        )
        write_form_xlsx(form_spec(session, "451-cv-lmhtx-2021"), files["blank"])
        unit = svc.find_assessment(session, str(aid)).unit_id
        write_form_xlsx(
            form_spec(session, "761-cv-tu-2021", unit_id=unit, period=ROUND), files["unit"]
        )
    profile = root / "lo-profile"
    resaved = soffice(list(files.values()), root / "lo-xlsx", "xlsx", profile)
    pdfs = soffice(list(files.values()), root / "lo-pdf", "pdf", profile)
    yield {
        "database": database,
        "editor": editor,
        "aid": aid,
        "files": files,
        "resaved": dict(zip(files, resaved, strict=True)),
        "pdfs": dict(zip(files, pdfs, strict=True)),
    }
    database.close()


def cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    workbook = load_workbook(path)
    return {
        sheet.title: {
            (c.row, c.column): c.value
            for row in sheet.iter_rows()
            for c in row
            if c.value not in (None, "")
        }
        for sheet in workbook
    }


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_libreoffice_reads_back_every_workbook(world):
    for name, original in world["files"].items():
        ours, theirs = cells(original), cells(world["resaved"][name])
        assert set(ours) == set(theirs), name
        for sheet in ours:
            assert theirs[sheet] == ours[sheet], (name, sheet)
        text = pdftotext(world["pdfs"][name])
        assert text.strip(), name


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_user_text_is_never_a_formula(world):
    for path in (world["files"]["assessment"], world["resaved"]["assessment"]):
        sheet = load_workbook(path)["Đánh giá"]
        found = {
            c.value: c.data_type
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str)
        }
        for text in [*HOSTILE, "=HTX Khẩu trang Đồng Tâm", "@Lê Thị Hà"]:
            assert found.get(text) == "s", (path.name, text)
        assert not [v for v, kind in found.items() if kind == "f"]
    pdf_text = pdftotext(world["pdfs"]["assessment"], "-layout")
    assert "=1+1" in pdf_text and "-2+3" in pdf_text


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_assessment_workbook_is_print_ready(world):
    sheet = load_workbook(world["files"]["assessment"])["Đánh giá"]
    labels = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(4, 14)}
    assert labels["Đơn vị"] == "=HTX Khẩu trang Đồng Tâm"
    assert labels["Kỳ báo cáo"] == ROUND
    assert labels["Người đánh giá"] == "@Lê Thị Hà"
    assert labels["Trạng thái"] == "Đang làm"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows and sheet.freeze_panes
    header = int(sheet.freeze_panes[1:]) - 1
    assert [sheet.cell(header, c).value for c in range(1, 6)] == [
        "Mã",
        "Yêu cầu",
        "Trả lời",
        "Ghi chú",
        "Biện pháp khắc phục",
    ]
    first = sheet.cell(header + 1, 3)
    assert first.value == "Chưa đạt" and first.fill.fgColor.rgb.endswith("FFCDD2")
    assert "Mua khẩu trang" in sheet.cell(header + 1, 5).value


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_summary_agrees_with_scoring(world):
    database = world["database"]
    workbook = load_workbook(world["files"]["summary"])
    assert workbook.sheetnames == ["Tổng hợp", "Đơn vị", "Chủ đề", "Mục chưa đạt", "Khắc phục"]
    matrix = workbook["Đơn vị"]
    headers = [c.value for c in matrix[1]]
    with database.session() as session:
        rows = {r.unit: r for r in list_assessments(session, period="2021-W38")}
        titles = {
            slug: get_version(session, slug).title for slug in {r.checklist for r in rows.values()}
        }
        for row in matrix.iter_rows(min_row=2, values_only=True):
            expected = rows[row[0]]
            column = headers.index(f"{titles[expected.checklist]} (%)")
            score = score_assessment(session, expected.id)
            # a draft is named, never averaged; a submitted one shows its figure
            shown = "Đang làm" if expected.status == "draft" else score.compliance
            assert row[column] == shown, row[0]
    assert matrix.max_row - 1 == len(rows)
    assert matrix.conditional_formatting, "colour scale"
    assert workbook["Tổng hợp"]._charts and workbook["Chủ đề"]._charts
    overview = {r[0]: r[1] for r in workbook["Tổng hợp"].iter_rows(values_only=True) if r}
    counted = overview["Số bài đã nộp (được tính)"] + overview["Bài đang làm (không tính)"]
    assert counted == len(rows)
    actions = list(workbook["Khắc phục"].iter_rows(min_row=2, values_only=True))
    hostile = [a for a in actions if a[0] == "=HTX Khẩu trang Đồng Tâm"]
    assert hostile and hostile[0][5] == "=Mua khẩu trang" and hostile[0][8] == 14


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_summary_selection_by_round_and_range(world):
    with world["database"].session() as session:
        week = select_round(session, "2021-W37")
        assert week.periods == ("2021-W37",)
        month = select_range(session, dt.date(2021, 9, 1), dt.date(2021, 9, 30))
        assert month.periods == ("2021-W36", "2021-W37", "2021-W38", "2021-W39")
        with pytest.raises(InvalidInput):
            select_round(session, "Tuần 1/2020")
        data = SummaryData(session, month, dt.date(2021, 10, 1))
        totals = Totals()
        lines = list(data.unit_lines(totals))
        assert totals.units == len(lines) and totals.assessments >= len(lines)
        # the latest round of the range is the one shown for each unit
        assert all(
            cell.period >= "2021-W38" or cell.period == "2021-W37"
            for line in lines
            for cell in line.cells.values()
        )


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_form_workbook_has_dropdowns_protection_and_identity(world):
    workbook = load_workbook(world["files"]["unit"])
    sheet = workbook[FORM_SHEET]
    assert sheet.protection.sheet
    assert workbook.security.lockStructure
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list"
    assert validation.formula1 == '"Đạt,Chưa đạt,Đạt một phần,Không áp dụng"'
    assert f"C{FIRST_ITEM_ROW}" in str(validation.sqref)
    answer, requirement = sheet.cell(FIRST_ITEM_ROW, 3), sheet.cell(FIRST_ITEM_ROW, 2)
    assert answer.protection.locked is False and requirement.protection.locked is True
    assert sheet["B5"].value == "=HTX Khẩu trang Đồng Tâm" and sheet["B5"].protection.locked
    hidden = workbook[IDENTITY_SHEET]
    assert hidden.sheet_state == "hidden"
    identity = FormIdentity.from_rows([(r[0], r[1]) for r in hidden.iter_rows(values_only=True)])
    assert identity.checklist == "761-cv-tu-2021" and identity.period == "2021-W38"
    blank = load_workbook(world["files"]["blank"])[FORM_SHEET]
    assert blank["B5"].protection.locked is False and blank["B6"].protection.locked is False
    # LibreOffice keeps all of it when it saves the file again
    again = load_workbook(world["resaved"]["unit"])
    assert again[IDENTITY_SHEET].sheet_state == "hidden" and again[FORM_SHEET].protection.sheet
    assert again[FORM_SHEET].cell(FIRST_ITEM_ROW, 3).protection.locked is False
    assert again[FORM_SHEET].data_validations.dataValidation


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_export_commands_write_workbooks(world, tmp_path, capsys):
    database = world["database"]
    db = str(database.path)
    aid = str(world["aid"])
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "assessment",
                aid[:8],
                "--format",
                "xlsx",
                "-o",
                str(tmp_path / "a.xlsx"),
            ]
        )
        == 0
    )
    assert (
        main(["--db", db, "export", "summary", "--round", ROUND, "-o", str(tmp_path / "s.xlsx")])
        == 0
    )
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "summary",
                "--from",
                "13/09/2021",
                "--to",
                "26/09/2021",
                "--format",
                "xlsx",
                "-o",
                str(tmp_path / "r.xlsx"),
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
                "--period",
                ROUND,
                "-o",
                str(tmp_path / "f.xlsx"),
            ]
        )
        == 0
    )
    for name in ("a", "s", "r", "f"):
        assert load_workbook(tmp_path / f"{name}.xlsx").sheetnames
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "summary",
                "--round",
                "Tuần 2/2020",
                "-o",
                str(tmp_path / "none.xlsx"),
            ]
        )
        == 1
    )
    assert not (tmp_path / "none.xlsx").exists()
    assert main(["--db", db, "export", "summary", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "form",
                "--checklist",
                "451-cv-lmhtx-2021",
                "-o",
                str(tmp_path / "f.docx"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "Tuần 2/2020" in err and "xlsx" in err
    assert not list(tmp_path.glob(".*")), "no temporary file left behind"


@pytest.mark.libreoffice  # the `world` fixture converts with soffice
def test_theme_sheet_agrees_with_a_plain_count(world):
    """The grouped query against a slow, obvious count over every answer of the round's
    submitted self-assessments to items asked of the unit (drafts and inspections are never
    counted in)."""
    from collections import defaultdict

    from sqlalchemy import select

    from models.entities import Answer, Assessment, ChecklistItem, Unit, item_themes
    from models.scoring import Tally

    with world["database"].session() as session:
        themes = defaultdict(list)
        for item, theme in session.execute(select(item_themes.c.item_id, item_themes.c.theme_id)):
            themes[item].append(theme)
        sums: dict[str, Tally] = defaultdict(Tally)
        rows = session.execute(
            select(
                Answer.status,
                ChecklistItem.weight,
                ChecklistItem.critical,
                ChecklistItem.code,
                Answer.item_id,
                ChecklistItem.role,
                ChecklistItem.valid_until,
                ChecklistItem.addressees,
                ChecklistItem.addressed_bodies,
                Unit,
            )
            .join(ChecklistItem, ChecklistItem.id == Answer.item_id)
            .join(Assessment, Assessment.id == Answer.assessment_id)
            .join(Unit, Unit.id == Assessment.unit_id)
            .where(
                Assessment.period == "2021-W38",
                Assessment.kind == "tu-danh-gia",
                Assessment.status != "draft",
                Answer.status.is_not(None),
            )
        )
        for status, weight, critical, code, item, role, until, kinds, bodies, unit in rows:
            if why_not_asked(role, until, kinds, bodies, unit.kind, unit.name, "2021-W38"):
                continue  # an item not asked of the unit counts nowhere
            for theme in themes[item]:
                sums[theme].add(weight, status, critical, code)
        data = SummaryData(session, select_round(session, ROUND))
        found = {line.theme: (line.answered, line.compliance) for line in data.theme_lines()}
    assert found == {theme: (t.answered, t.compliance) for theme, t in sums.items()}


def test_reports_never_import_qt():
    code = (
        "import importlib, pkgutil, sys\nsys.modules['PySide6'] = None\nimport reports\n"
        "for module in pkgutil.iter_modules(reports.__path__):\n"
        "    importlib.import_module('reports.' + module.name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_exported_files_get_the_usual_permissions(tmp_path):
    import os

    from reports import atomic_output

    target = tmp_path / "bao-cao.xlsx"
    with atomic_output(target) as temporary:
        temporary.write_bytes(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
