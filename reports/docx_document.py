"""Word pieces of an administrative document beyond the inspection record's
(``reports.docx_record``): page numbers as Nghị định 30 sets them, a "DỰ THẢO" mark, ruled
tables that stay fast at thousands of rows, "Nơi nhận" beside the signer, and a QR.

Why here: the per-unit report and the summary report are both edited in Word before
signing; they share these pieces as the PDFs share ``reports.pdf_base``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy
import zxingcpp
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

from models.output_files import output_stream
from reports.docx_record import FONT, paragraph
from reports.pdf_base import DRAFT, PAGE_NUMBER_SIZE
from reports.pdf_verification import QUIET_MODULES


def page_numbers_and_draft(document: Any, draft: bool) -> None:
    """Page numbers from page 2, centred at the top, 13 pt (NĐ 30); a draft says "DỰ THẢO"
    at the top right of every page, as the PDF does."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    numbered = section.header.paragraphs[0]
    numbered.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(PAGE_NUMBER_SIZE * 2))
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    numbered._p.append(field)
    if not draft:
        return
    for header in (section.header, section.first_page_header):
        marked = header.add_paragraph() if header.paragraphs[0].text else header.paragraphs[0]
        marked.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark = marked.add_run(DRAFT)
        mark.bold = True
        mark.font.name, mark.font.size = FONT, Pt(13)
        mark.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)


def shade(cell: Any, colour: str) -> None:
    """A cell's background, "#RRGGBB"."""
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(fill)


def fixed_widths(table: Any, widths_cm: Sequence[float]) -> None:
    """Column widths Word and LibreOffice both keep (the grid and each existing cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def ruled_table(
    document: Any,
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    size: float = 11,
) -> Any:
    """A ruled table whose header row repeats on every page; widths in centimetres."""
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, widths_cm)  # the grid; every row added after takes it
    first = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    first._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(first.cells, head, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(size)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            lines = str(text).split("\n")
            target = cell.paragraphs[0]
            for number, line in enumerate(lines):
                if number:
                    target = cell.add_paragraph()
                target.add_run(line).font.size = Pt(size)
    return table


def closing(
    document: Any,
    recipients: Sequence[str],
    signer: tuple[str, str, str],
    other: tuple[str, str, str] | None = None,
) -> None:
    """ "Nơi nhận" at the left and the signer at the right; a second signer (the person who
    drew the report up) above "Nơi nhận", as the PDF sets them."""
    table = document.add_table(rows=2 if other else 1, cols=2)
    if other is not None:
        sign(table.rows[0].cells[0], other)
        sign(table.rows[0].cells[1], signer)
        place = table.rows[1].cells[0]
    else:
        place = table.rows[0].cells[0]
        sign(table.rows[0].cells[1], signer)
    title = place.paragraphs[0].add_run("Nơi nhận:")
    title.bold, title.italic, title.font.size = True, True, Pt(12)
    for line in recipients:
        paragraph(place, f"- {line}", size=11)


def sign(cell: Any, block: tuple[str, str, str]) -> None:
    role, how, name = block
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraphs[0].add_run(role.upper()).bold = True
    paragraph(cell, how, italic=True, centre=True, size=12)
    for _ in range(4):
        cell.add_paragraph()
    paragraph(cell, name, bold=True, centre=True)


def qr_picture(cell: Any, text: str, side_cm: float = 3.0) -> None:
    """A QR of ``text`` (quiet zone included) as a picture in ``cell``."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False))
    modules = numpy.pad(modules, QUIET_MODULES, constant_values=255)
    picture = Image.fromarray(modules.astype(numpy.uint8)).resize(
        (modules.shape[1] * 8, modules.shape[0] * 8), Image.Resampling.NEAREST
    )
    data = io.BytesIO()
    picture.save(data, format="PNG")
    data.seek(0)
    cell.paragraphs[0].add_run().add_picture(data, width=Cm(side_cm))


def save(document: Any, path: Path, title: str) -> Path:
    """Written whole or not at all, with the document's title in its properties."""
    document.core_properties.title = title
    document.core_properties.author = "Kiểm tra"
    with output_stream(Path(path)) as stream:
        document.save(stream)
    return Path(path)
