"""The printable form: a tick box for each answer, lines for notes, and on every page the
form's identity as text and as a QR code, so a paper form found on a desk can be matched
to its checklist version, unit and period when someone types it in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer

from reports.fonts import REGULAR
from reports.form_identity import FormIdentity
from reports.pdf_base import ReportDocument
from reports.rows import ANSWER_CHOICES, FormSpec, reference

QR_SIZE = 20 * mm
DOTS = "…" * 30


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 4.2 * mm) -> None:
        super().__init__()
        self.size = size
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


class NoteLines(Flowable):
    """Dotted lines to write a note on."""

    def __init__(self, lines: int = 2, gap: float = 6.5 * mm) -> None:
        super().__init__()
        self.lines, self.gap = lines, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.line_width = available_width
        return available_width, self.lines * self.gap

    def draw(self) -> None:
        self.canv.setFont(REGULAR, 9)
        self.canv.drawString(0, (self.lines - 1) * self.gap + 1.5 * mm, "Ghi chú:")
        self.canv.setDash(1, 2)
        self.canv.setLineWidth(0.4)
        for index in range(self.lines):
            start = 14 * mm if index == self.lines - 1 else 0
            self.canv.line(
                start, index * self.gap + 1 * mm, self.line_width, index * self.gap + 1 * mm
            )


class FormDocument(ReportDocument):
    margins = (18 * mm, 15 * mm, 32 * mm, 25 * mm)

    def __init__(self, spec: FormSpec, today: dt.date | None = None) -> None:
        super().__init__(today)
        self.spec = spec
        self.identity = FormIdentity.of(spec)
        self.title = f"Phiếu {spec.kind_label.lower()} — {spec.title}"
        self._qr = _qr_modules(self.identity.qr_text(), QR_SIZE)

    def on_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The identity on every page: a loose page still says which form it belongs to."""
        canv.saveState()
        canv.translate(doc.leftMargin + doc.width - QR_SIZE, 9 * mm)
        path = canv.beginPath()
        for x, y, width, height in self._qr:
            path.rect(x, y, width, height)
        canv.drawPath(path, stroke=0, fill=1)
        canv.translate(-(doc.leftMargin + doc.width - QR_SIZE), -9 * mm)
        canv.setFont(REGULAR, 8)
        canv.drawString(doc.leftMargin, 22 * mm, f"Mã phiếu: {self.identity.short_code()}")
        spec = self.spec
        canv.drawString(
            doc.leftMargin,
            18 * mm,
            f"{spec.unit or 'Đơn vị: ……'} — {spec.period_label or 'Kỳ: ……'}",
        )
        canv.restoreState()

    def story(self) -> list[Flowable]:
        spec = self.spec
        story: list[Flowable] = self.document_title(f"PHIẾU {spec.kind_label.upper()}", spec.title)
        story.append(self.para(f"(Thực hiện {reference(spec.directive)})", "centre_italic"))
        story.append(Spacer(1, 4 * mm))
        story.append(
            self.info_block(
                [
                    ("Đơn vị:", spec.unit or DOTS),
                    ("Kỳ báo cáo:", spec.period_label or DOTS),
                    ("Người đánh giá:", DOTS),
                    ("Mã phiếu:", self.identity.short_code()),
                ]
            )
        )
        story.append(Spacer(1, 3 * mm))
        story.append(
            self.para(
                "Đánh dấu X vào một ô cho mỗi mục; ghi chú vào dòng bên dưới. "
                "Mục có dấu (!) là mục trọng yếu.",
                "small",
            )
        )
        story.append(Spacer(1, 2 * mm))
        story.append(self.items_table())
        story.append(
            self.signatures(
                [
                    ("Người đánh giá", "(Ký, ghi rõ họ tên)", ""),
                    ("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", ""),
                ]
            )
        )
        return story

    def items_table(self) -> Flowable:
        headers = ["Mục", "Nội dung yêu cầu", *(label for _, label in ANSWER_CHOICES)]
        data: list[list[Any]] = [[self.para(h, "cell_bold") for h in headers]]
        commands: list[tuple[Any, ...]] = [
            ("ALIGN", (2, 1), (-1, -1), "CENTER"),
            ("VALIGN", (2, 1), (-1, -1), "MIDDLE"),
        ]
        for item in self.spec.items:
            row = len(data)
            code = item.code + (" (!)" if item.critical else "")
            requirement = ("\u00a0" * 3 * item.depth) + item.requirement
            data.append(
                [
                    self.para(code, "cell"),
                    self.para(requirement, "cell"),
                    TickBox(),
                    TickBox(),
                    TickBox(),
                    TickBox(),
                ]
            )
            data.append(["", NoteLines(), "", "", "", ""])
            commands += [
                ("SPAN", (1, row + 1), (-1, row + 1)),
                ("NOSPLIT", (0, row), (-1, row + 1)),
                ("LINEBELOW", (0, row), (-1, row), 0.25, colors.lightgrey),
                ("VALIGN", (1, row + 1), (-1, row + 1), "BOTTOM"),
            ]
        return self.grid(
            data,
            [0.09, 0.51, 0.09, 0.11, 0.10, 0.10],
            [("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey), *commands],
        )


def _qr_modules(text: str, size: float) -> list[tuple[float, float, float, float]]:
    """The dark squares of reportlab's own QR encoding, as rectangles in a ``size`` square.

    Drawn straight on the canvas: going through ``renderPDF`` would select Helvetica as
    its starting font and leave that unembedded font in every page's resources."""
    widget: Any = QrCodeWidget(text, barLevel="M", barBorder=2)  # .qr: not in the stubs
    widget.qr.make()
    count = widget.qr.getModuleCount()
    box = size / (count + 2 * widget.barBorder)
    rects = []
    for row, modules in enumerate(widget.qr.modules):
        for column, dark in enumerate(modules):
            if dark:
                x = (column + widget.barBorder) * box
                y = size - (row + widget.barBorder + 1) * box
                rects.append((x, y, box, box))
    return rects


def write_form_pdf(spec: FormSpec, path: Path, today: dt.date | None = None) -> Path:
    return FormDocument(spec, today).render(path)
