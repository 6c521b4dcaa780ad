"""Tables that never overflow a page: a row taller than a page holds goes on as
continuation rows (reportlab never splits a row itself), and style commands follow the rows
they were written for when a table is cut in two.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

CELL_PADDING = 3  # points either side of a grid cell's text (the grid's own padding)
NARROW = 0.22  # a column narrower than this share of the table is checked for long words


def fit_rows(
    data: list[list[Any]], widths: list[float], limit: float, extra: list[tuple[Any, ...]]
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """Rows cut into pieces no taller than ``limit``; style commands follow their rows."""
    rows: list[list[Any]] = []
    spans: dict[int, tuple[int, int]] = {}
    for index, row in enumerate(data):
        start = len(rows)
        pieces = [row] if index == 0 else split_row(row, widths, limit)
        rows += pieces
        spans[index] = (start, len(rows) - 1)
    if len(rows) == len(data):
        return data, extra
    moved = []
    for command in extra:
        name, (c0, r0), (c1, r1), *rest = command
        if r0 >= 0 and r1 >= 0 and r0 in spans and r1 in spans:
            r0, r1 = spans[r0][0], spans[r1][1]
        moved.append((name, (c0, r0), (c1, r1), *rest))
    return rows, moved


def split_row(row: list[Any], widths: list[float], limit: float) -> list[list[Any]]:
    """One row, or the same row as several whose paragraphs each fit in ``limit``."""
    inner = [w - 2 * CELL_PADDING for w in widths]
    if all(surely_short(c, w, limit) for c, w in zip(row, inner, strict=True)):
        return [row]  # the common case, without laying every paragraph out twice
    heights = [
        c.wrap(w, limit)[1] if isinstance(c, Paragraph) else 0
        for c, w in zip(row, inner, strict=True)
    ]
    if max(heights, default=0) <= limit:
        return [row]
    columns: list[list[Any]] = []
    for cell, width in zip(row, inner, strict=True):
        parts: list[Any] = [cell]
        while isinstance(parts[-1], Paragraph) and parts[-1].wrap(width, limit)[1] > limit:
            halves = parts[-1].split(width, limit)
            if len(halves) < 2:
                break
            parts[-1:] = halves
        columns.append(parts)
    depth = max(len(parts) for parts in columns)
    return [[parts[n] if n < len(parts) else "" for parts in columns] for n in range(depth)]


def rows_of(
    commands: list[tuple[Any, ...]], start: int, stop: int, total: int
) -> list[tuple[Any, ...]]:
    """Table style commands for rows ``start``–``stop`` of a table of ``total`` rows, as
    commands of a table made of those rows alone."""
    kept = []
    for name, (c0, r0), (c1, r1), *rest in commands:
        r0, r1 = r0 % total, r1 % total
        if r1 < start or r0 >= stop:
            continue
        kept.append((name, (c0, max(r0, start) - start), (c1, min(r1, stop - 1) - start), *rest))
    return kept


def surely_short(cell: Any, width: float, limit: float) -> bool:
    """Whether a cell cannot be taller than ``limit``, judged from its length alone (no
    glyph is wider than its type size, and a word too long for the line is cut)."""
    if not isinstance(cell, Paragraph):
        return True
    style = cell.style
    text = cell.text
    lines = len(text) * style.fontSize / max(width, 1) + text.count("<br/>") + 2
    return lines * style.leading < limit


def fit_words(data: list[list[Any]], widths: list[float]) -> list[float]:
    """Column widths in which no word of a narrow column is cut in two: reportlab breaks a
    word wider than its cell anywhere ("202/1", "Phườn/g"). A narrow column grows to its
    longest word (a date, a name) and the widest column gives up the room."""
    total = sum(widths)
    widest = max(range(len(widths)), key=widths.__getitem__)
    wanted = list(widths)
    for column, width in enumerate(widths):
        if column == widest or width > NARROW * total:
            continue
        longest = max((longest_word(row[column]) for row in data if column < len(row)), default=0)
        wanted[column] = max(width, longest + 2 * CELL_PADDING + 1)
    grown = sum(wanted) - total
    if grown <= 0 or widths[widest] - grown < 0.25 * total:
        return widths
    wanted[widest] -= grown
    return wanted


def longest_word(cell: Any) -> float:
    """The width of the widest word of a paragraph, in its own font (0 for anything else)."""
    if not isinstance(cell, Paragraph):
        return 0
    style = cell.style
    words = cell.text.replace("<br/>", " ").split(" ")
    return max((stringWidth(w, style.fontName, style.fontSize) for w in words if w), default=0)
