"""The Excel form a unit fills in and sends back: a drop-down for each answer, a note
column, the form's identity in a hidden sheet, and everything else protected so that only
the cells meant to be filled can be typed on. ``reports.form_import`` reads it back.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reports import save_workbook
from reports.cells import (
    BODY,
    BOLD,
    BOX,
    CENTRE,
    HEADER_FILL,
    INPUT_FILL,
    WRAP,
    fit_height,
    font,
    print_ready,
    set_text,
    widths,
)
from reports.form_identity import IDENTITY_SHEET, FormIdentity
from reports.rows import ANSWER_CHOICES, FormSpec, reference, requirement_text

FORM_SHEET = "Phiếu"
UNIT_CELL, PERIOD_CELL, ASSESSOR_CELL = "B5", "B6", "B7"
HEADER_ROW = 11
FIRST_ITEM_ROW = HEADER_ROW + 1
CODE_COLUMN, ANSWER_COLUMN, NOTE_COLUMN = 1, 3, 4
WIDTHS = (16, 62, 17, 40)
UNLOCKED = Protection(locked=False)
GREYED = font(colour="FF808080")  # an item not asked of the form's unit


def write_form_xlsx(spec: FormSpec, path: Path) -> Path:
    workbook = build_form(spec)
    save_workbook(workbook, path)
    return Path(path)


def build_form(spec: FormSpec) -> Workbook:
    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]
    sheet.title = FORM_SHEET
    widths(sheet, *WIDTHS)
    rows = {item.code: FIRST_ITEM_ROW + index for index, item in enumerate(spec.items)}
    identity = FormIdentity.of(spec, rows)
    _title(sheet, spec)
    _identity_block(sheet, spec, identity)
    _items(sheet, spec)
    sheet.freeze_panes = sheet.cell(FIRST_ITEM_ROW, 1).coordinate
    print_ready(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # people may still make a row taller to read it
    sheet.protection.formatColumns = False
    _hidden_identity(workbook, identity)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.title = f"Phiếu {spec.checklist} v{spec.version}"
    workbook.properties.creator = "Kiểm tra"
    return workbook


def _title(sheet: Worksheet, spec: FormSpec) -> None:
    lines = (
        (f"PHIẾU {spec.kind_label.upper()}", font(14, bold=True)),
        (spec.title, font(12, italic=True)),
        (f"Thực hiện {reference(spec.directive)}", font(10, italic=True)),
    )
    for row, (text, style) in enumerate(lines, 1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell = set_text(sheet.cell(row, 1), text)
        cell.font, cell.alignment = style, CENTRE
    sheet.row_dimensions[3].height = 28


def _identity_block(sheet: Worksheet, spec: FormSpec, identity: FormIdentity) -> None:
    fields = (
        (UNIT_CELL, "Đơn vị", spec.unit),
        (PERIOD_CELL, "Kỳ báo cáo", spec.period_label),
        (ASSESSOR_CELL, "Người đánh giá", None),
    )
    for address, label, value in fields:
        row = sheet[address].row
        set_text(sheet.cell(row, 1), label).font = BOLD
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        cell = sheet[address]
        cell.font, cell.border = BODY, BOX
        if value:
            set_text(cell, value)
        else:  # left for the unit to fill in
            cell.fill, cell.protection, cell.number_format = INPUT_FILL, UNLOCKED, "@"
            for column in (3, 4):
                sheet.cell(row, column).protection = UNLOCKED
    set_text(sheet["A8"], "Mã phiếu").font = BOLD
    sheet.merge_cells("B8:D8")
    set_text(sheet["B8"], identity.short_code()).font = font(10)
    sheet.merge_cells("A9:D9")
    hint = (
        "Chọn câu trả lời ở cột “Trả lời” ("
        + " / ".join(label for _, label in ANSWER_CHOICES)
        + "), ghi chú ở cột “Ghi chú”. Kỳ báo cáo viết dạng “Tuần 38/2021” hoặc “28/09/2021”."
        " Các ô khác được khoá; không đổi tên hay thêm bớt trang tính."
    )
    cell = set_text(sheet["A9"], hint)
    cell.font, cell.alignment = font(10, italic=True), WRAP
    sheet.row_dimensions[9].height = 30


def _items(sheet: Worksheet, spec: FormSpec) -> None:
    for column, title in enumerate(("Mã", "Yêu cầu", "Trả lời", "Ghi chú"), 1):
        cell = set_text(sheet.cell(HEADER_ROW, column), title)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, CENTRE
    for row, item in enumerate(spec.items, FIRST_ITEM_ROW):
        code = item.code + (" (!)" if item.critical else "")
        set_text(sheet.cell(row, CODE_COLUMN), code)
        set_text(sheet.cell(row, 2), requirement_text(item))
        for column in range(1, 5):
            cell = sheet.cell(row, column)
            cell.font, cell.border = (BODY if item.asked else GREYED), BOX
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", indent=item.depth if column == 2 else 0
            )
        for column in (ANSWER_COLUMN, NOTE_COLUMN):
            cell = sheet.cell(row, column)
            cell.protection, cell.fill, cell.number_format = UNLOCKED, INPUT_FILL, "@"
        fit_height(sheet, row, [(requirement_text(item), WIDTHS[1])])
    last = FIRST_ITEM_ROW + len(spec.items) - 1
    choices = ",".join(label for _, label in ANSWER_CHOICES)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Câu trả lời không hợp lệ",
        error=f"Chọn một trong: {choices}.",
    )
    validation.add(f"C{FIRST_ITEM_ROW}:C{last}")
    sheet.add_data_validation(validation)
    note = set_text(sheet.cell(last + 2, 1), "(!) mục trọng yếu.")
    note.font = font(10, italic=True)


def _hidden_identity(workbook: Workbook, identity: FormIdentity) -> None:
    sheet = workbook.create_sheet(IDENTITY_SHEET)
    for row, (key, value) in enumerate(identity.as_rows(), 1):
        set_text(sheet.cell(row, 1), key)
        set_text(sheet.cell(row, 2), value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
