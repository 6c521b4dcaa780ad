"""The verification block of a submitted report: the day it was submitted, its content hash
and a QR of both (``models.paper_code``), read back by ``kiemtra assessments verify CODE``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from models.paper_code import PaperCode
from models.vocabulary import vn_date

QR_SIDE = 30 * mm  # 4-module quiet zone; modules of about 0.6 mm: read from a 150 dpi scan
QUIET_MODULES = 4


def qr_drawing(text: str, side: float = QR_SIDE) -> Drawing:
    widget: Any = QrCodeWidget(text, barLevel="M", barBorder=QUIET_MODULES)  # no stubs
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


def verification_block(document: Any, code: PaperCode, submitted_on: dt.date | None) -> Table:
    """A QR beside the words that say what it holds; ``document`` is the report being built."""
    submitted = vn_date(submitted_on) if submitted_on else "—"
    words: list[Flowable] = [
        document.para("XÁC THỰC BẢN GIẤY", "label"),
        document.para(f"Ngày nộp: {submitted}", "small"),
        document.para(f"Mã băm nội dung (SHA-256): {code.content_hash}", "small"),
        document.para(f"Mã xác thực: {code.grouped()}", "small"),
        document.para(
            "Đối chiếu bản giấy với dữ liệu đã nộp: kiemtra assessments verify "
            "<mã xác thực> (gõ mã hoặc quét mã QR).",
            "small",
        ),
    ]
    return document.table(
        [[qr_drawing(code.text()), words]],
        [QR_SIDE + 4 * mm, document.width - QR_SIDE - 4 * mm],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
    )
