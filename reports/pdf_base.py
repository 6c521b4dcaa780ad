"""What every PDF report shares: a document class with overridable steps (fonts, styles,
page templates, story), a canvas that writes "Trang X/Y" once the page count is known, and
the pieces of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP): the issuing
body beside the Quốc hiệu – Tiêu ngữ, place and date, and signature blocks.
"""

from __future__ import annotations

import datetime as dt
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

from reports import output_stream
from reports.fonts import BOLD, ITALIC, REGULAR, markup, register_fonts

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class NumberedCanvas(canvas.Canvas):
    """Keeps each page until the end, then stamps "Trang X/Y" on all of them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = REGULAR  # not Helvetica, which is never embedded
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 11
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own; not in its stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(REGULAR, 10)
            width = self._pagesize[0]  # type: ignore[attr-defined]  # not in reportlab's stubs
            self.drawCentredString(width / 2, 10 * mm, f"Trang {number}/{total}")
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
    """85.5 → "85,5%": Vietnamese documents write a decimal comma."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + suffix


def vn_long_date(day: dt.date) -> str:
    """As NĐ 30/2020 writes dates: a 0 before days under 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


CELL_PADDING = 3  # points either side of a grid cell's text (the grid's own padding)


def fit_rows(
    data: list[list[Any]], widths: list[float], limit: float, extra: list[tuple[Any, ...]]
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """Rows cut into pieces no taller than ``limit``; style commands follow their rows."""
    rows: list[list[Any]] = []
    spans: dict[int, tuple[int, int]] = {}
    for index, row in enumerate(data):
        start = len(rows)
        pieces = [row] if index == 0 else split_row(row, widths, limit)
        rows += pieces
        spans[index] = (start, len(rows) - 1)
    if len(rows) == len(data):
        return data, extra
    moved = []
    for command in extra:
        name, (c0, r0), (c1, r1), *rest = command
        if r0 >= 0 and r1 >= 0 and r0 in spans and r1 in spans:
            r0, r1 = spans[r0][0], spans[r1][1]
        moved.append((name, (c0, r0), (c1, r1), *rest))
    return rows, moved


def split_row(row: list[Any], widths: list[float], limit: float) -> list[list[Any]]:
    """One row, or the same row as several whose paragraphs each fit in ``limit``."""
    inner = [w - 2 * CELL_PADDING for w in widths]
    heights = [
        c.wrap(w, limit)[1] if isinstance(c, Paragraph) else 0
        for c, w in zip(row, inner, strict=True)
    ]
    if max(heights, default=0) <= limit:
        return [row]
    columns: list[list[Any]] = []
    for cell, width in zip(row, inner, strict=True):
        parts: list[Any] = [cell]
        while isinstance(parts[-1], Paragraph) and parts[-1].wrap(width, limit)[1] > limit:
            halves = parts[-1].split(width, limit)
            if len(halves) < 2:
                break
            parts[-1:] = halves
        columns.append(parts)
    depth = max(len(parts) for parts in columns)
    return [[parts[n] if n < len(parts) else "" for parts in columns] for n in range(depth)]


class ReportDocument:
    """One PDF document; subclasses fill ``story`` and may override any other step."""

    pagesize = A4
    margins = (20 * mm, 15 * mm, 20 * mm, 30 * mm)  # top, right, bottom, left (NĐ 30)
    title = "Kiểm tra"

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()

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
        """Drawn on every page; the page number is added later by ``NumberedCanvas``."""

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
        size = 12.5
        left: list[Flowable] = [self.para(body_above.upper(), "centre")] if body_above else []
        left += [
            self.para(body.upper(), "centre_bold"),
            CentredRule(min(stringWidth(body.upper(), BOLD, size), 0.3 * self.width)),
        ]
        right = [
            self.para(NATION, "centre_bold"),
            self.para(MOTTO, "centre_bold"),
            CentredRule(stringWidth(MOTTO, BOLD, 13)),
        ]
        place_date = f"{place or '……'}, {vn_long_date(self.today)}"
        return self.table(
            [[left, right], [self.para(number, "centre"), self.para(place_date, "centre_italic")]],
            [0.42 * self.width, 0.58 * self.width],
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
        points = [w * self.width for w in widths]
        data, extra = fit_rows(data, points, self.row_limit, extra or [])
        return self.table(
            data,
            points,
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *(extra or []),
            ],
            repeat_rows=1,
        )

    def signatures(self, blocks: list[tuple[str, str, str]]) -> KeepTogether:
        """Signature blocks side by side: (role, how to sign, printed name)."""
        cells = [
            [
                self.para(role.upper(), "centre_bold"),
                self.para(how, "centre_italic"),
                Spacer(1, 24 * mm),
                self.para(name, "centre_bold"),
            ]
            for role, how, name in blocks
        ]
        table = self.table(
            [cells], [self.width / len(blocks)] * len(blocks), [("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
        return KeepTogether([Spacer(1, 8 * mm), table])
