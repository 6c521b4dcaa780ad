"""What every PDF report shares: a document class with overridable steps (fonts, styles,
page templates, story), a canvas that writes "Trang X/Y" once the page count is known, and
the pieces of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP): the issuing
body beside the Quốc hiệu – Tiêu ngữ, place and date, and signature blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.vocabulary import percent_text
from reports import output_stream
from reports.fonts import BOLD, ITALIC, REGULAR, markup, register_fonts
from reports.pdf_tables import CELL_PADDING, fit_rows, fit_words, rows_of

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
PAGE_NUMBER_SIZE = 13
DRAFT = "DỰ THẢO"
#: Room to write a number by hand after "Số:" (no-break spaces: a paragraph keeps them).
NUMBER_ROOM = "\u00a0" * 14
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = "Nơi nhận:"
BLOCK = 40  # rows per table block of an annex: reportlab never re-splits one huge table


class NumberedCanvas(canvas.Canvas):
    """Keeps each page until the end, then numbers them as Nghị định 30/2020 asks: from
    page 2, Arabic numerals at 13 pt, centred in the top margin (the first page bears
    none)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = REGULAR  # not Helvetica, which is never embedded
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 11
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own; not in its stubs

    def save(self) -> None:
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            if number > 1:
                self.setFont(REGULAR, PAGE_NUMBER_SIZE)
                width, height = self._pagesize  # type: ignore[attr-defined]  # not in stubs
                self.drawCentredString(width / 2, height - 12 * mm, str(number))
            super().showPage()
        super().save()


class CentredRule(Flowable):
    """The short solid line under the Tiêu ngữ or a title, as long as the text above it."""

    def __init__(self, width: float, thickness: float = 0.6) -> None:
        super().__init__()
        self.rule_width, self.thickness = width, thickness

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available = available_width
        return available_width, 10

    def draw(self) -> None:
        start = (self.available - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(start, 3, start + self.rule_width, 3)


def vn_number(value: float | None, suffix: str = "%") -> str:
    """85.5 → "85,5%": the one Vietnamese number format (``models.vocabulary.percent_text``)."""
    text = percent_text(value)
    return text if suffix == "%" or value is None else text[:-1] + suffix


def vn_long_date(day: dt.date) -> str:
    """As NĐ 30/2020 writes dates: a 0 before days under 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


class ReportDocument:
    """One PDF document; subclasses fill ``story`` and may override any other step."""

    pagesize = A4
    margins = (20 * mm, 15 * mm, 20 * mm, 30 * mm)  # top, right, bottom, left (NĐ 30)
    title = "Kiểm tra"

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        self.dated = self.today  # the date the document bears
        self.draft = False  # marked "DỰ THẢO" on every page

    def fonts(self) -> None:
        register_fonts()

    def styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle(
            "body", fontName=REGULAR, fontSize=13, leading=16, alignment=TA_JUSTIFY
        )
        return {
            "body": base,
            "small": ParagraphStyle(
                "small", parent=base, fontSize=11, leading=13.5, alignment=TA_LEFT
            ),
            "cell": ParagraphStyle(
                "cell", parent=base, fontSize=11, leading=13.5, alignment=TA_LEFT
            ),
            "cell_bold": ParagraphStyle(
                "cell_bold",
                parent=base,
                fontName=BOLD,
                fontSize=11,
                leading=13.5,
                alignment=TA_CENTER,
            ),
            "label": ParagraphStyle(
                "label", parent=base, fontName=BOLD, fontSize=11, leading=13.5, alignment=TA_LEFT
            ),
            "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
            "centre_bold": ParagraphStyle(
                "centre_bold", parent=base, fontName=BOLD, alignment=TA_CENTER
            ),
            "centre_italic": ParagraphStyle(
                "centre_italic", parent=base, fontName=ITALIC, alignment=TA_CENTER
            ),
            "title": ParagraphStyle(
                "title", parent=base, fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER
            ),
            "recipients_title": ParagraphStyle(
                "recipients_title", parent=base, fontSize=12, leading=14, alignment=TA_LEFT
            ),
            "recipients": ParagraphStyle(
                "recipients", parent=base, fontSize=11, leading=13, alignment=TA_LEFT
            ),
            "heading": ParagraphStyle(
                "heading",
                parent=base,
                fontName=BOLD,
                spaceBefore=8,
                spaceAfter=4,
                alignment=TA_LEFT,
            ),
        }

    def page_templates(self, doc: BaseDocTemplate) -> list[PageTemplate]:
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return [PageTemplate(id="page", frames=[frame], onPage=self.on_page)]

    def on_page(self, canv: canvas.Canvas, doc: BaseDocTemplate) -> None:
        """Drawn on every page; the page number is added later by ``NumberedCanvas``. A
        draft says so in a box at the top right, so that no copy of it passes for final."""
        if not self.draft:
            return
        canv.saveState()
        width, height = doc.pagesize
        canv.setFont(BOLD, 13)
        text_width = stringWidth(DRAFT, BOLD, 13)
        right, top = width - doc.rightMargin, height - 8 * mm
        canv.setStrokeColor(colors.HexColor("#B71C1C"))
        canv.setFillColor(colors.HexColor("#B71C1C"))
        canv.rect(right - text_width - 6 * mm, top - 7 * mm, text_width + 6 * mm, 7 * mm)
        canv.drawRightString(right - 3 * mm, top - 5 * mm, DRAFT)
        canv.restoreState()

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def render(self, path: Path) -> Path:
        self.fonts()
        self.style = self.styles()
        with output_stream(path) as stream:
            top, right, bottom, left = self.margins
            doc = BaseDocTemplate(
                stream,
                pagesize=self.pagesize,
                topMargin=top,
                rightMargin=right,
                bottomMargin=bottom,
                leftMargin=left,
                title=self.title,
                author="Kiểm tra",
                creator="Kiểm tra",
            )
            doc.addPageTemplates(self.page_templates(doc))
            self.width = doc.width
            self.row_limit = 0.45 * doc.height
            doc.build(self.story(), canvasmaker=NumberedCanvas)
        return Path(path)

    # -- pieces of an administrative document -------------------------------------------

    def table(
        self,
        data: list[list[Any]],
        widths: list[float],
        commands: list[tuple[Any, ...]],
        repeat_rows: int = 0,
    ) -> Table:
        """A table in our font: reportlab would otherwise select (unembedded) Helvetica for
        every cell, even one that holds a Paragraph."""
        table = Table(data, colWidths=widths, repeatRows=repeat_rows)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
        return table

    def para(self, text: object, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), self.style[style])

    def national_header(
        self, body_above: str | None, body: str, number: str, place: str | None
    ) -> Table:
        """Issuing body (left) and Quốc hiệu – Tiêu ngữ (right), then number and date."""
        column = 0.42 * self.width
        line = min(stringWidth(body.upper(), BOLD, 13), column)  # its longest printed line
        left: list[Flowable] = [self.para(body_above.upper(), "centre")] if body_above else []
        left += [
            self.para(body.upper(), "centre_bold"),
            CentredRule(0.4 * line),  # NĐ 30: one third to one half of the line above
        ]
        right = [
            self.para(NATION, "centre_bold"),
            self.para(MOTTO, "centre_bold"),
            CentredRule(stringWidth(MOTTO, BOLD, 13)),
        ]
        place_date = f"{place or '……'}, {vn_long_date(self.dated)}"
        return self.table(
            [[left, right], [self.para(number, "centre"), self.para(place_date, "centre_italic")]],
            [column, self.width - column],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ],
        )

    def document_title(self, title: str, subtitle: str) -> list[Flowable]:
        return [
            Spacer(1, 8 * mm),
            self.para(title, "title"),
            self.para(subtitle, "title"),
            CentredRule(0.25 * self.width),
            Spacer(1, 5 * mm),
        ]

    def info_block(self, lines: list[tuple[str, object]]) -> Table:
        data = [[self.para(label, "label"), self.para(value, "cell")] for label, value in lines]
        return self.table(
            data,
            [0.28 * self.width, 0.72 * self.width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ],
        )

    def grid(
        self, data: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]] | None = None
    ) -> Table:
        """A ruled table whose header row repeats on every page it runs onto. A row taller
        than a page can hold (a note of thousands of characters) goes on as continuation rows,
        since reportlab never splits a row itself."""
        points = fit_words(data, [w * self.width for w in widths])
        data, extra = fit_rows(data, points, self.row_limit, extra or [])
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            *extra,
        ]
        table = self.table(data, points, commands, repeat_rows=1)
        table.kiemtra_parts = (data, points, commands)  # type: ignore[attr-defined]
        return table

    def plain_grid(
        self, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: list[float]
    ) -> Flowable:
        """A ruled table of plain texts: bold centred headers, then the rows."""
        data = [[self.para(h, "cell_bold") for h in headers]]
        data += [[self.para(value, "cell") for value in row] for row in rows]
        return self.grid(data, widths)

    def blocks(
        self, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: list[float]
    ) -> list[Flowable]:
        """A long annex table as blocks of ``BLOCK`` rows, each with its header."""
        return [
            self.plain_grid(headers, rows[i : i + BLOCK], widths)
            for i in range(0, len(rows), BLOCK)
        ]

    def annex_title(self, lines: tuple[str, str, str]) -> list[Flowable]:
        """An annex's heading: "Phụ lục I", its title, and the report it is attached to."""
        annex, title, attached = lines
        return [
            self.para(annex, "centre_bold"),
            self.para(title, "centre_bold"),
            self.para(attached, "centre_italic"),
            Spacer(1, 4 * mm),
        ]

    def signature_cell(self, role: str, how: str, name: str) -> list[Flowable]:
        return [
            self.para(role.upper(), "centre_bold"),
            self.para(how, "centre_italic"),
            Spacer(1, 24 * mm),
            self.para(name, "centre_bold"),
        ]

    def signatures(self, blocks: list[tuple[str, str, str]]) -> KeepTogether:
        """Signature blocks side by side: (role, how to sign, printed name)."""
        cells = [self.signature_cell(*block) for block in blocks]
        table = self.table(
            [cells], [self.width / len(blocks)] * len(blocks), [("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
        return KeepTogether([Spacer(1, 8 * mm), table])

    def recipients(self, lines: list[str]) -> list[Flowable]:
        """ "Nơi nhận:" as NĐ 30 sets it: bold italic 12 pt, then the bodies at 11 pt."""
        return [
            Paragraph(f"<b><i>{markup(RECIPIENTS)}</i></b>", self.style["recipients_title"]),
            *(self.para(f"- {line}", "recipients") for line in lines),
        ]

    def closing(
        self,
        recipients: list[str],
        signer: tuple[str, str, str],
        other: tuple[str, str, str] | None = None,
    ) -> Table:
        """The foot of the document: "Nơi nhận" at the left, the signer at the right; a
        second signer (the person who drew the report up) above "Nơi nhận"."""
        half = self.width / 2
        rows: list[list[Any]] = []
        if other is not None:
            rows.append([self.signature_cell(*other), self.signature_cell(*signer)])
            rows.append([self.recipients(recipients), ""])
        else:
            rows.append([self.recipients(recipients), self.signature_cell(*signer)])
        return self.table(
            rows,
            [half, half],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        )

    def ending(self, story: list[Flowable], closing: Flowable) -> list[Flowable]:
        """The story with ``closing`` kept on one page with what comes just before it (the
        last two rows of a table, or the last paragraph), never alone on the last page."""
        if not story:
            return [closing]
        last = story[-1]
        lead = 1  # the last flowable, and the heading just above it if there is one
        if len(story) > 1 and getattr(getattr(story[-2], "style", None), "name", "") == "heading":
            lead = 2
        parts = getattr(last, "kiemtra_parts", None)
        if parts is not None and len(parts[0]) > 3:
            data, points, commands = parts
            total = len(data)
            head = self.table(data[:-2], points, rows_of(commands, 0, total - 2, total), 1)
            tail = self.table(data[-2:], points, rows_of(commands, total - 2, total, total))
            return [*story[:-1], head, KeepTogether([tail, Spacer(1, 6 * mm), closing])]
        kept = [*story[-lead:], Spacer(1, 6 * mm), closing]
        return [*story[:-lead], KeepTogether(kept)]
