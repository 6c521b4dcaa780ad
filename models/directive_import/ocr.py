"""Scanned directives: Tesseract (its command line, with the Vietnamese data) reads the words.

Tesseract is optional at run time: on a PC without it, or without its Vietnamese data, a scan
is refused with a message saying what to install, and everything else works. It is run as a
process on page images written to a private temporary folder; nothing is fetched. The words
come back with their boxes (TSV), are straightened by the page's measured skew, and go through
the same layout reading as a PDF's text layer.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.directive_import.page_rows import GAP, Chunk, Page, rows_from_chunks
from models.directive_import.reading import Document, Progress
from models.errors import InvalidInput, KnownError
from models.text import nfc

LANGUAGE = "vie"
PAGE_TIMEOUT = 180  # seconds for one page; a page that takes longer is not a page of text
MAX_IMAGE_PIXELS = 60_000_000
_WINDOWS_PLACES = (
    r"C:\Program Files\Tesseract-OCR\tesseract.exe",
    r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
)
_STAINED_NUMBER = re.compile(r"^[\"'‘’“”]+(?:[a-zđ]\)|\d{1,2}[.)]|[IVX]{1,4}\.)$")
INSTALL_HINT_VI = (
    "Trên Windows: cài Tesseract OCR (bản cho Windows) và chọn thêm ngôn ngữ Vietnamese; "
    "trên Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-vie. Có thể chỉ đường dẫn "
    "tới tesseract bằng biến môi trường KIEMTRA_TESSERACT."
)
INSTALL_HINT_EN = (
    "On Windows: install Tesseract OCR (the Windows build) with the Vietnamese language; on "
    "Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-vie. KIEMTRA_TESSERACT may name "
    "the tesseract program."
)


class OcrUnavailable(KnownError):
    """Tesseract or its Vietnamese data is not installed: what to install."""


class ImportCancelled(KnownError):
    """The person stopped a long recognition; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "Đã huỷ việc đọc văn bản; không có gì thay đổi.",
            "Reading the directive was cancelled; nothing changed.",
        )


@dataclass(frozen=True)
class Tesseract:
    program: str

    def run(self, image: Path, timeout: float = PAGE_TIMEOUT) -> str:
        """Tesseract's TSV for one page image."""
        command = [self.program, str(image), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=timeout, check=False, env=_environment()
            )
        except subprocess.TimeoutExpired as exc:
            raise InvalidInput(
                f"Nhận dạng chữ một trang quá {timeout:.0f} giây; ảnh quét không đọc được.",
                f"Recognising one page took over {timeout:.0f} s; the scan cannot be read.",
            ) from exc
        except OSError as exc:
            raise _missing(str(exc)) from exc
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise InvalidInput(
                f"Tesseract không đọc được trang quét ({detail[0][:200]}).",
                f"Tesseract could not read the scanned page ({detail[0][:200]}).",
            )
        return done.stdout.decode("utf-8", "replace")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # pages are read one after another anyway
    return env


def _missing(detail: str = "") -> OcrUnavailable:
    return OcrUnavailable(
        "Tệp là bản quét (không có lớp chữ) nên cần nhận dạng chữ, nhưng máy chưa có "
        f"Tesseract OCR{f' ({detail})' if detail else ''}. {INSTALL_HINT_VI}",
        "The file is a scan (no text layer) and needs character recognition, but Tesseract "
        f"OCR is not installed{f' ({detail})' if detail else ''}. {INSTALL_HINT_EN}",
    )


def find_tesseract() -> Tesseract:
    """The installed Tesseract that has Vietnamese data, or a message saying what to install."""
    chosen = os.environ.get("KIEMTRA_TESSERACT") or shutil.which("tesseract")
    if not chosen:
        chosen = next((p for p in _WINDOWS_PLACES if Path(p).is_file()), None)
    if not chosen:
        raise _missing()
    return _checked(chosen, os.environ.get("TESSDATA_PREFIX", ""))


@functools.lru_cache(maxsize=4)
def _checked(program: str, _data_folder: str) -> Tesseract:
    try:
        done = subprocess.run(
            [program, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _missing(str(exc)) from exc
    listed = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    if LANGUAGE not in listed:
        raise OcrUnavailable(
            "Tesseract OCR đã có nhưng thiếu dữ liệu tiếng Việt (vie.traineddata) nên không "
            f"đọc được bản quét. {INSTALL_HINT_VI}",
            "Tesseract OCR is installed but its Vietnamese data (vie.traineddata) is missing, "
            f"so the scan cannot be read. {INSTALL_HINT_EN}",
        )
    return Tesseract(program)


def ocr_pdf_pages(
    document: Any, numbers: list[int], name: str, progress: Progress | None = None
) -> list[Page]:
    """Render the given pages (0-based) and read them with Tesseract, saying how far."""
    from models.directive_import.pdf import OCR_DPI, render_page

    tesseract = find_tesseract()
    pages = []
    with tempfile.TemporaryDirectory(prefix="kiemtra-ocr-") as folder:
        for done, number in enumerate(numbers):
            if progress is not None:
                progress(done, len(numbers))
            image, dpi = render_page(document, number, OCR_DPI)
            pages.append(_read_page(tesseract, image, dpi, number + 1, Path(folder)))
        if progress is not None:
            progress(len(numbers), len(numbers))
    return pages


def read_image(raw: bytes, name: str, progress: Progress | None = None) -> Document:
    """A photographed or scanned page (PNG, JPEG, TIFF; a multi-page TIFF page by page)."""
    from models.directive_import.pdf import document_from_pages, ocr_warning

    images = open_images(raw, name)
    tesseract = find_tesseract()
    pages = []
    with tempfile.TemporaryDirectory(prefix="kiemtra-ocr-") as folder:
        for number, (image, dpi) in enumerate(images, 1):
            if progress is not None:
                progress(number - 1, len(images))
            pages.append(_read_page(tesseract, image, dpi, number, Path(folder)))
        if progress is not None:
            progress(len(images), len(images))
    return document_from_pages(pages, "ocr", [ocr_warning(len(pages))], name)


def open_images(raw: bytes, name: str) -> list[tuple[Any, float]]:
    """Every frame as a grey image with its resolution; a damaged or absurd image refused."""
    from PIL import Image

    from models.directive_import.pdf import MAX_OCR_PAGES

    def damaged(detail: str) -> InvalidInput:
        return InvalidInput(
            f"Không đọc được ảnh quét '{name}': tệp ảnh bị hỏng hoặc không hợp lệ ({detail}). "
            "Không có gì được ghi.",
            f"Cannot read the scanned image '{name}': the image file is damaged or not valid "
            f"({detail}). Nothing was written.",
        )

    try:
        with Image.open(io.BytesIO(raw)) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_OCR_PAGES:
                raise InvalidInput(
                    f"Ảnh '{name}' có {frames} trang; tối đa {MAX_OCR_PAGES}.",
                    f"The image '{name}' has {frames} pages; at most {MAX_OCR_PAGES}.",
                )
            out = []
            for frame in range(frames):
                image.seek(frame)
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS or width < 16 or height < 16:
                    raise damaged(f"{width}×{height} px")
                dpi = float((image.info.get("dpi") or (0, 0))[0] or 0)
                if not 70 <= dpi <= 1200:
                    dpi = max(150.0, min(600.0, width / 8.27))  # an A4 page, if nothing says
                out.append((image.convert("L"), dpi))
            return out
    except KnownError:
        raise
    except Exception as exc:  # Pillow's many ways of saying "not an image" or "a bomb"
        raise damaged(type(exc).__name__) from exc


def _read_page(tesseract: Tesseract, image: Any, dpi: float, number: int, folder: Path) -> Page:
    path = folder / f"page-{number}.pgm"
    image.save(path)
    tsv = tesseract.run(path)
    path.unlink(missing_ok=True)
    width, height = image.size
    scale = 72.0 / dpi
    return Page(
        number,
        width * scale,
        height * scale,
        rows_from_chunks(words_to_chunks(tsv, scale, height), number),
    )


def words_to_chunks(tsv: str, scale: float, height_px: float) -> list[Chunk]:
    """Tesseract's words → chunks in points (y upwards), straightened by the median slope of
    its long lines, so a page scanned a degree askew still has level rows and a straight
    left margin."""
    lines: dict[tuple[str, ...], list[tuple[str, float, float, float, float, float]]] = {}
    for record in tsv.splitlines()[1:]:
        fields = record.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        try:
            left, top, width, height = (float(v) for v in fields[6:10])
            confidence = float(fields[10])
        except ValueError:
            continue
        word = fields[11].strip()
        key = tuple(fields[1:5])
        if key not in lines:  # a stain before a line's first character: "_4." is "4."
            word = word.lstrip("_|~`¸") or word
            if _STAINED_NUMBER.match(word):  # '"b)' is "b)"
                word = word.lstrip("\"'‘’“”")
        mark = fields[5] == "1" and word in ("!", "?", "'", "’", "*", "°")  # footnote's, misread
        if not any(ch.isalnum() for ch in word) and word not in ("-", "+", "–", "•") and not mark:
            continue  # dust, a stain, a ruled line read as "|" or "_"
        if len(word) == 1 and (confidence < 50 or not _plain_character(word)):
            continue  # "ˆ", "¸": a speck read as a mark with nothing under it
        lines.setdefault(key, []).append(
            (nfc(word), left, top, left + width, top + height, confidence)
        )
    slopes = []
    for words in lines.values():
        if len(words) >= 5:
            xs = [(w[1] + w[3]) / 2 for w in words]
            ys = [w[4] for w in words]
            spread = max(xs) - min(xs)
            if spread > 200:
                slopes.append(_slope(xs, ys))
    slope = statistics.median(slopes) if slopes else 0.0
    chunks = []
    for words in lines.values():
        line_height = statistics.median([w[4] - w[2] for w in words])
        size = line_height * scale * 1.1
        placed = []
        for text, x0, top, x1, bottom, confidence in sorted(words, key=lambda w: w[1]):
            shift_y = slope * (x0 + x1) / 2
            shift_x = slope * (top + bottom) / 2
            placed.append(
                (
                    text,
                    (x0 + shift_x) * scale,
                    (x1 + shift_x) * scale,
                    (height_px - (bottom - shift_y)) * scale,
                    (height_px - (top - shift_y)) * scale,
                    confidence,
                )
            )
        # Tesseract's own line is the row: its baseline is the middle word bottom (commas,
        # descenders and dots below reach lower), split only where a gutter opens.
        baseline = statistics.median([p[3] for p in placed])
        piece = [placed[0]]
        for next_word in placed[1:]:
            if next_word[1] - piece[-1][2] > GAP * size:
                chunks.append(_piece(piece, baseline, size))
                piece = []
            piece.append(next_word)
        chunks.append(_piece(piece, baseline, size))
    return chunks


def _piece(
    words: list[tuple[str, float, float, float, float, float]], baseline: float, size: float
) -> Chunk:
    return Chunk(
        " ".join(w[0] for w in words),
        words[0][1],
        words[-1][2],
        baseline,
        max(w[4] for w in words),
        size,
        confidence=sum(w[5] for w in words) / len(words),
    )


def _plain_character(char: str) -> bool:
    return char.isdigit() or char in "-+–•" or unicodedata.category(char) in ("Lu", "Ll")


def _slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
