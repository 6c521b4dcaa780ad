"""Reading the marks on a squared page: each tick box ticked, empty or unclear, and each
handwritten note cropped.

A box is measured by the share of its inside that is inked, after finding its printed
square within a millimetre of where the layout says (paper moves a little in a scanner).
Ink is judged against the page's own black (its corner markers) and white, so a dark
scan and a pale one read alike. A row is certain only when exactly one box holds a firm
mark and nothing else is near: two marks, a mark corrected by filling a box, a faint
pencil mark and a mark beside a box are all unclear, for a person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reports.rows import ANSWER_CHOICES
from reports.scan_images import scan_library
from reports.scan_layout import MARKER, MARKER_CENTRES, ItemPlace, Rect
from reports.scan_read import SCALE

TICKED, EMPTY, UNCLEAR = "ticked", "empty", "unclear"
#: Share of a box's inside that is inked: below EMPTY_BELOW nothing, above MARK_ABOVE a mark,
#: above FILLED_ABOVE a filled (or scribbled-out) box.
EMPTY_BELOW, MARK_ABOVE, FILLED_ABOVE = 0.025, 0.07, 0.8
#: A mark whose strongest ink is paler than this share of the page's black is pencil-faint.
FAINT_BELOW = 0.5
INSET = 0.9  # mm inside the printed square: its line and the scanner's blur
RING = 2.6  # mm around it where a mark beside the box is looked for
SEARCH = 1.2  # mm the printed square is looked for around its computed place
NOTE_INK = 0.004
BESIDE_MM2 = 0.6
MARK_ZONE = 62.0  # mm at the right end of a note's first line
OUTLINE_SEEN = 0.6


@dataclass(frozen=True)
class BoxReading:
    state: str  # TICKED, EMPTY or UNCLEAR
    fill: float  # share of the inside inked
    strength: float  # how dark its ink is, against the page's black (0-1)
    beside: float  # mm² of the largest mark just outside it
    outline: float = 1.0  # share of its printed square seen where expected


@dataclass
class RowReading:
    code: str
    boxes: tuple[BoxReading, ...]
    answer: str | None  # the answer read, when certain; a proposal when unclear
    unclear: bool
    why: str = ""  # why a person must look (Vietnamese), empty when certain
    why_en: str = ""
    note_box: Rect | None = None  # where a handwritten note was found, in mm
    note_png: bytes | None = field(default=None, repr=False)


def ink_map(page: Any) -> Any:
    """0 for paper, 1 for the page's black. The paper's own level is taken around each
    place (a fold's shadow or a phone's uneven light is paper, not ink), and the black from
    the corner markers, so a dark scan and a pale one read alike."""
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    height, width = page.shape
    small = cv2.resize(page, (width // 8, height // 8), interpolation=cv2.INTER_AREA)
    paper = cv2.blur(cv2.dilate(small, numpy.ones((7, 7), numpy.uint8)), (3, 3))
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    ratio = page.astype(numpy.float32) / numpy.maximum(paper.astype(numpy.float32), 1.0)
    blacks = []
    for x, y in MARKER_CENTRES:  # the marker against the paper just around it
        inner, outer = MARKER * 0.3, MARKER / 2 + 2.5
        dark = float(numpy.median(_cut(page, Rect(x - inner, y - inner, 2 * inner, 2 * inner))))
        around = _cut(page, Rect(x - outer, y - outer, 2 * outer, 2 * outer))
        blacks.append(dark / max(float(numpy.percentile(around, 90)), 1.0))
    black = min(sorted(blacks)[1], 0.6)
    return numpy.clip((1.0 - ratio) / (1.0 - black), 0.0, 1.0)


def read_rows(page: Any, items: tuple[ItemPlace, ...]) -> list[RowReading]:
    ink = ink_map(page)
    return [_read_row(page, ink, item) for item in items]


def _read_row(page: Any, ink: Any, item: ItemPlace) -> RowReading:
    boxes = tuple(_read_box(ink, box, item.top) for box in item.boxes)
    marked = [i for i, b in enumerate(boxes) if b.state == TICKED]
    unclear = [i for i, b in enumerate(boxes) if b.state == UNCLEAR]
    answer = ANSWER_CHOICES[marked[0]][0] if len(marked) == 1 else None
    row = RowReading(item.code, boxes, answer, False)
    if len(marked) > 1:
        filled = [i for i in marked if boxes[i].fill >= FILLED_ABOVE]
        kept = [i for i in marked if i not in filled]
        if filled and len(kept) == 1:  # the form's way to correct: fill the wrong box
            row.answer = ANSWER_CHOICES[kept[0]][0]
            _unclear(row, "một ô bị tô kín (sửa?)", "a box is filled in (corrected?)")
        else:
            _unclear(row, "nhiều ô được đánh dấu", "more than one box is marked")
        row.boxes = tuple(_as_unclear(b) if i in marked else b for i, b in enumerate(boxes))
    elif unclear:
        faint = any(boxes[i].fill >= EMPTY_BELOW for i in unclear)
        if any(b.outline < OUTLINE_SEEN for b in boxes):
            _unclear(row, "không thấy rõ ô in ở chỗ của nó", "a printed box is not where expected")
        elif faint:
            _unclear(row, "dấu mờ hoặc nhỏ", "a faint or small mark")
        else:
            _unclear(row, "dấu nằm ngoài ô", "a mark outside the box")
        if not marked and len(unclear) == 1:
            row.answer = ANSWER_CHOICES[unclear[0]][0]
        if marked:
            row.boxes = tuple(_as_unclear(b) if i in marked else b for i, b in enumerate(boxes))
    note = _note(page, ink, item)
    if note is not None:
        row.note_box, row.note_png = note
    return row


def _unclear(row: RowReading, why: str, why_en: str) -> None:
    row.unclear, row.why, row.why_en = True, why, why_en


def _as_unclear(box: BoxReading) -> BoxReading:
    return BoxReading(UNCLEAR, box.fill, box.strength, box.beside, box.outline)


def _read_box(ink: Any, box: Rect, row_top: float) -> BoxReading:
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    found, outline = _snap(ink, box)
    inner = Rect(
        found.left + INSET, found.top + INSET, box.width - 2 * INSET, box.height - 2 * INSET
    )
    inside = _cut(ink, inner)
    fill = float((inside > 0.45).mean())
    faint_fill = float((inside > 0.15).mean())
    strength = float(numpy.percentile(inside, 97)) if inside.size else 0.0
    # Around the box, within its row (the line above the row is not a mark)
    above = min(RING, found.top - row_top - 0.5)
    ring = Rect(
        found.left - RING, found.top - above, box.width + 2 * RING, box.height + RING + above
    )
    near = (_cut(ink, ring) > 0.3).astype(numpy.uint8)
    keep = round(0.7 * SCALE)  # the printed square and a little around it left out
    top, side = round(above * SCALE), round(RING * SCALE)
    near[
        max(0, top - keep) : top + round(box.height * SCALE) + keep,
        side - keep : near.shape[1] - side + keep,
    ] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(near, connectivity=8)
    beside = max((float(stats[i, 4]) for i in range(1, count)), default=0.0) / SCALE**2
    if outline < OUTLINE_SEEN:  # the printed square is not where it should be
        state = UNCLEAR
    elif fill >= MARK_ABOVE and strength >= FAINT_BELOW:
        state = TICKED
    elif faint_fill >= EMPTY_BELOW or fill >= EMPTY_BELOW or beside >= BESIDE_MM2:
        state = UNCLEAR
    else:
        state = EMPTY
    return BoxReading(
        state, max(fill, faint_fill if state == UNCLEAR else fill), strength, beside, outline
    )


def _snap(ink: Any, box: Rect) -> tuple[Rect, float]:
    """The printed square near ``box`` (where the ink along its outline is strongest), and
    how much of that outline is inked (about 1 when the square is found)."""
    reach = round(SEARCH * SCALE)
    side = round(box.width * SCALE)
    x0, y0 = round(box.left * SCALE) - reach, round(box.top * SCALE) - reach
    size = side + 2 * reach + 1
    if x0 < 0 or y0 < 0:
        return box, 0.0
    area = ink[y0 : y0 + size, x0 : x0 + size]
    if area.shape != (size, size):
        return box, 0.0
    # A line is about 2 pixels wide: sum neighbouring rows (and columns) in pairs.
    rows = area.sum(axis=1)
    columns = area.sum(axis=0)
    rows2 = rows[:-1] + rows[1:]
    columns2 = columns[:-1] + columns[1:]
    span = 2 * reach
    best_y = max(range(span), key=lambda d: rows2[d] + rows2[min(d + side, len(rows2) - 1)])
    best_x = max(
        range(span), key=lambda d: columns2[d] + columns2[min(d + side, len(columns2) - 1)]
    )
    top = area[best_y : best_y + 2, best_x : best_x + side + 1].max(axis=0)
    bottom = area[best_y + side - 1 : best_y + side + 1, best_x : best_x + side + 1].max(axis=0)
    left = area[best_y : best_y + side + 1, best_x : best_x + 2].max(axis=1)
    right = area[best_y : best_y + side + 1, best_x + side - 1 : best_x + side + 1].max(axis=1)
    outline = float(min(_share(top), _share(bottom), _share(left), _share(right)))
    moved = Rect(
        box.left + (best_x - reach) / SCALE,
        box.top + (best_y - reach) / SCALE,
        box.width,
        box.height,
    )
    return moved, outline


def _share(line: Any) -> float:
    """How much of a printed line is there (a mark across it only adds ink)."""
    return float((line > 0.3).mean()) if line.size else 0.0


def _note(page: Any, ink: Any, item: ItemPlace) -> tuple[Rect, bytes] | None:
    """The note area cropped, when something is written there besides the printed lines."""
    cv2 = scan_library("cv2")
    area = item.note
    written = (_cut(ink, area) > 0.5).astype("uint8")
    top = round(area.top * SCALE)
    left = round(area.left * SCALE)
    for y in item.note_lines:  # the dotted lines themselves
        row = round(y * SCALE) - top
        written[max(0, row - 4) : row + 5, :] = 0
    written[: round(5 * SCALE), : round(15 * SCALE)] = 0  # the "Ghi chú:" label
    # where the form prints, in grey, why an item is not asked of the unit
    written[: round(5.5 * SCALE), written.shape[1] - round(MARK_ZONE * SCALE) :] = 0
    written = cv2.morphologyEx(
        written, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (2, 2))
    )
    if written.mean() < NOTE_INK:
        return None
    ok, png = cv2.imencode(
        ".png", page[top : top + written.shape[0], left : left + written.shape[1]]
    )
    return (area, bytes(png)) if ok else None


def _cut(image: Any, rect: Rect) -> Any:
    top, left = max(0, round(rect.top * SCALE)), max(0, round(rect.left * SCALE))
    bottom, right = round(rect.bottom * SCALE), round(rect.right * SCALE)
    return image[top:bottom, left:right]
