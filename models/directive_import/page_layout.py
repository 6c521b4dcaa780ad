"""Positioned text on pages (a PDF's text layer, or Tesseract's words) → the lines of a directive.

A printed directive is not a text file: its header is two columns side by side (issuer and
"Số:" on the left, Quốc hiệu and place/date on the right), each page may repeat a running
header and carry a page number, footnotes sit at the bottom of a page in smaller type, and a
paragraph is wrapped over several lines, sometimes over a page break. This module reads the
rows of each page by their position: columns are read apart, running headers, page numbers and
watermark lines are dropped (and counted), footnotes become notes of the line that cites them,
and wrapped lines are joined back into paragraphs. Coordinates are points, y growing upwards.
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass, field

from models.directive_import.reading import Line
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
#: Wider than this many type sizes, a gap on a row may be a gutter between two columns.
GAP = 0.8
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


@dataclass
class Chunk:
    """A run of text on one row; ``refs`` are footnote marks printed raised after it."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    refs: list[str] = field(default_factory=list)
    confidence: float | None = None  # OCR's word confidence (0-100), None for a text layer


@dataclass
class Row:
    """The chunks that share one baseline, left to right."""

    chunks: list[Chunk]
    page: int

    @property
    def x0(self) -> float:
        return self.chunks[0].x0

    @property
    def x1(self) -> float:
        return self.chunks[-1].x1

    @property
    def top(self) -> float:
        return max(c.top for c in self.chunks)

    @property
    def bottom(self) -> float:
        return min(c.bottom for c in self.chunks)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chunks)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.chunks)

    @property
    def refs(self) -> list[str]:
        return [ref for c in self.chunks for ref in c.refs]

    @property
    def confidence(self) -> float | None:
        values = [c.confidence for c in self.chunks if c.confidence is not None]
        return min(values) if values else None


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    rows: list[Row]


@dataclass
class Laid:
    """What the pages became: lines for the parser, and what was left out on the way."""

    lines: list[Line]
    notes: dict[str, str]
    dropped: int
    warnings: list[str] = field(default_factory=list)


def rows_from_chunks(chunks: list[Chunk], page: int) -> list[Row]:
    """Group chunks into rows by their vertical centres, top of the page first; chunks of a
    row closer than ``GAP`` type sizes are one (words of a line); farther apart they may be
    columns, which ``lay_out`` decides."""
    rows: list[list[Chunk]] = []
    # A row is found by its baseline (the bottom of a word: marks stack high above
    # Vietnamese capitals), or by its middle for a lone quote or dash.
    keys: list[float] = []
    words = [c for c in chunks if any(ch.isalnum() for ch in c.text)]
    for chunk in sorted(words, key=lambda c: -c.bottom):
        for n in range(len(rows) - 1, max(-1, len(rows) - 5), -1):
            if abs(keys[n] - chunk.bottom) < 0.4 * max(chunk.size, rows[n][0].size):
                rows[n].append(chunk)
                break
        else:
            rows.append([chunk])
            keys.append(chunk.bottom)
    for mark in (c for c in chunks if not any(ch.isalnum() for ch in c.text)):
        centre = (mark.top + mark.bottom) / 2
        row = next(
            (r for r in rows if min(c.bottom for c in r) <= centre <= max(c.top for c in r)), None
        )
        if row is None:
            rows.append([mark])
        else:
            row.append(mark)
    rows.sort(key=lambda r: -max(c.bottom for c in r))
    out = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        merged = [row[0]]
        for chunk in row[1:]:
            last = merged[-1]
            if chunk.x0 - last.x1 <= GAP * max(last.size, chunk.size):
                gap = chunk.x0 - last.x1 > 0.12 * last.size
                joiner = " " if gap and not last.text.endswith(" ") else ""
                merged[-1] = Chunk(
                    f"{last.text}{joiner}{chunk.text}".strip(),
                    last.x0,
                    max(last.x1, chunk.x1),
                    min(last.bottom, chunk.bottom),
                    max(last.top, chunk.top),
                    max(last.size, chunk.size),
                    last.refs + chunk.refs,
                    _min_conf(last.confidence, chunk.confidence),
                )
            else:
                merged.append(chunk)
        merged = [c for c in merged if c.text.strip()]
        if merged:
            out.append(Row(merged, page))
    return out


def _min_conf(a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None


def lay_out(pages: list[Page]) -> Laid:
    """Rows of every page → lines: running headers and footnotes out, columns apart,
    wrapped lines joined (across page breaks too)."""
    dropped = _drop_repeats(pages)
    sizes = [r.size for page in pages for r in page.rows if len(r.text) > 20]
    body_size = statistics.median(sizes) if sizes else 0.0
    notes: dict[str, str] = {}
    body: list[Row] = []
    for page in pages:
        rows, page_notes, count = _take_footnotes(page, body_size)
        dropped += count
        for mark, text in page_notes.items():
            notes[f"{page.number}:{mark}"] = text
        kept = [
            r
            for r in rows
            if not (_in_margin(r, page) and r.size < 0.85 * body_size) and not _speck(r)
        ]
        dropped += len(rows) - len(kept)  # a running header or footer in smaller type
        body.extend(kept)
    if not body:
        return Laid([], notes, dropped)
    _cite_unplaced(body, notes)
    geometry = _Geometry(body)
    header_end = next(
        (n for n, r in enumerate(body) if r.page != body[0].page or geometry.wide(r)), len(body)
    )
    lines: list[Line] = []
    i = 0
    while i < len(body):
        band = _band(body, i, geometry, header_end)
        if band:
            lines.extend(_band_lines(body[i : i + band], geometry, notes))
            i += band
            continue
        body[i] = _one_chunk(body[i])
        paragraph = [body[i]]
        i += 1
        while i < len(body) and geometry.continues(paragraph[-1], _one_chunk(body[i])):
            body[i] = _one_chunk(body[i])
            paragraph.append(body[i])
            i += 1
        centred = geometry.centred(paragraph[0])
        lines.append(_line(paragraph, notes))
        if not (centred and i < len(body) and geometry.centred(body[i])):
            lines.append(Line(""))
    return Laid(lines, notes, dropped)


def _cite_unplaced(rows: list[Row], notes: dict[str, str]) -> None:
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


def _one_chunk(row: Row) -> Row:
    """A row that is not two columns: one line of words, whatever its gaps."""
    if len(row.chunks) == 1:
        return row
    chunks = row.chunks
    merged = Chunk(
        " ".join(c.text for c in chunks),
        chunks[0].x0,
        chunks[-1].x1,
        min(c.bottom for c in chunks),
        max(c.top for c in chunks),
        max(c.size for c in chunks),
        [ref for c in chunks for ref in c.refs],
        row.confidence,
    )
    return Row([merged], row.page)


def _joined(rows: list[Row]) -> str:
    """Rows of a paragraph as one line. A hyphen ending a row belongs to a compound broken
    there ("Covid-" / "19", "16-" / "CT/TTg"): no space; " - " between words keeps its."""
    text = ""
    for row in rows:
        part = row.text.replace("\ufffe", "-").replace("\x02", "-")
        if text.endswith("-") and len(text) > 1 and not text[-2].isspace():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def _line(rows: list[Row], notes: dict[str, str]) -> Line:
    text = nfc(_joined(rows))
    cited = [notes[f"{r.page}:{ref}"] for r in rows for ref in r.refs if f"{r.page}:{ref}" in notes]
    confidences = [r.confidence for r in rows if r.confidence is not None]
    first = rows[0]
    return Line(
        text,
        page=first.page,
        notes=cited,
        confidence=min(confidences) if confidences else None,
        box=(first.x0, first.bottom, first.x1, first.top),
    )


def _drop_repeats(pages: list[Page]) -> int:
    """Running headers/footers (the same words near the top or bottom of several pages, page
    numbers aside), bare page numbers, web addresses stamped on a scan, page-break marks."""
    if not pages:
        return 0
    margins = [
        [_repeat_key(row.text) for row in page.rows if _in_margin(row, page)] for page in pages
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
            margin = _in_margin(row, page) and not row.chunks[0].refs  # not a footnote
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


def _speck(row: Row) -> bool:
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


def _in_margin(row: Row, page: Page) -> bool:
    return row.top > page.height * 0.9 or row.bottom < page.height * 0.1


def _take_footnotes(page: Page, body_size: float) -> tuple[list[Row], dict[str, str], int]:
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


class _Geometry:
    """Each page's left and right margins (a scan is never placed twice alike), the middle
    between them, and the common type size, for reading rows."""

    def __init__(self, rows: list[Row]) -> None:
        self.size = statistics.median([r.size for r in rows])
        everywhere = _margins(rows)
        self.margins: dict[int, tuple[float, float]] = {}
        for page in {r.page for r in rows}:
            on_page = [r for r in rows if r.page == page]
            long = [r for r in on_page if r.x1 - r.x0 > 0.5 * (everywhere[1] - everywhere[0])]
            self.margins[page] = _margins(on_page) if len(long) >= 6 else everywhere
        self.left, self.right = everywhere
        self.width = max(self.right - self.left, 1.0)

    def _of(self, row: Row) -> tuple[float, float, float]:
        left, right = self.margins.get(row.page, (self.left, self.right))
        return left, right, max(right - left, 1.0)

    def wide(self, row: Row) -> bool:
        """A line of body text (the header's columns are narrower)."""
        return any(c.x1 - c.x0 > 0.62 * self.width for c in row.chunks)

    def full(self, row: Row) -> bool:
        return row.x1 >= self._of(row)[1] - 1.6 * row.size

    def indented(self, row: Row) -> bool:
        return row.x0 > self._of(row)[0] + 0.6 * row.size

    def centred(self, row: Row) -> bool:
        left, right, width = self._of(row)
        centre = (row.x0 + row.x1) / 2
        return (
            len(row.chunks) == 1
            and abs(centre - (left + right) / 2) < 0.05 * width
            and row.x0 > left + 2 * row.size
            and row.x1 < right - 2 * row.size
        )

    def side(self, chunk: Chunk, page: int) -> str | None:
        """ "left"/"right" for a narrow chunk off the middle (a header column), else None."""
        left, right = self.margins.get(page, (self.left, self.right))
        middle, width = (left + right) / 2, max(right - left, 1.0)
        centre = (chunk.x0 + chunk.x1) / 2
        if chunk.x1 - chunk.x0 > 0.62 * width or abs(centre - middle) < 0.06 * width:
            return None
        return "left" if centre < middle else "right"

    def continues(self, previous: Row, row: Row) -> bool:
        """Whether ``row`` goes on with the paragraph ``previous`` ended: the line before
        reached the right margin, this one starts at the left margin, same type."""
        if len(previous.chunks) > 1 or len(row.chunks) > 1:
            return False
        if abs(row.size - previous.size) > 0.25 * max(row.size, previous.size):
            return False
        if previous.page == row.page:
            gap = previous.bottom - row.top
            if gap > 1.6 * row.size:
                return False
        return self.full(previous) and not self.indented(row) and not self.centred(row)


def _margins(rows: list[Row]) -> tuple[float, float]:
    """Where the long lines start (leftmost: first lines are indented, so the most common
    start of a long line may well be the indent) and where full lines end."""
    right = _percentile([r.x1 for r in rows], 0.9)
    span = right - min(r.x0 for r in rows)
    long = [r.x0 for r in rows if r.x1 - r.x0 > 0.4 * span]
    return (_percentile(long, 0.1) if long else min(r.x0 for r in rows)), right


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _band(rows: list[Row], start: int, geometry: _Geometry, header_end: int) -> int:
    """How many rows from ``start`` form two columns side by side (0 if they do not): at
    the head of the first page, or anywhere with a gutter of two type sizes or more."""
    end = start
    sides: set[str] = set()
    two_in_a_row = False
    while end < len(rows) and rows[end].page == rows[start].page:
        row = rows[end]
        gaps = [b.x0 - a.x1 for a, b in zip(row.chunks, row.chunks[1:], strict=False)]
        if end >= header_end and any(gap < 2 * row.size for gap in gaps):
            break
        row_sides = [geometry.side(c, row.page) for c in row.chunks]
        if None in row_sides:
            break
        if len(set(row_sides)) == 2:
            two_in_a_row = True
        sides.update(s for s in row_sides if s)
        end += 1
    count = end - start
    if two_in_a_row or (len(sides) == 2 and count >= 3):
        return count
    return 0


def _band_lines(rows: list[Row], geometry: _Geometry, notes: dict[str, str]) -> list[Line]:
    """Left column top to bottom, then the right column: how the header reads."""
    columns: dict[str, list[Row]] = {"left": [], "right": []}
    for row in rows:
        for chunk in row.chunks:
            side = geometry.side(chunk, row.page) or "left"
            columns[side].append(Row([chunk], row.page))
    out: list[Line] = []
    for side in ("left", "right"):
        lines: list[list[Row]] = []
        for row in columns[side]:
            if lines and _wrapped(lines[-1][-1].text, row.text):
                lines[-1].append(row)
            else:
                lines.append([row])
        out += [_line(line, notes) for line in lines]
        if columns[side]:
            out.append(Line(""))
    return out


def _wrapped(before: str, text: str) -> bool:
    """A narrow column wraps a line: "…tháng 9 năm" / "2021", "CỘNG HÒA … CHỦ NGHĨA" /
    "VIỆT NAM". (A new line of the column starts with a capital word of its own.)"""
    if before.endswith((".", ":", ";", ",")) or text.startswith(("Số", "V/v", "-", "*")):
        return False
    first = text[:1]
    if first.isdigit() or first.islower():
        return True
    words = text.split()
    upper = text.upper() == text and before.upper() == before
    return upper and len(words) <= 2 and not text.startswith(_NEW_BODY)


_NEW_BODY = ("SỞ", "BAN", "PHÒNG", "CHI", "ĐẢNG", "BỘ", "CỤC", "VỤ", "UBND", "CÔNG", "TỔNG")
