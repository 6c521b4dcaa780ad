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

import statistics
from dataclasses import dataclass, field

from models.directive_import.page_columns import Geometry, band_length, band_lines, line_of
from models.directive_import.page_margins import (
    cite_unplaced,
    drop_repeats,
    is_speck,
    running,
    take_footnotes,
)
from models.directive_import.page_rows import Chunk, Page, Row
from models.directive_import.reading import Line

__all__ = ["Laid", "lay_out"]


@dataclass
class Laid:
    """What the pages became: lines for the parser, and what was left out on the way."""

    lines: list[Line]
    notes: dict[str, str]
    dropped: int
    warnings: list[str] = field(default_factory=list)


def lay_out(pages: list[Page]) -> Laid:
    """Rows of every page → lines: running headers and footnotes out, columns apart,
    wrapped lines joined (across page breaks too)."""
    dropped = drop_repeats(pages)
    sizes = [r.size for page in pages for r in page.rows if len(r.text) > 20]
    body_size = statistics.median(sizes) if sizes else 0.0
    notes: dict[str, str] = {}
    body: list[Row] = []
    for page in pages:
        rows, page_notes, count = take_footnotes(page, body_size)
        dropped += count
        for mark, text in page_notes.items():
            notes[f"{page.number}:{mark}"] = text
        kept = [
            r
            for r in rows
            if not (running(r, page) and r.size < 0.85 * body_size) and not is_speck(r)
        ]
        dropped += len(rows) - len(kept)  # a running header or footer in smaller type
        body.extend(kept)
    if not body:
        return Laid([], notes, dropped)
    cite_unplaced(body, notes)
    geometry = Geometry(body)
    header_end = next(
        (n for n, r in enumerate(body) if r.page != body[0].page or geometry.wide(r)), len(body)
    )
    lines: list[Line] = []
    i = 0
    while i < len(body):
        band = band_length(body, i, geometry, header_end)
        if band:
            lines.extend(band_lines(body[i : i + band], geometry, notes))
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
        lines.append(line_of(paragraph, notes))
        if not (centred and i < len(body) and geometry.centred(body[i])):
            lines.append(Line(""))
    return Laid(lines, notes, dropped)


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
