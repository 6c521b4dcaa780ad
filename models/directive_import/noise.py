"""Text copied out of a PDF or an OCR program carries the page with it: page numbers on lines
of their own, page-break marks, the address of the site it was copied from, footnote bodies
("¹ Công văn số …") between the paragraphs of an item. Those lines are taken out of typed or
pasted text before it is read (and counted in a warning); a footnote body becomes a note of
the line that cites its mark. PDFs are read by position instead (``page_layout``).
"""

from __future__ import annotations

import re

from models.directive_import.reading import Line

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:Trang|Page)\s*\d{1,3}(?:\s*/\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]"
    r"|\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$",
    re.I,
)
_PAGE_BREAK = re.compile(
    r"^\s*(?:[-=_*<]{2,}\s*)?(?:page\s*break|ngắt\s*trang|trang\s*\d{1,3}|page\s*\d{1,3})"
    r"(?:\s*[-=_*>]{2,})\s*$|^\s*[-=_*]{2,}\s*(?:page|trang)?\s*\d{0,3}\s*[-=_*]{2,}\s*$",
    re.I,
)
_WEB_ADDRESS = re.compile(r"^\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?\s*$", re.I)
_FOOTNOTE = re.compile(r"^\s*(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})\s*(?P<text>\S.*)$")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def is_noise(text: str) -> bool:
    """A page number, a page-break mark or a web address on a line of its own."""
    return bool(
        text.strip()
        and (_PAGE_NUMBER.match(text) or _PAGE_BREAK.match(text) or _WEB_ADDRESS.match(text))
    )


def clean_copied_text(lines: list[Line]) -> tuple[list[Line], int]:
    """``lines`` without the page's own lines; footnote bodies moved to the lines citing them.
    Returns the lines and how many were taken out."""
    notes: dict[str, str] = {}
    kept: list[Line] = []
    dropped = 0
    for line in lines:
        if is_noise(line.text):
            dropped += 1
            continue
        footnote = _FOOTNOTE.match(line.text)
        if footnote:
            notes[footnote.group("mark")] = " ".join(footnote.group("text").split())
            dropped += 1
            continue
        kept.append(line)
    for mark, text in notes.items():
        cite = re.compile(rf"(?<=\S){re.escape(mark)}")
        for line in kept:
            if cite.search(line.text):
                line.text = cite.sub("", line.text, count=1)
                line.notes.append(text)
                break
    if not dropped:
        return lines, 0
    return kept, dropped


def dropped_warning(count: int) -> str:
    return (
        f"Đã bỏ {count} dòng không thuộc văn bản (số trang, dấu ngắt trang, địa chỉ trang "
        f"web, chú thích chuyển thành ghi chú của mục) / {count} lines that are not the "
        "directive's were left out (page numbers, page breaks, web addresses; footnotes "
        "became notes of their item)"
    )
