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
VERIFICATION_TITLE = "XÁC THỰC BẢN GIẤY"


class QrCode(Flowable):
    """A QR drawn as one filled rectangle per run of dark modules (zxing-cpp encodes it: C++,
    a thousandth of reportlab's own encoder and drawing per report)."""

    def __init__(self, text: str, side: float = QR_SIDE) -> None:
        super().__init__()
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        self.matrix = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128
        self.side = side

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def runs(self) -> list[tuple[int, int, int]]:
        """(x, y, length) of each run of dark modules, in modules from the bottom left of the
        quiet zone."""
        count = self.matrix.shape[0]
        edges = numpy.diff(numpy.pad(self.matrix, ((0, 0), (1, 1))).astype(numpy.int8), axis=1)
        rows, starts = numpy.nonzero(edges == 1)
        _, ends = numpy.nonzero(edges == -1)  # row by row, in the same order as the starts
        return [
            (int(start) + QUIET_MODULES, count + QUIET_MODULES - 1 - int(row), int(end - start))
            for row, start, end in zip(rows, starts, ends, strict=True)
        ]

    def draw(self) -> None:
        """In module units, written as PDF operators at once: a few hundred ``canv.rect``
        calls each formatting four floats cost more than the rest of the page. Each run is
        filled alone, so that viewers snap it to whole pixels (one path of all of them
        renders with grey seams at 150 dpi)."""
        module = self.side / (self.matrix.shape[0] + 2 * QUIET_MODULES)
        canv = self.canv
        canv.saveState()
        canv.scale(module, module)
        canv.setFillColorRGB(0, 0, 0)
        canv.addLiteral(" ".join(f"{x} {y} {length} 1 re f" for x, y, length in self.runs()))
        canv.restoreState()


def verification_block(document: Any, code: PaperCode, submitted_on: dt.date | None) -> Table:
    """A QR beside the words that say what it holds; ``document`` is the report being built."""
    words: list[Flowable] = [document.para(VERIFICATION_TITLE, "label")]
    words += [document.para(line, "small") for line in verification_lines(code, submitted_on)]
    return document.table(
        [[QrCode(code.text()), words]],
        [QR_SIDE + 4 * mm, document.width - QR_SIDE - 4 * mm],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
    )
