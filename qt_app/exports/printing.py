"""Printing what the program writes as PDF: Qt's print dialog, then each page rasterised by
pdfium and painted on the printer.

Qt cannot draw a PDF itself without QtPdf, which the installer leaves out, and the reports
exist only as PDF (reportlab); rendering the same PDF keeps paper identical to the file.
``print_pdf`` takes a path and a ``QPrinter``, so tests print to a PDF file, no dialog.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from models.db import Database
from models.errors import KnownError
from qt_app.i18n import language
from qt_app.messages import show_error

#: Pages are rendered at the printer's resolution, but no finer: an A4 page at 300 dpi is
#: 35 MB in memory, at 1200 dpi (Qt's "high resolution") it would be 560 MB.
MOST_DPI = 300


def _open(pdf: Path) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(str(pdf))
    except Exception as exc:  # pdfium raises its own PdfiumError, or OSError
        raise KnownError(
            f"Không đọc được tệp PDF để in ({exc}).", f"The PDF to print cannot be read ({exc})."
        ) from None


def page_count(pdf: Path) -> int:
    """How many pages the PDF has (for the print dialog's page range)."""
    document = _open(pdf)
    with contextlib.closing(document):
        return len(document)


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Paint the pages of ``pdf`` (those of the range chosen in the dialog, else all) on
    ``printer``, each fitted to the sheet keeping its proportions (an A4 page on A4 paper is
    printed at its own size, so a form's boxes stay where a scan expects them); returns how
    many pages were printed."""
    document: Any = _open(pdf)
    with contextlib.closing(document):
        count = len(document)
        first, last = printer.fromPage(), printer.toPage()
        pages = range(max(first, 1) - 1, min(last, count) if last else count)
        printer.setFullPage(True)  # the page as the PDF lays it out, margins included: 1:1
        painter = QPainter()
        if not pages or not painter.begin(printer):
            raise KnownError(
                "Không mở được máy in; hãy kiểm tra máy in rồi thử lại.",
                "The printer could not be opened; check it and try again.",
            )
        try:
            dpi = min(printer.resolution(), MOST_DPI)
            for number, index in enumerate(pages):
                if number:
                    printer.newPage()
                page = document[index]
                try:
                    image = _render(page, dpi)
                finally:
                    page.close()
                _paint(painter, image)
        finally:
            painter.end()
    return len(pages)


def _render(page: Any, dpi: int) -> QImage:
    bitmap = page.render(
        scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True, optimize_mode="print"
    )
    try:
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return image.copy()  # owns its pixels once the bitmap is closed
    finally:
        bitmap.close()


def _paint(painter: QPainter, image: QImage) -> None:
    area = QRectF(painter.viewport())
    scale = min(area.width() / image.width(), area.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    target = QRectF(
        area.left() + (area.width() - width) / 2,
        area.top() + (area.height() - height) / 2,
        width,
        height,
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


def print_with_dialog(parent: QWidget | None, pdf: Path, title: str) -> bool:
    """Qt's print dialog for ``pdf``, then the pages on the chosen printer."""
    pages = page_count(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "In"))
    dialog.setMinMax(1, pages)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_pdf(pdf, dialog.printer())
    return True


def print_assessment(
    parent: QWidget | None, database: Database, assessment_id: uuid.UUID | str
) -> bool:
    """Write the assessment's report as a PDF in a temporary folder and print it."""
    from reports.pdf_assessment import write_assessment_pdf

    title = QCoreApplication.translate("printing", "Bài đánh giá")
    try:
        with tempfile.TemporaryDirectory(prefix="kiemtra-in-") as folder:
            pdf = Path(folder) / "bai-danh-gia.pdf"
            with database.session() as session:
                write_assessment_pdf(session, uuid.UUID(str(assessment_id)), pdf)
            return print_with_dialog(parent, pdf, title)
    except KnownError as exc:
        show_error(parent, exc.message(language()))
        return False
