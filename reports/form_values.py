"""The values of a filled-in Excel form, read cell by cell and judged one by one.

Only values are taken: a formula anywhere on the form is refused rather than evaluated, as
is an answer that is not one of the four offered. Each problem keeps its sheet and row so a
person can find it in the file.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from models.errors import InvalidInput, KnownError
from models.text import collapse_spaces, fold, nfc
from models.validation import ASSESSOR, NOTE
from reports.form_identity import IDENTITY_SHEET, FormIdentity
from reports.rows import ANSWER_CHOICES
from reports.xlsx_form import (
    ANSWER_COLUMN,
    ASSESSOR_CELL,
    CODE_COLUMN,
    FORM_SHEET,
    NOTE_COLUMN,
    PERIOD_CELL,
    UNIT_CELL,
)

#: Accepted spellings of each answer: the label, its key, with or without marks, any case.
ANSWERS = {fold(text): key for key, label in ANSWER_CHOICES for text in (label, key)}


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    vi: str
    en: str

    def text(self, language: str = "vi") -> str:
        message = self.en if language == "en" else self.vi
        if self.sheet is None:
            return message
        where = (
            f"trang tính “{self.sheet}”, dòng {self.row}"
            if language != "en"
            else f"sheet “{self.sheet}”, row {self.row}"
        )
        return f"{where}: {message}"

    def as_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "vi": self.vi, "en": self.en}


@dataclass(frozen=True)
class Line:
    code: str
    row: int
    answer: str | None
    note: str


@dataclass
class FormValues:
    identity: FormIdentity
    unit: str | None = None
    period: Any = None
    assessor: str | None = None
    unit_at: tuple[str, int] = (FORM_SHEET, 0)
    period_at: tuple[str, int] = (FORM_SHEET, 0)
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _not_a_form() -> InvalidInput:
    return InvalidInput(
        "Tệp không phải phiếu Excel do Kiểm tra tạo ra (thiếu phần nhận dạng); "
        "không có gì được ghi.",
        "The file is not an Excel form made by Kiểm tra (its identity is missing); "
        "nothing was written.",
    )


def read_values(path: Path) -> FormValues:
    """Read the identity and every filled cell; raise ``InvalidInput`` if it is not our form."""
    with warnings.catch_warnings():
        # Excel's own extensions (x14 validations…) make openpyxl warn; values are unaffected
        warnings.simplefilter("ignore", UserWarning)
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            if IDENTITY_SHEET not in workbook.sheetnames or FORM_SHEET not in workbook.sheetnames:
                raise _not_a_form()
            identity_rows = _rows(workbook[IDENTITY_SHEET])
            form_rows = _rows(workbook[FORM_SHEET])
        finally:
            workbook.close()
    if any(kind == "f" for cells in identity_rows.values() for _, kind in cells.values()):
        raise InvalidInput(
            "Phần nhận dạng ẩn của phiếu chứa công thức; phiếu bị từ chối.",
            "The form's hidden identity holds formulas; the form is refused.",
        )
    identity = FormIdentity.from_rows(
        [
            (cells.get(1, (None, ""))[0], cells.get(2, (None, ""))[0])
            for _, cells in sorted(identity_rows.items())
        ]
    )
    values = FormValues(identity)
    for row, cells in sorted(form_rows.items()):
        for column, (value, kind) in cells.items():
            if kind == "f":
                values.problems.append(
                    Problem(
                        FORM_SHEET,
                        row,
                        f"ô {_column(column)}{row} chứa công thức ({value}); chỉ nhập giá trị.",
                        f"cell {_column(column)}{row} holds a formula ({value}); "
                        "enter values only.",
                    )
                )
    values.unit, values.unit_at = _header(form_rows, UNIT_CELL), (FORM_SHEET, _row(UNIT_CELL))
    values.period, values.period_at = (
        _header(form_rows, PERIOD_CELL, text=False),
        (FORM_SHEET, _row(PERIOD_CELL)),
    )
    values.assessor = _header(form_rows, ASSESSOR_CELL)
    if values.assessor and (refused := ASSESSOR.problem(values.assessor)):
        values.problems.append(Problem(FORM_SHEET, _row(ASSESSOR_CELL), refused.vi, refused.en))
    for code, row in identity.rows.items():
        _line(values, form_rows.get(row, {}), code, row)
    return values


def _rows(sheet: Any) -> dict[int, dict[int, tuple[Any, str]]]:
    """Every non-empty cell as ``{row: {column: (value, data_type)}}``."""
    sheet.reset_dimensions()
    found: dict[int, dict[int, tuple[Any, str]]] = {}
    for cells in sheet.iter_rows():
        for cell in cells:
            if getattr(cell, "value", None) is not None:
                found.setdefault(cell.row, {})[cell.column] = (cell.value, cell.data_type)
    return found


def _row(address: str) -> int:
    return int("".join(ch for ch in address if ch.isdigit()))


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _header(rows: dict[int, dict[int, tuple[Any, str]]], address: str, *, text: bool = True) -> Any:
    value = rows.get(_row(address), {}).get(2, (None, "n"))[0]
    if value is None or not text:
        return value
    return collapse_spaces(str(value))


def _line(values: FormValues, cells: dict[int, tuple[Any, str]], code: str, row: int) -> None:
    shown = cells.get(CODE_COLUMN, (None, ""))[0]
    if not isinstance(shown, str) or shown.removesuffix(" (!)") != code:
        values.problems.append(
            Problem(
                FORM_SHEET,
                row,
                f"dòng này phải là mục {code} nhưng đã bị thay đổi.",
                f"this row should hold item {code} but it was changed.",
            )
        )
        return
    answer_value, answer_kind = cells.get(ANSWER_COLUMN, (None, "n"))
    note_value, note_kind = cells.get(NOTE_COLUMN, (None, "n"))
    if "f" in (answer_kind, note_kind):
        return  # already reported as a formula
    answer: str | None = None
    if isinstance(answer_value, str) and answer_value.strip():
        answer = ANSWERS.get(fold(answer_value))
        if answer is None:
            choices = ", ".join(label for _, label in ANSWER_CHOICES)
            values.problems.append(
                Problem(
                    FORM_SHEET,
                    row,
                    f"mục {code}: câu trả lời “{nfc(answer_value.strip())}” không "
                    f"hợp lệ; chọn một trong: {choices}.",
                    f"item {code}: the answer “{nfc(answer_value.strip())}” is not valid; "
                    f"choose one of: {choices}.",
                )
            )
            return
    elif answer_value is not None and not isinstance(answer_value, str):
        values.problems.append(
            Problem(
                FORM_SHEET,
                row,
                f"mục {code}: câu trả lời phải là chữ, không phải “{answer_value}”.",
                f"item {code}: the answer must be text, not “{answer_value}”.",
            )
        )
        return
    try:
        note = NOTE.clean(_note_text(note_value))
    except KnownError as refused:
        values.problems.append(
            Problem(FORM_SHEET, row, f"mục {code}: {refused.vi}", f"item {code}: {refused.en}")
        )
        return
    values.lines.append(Line(code, row, answer, note))


def _note_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()
