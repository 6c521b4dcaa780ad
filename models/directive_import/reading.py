"""Bytes as offices receive them → lines of text.

A directive arrives as UTF-8 (with or without a BOM), UTF-16 from a Windows tool, the legacy
Vietnamese code page 1258 (tone marks stored as combining characters), a Word .docx, a PDF
(read by position, ``pdf``) or a scan (a PDF of pictures or an image, read by OCR, ``ocr``).
The result is always NFC text; anything that is not a document is refused with a clear
message before a byte is written anywhere.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import InvalidInput
from models.text import nfc

MAX_BYTES = 20 * 1024 * 1024
#: PNG, JPEG, TIFF (both byte orders): pictures of a page, read by OCR.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
#: Called as ``progress(pages_done, pages)`` while a scan is recognised; it may raise a
#: ``KnownError`` (``ImportCancelled``) to stop, and nothing is then changed.
Progress = Callable[[int, int], None]
_ENCODING_NAMES = {"utf-16": "UTF-16", "utf-32": "UTF-32", "cp1258": "Windows-1258 (cp1258)"}
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # control characters, not spacing


@dataclass
class Line:
    """One line of the document; ``auto`` is Word's automatic numbering, if it had one. From a
    PDF or a scan: the page it is on and where (points), the footnotes it cites, and OCR's
    lowest word confidence on it."""

    text: str
    auto: AutoNumber | None = None
    page: int | None = None
    notes: list[str] = field(default_factory=list)
    confidence: float | None = None
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class AutoNumber:
    """A number Word draws but does not store in the text: what it shows, and its list level."""

    label: str
    code: str
    style: tuple[str, ...]


@dataclass
class Document:
    """What was read: the text as saved beside the checklist, and its lines for the parser."""

    text: str
    lines: list[Line]
    encoding: str
    warnings: list[str] = field(default_factory=list)
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # a PDF's, in points


def too_large(size: int) -> InvalidInput:
    mb = MAX_BYTES // (1024 * 1024)
    return InvalidInput(
        f"Tệp quá lớn ({size / 1048576:.1f} MB); văn bản chỉ đạo được nhận tối đa {mb} MB.",
        f"The file is too large ({size / 1048576:.1f} MB); a directive may be at most {mb} MB.",
    )


def read_file(path: Path, progress: Progress | None = None) -> Document:
    """Read a directive file, refusing what is too big, empty, binary or damaged."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidInput(
                f"'{path.name}' không phải là một tệp.", f"'{path.name}' is not a file."
            )
        if size > MAX_BYTES:
            raise too_large(size)
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Không đọc được tệp '{path.name}': {exc.strerror or exc}.",
            f"Cannot read the file '{path.name}': {exc.strerror or exc}.",
        ) from exc
    return read_bytes(raw, path.suffix.lower(), path.name, progress)


def read_bytes(
    raw: bytes, suffix: str = "", name: str = "", progress: Progress | None = None
) -> Document:
    if len(raw) > MAX_BYTES:
        raise too_large(len(raw))
    if not raw.strip():
        raise InvalidInput(
            "Tệp trống, không có văn bản nào để đọc.",
            "The file is empty; there is no text to read.",
        )
    if raw.startswith(b"PK\x03\x04") or suffix == ".docx":
        from models.directive_import.word import read_docx

        return read_docx(raw, name)
    if raw[:1024].lstrip(b"\x00\t\n\r\x0c ").startswith(b"%PDF") or suffix == ".pdf":
        from models.directive_import.pdf import read_pdf

        return read_pdf(raw, name or "PDF", progress)
    if raw.startswith(IMAGE_SIGNATURES):
        from models.directive_import.ocr import read_image

        return read_image(raw, name or "image", progress)
    _refuse_known_binaries(raw)
    text, encoding = decode(raw)
    return text_document(text, encoding)


def text_document(text: str, encoding: str = "utf-8") -> Document:
    """Pasted or decoded text; control characters mean it was not text after all."""
    text = nfc(text).replace("\ufeff", "")
    controls = len(_CONTROLS.findall(text, 0, 200_000))
    if "\x00" in text or controls > max(2, min(len(text), 200_000) // 200):
        raise _binary()
    if not text.strip():
        raise InvalidInput("Không có văn bản nào để đọc.", "There is no text to read.")
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig", "text"):
        shown = _ENCODING_NAMES.get(encoding, encoding)
        warnings.append(
            f"Tệp được đọc theo bảng mã {shown}, không phải UTF-8; hãy kiểm tra dấu "
            f"tiếng Việt / The file was read as {shown}, not UTF-8; check the "
            "Vietnamese marks"
        )
    lines = [Line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return Document(text=text, lines=lines, encoding=encoding, warnings=warnings)


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes → text: BOM first, then strict UTF-8, then UTF-16 by its NULs, then cp1258."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _strict(raw, encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = raw[:4096]
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if max(even_nuls, odd_nuls) > len(sample) // 5:
        return _strict(raw, "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"), "utf-16"
    if b"\x00" in sample:
        raise _binary()
    return _strict(raw, "cp1258"), "cp1258"


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _binary() from exc


def _binary() -> InvalidInput:
    return InvalidInput(
        "Tệp không phải văn bản (dữ liệu nhị phân hoặc bảng mã không nhận ra). Hãy dùng tệp "
        ".docx, .txt hoặc dán nội dung văn bản.",
        "The file is not text (binary data or an unknown encoding). Use a .docx or .txt file, "
        "or paste the text.",
    )


def _refuse_known_binaries(raw: bytes) -> None:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(
            "Tệp Word cũ (.doc) chưa được hỗ trợ; hãy lưu lại thành .docx.",
            "Old Word files (.doc) are not supported; save the file as .docx.",
        )
    if raw.lstrip().startswith(b"{\\rtf"):
        raise InvalidInput(
            "Tệp RTF chưa được hỗ trợ; hãy lưu lại thành .docx hoặc .txt.",
            "RTF files are not supported; save the file as .docx or .txt.",
        )
