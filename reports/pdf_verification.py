"""The verification block of a submitted report: the day it was submitted, its content hash
and a QR of both (``models.paper_code``), read back by ``kiemtra assessments verify CODE``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy
import zxingcpp
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from models.paper_code import PaperCode
from reports.assessment_report import verification_lines

QR_SIDE = 30 * mm  # 4-module quiet zone; modules of about 0.6 mm: read from a 150 dpi scan
QUIET_MODULES = 4


class QrCode(Flowable):
    """A QR drawn as one rectangle per run of dark modules (zxing-cpp encodes it: C++,
    a thousandth of reportlab's own encoder and drawing per report)."""

    def __init__(self, text: str, side: float = QR_SIDE) -> None:
        super().__init__()
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        self.matrix = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128
        self.side = side

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        count = self.matrix.shape[0] + 2 * QUIET_MODULES
        module = self.side / count
        canv = self.canv
        canv.setFillColorRGB(0, 0, 0)
        for row, dark in enumerate(self.matrix):
            y = self.side - (row + QUIET_MODULES + 1) * module
            column = 0
            while column < len(dark):
                if not dark[column]:
                    column += 1
                    continue
                run = column
                while run < len(dark) and dark[run]:
                    run += 1
                x = (column + QUIET_MODULES) * module
                canv.rect(x, y, (run - column) * module, module, stroke=0, fill=1)
                column = run


def verification_block(document: Any, code: PaperCode, submitted_on: dt.date | None) -> Table:
    """A QR beside the words that say what it holds; ``document`` is the report being built."""
    words: list[Flowable] = [document.para("XÁC THỰC BẢN GIẤY", "label")]
    words += [document.para(line, "small") for line in verification_lines(code, submitted_on)]
    return document.table(
        [[QrCode(code.text()), words]],
        [QR_SIDE + 4 * mm, document.width - QR_SIDE - 4 * mm],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
    )
