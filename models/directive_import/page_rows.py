"""Positioned text on a page as rows: what a PDF's text layer and Tesseract's words become.

Chunks are runs of text with their box (points, y growing upwards) and type size; a row is the
chunks that share a baseline, left to right. Gaps wider than ``GAP`` type sizes are kept
between chunks, since they may be the gutter between two columns (``page_columns`` decides).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Wider than this many type sizes, a gap on a row may be a gutter between two columns.
GAP = 0.8


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
                    lower_confidence(last.confidence, chunk.confidence),
                )
            else:
                merged.append(chunk)
        merged = [c for c in merged if c.text.strip()]
        if merged:
            out.append(Row(merged, page))
    return out


def lower_confidence(a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None
