"""The font of every PDF: Liberation Serif, shipped in ``resources/fonts`` (SIL OFL 1.1).

It covers Vietnamese and has the metrics of Times New Roman, the font administrative
documents are set in (Nghị định 30/2020/NĐ-CP). reportlab embeds the subset of glyphs each
document uses. Text is NFC-normalised before it is drawn: reportlab draws a decomposed
vowel and its combining marks as separate glyphs, and drops marks the font cannot stack.
"""

from __future__ import annotations

import threading
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models import paths
from models.errors import KnownError
from models.text import nfc

FAMILY = "LiberationSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    FAMILY,
    f"{FAMILY}-Bold",
    f"{FAMILY}-Italic",
    f"{FAMILY}-BoldItalic",
)
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family once per process (safe from worker threads); returns its name."""
    global _registered
    with _lock:
        if _registered:
            return FAMILY
        folder = paths.resources_dir() / "fonts"
        try:
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
        except Exception as exc:
            raise KnownError(
                f"Thiếu hoặc hỏng tệp phông chữ trong '{folder}': {exc}. Hãy cài lại chương trình.",
                f"A font file in '{folder}' is missing or damaged: {exc}. Reinstall the program.",
            ) from exc
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
            (0, 0, REGULAR),
            (1, 0, BOLD),
            (0, 1, ITALIC),
            (1, 1, BOLD_ITALIC),
        )
        for bold, italic, name in faces:
            addMapping(FAMILY, bold, italic, name)
        _registered = True
        return FAMILY


def markup(text: object) -> str:
    """User text made safe for a reportlab ``Paragraph``: NFC, escaped, line breaks kept."""
    return escape(nfc(str(text))).replace("\r\n", "\n").replace("\n", "<br/>")
