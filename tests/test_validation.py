"""One validation for every way in: what the window and the command line refuse, an Excel
form and a bundle refuse too, with the same words; what one side accepts, the other does.

A laptop used to save an address holding a BEL character, a 250-character contact person
or an assessor with an ESC sequence, and the office then refused the laptop's whole bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models.audit import Editor
from models.bundle import BundleError, read_bundle
from models.bundle_export import export_bundle
from models.catalog import get_version
from models.device import LocalDevice
from models.entities import Assessment, AuditEntry, ChecklistItem, Unit
from models.errors import InvalidInput
from models.opening import open_database
from models.services import assessments as svc
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit
from models.validation import (
    ACTION_WHAT,
    ACTION_WHO,
    ASSESSOR,
    NOTE,
    PERSON,
    REASON,
    UNIT_ADDRESS,
    UNIT_CONTACT,
    UNIT_NAME,
    UNIT_PHONE,
)
from qt_app.cli import main
from reports.form_import import check_form
from reports.rows import form_spec
from reports.xlsx_form import (
    ASSESSOR_CELL,
    FIRST_ITEM_ROW,
    FORM_SHEET,
    NOTE_COLUMN,
    write_form_xlsx,
)

CHECKLIST = "07-tb-cb-2021"  # every item asked of a cooperative (issue 16)
PERIOD = "Tuần 38/2021"
LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-00000000000a"), "laptop")

#: What the issue found accepted on one side and refused on the other, and their kin.
HIDDEN = {
    "BEL": ("Số 5\x07 đường Trần Phú", "U+0007"),
    "RTL override": ("Đã có sổ \u202eợs óc ãĐ", "U+202E"),
    "ESC": ("Lê\x1b[2J Thanh Tra", "U+001B"),
    "DEL": ("Ghi chú\x7f", "U+007F"),
    "CSI": ("Lê\x9b2J Thanh Tra", "U+009B"),
}
#: XML cannot hold C0 controls, so no spreadsheet can bring BEL or ESC in.
NOT_IN_XLSX = {"BEL", "ESC"}


def too_long(rule) -> str:
    return "Hợp tác xã " * (rule.max_length // 11 + 2)


def expected_hidden(rule, code: str) -> tuple[str, str]:
    return (
        f"{rule.vi} có ký tự ẩn không hợp lệ ({code}).",
        f"{rule.en} holds hidden characters ({code}).",
    )


def expected_long(rule) -> tuple[str, str]:
    return (
        f"{rule.vi} quá dài (tối đa {rule.max_length} ký tự).",
        f"{rule.en} is too long ({rule.max_length} characters at most).",
    )


def bad_values(rule) -> dict[str, tuple[str, tuple[str, str]]]:
    found = {name: (text, expected_hidden(rule, code)) for name, (text, code) in HIDDEN.items()}
    return {**found, "too long": (too_long(rule), expected_long(rule))}


def cases(*rules, leave_out=()):
    return [
        pytest.param(rule, value, expected, id=f"{rule.en}-{name}")
        for rule in rules
        for name, (value, expected) in bad_values(rule).items()
        if name not in leave_out
    ]


def test_the_messages_say_which_field_and_why():
    """The words themselves, so that the comparisons below compare something readable."""
    with pytest.raises(InvalidInput) as refused:
        UNIT_ADDRESS.clean("Số 5\x07 đường Trần Phú")
    assert refused.value.vi == "Địa chỉ có ký tự ẩn không hợp lệ (U+0007)."
    assert refused.value.en == "The address holds hidden characters (U+0007)."
    with pytest.raises(InvalidInput) as refused:
        UNIT_CONTACT.clean("Nguyễn Văn An " * 20)
    assert refused.value.en == "The contact person is too long (200 characters at most)."
    # Cleaning: NFC, one line collapsed; notes keep their lines.
    assert UNIT_NAME.clean("  HTX\u00a0 Hoa\u0300ng  Long ") == "HTX Hoàng Long"
    assert NOTE.clean("  Dòng một\n\tdòng hai  ") == "Dòng một\n\tdòng hai"
    assert UNIT_PHONE.clean_optional("   ") is None


# -- the services (what the window calls) and the command line -----------------------------


@pytest.fixture
def assessment(database, editor) -> tuple[uuid.UUID, uuid.UUID]:
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Chè Tiên Yên", "htx")
        version = get_version(session, CHECKLIST)
        assessment = svc.start_assessment(session, editor, unit, version.id, PERIOD)
        return assessment, version.items[0].id


def count(database, entity) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(entity))


UNIT_OPTIONS = {UNIT_ADDRESS: "--address", UNIT_CONTACT: "--contact", UNIT_PHONE: "--phone"}
UNIT_KEYWORDS = {UNIT_ADDRESS: "address", UNIT_CONTACT: "contact_person", UNIT_PHONE: "phone"}


@pytest.mark.parametrize(("rule", "value", "expected"), cases(*UNIT_OPTIONS))
def test_unit_details_are_refused_by_the_service_and_the_command_line(
    database, db_path, editor, capsys, rule, value, expected
):
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        create_unit(session, editor, "HTX Sao Vàng", "htx", **{UNIT_KEYWORDS[rule]: value})
    assert (refused.value.vi, refused.value.en) == expected
    for language, message in (("vi", expected[0]), ("en", expected[1])):
        code = main(
            ["--db", str(db_path), "--lang", language]
            + ["units", "add", "HTX Sao Vàng", "--kind", "htx", UNIT_OPTIONS[rule], value]
        )
        assert code == 1 and capsys.readouterr().err.strip() == f"kiemtra: {message}"
    assert count(database, Unit) == 0


@pytest.mark.parametrize(("rule", "value", "expected"), cases(UNIT_NAME))
def test_unit_names_are_refused_by_the_service_and_the_command_line(
    database, db_path, editor, capsys, rule, value, expected
):
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        create_unit(session, editor, value, "htx")
    assert (refused.value.vi, refused.value.en) == expected
    assert main(["--db", str(db_path), "units", "add", value, "--kind", "htx"]) == 1
    assert capsys.readouterr().err.strip() == f"kiemtra: {expected[0]}"
    assert count(database, Unit) == 0


@pytest.mark.parametrize(("rule", "value", "expected"), cases(ASSESSOR))
def test_assessors_are_refused_by_the_service_and_the_command_line(
    database, db_path, editor, capsys, rule, value, expected
):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Sao Vàng", "htx")
        version = get_version(session, CHECKLIST).id
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        svc.start_assessment(session, editor, unit, version, PERIOD, assessor=value)
    assert (refused.value.vi, refused.value.en) == expected
    command = ["--db", str(db_path), "--lang", "en", "assessments", "start", "--unit", str(unit)]
    command += ["--checklist", CHECKLIST, "--period", PERIOD, "--assessor", value]
    assert main(command) == 1
    assert capsys.readouterr().err.strip() == f"kiemtra: {expected[1]}"
    assert count(database, Assessment) == 0


@pytest.mark.slow  # a database per hostile value
@pytest.mark.parametrize(("rule", "value", "expected"), cases(NOTE, ACTION_WHAT, ACTION_WHO))
def test_notes_and_corrective_actions_are_refused_by_the_services(
    database, editor, assessment, rule, value, expected
):
    assessment_id, item = assessment
    before = count(database, AuditEntry)
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        if rule is NOTE:
            set_note(session, editor, assessment_id, item, value)
        elif rule is ACTION_WHAT:
            set_corrective_action(session, editor, assessment_id, item, value, "Tổ trưởng")
        else:
            set_corrective_action(session, editor, assessment_id, item, "Lắp chốt", value)
    assert (refused.value.vi, refused.value.en) == expected
    assert count(database, AuditEntry) == before


@pytest.mark.parametrize(("rule", "value", "expected"), cases(REASON))
def test_reasons_are_refused_by_the_service_and_the_command_line(
    database, db_path, editor, capsys, assessment, rule, value, expected
):
    assessment_id, _ = assessment
    with database.session() as session:
        svc.submit_assessment(session, editor, assessment_id)
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        svc.reopen_assessment(session, editor, assessment_id, value)
    assert (refused.value.vi, refused.value.en) == expected
    command = ["--db", str(db_path), "assessments", "reopen", str(assessment_id)]
    assert main([*command, "--reason", value]) == 1
    assert capsys.readouterr().err.strip() == f"kiemtra: {expected[0]}"
    with database.session() as session:
        assert session.get(Assessment, assessment_id).status == "submitted"


def test_the_name_of_the_person_is_refused_before_it_reaches_an_answer(
    database, db_path, capsys, monkeypatch
):
    """The user's name (KIEMTRA_USER or the setting) is written into every answer and audit
    entry, which travel: an ESC in it would make the office refuse the bundle."""
    monkeypatch.setenv("KIEMTRA_USER", "Lê\x1b[2J Thanh Tra")
    assert main(["--db", str(db_path), "units", "add", "HTX Sao Vàng", "--kind", "htx"]) == 1
    expected = expected_hidden(PERSON, "U+001B")
    assert capsys.readouterr().err.strip() == f"kiemtra: {expected[0]}"
    assert count(database, Unit) == 0


def test_bytes_of_another_encoding_on_the_command_line_are_refused_without_a_traceback(
    db_path, database
):
    """`kiemtra units add $'HTX \\x93Sao\\x94'` (Windows-1252 quotes) ended in a
    UnicodeEncodeError traceback; so did a period typed that way, when the message quoted it."""
    command = [sys.executable.encode(), b"-m", b"qt_app", b"--db", str(db_path).encode()]
    for args in (
        [b"units", b"add", b"HTX \x93Sao\x94", b"--kind", b"htx"],
        [b"units", b"list", b"--search", b"\x93Sao"],
        [b"assessments", b"list", b"--period", b"Tu\x93n 38/2021"],
    ):
        result = subprocess.run(
            command + args, capture_output=True, env=dict(os.environ), timeout=120
        )
        assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
        assert result.returncode in (0, 1)
    assert result.returncode == 1
    assert count(database, Unit) == 0


# -- an Excel form -------------------------------------------------------------------------


def filled_form(database, tmp_path: Path, unit, *, assessor=None, note=None) -> Path:
    with database.session() as session:
        spec = form_spec(session, CHECKLIST, unit_id=unit, period=PERIOD)
    form = write_form_xlsx(spec, tmp_path / "form.xlsx")
    workbook = load_workbook(form)
    sheet = workbook[FORM_SHEET]
    sheet.cell(FIRST_ITEM_ROW, 3).value = "Đạt"
    if assessor is not None:
        sheet[ASSESSOR_CELL] = assessor
    if note is not None:
        sheet.cell(FIRST_ITEM_ROW, NOTE_COLUMN).value = note
    workbook.save(tmp_path / "filled.xlsx")
    return tmp_path / "filled.xlsx"


@pytest.mark.parametrize(
    ("rule", "value", "expected"), cases(ASSESSOR, NOTE, leave_out=NOT_IN_XLSX)
)
def test_an_excel_form_refuses_the_same_values_with_the_same_words(
    database, editor, tmp_path, rule, value, expected
):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Sao Vàng", "htx")
        first = session.scalar(
            select(ChecklistItem.code)
            .where(ChecklistItem.version_id == get_version(session, CHECKLIST).id)
            .order_by(ChecklistItem.position)
        )
    keyword = "assessor" if rule is ASSESSOR else "note"
    report = check_form(database, filled_form(database, tmp_path, unit, **{keyword: value}))
    assert not report.ok
    texts = [(p.vi, p.en) for p in report.problems]
    if rule is ASSESSOR:
        assert texts == [expected]
    else:
        assert texts == [(f"mục {first}: {expected[0]}", f"item {first}: {expected[1]}")]


# -- a bundle ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_bundle(tmp_path_factory) -> dict[str, bytes]:
    """A laptop's bundle holding one of every record a person types into."""
    folder = tmp_path_factory.mktemp("laptop")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIEMTRA_HOME", str(folder))
        database = open_database(folder / "laptop.sqlite3", device=LAPTOP)
        inspector = Editor(LAPTOP.id, "Lê Thanh Tra")
        with database.session() as session:
            unit = create_unit(
                session, inspector, "HTX Chè", "htx", address="Tiên Yên", contact_person="An"
            )
            version = get_version(session, CHECKLIST)
            item = version.items[0].id
            assessment = svc.start_assessment(
                session, inspector, unit, version.id, PERIOD, "kiem-tra", "Lê Thanh Tra"
            )
            set_note(session, inspector, assessment, item, "Chưa có chốt")
            set_corrective_action(session, inspector, assessment, item, "Lắp chốt", "Bình")
            svc.submit_assessment(session, inspector, assessment)
            svc.reopen_assessment(session, inspector, assessment, "Sửa ghi chú")
        export_bundle(database, folder / "laptop.ktb")
        database.close()
    with zipfile.ZipFile(folder / "laptop.ktb") as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def with_value(entries, path: Path, table: str, column: str, value: str) -> Path:
    records = json.loads(entries["records.json"])
    rows = records[table]
    row = next(r for r in rows if r[column]) if column == "reason" else rows[0]
    row[column] = value
    body = json.dumps(records).encode()
    manifest = json.loads(entries["manifest.json"])
    manifest["entries"]["records.json"] = hashlib.sha256(body).hexdigest()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            if name == "manifest.json":
                data = json.dumps(manifest).encode()
            elif name == "records.json":
                data = body
            archive.writestr(name, data)
    return path


COLUMNS = {
    UNIT_NAME: ("units", "name"),
    UNIT_ADDRESS: ("units", "address"),
    UNIT_CONTACT: ("units", "contact_person"),
    UNIT_PHONE: ("units", "phone"),
    ASSESSOR: ("assessments", "assessor"),
    NOTE: ("answers", "note"),
    ACTION_WHAT: ("corrective_actions", "what"),
    ACTION_WHO: ("corrective_actions", "who"),
    REASON: ("audit_entries", "reason"),
}


@pytest.mark.parametrize(("rule", "value", "expected"), cases(*COLUMNS))
def test_a_bundle_refuses_the_same_values_with_the_same_words(
    source_bundle, tmp_path, rule, value, expected
):
    table, column = COLUMNS[rule]
    path = with_value(source_bundle, tmp_path / "b.ktb", table, column, value)
    with pytest.raises(BundleError) as refused:
        read_bundle(path)
    assert expected[0] in refused.value.vi and expected[1] in refused.value.en
    assert "Nothing was written" in refused.value.en


@pytest.mark.parametrize("rule", list(COLUMNS))
def test_what_one_side_accepts_the_other_accepts(source_bundle, tmp_path, rule):
    """The longest value a service stores (with the lines a note may hold) goes through a
    bundle: the limits are the same on both sides, not merely close."""
    longest = ("Đạt\tmột phần\n" * rule.max_length)[: rule.max_length]
    stored = rule.clean(longest)
    assert len(stored) <= rule.max_length
    table, column = COLUMNS[rule]
    bundle = read_bundle(with_value(source_bundle, tmp_path / "ok.ktb", table, column, stored))
    rows = bundle.records[table]
    assert stored in [row[column] for row in rows]
