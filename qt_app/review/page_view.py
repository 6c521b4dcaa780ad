"""The paper beside the words: the page of the PDF or scan the current item was read from.

A reviewer checks a line read from a PDF, and above all from a scan, against the page it came
from: the page is drawn (by ``models.directive_import.pdf.page_image``, offline) with the
item's first line framed. Pages are kept once drawn; a source file that has gone since the
import is said, not an error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.directive_import.pdf import page_image
from models.errors import KnownError

DPI = 110
Box = tuple[float, float, float, float]


class SourcePageView(QWidget):
    """One page of the source at a time, the current item's line framed in orange."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.page_sizes: list[tuple[float, float]] = []
        self.page = 0
        self.box: Box | None = None
        self._images: dict[int, QImage] = {}
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.previous = QPushButton(self.tr("◀ Trang trước"))
        self.next = QPushButton(self.tr("Trang sau ▶"))
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        row = QHBoxLayout()
        row.addWidget(self.previous)
        row.addWidget(self.caption, 1)
        row.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(scroll, 1)

    def set_source(self, path: str | None, page_sizes: list[tuple[float, float]]) -> None:
        """A new draft: its source file (None for typed text) and the size of each page."""
        self.path = Path(path) if path else None
        self.page_sizes = list(page_sizes)
        self._images.clear()
        self.page, self.box = 0, None
        self.setVisible(bool(self.page_sizes))
        self._draw()

    def show_item(self, page: int | None, box: Box | None) -> None:
        """Turn to ``page`` (1-based) and frame ``box`` (points, y upwards) on it."""
        if page is None or not self.page_sizes:
            return
        self.page, self.box = page, box
        self._draw()

    def turn(self, step: int) -> None:
        if self.page_sizes:
            self.page = min(max(1, self.page + step), len(self.page_sizes))
            self.box = None
            self._draw()

    def _draw(self) -> None:
        count = len(self.page_sizes)
        self.previous.setEnabled(1 < self.page <= count)
        self.next.setEnabled(0 < self.page < count)
        if not count or self.page < 1:
            self.picture.clear()
            self.caption.setText("")
            return
        self.caption.setText(self.tr("Trang {0}/{1}").format(self.page, count))
        image = self._image(self.page)
        if image is None:
            return
        pixmap = QPixmap.fromImage(image)
        width = self.scroll.viewport().width() - 4
        if width > 200:  # the page as wide as the panel: a whole line readable at a glance
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        if self.box is not None:
            self._frame(pixmap, self.box, self.page_sizes[self.page - 1])
        self.picture.setPixmap(pixmap)
        if self.box is not None:
            scale = pixmap.height() / self.page_sizes[self.page - 1][1]
            middle = int((self.page_sizes[self.page - 1][1] - self.box[3]) * scale)
            QTimer.singleShot(0, lambda: self.scroll.ensureVisible(0, middle, 0, 120))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.page_sizes and self.page >= 1 and self.page in self._images:
            self._draw()

    def _image(self, page: int) -> QImage | None:
        if page in self._images:
            return self._images[page]
        if self.path is None or not self.isEnabled():
            return None  # disabled: a file is being read in the background; draw later
        try:
            png = page_image(self.path, page, DPI)
        except KnownError as exc:
            self.picture.clear()
            self.caption.setText(
                self.tr("Không hiện được trang gốc: {0}").format(exc.message("vi"))
            )
            self.caption.setToolTip(exc.en)
            return None
        image = QImage.fromData(png, "PNG")
        self._images[page] = image
        return image

    @staticmethod
    def _frame(pixmap: QPixmap, box: Box, size: tuple[float, float]) -> None:
        scale = pixmap.width() / size[0]
        x0, bottom, x1, top = box
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor("#e07000"), 3))
        painter.drawRect(
            QRectF(
                x0 * scale - 4,
                (size[1] - top) * scale - 4,
                (x1 - x0) * scale + 8,
                (top - bottom) * scale + 8,
            )
        )
        painter.end()

    def shown_page(self) -> int:
        """The page on screen (0 when none), for tests and the caption."""
        return self.page if self.picture.pixmap() and not self.picture.pixmap().isNull() else 0
