"""The printed form's geometry: where every marker, code, tick box and note line goes.

It is computed from the checklist version's items alone (never from the unit's name or the
period, which can change after a form is printed), so the scan reader finds each box by
computing the same layout again from the form identity its QR carries: no guessing from
the picture. Coordinates are millimetres from the page's top-left corner, y downwards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit

from models.text import nfc
from reports.fonts import REGULAR, register_fonts

#: Bumped whenever the geometry below changes: forms printed before are refused, not misread.
LAYOUT_VERSION = 1

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
#: Solid corner squares: side, and where their centres are.
MARKER = 8.0
MARKER_CENTRES = ((11.0, 11.0), (199.0, 11.0), (199.0, 286.0), (11.0, 286.0))  # TL TR BR BL
#: The QR's square, its 4-module quiet zone included (modules of 0.5 mm or more).
QR_LEFT, QR_TOP, QR_SIZE = 165.0, 9.0, 27.0
QR_QUIET_MODULES = 4
QR_MAX_MODULES = 45  # version 7: 27 / (45 + 8) = 0.51 mm, still read from a 150 dpi scan

LEFT, RIGHT = 18.0, 192.0
CODE_RIGHT = 30.0
ANSWERS_LEFT = 114.0
ANSWER_WIDTH = (RIGHT - ANSWERS_LEFT) / 4
BOX = 5.0
BOX_TOP = 1.8  # below the row's top
TEXT_SIZE, TEXT_LEADING = 10.0, 4.4  # points, millimetres
TEXT_PAD = 1.5
MAX_TEXT_LINES = 20
NOTE_LINES, NOTE_GAP = 2, 6.0
NOTE_HEIGHT = NOTE_LINES * NOTE_GAP
MIN_MAIN = BOX_TOP + BOX + 1.8

FIRST_PAGE_TABLE = 72.0  # where the item table's header starts on page 1
NEXT_PAGE_TABLE = 40.0  # and on the pages after it
TABLE_HEADER = 9.0
BOTTOM = 276.0  # the footer (form code, page number) is below
SIGNATURES = 44.0  # the signing date and the two signature blocks


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class ItemPlace:
    """One item's row: its requirement's lines, its four boxes and its note area."""

    code: str
    page: int  # 1-based
    top: float
    main_height: float
    lines: tuple[str, ...]
    indent: float

    @property
    def boxes(self) -> tuple[Rect, ...]:
        """The four tick boxes, in the order of ``reports.rows.ANSWER_CHOICES``."""
        return tuple(
            Rect(
                ANSWERS_LEFT + ANSWER_WIDTH * (index + 0.5) - BOX / 2,
                self.top + BOX_TOP,
                BOX,
                BOX,
            )
            for index in range(4)
        )

    @property
    def note(self) -> Rect:
        """Where a note is written by hand, the "Ghi chú:" label left of it."""
        return Rect(CODE_RIGHT, self.top + self.main_height, RIGHT - CODE_RIGHT, NOTE_HEIGHT)

    @property
    def note_lines(self) -> tuple[float, ...]:
        """The y of each dotted line to write on."""
        return tuple(self.note.top + NOTE_GAP * (index + 1) - 0.8 for index in range(NOTE_LINES))

    @property
    def bottom(self) -> float:
        return self.top + self.main_height + NOTE_HEIGHT


@dataclass(frozen=True)
class FormLayout:
    pages: int
    items: tuple[ItemPlace, ...]
    signatures_top: float  # on the last page

    def on_page(self, page: int) -> tuple[ItemPlace, ...]:
        return tuple(item for item in self.items if item.page == page)

    def table_top(self, page: int) -> float:
        return FIRST_PAGE_TABLE if page == 1 else NEXT_PAGE_TABLE

    def page_digest(self, page: int) -> str:
        """What a page's seal covers of its geometry: items, rows and boxes, to 0.1 mm."""
        body = f"L{LAYOUT_VERSION};" + ";".join(
            f"{item.code}@{item.top:.1f}+{item.main_height:.1f}" for item in self.on_page(page)
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class LayoutItem:
    """What the layout needs of an item: the same for the printer and the reader."""

    code: str
    requirement: str
    depth: int
    critical: bool


def requirement_lines(item: LayoutItem) -> tuple[tuple[str, ...], float]:
    """The requirement wrapped to its column (and its indent by depth)."""
    indent = min(item.depth, 4) * 3.0
    width_pt = (ANSWERS_LEFT - CODE_RIGHT - 2 * TEXT_PAD - indent) * 72 / 25.4
    lines = simpleSplit(nfc(item.requirement), REGULAR, TEXT_SIZE, width_pt) or [""]
    if len(lines) > MAX_TEXT_LINES:  # the full text is in the directive; the code says which
        lines = [*lines[: MAX_TEXT_LINES - 1], lines[MAX_TEXT_LINES - 1] + " …"]
    return tuple(lines), indent


def form_layout(items: Sequence[LayoutItem]) -> FormLayout:
    """Rows down each page, a new page when the next row does not fit; the last rows go
    with the signatures rather than leave them alone on a page."""
    register_fonts()
    rows: list[tuple[LayoutItem, tuple[str, ...], float, float]] = []
    for item in items:
        lines, indent = requirement_lines(item)
        main = max(MIN_MAIN, len(lines) * TEXT_LEADING + 2 * TEXT_PAD)
        rows.append((item, lines, indent, main))
    places: list[ItemPlace] = []
    page, y = 1, FIRST_PAGE_TABLE + TABLE_HEADER
    for item, lines, indent, main in rows:
        if y + main + NOTE_HEIGHT > BOTTOM:
            page, y = page + 1, NEXT_PAGE_TABLE + TABLE_HEADER
        places.append(ItemPlace(item.code, page, y, main, lines, indent))
        y += main + NOTE_HEIGHT
    if y + SIGNATURES > BOTTOM:
        places, page, y = _carry_last_rows(places, page)
    return FormLayout(page, tuple(places), y)


def _carry_last_rows(places: list[ItemPlace], page: int) -> tuple[list[ItemPlace], int, float]:
    """Move the last row (two when they fit) to a new page, above the signatures."""
    moved: list[ItemPlace] = []
    room = BOTTOM - SIGNATURES - (NEXT_PAGE_TABLE + TABLE_HEADER)
    while places and places[-1].page == page and len(moved) < 2:
        height = places[-1].bottom - places[-1].top
        if sum(p.bottom - p.top for p in moved) + height > room:
            break
        moved.insert(0, places.pop())
    page += 1
    y = NEXT_PAGE_TABLE + TABLE_HEADER
    if not moved:  # nothing fits beside the signatures: they get the page to themselves
        return places, page, NEXT_PAGE_TABLE
    for place in moved:
        places.append(ItemPlace(place.code, page, y, place.main_height, place.lines, place.indent))
        y += place.main_height + NOTE_HEIGHT
    return places, page, y


def layout_items(rows: Sequence[object]) -> list[LayoutItem]:
    """The layout's view of ``ItemRow``s (or anything with the same fields)."""
    return [
        LayoutItem(
            str(getattr(row, "code")),  # noqa: B009 (any row type with these fields)
            str(getattr(row, "requirement")),  # noqa: B009
            int(getattr(row, "depth")),  # noqa: B009
            bool(getattr(row, "critical")),  # noqa: B009
        )
        for row in rows
    ]
