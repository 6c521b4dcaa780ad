"""The printable form: a tick box for each answer, lines for notes, and on every page the
corner markers, the form's identity as text and a QR code, so a paper form can be typed in
by hand or read back from a scan.

Every position comes from ``reports.scan_layout`` (computed from the checklist version's
items alone) and is drawn straight on the canvas: the reader computes the same layout and
finds each box where it was printed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.errors import InvalidInput
from models.text import nfc
from reports import output_stream
from reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from reports.form_identity import FormIdentity
from reports.rows import ANSWER_CHOICES, FormSpec, item_marks, reference
from reports.scan_code import PageCode, base_letters, page_seal
from reports.scan_layout import (
    ANSWER_WIDTH,
    ANSWERS_LEFT,
    BOTTOM,
    CODE_RIGHT,
    LEFT,
    MARKER,
    MARKER_CENTRES,
    NOTE_LINES,
    PAGE_HEIGHT,
    QR_LEFT,
    QR_MAX_MODULES,
    QR_QUIET_MODULES,
    QR_SIZE,
    QR_TOP,
    RIGHT,
    SIGNATURES,
    TABLE_HEADER,
    TEXT_LEADING,
    TEXT_PAD,
    TEXT_SIZE,
    FormLayout,
    ItemPlace,
    form_layout,
    layout_items,
)

HEADER_RIGHT = QR_LEFT - 4
#: The corrective-action table under the last item: heading, header row, rows to write on.
ACTIONS_HEADING, ACTIONS_HEAD_ROW, ACTION_ROW, MOST_ACTION_ROWS = 6.5, 6.0, 7.5, 6
ACTION_COLUMNS = (
    ("Mục", LEFT, 30.0),
    ("Biện pháp khắc phục (việc cần làm)", 30.0, 128.0),
    ("Người thực hiện", 128.0, 168.0),
    ("Hạn", 168.0, RIGHT),
)
ACTIONS_ELSEWHERE = (
    "Biện pháp khắc phục (mục, việc cần làm, người thực hiện, hạn): ghi ở mặt sau phiếu."
)
DOTS = "…" * 40
INSTRUCTIONS = (
    "Đánh dấu X vào đúng một ô cho mỗi mục; đánh nhầm thì tô kín ô đó rồi đánh dấu ô đúng. "
    "Ghi chú viết trên dòng kẻ. Mục có dấu (!) là mục trọng yếu."
)


def page_codes(spec: FormSpec, layout: FormLayout) -> list[PageCode]:
    """The QR code of each page, base and seal included."""
    codes = []
    for page in range(1, layout.pages + 1):
        items = layout.on_page(page)
        base = None
        if spec.base is not None:
            base = base_letters([_status(spec.base.get(item.code)) for item in items])
        seal = page_seal(
            checklist=spec.checklist,
            version=spec.version,
            content_hash=spec.content_hash,
            unit_id=spec.unit_id,
            period=spec.period,
            kind=spec.kind,
            page=page,
            pages=layout.pages,
            layout_digest=layout.page_digest(page),
            base=base,
        )
        codes.append(
            PageCode(
                spec.checklist,
                spec.version,
                spec.unit_id,
                spec.period,
                spec.kind,
                page,
                layout.pages,
                base,
                seal,
            )
        )
    return codes


def _status(token: str | None) -> str | None:
    return (token or "").partition(":")[0] or None


def qr_modules(text: str) -> tuple[int, list[tuple[int, int]]]:
    """The module count of the page's QR and its dark modules as (row, column)."""
    widget: Any = QrCodeWidget(text, barLevel="M", barBorder=QR_QUIET_MODULES)  # .qr: no stubs
    widget.qr.make()
    count = widget.qr.getModuleCount()
    if count > QR_MAX_MODULES:
        raise InvalidInput(
            "Mã nhận dạng của phiếu quá dài để in thành mã QR đọc được.",
            "The form's identity is too long to print as a readable QR code.",
        )
    dark = [
        (row, column)
        for row, modules in enumerate(widget.qr.modules)
        for column, is_dark in enumerate(modules)
        if is_dark
    ]
    return count, dark


def _y(top: float) -> float:
    """Millimetres from the top of the page to reportlab's points from the bottom."""
    return (PAGE_HEIGHT - top) * mm


def _fit(text: str, font: str, size: float, width_mm: float) -> str:
    """One line that fits: cut with "…" when it does not."""
    text = nfc(text)
    if stringWidth(text, font, size) <= width_mm * mm:
        return text
    while text and stringWidth(text + "…", font, size) > width_mm * mm:
        text = text[:-1]
    return text.rstrip() + "…"


class FormDocument:
    """One printable form, drawn page by page from its layout."""

    def __init__(self, spec: FormSpec, today: dt.date | None = None) -> None:
        self.spec = spec
        self.today = today or dt.date.today()
        self.identity = FormIdentity.of(spec)
        self.title = f"Phiếu {spec.kind_label.lower()} — {spec.title}"
        register_fonts()
        self.layout = form_layout(layout_items(spec.items))
        self.codes = page_codes(spec, self.layout)

    def render(self, path: Path) -> Path:
        with output_stream(path) as stream:
            # not Helvetica, which is never embedded (the stubs type the font name a float)
            canv = Canvas(stream, pagesize=A4, initialFontName=REGULAR, initialFontSize=10)  # type: ignore[arg-type]
            canv.setTitle(self.title)
            canv.setAuthor("Kiểm tra")
            canv.setCreator("Kiểm tra")
            for page in range(1, self.layout.pages + 1):
                self.draw_page(canv, page)
                canv.showPage()
            canv.save()
        return Path(path)

    def draw_page(self, canv: Canvas, page: int) -> None:
        self.markers(canv)
        self.qr(canv, self.codes[page - 1].text())
        if page == 1:
            self.first_header(canv)
        else:
            self.next_header(canv, page)
        self.table_header(canv, self.layout.table_top(page))
        for item in self.layout.on_page(page):
            self.item_row(canv, item)
        if page == self.layout.pages:
            self.signatures(canv, self.actions(canv, self.layout.signatures_top))
        self.footer(canv, page)

    def markers(self, canv: Canvas) -> None:
        for x, y in MARKER_CENTRES:
            canv.rect((x - MARKER / 2) * mm, _y(y + MARKER / 2), MARKER * mm, MARKER * mm, 0, 1)

    def qr(self, canv: Canvas, text: str) -> None:
        count, dark = qr_modules(text)
        module = QR_SIZE / (count + 2 * QR_QUIET_MODULES)
        path = canv.beginPath()
        for row, column in dark:
            left = QR_LEFT + (column + QR_QUIET_MODULES) * module
            top = QR_TOP + (row + QR_QUIET_MODULES) * module
            path.rect(left * mm, _y(top + module), module * mm, module * mm)
        canv.drawPath(path, stroke=0, fill=1)

    def first_header(self, canv: Canvas) -> None:
        spec = self.spec
        centre = (LEFT + HEADER_RIGHT) / 2 * mm
        width = HEADER_RIGHT - LEFT
        canv.setFont(BOLD, 14)
        canv.drawCentredString(centre, _y(15), f"PHIẾU {spec.kind_label.upper()}")
        self._lines(canv, spec.title, BOLD, 11, width, 20.5, 4.8, 2, centre)
        self._lines(
            canv, f"(Thực hiện {reference(spec.directive)})", ITALIC, 10, width, 31, 4.3, 2, centre
        )
        rows = [
            ("Đơn vị:", spec.unit),
            ("Kỳ báo cáo:", spec.period_label),
            ("Người đánh giá:", None),
            ("Mã phiếu:", self.identity.short_code()),
        ]
        for index, (label, value) in enumerate(rows):
            y = 44 + index * 6
            canv.setFont(BOLD, 11)
            canv.drawString(LEFT * mm, _y(y), label)
            canv.setFont(REGULAR, 11)
            canv.drawString(52 * mm, _y(y), _fit(value or DOTS, REGULAR, 11, RIGHT - 52))
        canv.setFont(ITALIC, 9.5)
        for number, line in enumerate(
            simpleSplit(INSTRUCTIONS, ITALIC, 9.5, (RIGHT - LEFT) * mm)[:2]
        ):
            canv.drawString(LEFT * mm, _y(66.5 + number * 3.8), line)

    def next_header(self, canv: Canvas, page: int) -> None:
        """Pages after the first say which form, unit and period they belong to, with room
        to write them by hand on a blank form."""
        spec = self.spec
        width = HEADER_RIGHT - LEFT
        canv.setFont(BOLD, 10.5)
        canv.drawString(
            LEFT * mm,
            _y(15),
            _fit(f"PHIẾU {spec.kind_label.upper()} — {spec.title}", BOLD, 10.5, width),
        )
        for index, (label, value) in enumerate(
            [("Đơn vị:", spec.unit), ("Kỳ báo cáo:", spec.period_label)]
        ):
            y = 23 + index * 7
            canv.setFont(BOLD, 10.5)
            canv.drawString(LEFT * mm, _y(y), label)
            canv.setFont(REGULAR, 10.5)
            canv.drawString(42 * mm, _y(y), _fit(value or DOTS, REGULAR, 10.5, HEADER_RIGHT - 42))

    def table_header(self, canv: Canvas, top: float) -> None:
        canv.setFillColor(colors.HexColor("#DDE4EE"))
        canv.rect(LEFT * mm, _y(top + TABLE_HEADER), (RIGHT - LEFT) * mm, TABLE_HEADER * mm, 0, 1)
        canv.setFillColor(colors.black)
        canv.setFont(BOLD, 9.5)
        canv.drawCentredString((LEFT + CODE_RIGHT) / 2 * mm, _y(top + 5.6), "Mục")
        canv.drawCentredString(
            (CODE_RIGHT + ANSWERS_LEFT) / 2 * mm, _y(top + 5.6), "Nội dung yêu cầu"
        )
        for index, (_, label) in enumerate(ANSWER_CHOICES):
            centre = (ANSWERS_LEFT + ANSWER_WIDTH * (index + 0.5)) * mm
            lines = simpleSplit(label, BOLD, 9.5, (ANSWER_WIDTH - 2) * mm)
            first = top + (5.6 if len(lines) == 1 else 3.8)
            for number, line in enumerate(lines[:2]):
                canv.drawCentredString(centre, _y(first + number * 3.6), line)

    def item_row(self, canv: Canvas, item: ItemPlace) -> None:
        critical = self.critical.get(item.code, False)
        baseline = item.top + TEXT_PAD + 3.3
        canv.setFont(BOLD if critical else REGULAR, TEXT_SIZE)
        canv.drawString((LEFT + 1.2) * mm, _y(baseline), item.code + (" (!)" if critical else ""))
        canv.setFont(REGULAR, TEXT_SIZE)
        for number, line in enumerate(item.lines):
            x = CODE_RIGHT + TEXT_PAD + item.indent
            canv.drawString(x * mm, _y(baseline + number * TEXT_LEADING), line)
        canv.setLineWidth(0.9)
        for box in item.boxes:
            canv.rect(box.left * mm, _y(box.bottom), box.width * mm, box.height * mm, 1, 0)
        canv.setStrokeColor(colors.grey)
        canv.setLineWidth(0.4)
        main_bottom = item.top + item.main_height
        for x in (CODE_RIGHT, ANSWERS_LEFT):
            canv.line(x * mm, _y(item.top), x * mm, _y(main_bottom))
        canv.line(LEFT * mm, _y(item.bottom), RIGHT * mm, _y(item.bottom))
        canv.setStrokeColor(colors.black)
        note = item.note
        canv.setFont(REGULAR, 9)
        canv.drawString((note.left + 1.5) * mm, _y(item.note_lines[0] - 1.2), "Ghi chú:")
        canv.setDash(1, 2)
        canv.setLineWidth(0.4)
        for number, y in enumerate(item.note_lines[:NOTE_LINES]):
            start = note.left + (15 if number == 0 else 1.5)
            canv.line(start * mm, _y(y), (RIGHT - 1) * mm, _y(y))
        canv.setDash()
        mark = self.marks.get(item.code)
        if mark:  # printed in the note area, so that no box moves
            canv.setFont(ITALIC, 8)
            canv.setFillColor(colors.grey)
            canv.drawRightString((RIGHT - 1.5) * mm, _y(item.note_lines[0] - 1.2), mark)
            canv.setFillColor(colors.black)

    @property
    def marks(self) -> dict[str, str]:
        """Why an item is not asked of the form's unit, or where its source is cut off."""
        return {item.code: item_marks(item) for item in self.spec.items}

    @property
    def critical(self) -> dict[str, bool]:
        return {item.code: item.critical for item in self.spec.items}

    def actions(self, canv: Canvas, top: float) -> float:
        """A table to write corrective actions on (item, what, who, deadline) in the room
        the last page has under its items; the items' rows and boxes stay where the layout
        put them (the scan reader computes the same). Returns where the signatures go."""
        room = BOTTOM - top - SIGNATURES
        rows = min(MOST_ACTION_ROWS, int((room - ACTIONS_HEADING - ACTIONS_HEAD_ROW) // ACTION_ROW))
        if rows < 2:  # no room on this page: the back of the sheet takes them
            canv.setFont(ITALIC, 9)
            canv.drawString(LEFT * mm, _y(top + 3.2), ACTIONS_ELSEWHERE)
            return top
        canv.setFont(BOLD, 10.5)
        canv.drawString(LEFT * mm, _y(top + 4.8), "BIỆN PHÁP KHẮC PHỤC")
        head = top + ACTIONS_HEADING
        bottom = head + ACTIONS_HEAD_ROW + rows * ACTION_ROW
        canv.setFillColor(colors.HexColor("#DDE4EE"))
        canv.rect(
            LEFT * mm, _y(head + ACTIONS_HEAD_ROW), (RIGHT - LEFT) * mm, ACTIONS_HEAD_ROW * mm, 0, 1
        )
        canv.setFillColor(colors.black)
        canv.setStrokeColor(colors.grey)
        canv.setLineWidth(0.4)
        canv.setFont(BOLD, 9)
        for label, left, right in ACTION_COLUMNS:
            canv.drawCentredString((left + right) / 2 * mm, _y(head + 4.1), label)
            canv.line(left * mm, _y(head), left * mm, _y(bottom))
        canv.line(RIGHT * mm, _y(head), RIGHT * mm, _y(bottom))
        for number in range(rows + 2):
            y = head if number == 0 else head + ACTIONS_HEAD_ROW + (number - 1) * ACTION_ROW
            canv.line(LEFT * mm, _y(y), RIGHT * mm, _y(y))
        canv.setStrokeColor(colors.black)
        return bottom + 1

    def signatures(self, canv: Canvas, top: float) -> None:
        half = (RIGHT - LEFT) / 2
        canv.setFont(ITALIC, 11)
        canv.drawCentredString(
            (LEFT + 1.5 * half) * mm, _y(top + 7), "……………, ngày …… tháng …… năm ………"
        )
        for index, (role, how) in enumerate(
            [("NGƯỜI ĐÁNH GIÁ", "(Ký, ghi rõ họ tên)"), ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)")]
        ):
            centre = (LEFT + half * (index + 0.5)) * mm
            canv.setFont(BOLD, 11)
            canv.drawCentredString(centre, _y(top + 14), role)
            canv.setFont(ITALIC, 10.5)
            canv.drawCentredString(centre, _y(top + 19), how)

    def footer(self, canv: Canvas, page: int) -> None:
        spec = self.spec
        canv.setFont(REGULAR, 8)
        canv.drawString(LEFT * mm, _y(281), f"Mã phiếu: {self.identity.short_code()}")
        canv.drawRightString(RIGHT * mm, _y(281), f"Trang {page}/{self.layout.pages}")
        canv.drawString(
            LEFT * mm,
            _y(285),
            _fit(f"{spec.unit or 'Đơn vị: ……'} — {spec.period_label or 'Kỳ: ……'}", REGULAR, 8, 170),
        )

    def _lines(
        self,
        canv: Canvas,
        text: str,
        font: str,
        size: float,
        width: float,
        first: float,
        leading: float,
        most: int,
        centre: float,
    ) -> None:
        lines = simpleSplit(nfc(text), font, size, width * mm) or [""]
        if len(lines) > most:
            lines = [*lines[: most - 1], _fit(" ".join(lines[most - 1 :]), font, size, width)]
        canv.setFont(font, size)
        for number, line in enumerate(lines):
            canv.drawCentredString(centre, _y(first + number * leading), line)


def write_form_pdf(spec: FormSpec, path: Path, today: dt.date | None = None) -> Path:
    return FormDocument(spec, today).render(path)
