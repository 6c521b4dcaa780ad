"""What is printed around the directive on each page: running headers and footers, page
numbers, the address of the site a scan was copied from, footnotes. The first three are left
out (and counted); footnotes become notes of the line that cites their mark.
"""

from __future__ import annotations

import difflib
import re

from models.directive_import.page_rows import Page, Row
from models.text import nfc

_PAGE_NUMBER = re.compile(
    r"^(?:(?:Trang|Page|Tr\.)\s*)?[-–—(]?\s*\d{1,3}\s*(?:/\s*\d{1,3})?\s*[-–—)]?$", re.I
)
_WEB_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)
_PAGE_BREAK = re.compile(
    r"^(?:[-=_*]{3,}\s*)?(?:page\s*break|ngắt trang|hết trang)?(?:\s*[-=_*]{3,})?$", re.I
)
_FOOTNOTE_START = re.compile(
    r"^(?P<mark>\d{1,2}|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|[!?'’°])[.)]?\s*(?P<text>[^\W\d_].*)$"
)
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def drop_repeats(pages: list[Page]) -> int:
    """Running headers/footers (the same words near the top or bottom of several pages, page
    numbers aside), bare page numbers, web addresses stamped on a scan, page-break marks."""
    if not pages:
        return 0
    margins = [
        [_repeat_key(row.text) for row in page.rows if in_margin(row, page)] for page in pages
    ]
    need = 2 if len(pages) <= 3 else max(2, len(pages) // 2)

    def repeated(key: str) -> bool:
        """On enough pages, alike (OCR reads the same header a little differently each time)."""
        return need <= sum(any(_alike(key, other) for other in keys) for keys in margins)

    dropped = 0
    for page in pages:
        kept = []
        for row in page.rows:
            text = row.text.strip()
            margin = in_margin(row, page) and not row.chunks[0].refs  # not a footnote
            if (
                (margin and (_PAGE_NUMBER.match(text) or repeated(_repeat_key(text))))
                or _WEB_ADDRESS.match(text)
                or (margin and _PAGE_BREAK.match(text))
            ):
                dropped += 1
                continue
            kept.append(row)
        page.rows = kept
    return dropped


def is_speck(row: Row) -> bool:
    """OCR reading dust as a character: a row with no letter or digit, or one weak letter."""
    if row.confidence is None:
        return False
    text = row.text.strip()
    return not any(ch.isalnum() for ch in text) or (len(text) == 1 and row.confidence < 80)


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def running(row: Row, page: Page) -> bool:
    """Where a running header or footer is: the foot of any page, the head of a page after
    the first (the first page's head is the directive's own header)."""
    return row.bottom < page.height * 0.1 or (page.number > 1 and row.top > page.height * 0.9)


def in_margin(row: Row, page: Page) -> bool:
    return row.top > page.height * 0.9 or row.bottom < page.height * 0.1


def take_footnotes(page: Page, body_size: float) -> tuple[list[Row], dict[str, str], int]:
    """Rows at the foot of the page in smaller type, starting with a mark: footnote bodies."""
    rows = page.rows
    if len(rows) < 3:
        return rows, {}, 0
    start = len(rows)
    while start > 0 and rows[start - 1].size < 0.88 * body_size:
        start -= 1
    if start in (0, len(rows)) or _footnote_mark(rows[start]) is None:
        # OCR's type sizes are too rough: a block set apart at the foot of the page,
        # opening with a mark, is footnotes too.
        start = next(
            (
                k
                for k in range(len(rows) - 1, max(0, len(rows) - 7), -1)
                if rows[k].top < page.height * 0.3
                and rows[k - 1].bottom - rows[k].top > 2.5 * body_size
                and _footnote_mark(rows[k]) is not None
            ),
            0,
        )
    if start == 0:
        return rows, {}, 0
    foot = rows[start:]
    notes: dict[str, str] = {}
    mark = ""
    for row in foot:
        found = _footnote_mark(row)
        if found is not None:
            mark, text = found
            notes[mark] = text
        elif mark:
            notes[mark] = f"{notes[mark]} {row.text}"
    return rows[:start], {k: nfc(" ".join(v.split())) for k, v in notes.items()}, len(foot)


def _footnote_mark(row: Row) -> tuple[str, str] | None:
    """The mark a footnote body starts with: raised ("¹ Công văn…") or inline ("1. Công văn…")."""
    first = row.chunks[0]
    if first.refs:
        return first.refs[0], row.text.strip()
    match = _FOOTNOTE_START.match(row.text.strip())
    if match:
        return match.group("mark").translate(_SUPERSCRIPTS), match.group("text")
    return None


def cite_unplaced(rows: list[Row], notes: dict[str, str]) -> None:
    """A footnote no raised mark cites (OCR reads "¹" as "1", "!" or "'" glued to a word):
    the first word on its page ending in that mark cites it, the mark taken off; failing
    that, the page's last line keeps it, marked as placed by guess."""
    cited = {f"{r.page}:{ref}" for r in rows for ref in r.refs}
    for key in [k for k in notes if k not in cited]:
        page, mark = key.split(":", 1)
        on_page = [r for r in rows if str(r.page) == page]
        if not on_page:
            continue
        pattern = re.compile(rf"(?<=[^\W\d_]{{2}}){re.escape(mark)}(?=[\s,.;:)”\"]|$)")
        for row in on_page:
            chunk = next((c for c in row.chunks if pattern.search(c.text)), None)
            if chunk is not None:
                chunk.text = pattern.sub("", chunk.text, count=1)
                chunk.refs.append(mark)
                break
        else:
            on_page[-1].chunks[-1].refs.append(mark)
            notes[key] = f"(vị trí chưa chắc / placed by guess) {notes[key]}"
