"""Workbook pieces shared by the assessment, summary and form writers: safe text cells,
the house styles, and page set-up for printing on A4.

User text is always stored as a text cell (``data_type = "s"``): openpyxl would otherwise
turn "=…" into a formula and "#N/A" into an error, and a note typed by a user must never
run as a formula in whoever opens the file next.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from models.text import nfc

MAX_CELL_TEXT = 32_767
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel allows; the rest scrolls in the cell
FONT_NAME = "Times New Roman"  # LibreOffice shows it with the metric-compatible Liberation Serif

ANSWER_FILLS = {
    "dat": PatternFill("solid", fgColor="C8E6C9"),
    "chua-dat": PatternFill("solid", fgColor="FFCDD2"),
    "mot-phan": PatternFill("solid", fgColor="FFF3C4"),
    "khong-ap-dung": PatternFill("solid", fgColor="E0E0E0"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def font(
    size: float = 11, *, bold: bool = False, italic: bool = False, colour: str | None = None
) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=colour)


BODY = font()
BOLD = font(bold=True)


def clean_text(value: object) -> str:
    """NFC text that a worksheet can hold: control characters dropped, length capped."""
    text = ILLEGAL_CHARACTERS_RE.sub("", nfc(str(value)))
    return text[:MAX_CELL_TEXT]


def set_text(cell: Cell | MergedCell, value: object) -> Cell | MergedCell:
    """Put user text in a cell of a normal worksheet, as text whatever it starts with."""
    cell.value = clean_text(value)
    cell.data_type = "s"
    return cell


def text_cell(sheet: Any, value: object, **style: Any) -> Cell | str:
    """A text cell for a write-only worksheet, as text whatever it starts with.

    Plain text that openpyxl would not misread goes in as a bare ``str``: a ``WriteOnlyCell``
    costs several times more to write, which tells over thousands of rows."""
    text = clean_text(value)
    if not style and not text.startswith("=") and text not in ERROR_CODES:
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    _style(cell, style)
    return cell


def value_cell(sheet: Any, value: Any, **style: Any) -> Any:
    """A number or date cell for a write-only worksheet (bare when it needs no style)."""
    if not style or value is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    _style(cell, style)
    return cell


def _style(cell: Any, style: dict[str, Any]) -> None:
    for key, value in style.items():
        setattr(cell, key, value)


def print_ready(
    sheet: Worksheet | Any,
    *,
    landscape: bool,
    title_rows: str | None = None,
    footer: str = "Trang &P/&N",
) -> None:
    """A4, fit to the page width, header rows repeated on every printed page."""
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = footer  # type: ignore[union-attr]  # never None in fact
    sheet.oddFooter.center.font = FONT_NAME  # type: ignore[union-attr]


def widths(sheet: Worksheet | Any, *columns: float) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def text_lines(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column ``width`` characters wide (an estimate:
    neither Excel nor LibreOffice grows a row to fit wrapped text written by a program)."""
    per_line = max(1, int(width * 1.2))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def fit_height(
    sheet: Worksheet | Any, row: int, cells: list[tuple[str, float]], size: float = 11
) -> None:
    lines = max((text_lines(text, width) for text, width in cells), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = min(lines * size * 1.3 + 3, MAX_ROW_HEIGHT)


def house_font(workbook: Any) -> None:
    """Times New Roman for every cell written without a style too (bare strings and
    numbers), so data and headers share one font; call before the first sheet is made.
    openpyxl offers no setter: its default font is entry 0 of the workbook's font list."""
    from openpyxl.styles.named_styles import NamedStyle
    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([BODY])
    workbook._named_styles = type(workbook._named_styles)()
    workbook.add_named_style(NamedStyle(font=BODY, builtinId=0))
