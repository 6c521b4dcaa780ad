"""PDF directives, read with PDFium (pypdfium2): the text layer by position, scans through OCR.

pypdfium2 was chosen by measurement (``benchmarks/pdf_readers.py``): on Vietnamese text set by
reportlab and by LibreOffice it reads every marked letter as pdfplumber does, whole paragraphs
as often or more, forty to fifty times faster, and it also renders pages, which a scan needs
for OCR and the review tab to show the paper; it ships wheels for Windows. A PDF is outside
input: it is opened under size and page limits, and whatever PDFium raises becomes one
bilingual "cannot read" message.
"""

from __future__ import annotations

import ctypes
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from models.directive_import.page_layout import lay_out
from models.directive_import.page_rows import GAP, Chunk, Page, rows_from_chunks
from models.directive_import.reading import Document, Progress
from models.errors import InvalidInput, KnownError

MAX_PAGES = 200
MAX_OCR_PAGES = 40
MAX_PAGE_POINTS = 5000.0  # a page larger than 1.7 m a side is no directive
MAX_CHARS_PER_PAGE = 60_000
SCANNED_PAGE_CHARS = 25  # fewer characters than this on a page: it is a picture of text
OCR_DPI = 300
MAX_RENDER_PIXELS = 40_000_000


def unreadable(name: str, detail_vi: str = "", detail_en: str = "") -> InvalidInput:
    extra_vi = f" ({detail_vi})" if detail_vi else ""
    extra_en = f" ({detail_en or detail_vi})" if detail_vi or detail_en else ""
    return InvalidInput(
        f"Không đọc được văn bản chỉ đạo '{name}': tệp PDF bị hỏng hoặc không hợp lệ{extra_vi}. "
        "Không có gì được ghi.",
        f"Cannot read the directive '{name}': the PDF file is damaged or not valid{extra_en}. "
        "Nothing was written.",
    )


#: PDFium is not safe to call from two threads at once: the window reads a file in the
#: background while it may draw a page of another.
_PDFIUM = threading.RLock()


@contextmanager
def open_pdf(raw: bytes, name: str) -> Iterator[Any]:
    """The document, guarded: a password, damage or an absurd size is a clear message."""
    with _PDFIUM:
        yield from _opened(raw, name)


def _opened(raw: bytes, name: str) -> Iterator[Any]:
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]
    except ImportError as exc:  # a broken installation, not the user's file
        raise KnownError(
            "Thiếu thư viện đọc PDF (pypdfium2); hãy cài lại chương trình.",
            "The PDF library (pypdfium2) is missing; reinstall the program.",
        ) from exc
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InvalidInput(
                f"Tệp PDF '{name}' được đặt mật khẩu; hãy mở khóa (in lại ra PDF) rồi nhập lại.",
                f"The PDF '{name}' is protected by a password; unlock it (print it to a new "
                "PDF) and import that.",
            ) from exc
        raise unreadable(name, str(exc)) from exc
    except Exception as exc:
        raise unreadable(name, type(exc).__name__) from exc
    try:
        count = len(document)
        if count == 0:
            raise unreadable(name, "không có trang nào", "it has no pages")
        if count > MAX_PAGES:
            raise InvalidInput(
                f"Tệp PDF '{name}' có {count} trang; văn bản chỉ đạo được nhận tối đa "
                f"{MAX_PAGES} trang.",
                f"The PDF '{name}' has {count} pages; a directive may have at most "
                f"{MAX_PAGES} pages.",
            )
        yield document
    except KnownError:
        raise
    except (RuntimeError, OSError, ValueError) as exc:  # PdfiumError is a RuntimeError
        raise unreadable(name, type(exc).__name__) from exc
    finally:
        document.close()


def read_pdf(raw: bytes, name: str, progress: Progress | None = None) -> Document:
    """Every page's text by position; pages without a text layer go through OCR."""
    with open_pdf(raw, name) as document:
        pages: list[Page] = []
        scanned: list[int] = []
        for number in range(len(document)):
            page = document[number]
            try:
                width, height = page.get_size()
                if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
                    raise unreadable(name, "kích thước trang bất thường", "absurd page size")
                chunks = _page_chunks(page)
            finally:
                page.close()
            if sum(len(c.text) for c in chunks) < SCANNED_PAGE_CHARS:
                scanned.append(number)
                chunks = []
            pages.append(Page(number + 1, width, height, rows_from_chunks(chunks, number + 1)))
        warnings: list[str] = []
        encoding = "pdf"
        if scanned:
            from models.directive_import.ocr import ocr_pdf_pages

            if len(scanned) > MAX_OCR_PAGES:
                raise InvalidInput(
                    f"Bản quét '{name}' có {len(scanned)} trang cần nhận dạng chữ; tối đa "
                    f"{MAX_OCR_PAGES} trang.",
                    f"The scan '{name}' has {len(scanned)} pages to recognise; at most "
                    f"{MAX_OCR_PAGES}.",
                )
            for number, ocr_page in zip(
                scanned, ocr_pdf_pages(document, scanned, name, progress), strict=True
            ):
                pages[number] = ocr_page
            encoding = "ocr" if len(scanned) == len(pages) else "pdf+ocr"
            warnings.append(ocr_warning(len(scanned)))
    return document_from_pages(pages, encoding, warnings, name)


def ocr_warning(count: int) -> str:
    return (
        f"{count} trang được đọc bằng nhận dạng chữ (OCR); hãy so từng mục với bản giấy / "
        f"{count} page(s) were read by OCR; check each item against the paper"
    )


def document_from_pages(
    pages: list[Page], encoding: str, warnings: list[str], name: str
) -> Document:
    laid = lay_out(pages)
    if not any(line.text.strip() for line in laid.lines):
        raise InvalidInput(
            f"Không tìm thấy chữ nào trong '{name}'.", f"No text was found in '{name}'."
        )
    if laid.dropped:
        warnings.append(
            f"Đã bỏ {laid.dropped} dòng đầu/cuối trang (số trang, tiêu đề lặp lại, chú thích, "
            f"địa chỉ trang web) / {laid.dropped} lines at page tops and bottoms were left out "
            "(page numbers, running headers, footnotes, web addresses)"
        )
    text = "\n".join(line.text for line in laid.lines).strip("\n")
    if laid.notes:
        text += "\n\nChú thích / Notes:\n" + "\n".join(
            f"[{key.split(':', 1)[1]}] {value}" for key, value in laid.notes.items()
        )
    return Document(
        text=text,
        lines=laid.lines,
        encoding=encoding,
        warnings=warnings,
        page_sizes=[(p.width, p.height) for p in pages],
    )


def _page_chunks(page: Any) -> list[Chunk]:
    """Characters in content order → runs on one baseline. A small raised digit after a word
    is a footnote mark of the run; small raised digits opening a run are the mark a footnote
    body starts with."""
    import pypdfium2.raw as raw_api  # type: ignore[import-untyped]

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > MAX_CHARS_PER_PAGE:
            raise InvalidInput(
                "Một trang PDF có quá nhiều ký tự để là văn bản chỉ đạo.",
                "A PDF page holds too many characters to be a directive.",
            )
        text = textpage.get_text_range() if count else ""
        handle = textpage.raw
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        chunks: list[Chunk] = []
        run: _Run | None = None
        for index in range(min(count, len(text))):
            char = text[index]
            if char.isspace() or raw_api.FPDFText_IsGenerated(handle, index) == 1:
                if run is not None and char in "\r\n":
                    chunks.append(run.chunk())
                    run = None
                elif run is not None:
                    run.space()
                continue
            if not raw_api.FPDFText_GetCharBox(handle, index, left, right, bottom, top):
                continue
            size = float(raw_api.FPDFText_GetFontSize(handle, index)) or (top.value - bottom.value)
            x0, x1, low = left.value, right.value, bottom.value
            if run is not None:
                if run.is_mark_of(char, x0, low, size):
                    run.add_ref(char, x1)
                    continue
                if run.only_a_mark() and size > 1.25 * run.size and low < run.base:
                    run.become_lead_mark(low, size)
                elif not run.takes(x0, low, top.value, size):
                    chunks.append(run.chunk())
                    run = None
            if run is None:
                run = _Run(x0, low, size)
            run.add(char, x1, low, top.value, size)
        if run is not None:
            chunks.append(run.chunk())
        return [c for c in chunks if c.text.strip()]
    finally:
        textpage.close()


class _Run:
    """Characters being gathered into one chunk."""

    def __init__(self, x0: float, base: float, size: float) -> None:
        self.text = ""
        self.x0, self.x1 = x0, x0
        self.base, self.bottom, self.top = base, base, base
        self.size = size
        self.refs: list[str] = []
        self.in_ref = False

    def space(self) -> None:
        if self.text and not self.text.endswith(" "):
            self.text += " "
        self.in_ref = False

    def add(self, char: str, x1: float, low: float, high: float, size: float) -> None:
        if not self.text:
            self.bottom, self.top, self.base = low, high, low
        self.text += char
        self.x1 = max(self.x1, x1)
        self.bottom, self.top = min(self.bottom, low), max(self.top, high)
        if char.isalnum() and low < self.base:
            self.base = low
        self.size = max(self.size, size)
        self.in_ref = False

    def is_mark_of(self, char: str, x0: float, low: float, size: float) -> bool:
        """A digit in smaller type, raised, right after this run's text."""
        return (
            char.isdigit()
            and bool(self.text.strip())
            and not self.only_a_mark()
            and size < 0.8 * self.size
            and low > self.base + 0.2 * self.size
            and -1 <= x0 - self.x1 < 0.5 * self.size
        )

    def add_ref(self, char: str, x1: float) -> None:
        if self.in_ref and self.refs:
            self.refs[-1] += char
        else:
            self.refs.append(char)
        self.in_ref = True
        self.x1 = max(self.x1, x1)

    def only_a_mark(self) -> bool:
        return self.text.isdigit() and not self.refs

    def become_lead_mark(self, base: float, size: float) -> None:
        self.refs, self.text = [self.text], ""
        self.base = self.bottom = base
        self.size = size

    def takes(self, x0: float, low: float, high: float, size: float) -> bool:
        """On this run's line (the boxes overlap: quotes and accents sit high, descenders
        and dots below sit low) and close after it."""
        bigger = max(size, self.size)
        overlap = min(high, self.top) - max(low, self.bottom)
        return overlap > -0.1 * bigger and -0.5 * size < x0 - self.x1 < GAP * bigger

    def chunk(self) -> Chunk:
        return Chunk(
            " ".join(self.text.split()),
            self.x0,
            self.x1,
            self.bottom,
            self.top,
            self.size,
            list(self.refs),
        )


def render_page(document: Any, number: int, dpi: float) -> tuple[Any, float]:
    """Page ``number`` (0-based) as a grey Pillow image, and the resolution it got (lowered
    for a page so large that its picture would not fit in memory)."""
    page = document[number]
    try:
        width, height = page.get_size()
        scale = dpi / 72.0
        if width * height * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / (width * height)) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        return bitmap.to_pil(), scale * 72.0
    finally:
        page.close()


def page_image(path: Path, number: int, dpi: float = 110) -> bytes:
    """Page ``number`` (1-based) of a PDF or scanned image, as PNG bytes: what the review tab
    shows beside the text so a line can be checked against the paper."""
    from models.directive_import.reading import MAX_BYTES, too_large

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_large(size)
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Không mở được tệp gốc '{path.name}': {exc.strerror or exc}.",
            f"Cannot open the source file '{path.name}': {exc.strerror or exc}.",
        ) from exc
    buffer = io.BytesIO()
    if raw[:1024].lstrip().startswith(b"%PDF"):
        with open_pdf(raw, path.name) as document:
            if not 1 <= number <= len(document):
                raise InvalidInput(
                    f"Tệp gốc không có trang {number}.", f"The source has no page {number}."
                )
            image, _dpi = render_page(document, number - 1, dpi)
    else:
        from models.directive_import.ocr import open_images

        images = open_images(raw, path.name)
        if not 1 <= number <= len(images):
            raise InvalidInput(
                f"Tệp gốc không có trang {number}.", f"The source has no page {number}."
            )
        image, image_dpi = images[number - 1]
        factor = dpi / image_dpi
        if factor < 1:
            image = image.resize(
                (max(1, int(image.width * factor)), max(1, int(image.height * factor)))
            )
    image.save(buffer, format="PNG")
    return buffer.getvalue()
