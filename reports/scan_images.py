"""Scanned pages from the files people bring: a multi-page PDF from an office scanner,
PNG/JPEG/TIFF pictures (phone photos among them), or a zip of those.

Every file is checked before a decoder sees it (a regular file, a sane size, pictures of a
sane number of pixels; a zip through ``models.archive``), and every failure becomes one
bilingual sentence naming the file. The libraries that decode are optional pieces of the
program: if one is missing, the message says which, and nothing else breaks.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from models.archive import ArchiveKind, open_archive, plain_file_name, regular_file
from models.errors import InvalidInput, KnownError

#: Pictures larger than this are refused before decoding (a 600 dpi A3 scan is 70 MP).
MAX_PIXELS = 120_000_000
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))
MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_PAGES = 500
#: Scanned PDFs are drawn at this resolution: enough for boxes, notes and the QR.
PDF_DPI = 200
PICTURES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
PIECES = {
    "cv2": "opencv-python-headless",
    "zxingcpp": "zxing-cpp",
    "numpy": "numpy",
    "pypdfium2": "pypdfium2",
}


def scan_library(module: str) -> ModuleType:
    """A library that reading scans needs, or a message that says it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = PIECES.get(module, module)
        raise KnownError(
            f"Không đọc được phiếu quét: thiếu thành phần '{package}' ({exc}). Hãy cài lại "
            "chương trình; các chức năng khác vẫn dùng được.",
            f"Scanned forms cannot be read: the component '{package}' is missing ({exc}). "
            "Reinstall the program; everything else still works.",
        ) from exc


def _refused(name: str, detail_vi: str, detail_en: str) -> InvalidInput:
    return InvalidInput(
        f"Không đọc được '{name}' như một trang quét ({detail_vi}). Hãy quét lại thành PDF, "
        "PNG, JPEG hoặc TIFF. Không có gì được ghi.",
        f"'{name}' cannot be read as a scanned page ({detail_en}). Scan it again as PDF, PNG, "
        "JPEG or TIFF. Nothing was written.",
    )


#: A zip of scans: pictures are already compressed, so sizes are near what they hold.
SCANS_ZIP = ArchiveKind(
    refuse=_refused,
    max_file_bytes=MAX_FILE_BYTES,
    max_entries=2_000,
    max_entry_bytes=MAX_FILE_BYTES,
    max_total_bytes=2 * MAX_FILE_BYTES,
)


@dataclass
class ScanImage:
    """One picture of (we hope) one page: where it came from, and its grey levels."""

    file: str
    page: int | None  # the page in a PDF or TIFF, from 1
    gray: Any  # numpy uint8 array, height × width

    @property
    def source(self) -> str:
        return self.file if self.page is None else f"{self.file}, trang {self.page}"

    @property
    def source_en(self) -> str:
        return self.file if self.page is None else f"{self.file}, page {self.page}"


def load_scans(paths: list[Path]) -> Iterator[ScanImage]:
    """Every page of every file, in the order given; a file that cannot be read raises."""
    for path in paths:
        yield from load_file(Path(path))


def load_file(path: Path) -> Iterator[ScanImage]:
    name = plain_file_name(path.name or str(path))
    with regular_file(path, SCANS_ZIP) as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    yield from _load_bytes(name, data)


def _load_bytes(name: str, data: bytes, *, nested: bool = False) -> Iterator[ScanImage]:
    if len(data) > MAX_FILE_BYTES:
        raise _refused(name, "tệp quá lớn", "the file is too large")
    if data.startswith(b"%PDF"):
        yield from _pdf_pages(name, data)
    elif data.startswith(b"PK\x03\x04") and not nested:
        yield from _zip_pages(name, data)
    else:
        yield from _pictures(name, data)


def _zip_pages(name: str, data: bytes) -> Iterator[ScanImage]:
    with open_archive(data, SCANS_ZIP, name) as archive:
        entries = sorted(
            (e for e in archive.entries if not e.is_dir() and not _hidden(e.filename)),
            key=lambda e: e.filename,
        )
        for entry in entries:
            inner = plain_file_name(entry.filename)
            if not inner.lower().endswith((".pdf", *PICTURES)):
                continue
            yield from _load_bytes(f"{name}/{inner}", archive.read(entry), nested=True)


def _hidden(member: str) -> bool:
    last = member.replace("\\", "/").rsplit("/", 1)[-1]
    return last.startswith(".") or member.startswith("__MACOSX/")


def _pdf_pages(name: str, data: bytes) -> Iterator[ScanImage]:
    pdfium = scan_library("pypdfium2")
    numpy = scan_library("numpy")
    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own PdfiumError, or ValueError
        raise _refused(
            name, f"PDF hỏng hoặc có mật khẩu: {exc}", f"damaged or locked PDF: {exc}"
        ) from None
    with contextlib.closing(document):
        count = len(document)
        if count > MAX_PAGES:
            raise _refused(name, f"quá {MAX_PAGES} trang", f"more than {MAX_PAGES} pages")
        for index in range(count):
            page = document[index]
            try:
                width, height = page.get_size()
                scale = PDF_DPI / 72
                if width * height * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / (width * height)) ** 0.5
                bitmap = page.render(scale=scale, grayscale=True)
                gray = numpy.array(bitmap.to_numpy(), dtype=numpy.uint8)
            except Exception as exc:
                raise _refused(
                    name, f"trang {index + 1} hỏng: {exc}", f"page {index + 1}: {exc}"
                ) from None
            finally:
                page.close()
            if gray.ndim == 3:
                gray = gray[:, :, 0]
            yield ScanImage(name, index + 1, gray)


def _pictures(name: str, data: bytes) -> Iterator[ScanImage]:
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    buffer = numpy.frombuffer(data, dtype=numpy.uint8)
    try:
        ok, images = cv2.imdecodemulti(buffer, cv2.IMREAD_GRAYSCALE)
    except cv2.error as exc:
        raise _refused(name, f"không giải mã được ảnh: {exc}", f"not a picture: {exc}") from None
    if not ok or not images:
        raise _refused(name, "không phải ảnh PNG/JPEG/TIFF", "not a PNG/JPEG/TIFF picture")
    if len(images) > MAX_PAGES:
        raise _refused(name, f"quá {MAX_PAGES} trang", f"more than {MAX_PAGES} pages")
    for index, gray in enumerate(images):
        if gray.size > MAX_PIXELS or min(gray.shape[:2]) < 200:
            raise _refused(name, "kích thước ảnh không hợp lý", "the picture's size is not sane")
        yield ScanImage(name, index + 1 if len(images) > 1 else None, gray)
