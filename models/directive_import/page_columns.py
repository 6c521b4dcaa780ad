"""Reading rows as a reader does: two columns side by side read apart (the header: issuer
and "Số:" left, Quốc hiệu and place/date right; the signature beside "Nơi nhận"), a paragraph
wrapped over lines (and page breaks) joined back, centred titles kept line by line. Each page
has its own margins: no two scans lie alike on the glass.
"""

from __future__ import annotations

import statistics

from models.directive_import.page_rows import Chunk, Row
from models.directive_import.reading import Line
from models.text import nfc


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


def line_of(rows: list[Row], notes: dict[str, str]) -> Line:
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


class Geometry:
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


def band_length(rows: list[Row], start: int, geometry: Geometry, header_end: int) -> int:
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


def band_lines(rows: list[Row], geometry: Geometry, notes: dict[str, str]) -> list[Line]:
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
        out += [line_of(line, notes) for line in lines]
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
