"""Filled-in Excel forms coming back: exactly the answers typed, all or nothing, twice
changes nothing, Excel- and LibreOffice-saved files alike; and every kind of bad file gets a
clear message with nothing written.
"""

from __future__ import annotations

import dataclasses
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from models.catalog import get_version
from models.entities import Answer, Assessment, AuditEntry
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_note
from models.services.units import create_unit
from qt_app.cli import main
from reports.form_identity import IDENTITY_SHEET, FormIdentity
from reports.form_import import FormRejected, apply_form, check_form
from reports.rows import form_spec
from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET, write_form_xlsx
from tests.readers import soffice

CHECKLIST = "07-tb-cb-2021"  # every item asked of every unit (see tests/test_not_asked.py)
PERIOD = "Tuần 38/2021"
ANSWERS = ["Đạt", "chưa đạt", "DAT MOT PHAN", "Không áp dụng", "dat", "chua-dat"]


@pytest.fixture
def unit(database, editor) -> uuid.UUID:
    with database.session() as session:
        return create_unit(session, editor, "UBND xã Đồng Rui", "xa")


def export_form(
    database, path: Path, unit: uuid.UUID | None = None, period: str | None = PERIOD
) -> Path:
    with database.session() as session:
        spec = form_spec(session, CHECKLIST, unit_id=unit, period=period if unit else None)
    return write_form_xlsx(spec, path)


def fill(
    path: Path,
    out: Path,
    answers: dict[int, object],
    notes: dict[int, object] | None = None,
    header: dict[str, str] | None = None,
) -> Path:
    """Fill a form as a person would in Excel: answers and notes by item index."""
    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    for index, value in answers.items():
        sheet.cell(FIRST_ITEM_ROW + index, 3).value = value
    for index, value in (notes or {}).items():
        cell = sheet.cell(FIRST_ITEM_ROW + index, 4)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # typed into a text-formatted cell: text, not a formula
    for address, value in (header or {}).items():
        sheet[address] = value
    workbook.save(out)
    return out


def stored(database, unit: uuid.UUID, period_key: str = "2021-W38") -> dict[str, tuple]:
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        codes = {item.id: item.code for item in version.items}
        aid = session.scalar(
            select(Assessment.id).where(Assessment.unit_id == unit, Assessment.period == period_key)
        )
        return {
            codes[a.item_id]: (a.status, a.note)
            for a in session.scalars(select(Answer).where(Answer.assessment_id == aid))
        }


def counts(database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(entity))
            for entity in (Assessment, Answer, AuditEntry)
        )


def expected_answers() -> dict[str, tuple]:
    keys = ["dat", "chua-dat", "mot-phan", "khong-ap-dung", "dat", "chua-dat"]
    return {
        code: (key, note)
        for code, key, note in zip(
            ["1", "2", "3", "4", "5", "6"],
            keys,
            ["", "=không phải công thức", "+84 912 345 678", "", "Đã làm 70%", "45"],
            strict=True,
        )
    }


def test_round_trip_writes_exactly_the_answers_once(database, editor, unit, tmp_path):
    form = export_form(database, tmp_path / "form.xlsx", unit)
    filled = fill(
        form,
        tmp_path / "filled.xlsx",
        dict(enumerate(ANSWERS)),
        {1: "=không phải công thức", 2: "+84 912 345 678", 4: "Đã làm 70%", 5: 45},
    )
    report = apply_form(database, filled, editor)
    assert report.ok and report.applied and report.blank > 0
    assert stored(database, unit) == expected_answers()
    with database.session() as session:
        audit = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(("answer", "note")))
        )
    assert audit == len(report.changes) == 6 + 4
    before = counts(database)
    again = apply_form(database, filled, editor)
    assert again.ok and not again.changes and not again.applied and again.unchanged == 6
    assert counts(database) == before


@pytest.mark.libreoffice
def test_round_trip_through_libreoffice(database, editor, unit, tmp_path):
    form = export_form(database, tmp_path / "unit.xlsx", unit)
    fill(
        form,
        tmp_path / "prefilled.xlsx",
        dict(enumerate(ANSWERS)),
        {1: "=không phải công thức", 2: "+84 912 345 678", 4: "Đã làm 70%", 5: "45"},
    )
    blank = export_form(database, tmp_path / "blank.xlsx")
    fill(
        blank,
        tmp_path / "blankfilled.xlsx",
        {0: "Chưa đạt", 1: "Đạt"},
        {0: "Thiếu sổ"},
        {"B5": "ubnd xa dong rui", "B6": "Tuần 39/2021", "B7": "Hoàng Văn Nam"},
    )
    outdir = tmp_path / "lo"
    soffice([tmp_path / "prefilled.xlsx", tmp_path / "blankfilled.xlsx"], outdir, "xlsx")
    first = apply_form(database, outdir / "prefilled.xlsx", editor)
    assert first.applied, [p.text() for p in first.problems]
    assert stored(database, unit) == expected_answers()
    second = apply_form(database, outdir / "blankfilled.xlsx", editor)
    assert second.applied and second.unit == "UBND xã Đồng Rui"
    assert second.period == "Tuần 39/2021"
    assert stored(database, unit, "2021-W39") == {"1": ("chua-dat", "Thiếu sổ"), "2": ("dat", "")}
    with database.session() as session:
        assessment = session.get(Assessment, uuid.UUID(second.assessment_id))
        assert assessment.assessor == "Hoàng Văn Nam"


def test_dry_run_shows_changes_and_writes_nothing(database, editor, unit, tmp_path, capsys):
    form = export_form(database, tmp_path / "form.xlsx", unit)
    filled = fill(form, tmp_path / "filled.xlsx", {0: "Đạt", 1: "Chưa đạt"}, {1: "Thiếu"})
    before = counts(database)
    report = check_form(database, filled)
    assert report.ok and [(c.code, c.field, c.new) for c in report.changes] == [
        ("1", "answer", "dat"),
        ("2", "answer", "chua-dat"),
        ("2", "note", "Thiếu"),
    ]
    assert counts(database) == before
    db = str(database.path)
    assert main(["--db", db, "import", "form", str(filled), "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["ok"] and not shown["applied"] and len(shown["changes"]) == 3
    assert counts(database) == before
    assert main(["--db", db, "import", "form", str(filled)]) == 0
    assert "2" in capsys.readouterr().out
    assert stored(database, unit) == {"1": ("dat", ""), "2": ("chua-dat", "Thiếu")}


def _rewrite_identity(path: Path, out: Path, change) -> Path:
    workbook = load_workbook(path)
    hidden = workbook[IDENTITY_SHEET]
    change(hidden)
    workbook.save(out)
    return out


def _tampered(form: Path, out: Path) -> Path:
    def edit(sheet):
        for row in sheet.iter_rows():
            if row[0].value == "period":
                row[1].value = "2021-W40"

    return _rewrite_identity(form, out, edit)


def _other_version(form: Path, out: Path) -> Path:
    def edit(sheet):
        rows = [(r[0].value, r[1].value) for r in sheet.iter_rows()]
        identity = dataclasses.replace(FormIdentity.from_rows(rows), version=9)
        for index, (key, value) in enumerate(identity.as_rows(), 1):
            sheet.cell(index, 1).value, sheet.cell(index, 2).value = key, value

    return _rewrite_identity(form, out, edit)


def _entity_bomb(form: Path, out: Path) -> Path:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10 if n > 1 else b"&lol;" * 10)
            for n in range(1, 10)
        )
        + b"]>"
    )
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = bomb + body.replace(b"<t>", b"<t>&lol9;", 1)
            z.writestr(member, data)
    return out


def _zip_bomb(form: Path, out: Path) -> Path:
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for member in source.infolist():
            z.writestr(member, source.read(member))
        z.writestr("xl/media/image1.png", b"\0" * (8 * 1024 * 1024))
    return out


def _another_workbook(form: Path, out: Path) -> Path:
    workbook = Workbook()
    workbook.active.append(["Mã", "Yêu cầu", "Trả lời"])
    workbook.active.append(["1", "Huy động người dân", "Đạt"])
    workbook.save(out)
    return out


def _truncated(form: Path, out: Path) -> Path:
    data = form.read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])
    return out


def _not_a_zip(form: Path, out: Path) -> Path:
    out.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls file")
    return out


def _filled(answer: object = "Đạt", note: object = None):
    def build(form: Path, out: Path) -> Path:
        return fill(form, out, {0: "Đạt", 2: answer}, {2: note} if note is not None else {})

    return build


def _formula(form: Path, out: Path) -> Path:
    workbook = load_workbook(form)
    sheet = workbook[FORM_SHEET]
    sheet.cell(FIRST_ITEM_ROW, 3).value = "Đạt"
    sheet.cell(FIRST_ITEM_ROW + 1, 4).value = '=HYPERLINK("http://x","bấm")'
    workbook.save(out)
    return out


BAD = {
    "another workbook": (_another_workbook, None, "không phải phiếu Excel do Kiểm tra"),
    "tampered identity": (_tampered, None, "đã bị sửa"),
    "another version": (_other_version, None, "phiên bản 9"),
    "unknown answer": (_filled("Tốt"), FIRST_ITEM_ROW + 2, "“Tốt” không hợp lệ"),
    "number as answer": (_filled(1), FIRST_ITEM_ROW + 2, "phải là chữ"),
    "formula": (_formula, FIRST_ITEM_ROW + 1, "công thức"),
    "truncated": (_truncated, None, "bị hỏng"),
    "not a zip": (_not_a_zip, None, "không phải bảng tính Excel"),
    "entity bomb": (_entity_bomb, None, "DOCTYPE"),
    "zip bomb": (_zip_bomb, None, "bom zip"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_forms_are_refused_with_nothing_written(database, editor, unit, tmp_path, case):
    build, row, words = BAD[case]
    form = export_form(database, tmp_path / "form.xlsx", unit)
    bad = build(form, tmp_path / "bad.xlsx")
    before = counts(database)
    report = check_form(database, bad)
    assert not report.ok
    assert any(words in problem.vi for problem in report.problems), report.problems
    if row is not None:
        assert any(p.row == row and p.sheet == FORM_SHEET for p in report.problems)
    with pytest.raises(FormRejected) as refused:
        apply_form(database, bad, editor)
    assert refused.value.report.problems
    assert counts(database) == before


def test_bad_form_from_the_command_line(database, unit, tmp_path, capsys):
    form = export_form(database, tmp_path / "form.xlsx", unit)
    bad = _filled("Tốt")(form, tmp_path / "bad.xlsx")
    before = counts(database)
    assert main(["--db", str(database.path), "import", "form", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"dòng {FIRST_ITEM_ROW + 2}" in err and "không có gì được ghi" in err
    assert (
        main(["--db", str(database.path), "--lang", "en", "import", "form", str(bad), "--json"])
        == 1
    )
    assert json.loads(capsys.readouterr().out)["problems"][0]["row"] == FIRST_ITEM_ROW + 2
    assert counts(database) == before


def test_a_submitted_assessment_is_not_changed(database, editor, unit, tmp_path):
    form = export_form(database, tmp_path / "form.xlsx", unit)
    first = fill(form, tmp_path / "one.xlsx", {0: "Đạt"})
    report = apply_form(database, first, editor)
    with database.session() as session:
        svc.submit_assessment(session, editor, uuid.UUID(report.assessment_id))
    assert apply_form(database, first, editor).ok  # the same answers: nothing to change
    second = fill(form, tmp_path / "two.xlsx", {0: "Chưa đạt"})
    before = counts(database)
    refused = check_form(database, second)
    assert any("khoá" in p.vi for p in refused.problems)
    assert counts(database) == before


def test_a_blank_form_needs_a_known_unit_and_a_period(database, editor, unit, tmp_path):
    blank = export_form(database, tmp_path / "blank.xlsx")
    nobody = fill(
        blank,
        tmp_path / "nobody.xlsx",
        {0: "Đạt"},
        header={"B5": "HTX Không Tồn Tại", "B6": "tuần 99"},
    )
    report = check_form(database, nobody)
    assert {p.row for p in report.problems} == {5, 6}
    dated = fill(
        blank,
        tmp_path / "dated.xlsx",
        {0: "Đạt"},
        header={"B5": "UBND xã Đồng Rui", "B6": "28/09/2021"},
    )
    assert apply_form(database, dated, editor).applied
    assert stored(database, unit, "2021-09-28") == {"1": ("dat", "")}


def test_workbook_bytes_are_checked_before_parsing(tmp_path, database):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(1_001):
            archive.writestr(f"xl/x{n}.xml", "<x/>")
    (tmp_path / "many.xlsx").write_bytes(data.getvalue())
    report = check_form(database, tmp_path / "many.xlsx")
    assert "quá nhiều" in report.problems[0].vi


# -- a form that comes back after the office changed an answer ------------------------------


def office_answers(database, editor, unit, answers: dict[str, str], notes=None) -> uuid.UUID:
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        ids = {item.code: item.id for item in version.items}
        assessment = svc.start_assessment(session, editor, unit, version.id, PERIOD)
        for code, status in answers.items():
            record_answer(session, editor, assessment, ids[code], status)
        for code, note in (notes or {}).items():
            set_note(session, editor, assessment, ids[code], note)
    return assessment


def test_a_stale_form_does_not_revert_a_later_office_answer(
    database, editor, unit, tmp_path, capsys
):
    """The form was made when items 1 and 2 were "Đạt"; the office then changed item 1 and
    wrote a note on item 2. The form, filled from the older state, comes back: what the
    office changed since is a conflict (kept unless chosen otherwise), the rest is taken."""
    office_answers(database, editor, unit, {"1": "dat", "2": "dat"})
    form = export_form(database, tmp_path / "form.xlsx", unit)
    office_answers(database, editor, unit, {"1": "chua-dat"}, {"2": "VP: đã kiểm tra lại"})
    filled = fill(
        form,
        tmp_path / "filled.xlsx",
        {0: "Đạt một phần", 1: "Chưa đạt", 2: "Không áp dụng"},
        {1: "Đơn vị ghi"},
    )
    before = counts(database)
    report = check_form(database, filled)
    assert report.ok
    assert [(c.code, c.field, c.office, c.form) for c in report.conflicts] == [
        ("1", "answer", "chua-dat", "mot-phan"),
        ("2", "note", "VP: đã kiểm tra lại", "Đơn vị ghi"),
    ]
    assert [(c.code, c.field, c.old, c.new) for c in report.changes] == [
        ("2", "answer", "dat", "chua-dat"),
        ("3", "answer", None, "khong-ap-dung"),
    ]
    db = str(database.path)
    assert main(["--db", db, "import", "form", str(filled), "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [c["key"] for c in shown["conflicts"]] == ["1/answer", "2/note"]
    assert main(["--db", db, "import", "form", str(filled), "--dry-run"]) == 0
    assert "CONFLICT 1 answer" in capsys.readouterr().out
    assert counts(database) == before
    # Imported as it is: the office's answer and note stay, the rest comes in.
    assert main(["--db", db, "import", "form", str(filled), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["applied"] and [c["kept"] for c in done["conflicts"]] == ["office", "office"]
    assert stored(database, unit) == {
        "1": ("chua-dat", ""),
        "2": ("chua-dat", "VP: đã kiểm tra lại"),
        "3": ("khong-ap-dung", ""),
    }
    # The person looks and decides the form is right after all.
    assert main(["--db", db, "import", "form", str(filled), "--prefer", "form"]) == 0
    assert "lấy của phiếu" in capsys.readouterr().out
    assert stored(database, unit) == {
        "1": ("mot-phan", ""),
        "2": ("chua-dat", "Đơn vị ghi"),
        "3": ("khong-ap-dung", ""),
    }


def test_a_form_changes_what_the_office_left_alone(database, editor, unit, tmp_path):
    office_answers(database, editor, unit, {"1": "dat"}, {"1": "Có sổ theo dõi"})
    form = export_form(database, tmp_path / "form.xlsx", unit)
    filled = fill(form, tmp_path / "filled.xlsx", {0: "Chưa đạt"}, {0: "Sổ chưa cập nhật"})
    report = apply_form(database, filled, editor)
    assert report.applied and not report.conflicts and len(report.changes) == 2
    assert stored(database, unit)["1"] == ("chua-dat", "Sổ chưa cập nhật")


def test_a_form_that_does_not_know_the_answers_keeps_existing_ones(
    database, editor, unit, tmp_path
):
    """A blank form (unit and period typed by hand) was made from no assessment at all, and
    neither was a form of format 1: an answer already here is not overwritten unasked."""
    office_answers(database, editor, unit, {"1": "dat"})
    blank = export_form(database, tmp_path / "blank.xlsx")
    typed = fill(
        blank,
        tmp_path / "typed.xlsx",
        {0: "Chưa đạt", 1: "Đạt"},
        header={"B5": "UBND xã Đồng Rui", "B6": PERIOD},
    )
    report = check_form(database, typed)
    assert [(c.code, c.office, c.form) for c in report.conflicts] == [("1", "dat", "chua-dat")]
    assert [c.code for c in report.changes] == ["2"]

    form = export_form(database, tmp_path / "form.xlsx", unit)

    def format_1(sheet):
        rows = [(r[0].value, r[1].value) for r in sheet.iter_rows()]
        identity = FormIdentity.from_rows(rows)
        assert identity.format_version == 2 and identity.base == {"1": "dat:"}
        old = dataclasses.replace(identity, base=None, format_version=1)
        sheet.delete_rows(1, sheet.max_row)
        for key, value in old.as_rows():
            sheet.append([key, value])

    old = _rewrite_identity(form, tmp_path / "old.xlsx", format_1)
    filled = fill(old, tmp_path / "old-filled.xlsx", {0: "Chưa đạt", 1: "Đạt"})
    report = apply_form(database, filled, editor)
    assert report.ok and [c.code for c in report.conflicts] == ["1"]
    assert stored(database, unit) == {"1": ("dat", ""), "2": ("dat", "")}
