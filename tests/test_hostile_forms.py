"""Hostile Excel forms, generated: a real exported form filled with formulas, "=cmd|…",
"@SUM(1)", "+84…", control and bidirectional characters, 40,000-character strings, numbers,
dates and booleans; the bytes of a saved form flipped at random; and a corpus of files that
are not what they claim (100 MB, entity and zip bombs, .xls/CSV/PDF named .xlsx).

Each case is refused with a ``KnownError`` and nothing written, or imports exactly the values
typed; the dry run says beforehand which of the two it will be; and it finishes in seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import struct
import time
import uuid
import zipfile
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.entities import Answer, Assessment, Base
from models.errors import KnownError
from models.services.notes_and_actions import MAX_NOTE
from models.services.units import create_unit
from models.text import fold, nfc, unsafe_characters
from reports.form_import import FormRejected, apply_form, check_form
from reports.form_values import ANSWERS
from reports.rows import form_spec
from reports.xlsx_form import (
    ANSWER_COLUMN,
    FIRST_ITEM_ROW,
    FORM_SHEET,
    NOTE_COLUMN,
    write_form_xlsx,
)

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
CHECKLIST = "07-tb-cb-2021"  # asked of every unit
UNIT = "UBND xã Đồng Rui"
LIMIT_SECONDS = 5.0
PERIODS = itertools.count()  # each generated form reports a period of its own


@pytest.fixture
def unit(database: Database, editor: Editor) -> uuid.UUID:
    with database.session() as session:
        return create_unit(session, editor, UNIT, "xa")


@pytest.fixture
def codes(database: Database) -> list[str]:
    with database.session() as session:
        return [item.code for item in get_version(session, CHECKLIST).items]


def export_form(
    database: Database, path: Path, unit: uuid.UUID | None = None, period: str | None = None
) -> Path:
    with database.session() as session:
        return write_form_xlsx(form_spec(session, CHECKLIST, unit_id=unit, period=period), path)


@pytest.fixture
def blank_form(database: Database, unit: uuid.UUID, tmp_path: Path) -> Path:
    return export_form(database, tmp_path / "blank.xlsx")


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def stored(database: Database, unit: uuid.UUID, period_key: str) -> dict[str, tuple[Any, str]]:
    with database.session() as session:
        version = get_version(session, CHECKLIST)
        code_of = {item.id: item.code for item in version.items}
        assessment = session.scalar(
            select(Assessment.id).where(Assessment.unit_id == unit, Assessment.period == period_key)
        )
        return {
            code_of[a.item_id]: (a.status, a.note)
            for a in session.scalars(select(Answer).where(Answer.assessment_id == assessment))
        }


def put(sheet: Any, row: int, column: int, value: Any, as_text: bool) -> None:
    """Type ``value`` into a cell as Excel would store it: the control characters XML cannot
    hold as ``_xHHHH_``, and text beginning with "=" as a formula unless ``as_text`` (a cell
    formatted as text, or typed after an apostrophe)."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    cell.value = value
    if as_text and isinstance(value, str):
        cell.data_type = "s"


def as_typed(value: Any, as_text: bool) -> Any:
    """What the importer sees of ``value`` once saved: formulas stay formulas."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
        if value.startswith("=") and not as_text:
            return Formula(value)
    return value


class Formula(str):
    pass


def expected_answer(value: Any) -> tuple[bool, str | None]:
    """(refused, the status stored) for what was typed in the answer column."""
    if value is None or (
        isinstance(value, str) and not isinstance(value, Formula) and not value.strip()
    ):
        return False, None
    if isinstance(value, Formula) or not isinstance(value, str):
        return True, None
    key = ANSWERS.get(fold(value))
    return key is None, key


def expected_note(value: Any) -> tuple[bool, str]:
    """(refused, the note stored) for what was typed in the note column."""
    if isinstance(value, Formula):
        return True, ""
    if value is None:
        return False, ""
    if isinstance(value, bool):
        text = "Có" if value else "Không"
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = nfc(str(value)).strip()
    return len(text) > MAX_NOTE or bool(unsafe_characters(text)), text


# -- strategies -----------------------------------------------------------------------------

HIDDEN = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\x9b\u200b\u200e\u200f\u202a\u202b\u202c"
    "\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00a0\u0301\u0323\t\n\r"
)
SPELLINGS = [
    "Đạt",
    "đạt",
    "ĐẠT",
    " Đạt ",
    "dat",
    "Chưa đạt",
    "chua dat",
    "chua-dat",
    "Đạt một phần",
    "DAT MOT PHAN",
    "mot-phan",
    "Không áp dụng",
    "khong ap dung",
    "khong-ap-dung",
    "Đa\u0323t",
    "D\u0110at",
    "Tốt",
    "Có",
    "x",
    "✓",
    "1",
    "",
]
LOOKS_LIKE_A_FORMULA = [
    "=cmd|' /C calc'!A0",
    "=1+1",
    '=HYPERLINK("http://x","bấm")',
    "@SUM(1)",
    "+84 912 345 678",
    "-2+3",
    "=",
    "==",
    "'=1",
    "\t=1",
    '=WEBSERVICE("http://x")',
    '=DDE("cmd";"/C calc";"x")',
]


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """Strategies drawn in the proportions given (``st.one_of`` flattens nested unions, so
    a union of three would not stay one third of a union of ten)."""
    pool = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(pool) - 1).flatmap(lambda n: pool[n])


texts = st.one_of(
    st.sampled_from(SPELLINGS + LOOKS_LIKE_A_FORMULA),
    st.text(max_size=40),
    st.text(alphabet=HIDDEN + "aĐđạ1 -=@+", max_size=30),
    st.sampled_from([9_999, 10_000, 10_001, 40_000]).map(lambda n: "Ghi chú dài " + "ạ" * n),
)
cell_values = st.one_of(
    texts,
    texts,
    texts,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=-4000, max_value=4000).map(lambda n: n / 4),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.booleans(),
    st.none(),
)
answers = weighted((3, st.sampled_from(SPELLINGS[:15])), (1, st.none()), (1, cell_values))
plain = st.text(st.characters(exclude_categories=["Cs", "Cc", "Cf"]), max_size=60)
notes = weighted(
    (1, st.none()),
    (3, plain),
    (1, st.text(alphabet=HIDDEN + "aĐđạ ", max_size=20)),
    (1, cell_values),
)
fills = st.dictionaries(  # rows of the ten items of 07/TB-CB
    st.integers(0, 9), st.tuples(answers, st.booleans(), notes, st.booleans()), max_size=4
)


# -- filled cells ---------------------------------------------------------------------------


@pytest.mark.slow  # 100 workbooks written and imported
@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES)
@given(filled=fills)
# A note with a right-to-left override, or DEL: the dry run said yes, the import no (b331f70).
@example(filled={0: ("Đạt", False, "Đã có sổ\u202e", False)})
@example(filled={0: ("Đạt", False, "Ghi chú\x7f", True)})
def test_filled_cells_import_exactly_or_are_refused(
    database: Database,
    editor: Editor,
    unit: uuid.UUID,
    blank_form: Path,
    codes: list[str],
    tmp_path: Path,
    filled: dict[int, tuple[Any, ...]],
) -> None:
    day = dt.date(2000, 1, 1) + dt.timedelta(days=next(PERIODS))
    workbook = load_workbook(blank_form)
    sheet = workbook[FORM_SHEET]
    sheet["B5"], sheet["B6"], sheet["B7"] = UNIT, day.strftime("%d/%m/%Y"), "Hoàng Văn Nam"
    refused, expected = False, {}
    for index, (answer, answer_as_text, note, note_as_text) in filled.items():
        put(sheet, FIRST_ITEM_ROW + index, ANSWER_COLUMN, answer, answer_as_text)
        put(sheet, FIRST_ITEM_ROW + index, NOTE_COLUMN, note, note_as_text)
        bad_answer, status = expected_answer(as_typed(answer, answer_as_text))
        bad_note, text = expected_note(as_typed(note, note_as_text))
        refused = refused or bad_answer or bad_note
        if status is not None or text:
            expected[codes[index]] = (status, text)
    path = tmp_path / "filled.xlsx"
    workbook.save(path)

    before = counts(database)
    started = time.perf_counter()
    report = check_form(database, path)
    assert counts(database) == before
    try:
        applied = apply_form(database, path, editor)
    except KnownError as error:
        assert error.vi and error.en
        assert refused, f"refused: {error.en}"
        assert counts(database) == before
        assert not report.ok, "the dry run said yes, the import said no: " + error.en
    else:
        assert not refused, f"imported, though it should not: {applied.changes}"
        assert report.ok and applied.ok
        assert stored(database, unit, day.isoformat()) == expected
    assert time.perf_counter() - started < LIMIT_SECONDS


# -- flipped bytes --------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(
    cut=st.integers(min_value=0),
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(1, 255)), min_size=1, max_size=4
    ),
)
def test_flipped_bytes_are_refused_or_change_nothing_else(
    database: Database,
    editor: Editor,
    unit: uuid.UUID,
    tmp_path: Path,
    cut: int,
    flips: list[tuple[int, int]],
) -> None:
    form = tmp_path / "form.xlsx"
    if not form.exists():
        export_form(database, form, unit, "Tuần 38/2021")
        workbook = load_workbook(form)
        sheet = workbook[FORM_SHEET]
        for index, (answer, note) in enumerate(
            [("Đạt", "Đã có sổ"), ("Chưa đạt", "@SUM(1)"), ("Không áp dụng", "+84 912 345 678")]
        ):
            put(sheet, FIRST_ITEM_ROW + index, ANSWER_COLUMN, answer, False)
            put(sheet, FIRST_ITEM_ROW + index, NOTE_COLUMN, note, False)
        workbook.save(form)
    data = bytearray(form.read_bytes())
    if cut % 4 == 1:
        data = data[: len(data) - cut % len(data)]
    for at, mask in flips:
        data[at % len(data)] ^= mask
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    before = counts(database)
    started = time.perf_counter()
    try:
        apply_form(database, damaged, editor)
    except KnownError as error:
        assert error.vi and error.en
        assert counts(database) == before
    else:
        assert stored(database, unit, "2021-W38") == {
            "1": ("dat", "Đã có sổ"),
            "2": ("chua-dat", "@SUM(1)"),
            "3": ("khong-ap-dung", "+84 912 345 678"),
        }
    assert time.perf_counter() - started < LIMIT_SECONDS


# -- a corpus of files that are not what they claim -----------------------------------------


def _members(form: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(form) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from members given as (name, raw deflate stream, CRC-32, size declared)."""
    body, directory = bytearray(), bytearray()
    for name, stream, crc, size in members:
        encoded = name.encode()
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0x800,
            8,
            0,
            0x21,
            crc,
            len(stream),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            len(body),
        )
        directory += encoded
        body += (
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0x800,
                8,
                0,
                0x21,
                crc,
                len(stream),
                size,
                len(encoded),
                0,
            )
            + encoded
            + stream
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


@cache
def gigabyte_of_zeros() -> tuple[bytes, int, int]:
    """1 GiB of zeros as a ~1 MB deflate stream, built from one compressed mebibyte repeated
    (each full flush starts the next block afresh), and its CRC-32."""
    mebibyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + block * 1023 + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(mebibyte, crc)
    return stream, crc, 1 << 30


def _gigabyte_member(name: str, declared: int | None = None):
    def build(form: Path, out: Path) -> None:
        members = [(n, *deflated(d)) for n, d in _members(form).items() if n != name]
        raw, crc, size = gigabyte_of_zeros()
        members.append((name, raw, crc, size if declared is None else declared))
        out.write_bytes(raw_zip(members))

    return build


def _shared_strings(content: bytes):
    """The form with ``content`` as its shared-string table (registered as Excel does) and
    the first item's note pointing at string 0, so a reader must parse the table."""

    def build(form: Path, out: Path) -> None:
        members = _members(form)
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        note = f'<c r="D{FIRST_ITEM_ROW}" s="12" t="n"></c>'.encode()
        assert note in members["xl/worksheets/sheet1.xml"]
        members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
            note, f'<c r="D{FIRST_ITEM_ROW}" s="12" t="s"><v>0</v></c>'.encode()
        )
        members["xl/sharedStrings.xml"] = content
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)

    return build


LAUGHS = (
    b'<!DOCTYPE sst [<!ENTITY a "lol">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + n]), b"&%s;" % bytes([97 + n]) * 10) for n in range(9)
    )
    + b"]>"
)
SST = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&j;</t></si></sst>'
)


def _sparse_100_mb(form: Path, out: Path) -> None:
    with out.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)


def _form_then_100_mb(form: Path, out: Path) -> None:
    out.write_bytes(form.read_bytes())
    with out.open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024)


def _bytes(content: bytes):
    def build(form: Path, out: Path) -> None:
        out.write_bytes(content)

    return build


def _enormous_note(form: Path, out: Path) -> None:
    """A 4-million-character note that compresses badly, so the file passes the size
    checks and the whole cell reaches the reader."""
    workbook = load_workbook(form)
    noise = uuid.UUID(int=12345).hex * 125_000
    workbook[FORM_SHEET].cell(FIRST_ITEM_ROW, NOTE_COLUMN).value = noise
    workbook.save(out)


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Phieu tu danh gia")
    page.save()
    return buffer.getvalue()


CORPUS = {
    "100 MB of nothing": _sparse_100_mb,
    "a form padded to 100 MB": _form_then_100_mb,
    "entity expansion in sharedStrings.xml": _shared_strings(
        b'<?xml version="1.0"?>' + LAUGHS + SST
    ),
    "entity expansion in UTF-16": _shared_strings(
        ('<?xml version="1.0" encoding="UTF-16"?>' + (LAUGHS + SST).decode()).encode("utf-16")
    ),
    "a character XML forbids": _shared_strings(SST.replace(b"&j;", b"&#x1b;[2J")),
    "a 1 GB entry": _gigabyte_member("xl/media/image1.png"),
    "a 1 GB sheet": _gigabyte_member("xl/worksheets/sheet1.xml"),
    "a 1 GB sheet declared as 4 kB": _gigabyte_member("xl/worksheets/sheet1.xml", 4096),
    "a 4-million-character note": _enormous_note,
    "really an .xls": _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
    "really a CSV": _bytes("Mã,Yêu cầu,Trả lời\n1,Huy động,Đạt\n".encode()),
    "really a PDF": lambda form, out: out.write_bytes(_pdf()),
    "empty": _bytes(b""),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_files_that_are_not_forms_are_refused(
    database: Database, editor: Editor, unit: uuid.UUID, tmp_path: Path, case: str
) -> None:
    form = export_form(database, tmp_path / "form.xlsx", unit, "Tuần 38/2021")
    bad = tmp_path / "bad.xlsx"
    CORPUS[case](form, bad)
    before = counts(database)
    started = time.perf_counter()
    report = check_form(database, bad)
    assert not report.ok and report.problems[0].vi and report.problems[0].en
    with pytest.raises(FormRejected):
        apply_form(database, bad, editor)
    assert time.perf_counter() - started < 2 * LIMIT_SECONDS
    assert counts(database) == before


# -- what the generated cases found ---------------------------------------------------------


@pytest.mark.parametrize("note", ["Đã có sổ\u202e", "\u2066Đạt\u2069", "Ghi chú\x7f"])
def test_the_dry_run_reports_hidden_characters_in_a_note(
    database: Database, editor: Editor, unit: uuid.UUID, tmp_path: Path, note: str
) -> None:
    """Found by test_filled_cells_import_exactly_or_are_refused: a note holding a
    bidirectional override (or DEL) passes ``check_form`` (ok, one change listed) and then
    ``apply_form`` fails on it inside ``set_note`` with a message that names no row. Nothing
    is written, but the dry run promised an import that cannot happen. FAILS until
    reports/form_values.py ``_line`` checks ``models.text.unsafe_characters(note)`` and
    reports a Problem with the sheet and row, as it does for a note that is too long."""
    form = export_form(database, tmp_path / "form.xlsx", unit, "Tuần 38/2021")
    workbook = load_workbook(form)
    workbook[FORM_SHEET].cell(FIRST_ITEM_ROW, ANSWER_COLUMN).value = "Đạt"
    workbook[FORM_SHEET].cell(FIRST_ITEM_ROW, NOTE_COLUMN).value = note
    workbook.save(tmp_path / "filled.xlsx")
    before = counts(database)
    report = check_form(database, tmp_path / "filled.xlsx")
    assert [p.row for p in report.problems] == [FIRST_ITEM_ROW]
    with pytest.raises(FormRejected):
        apply_form(database, tmp_path / "filled.xlsx", editor)
    assert counts(database) == before


def test_a_shared_string_table_is_read(
    database: Database, editor: Editor, unit: uuid.UUID, tmp_path: Path
) -> None:
    """The baseline of the shared-string cases above: a sound table is read and imported."""
    form = export_form(database, tmp_path / "form.xlsx", unit, "Tuần 38/2021")
    _shared_strings(SST.replace(b"&j;", "Đã có sổ".encode()))(form, tmp_path / "sst.xlsx")
    assert apply_form(database, tmp_path / "sst.xlsx", editor).applied
    assert stored(database, unit, "2021-W38") == {"1": (None, "Đã có sổ")}
