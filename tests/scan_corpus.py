"""A corpus of scanned forms made from our own printed forms, for the tests and the benchmark.

Forms of 3, 15 and 40 items are printed (``reports.pdf_form``), drawn at 300 dpi, marked
the ways people mark paper (X, ✓, a filled box, light pencil, a mark corrected by filling
the wrong box, two marks, a mark beside the box, empty rows, handwritten notes) and then
degraded as scanners and phones do: 150, 200 and 300 dpi, rotation up to ±5°, perspective,
blur, JPEG quality 40, noise, a fold's shadow, a page upside down. Every box's truth is
kept: ticked, empty, or unclear (what a careful person would want to look at).

Nothing here is committed as a picture: the corpus is made again from a seed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium

from models.audit import Editor
from models.catalog import install_checklist
from models.checklist_file import parse_checklist
from models.db import Database
from models.services.units import create_unit
from reports.pdf_form import write_form_pdf
from reports.rows import form_spec
from reports.scan_images import ScanImage
from reports.scan_layout import ItemPlace, form_layout, layout_items
from reports.scan_marks import EMPTY, TICKED, UNCLEAR

FORTY = "phieu-40-muc-thu-nghiem"
FORMS = {3: "451-cv-lmhtx-2021", 15: "tb-tu-hoi-nghi-23-8-2021", 40: FORTY}
PERIOD = "Tuần 38/2021"
DPI = 300
PX = DPI / 25.4  # pixels per millimetre of the clean drawing
MARKS = ("x", "check", "filled", "x", "check", "x", "empty", "empty", "pencil", "corrected",
         "two", "outside")  # fmt: skip
DEGRADATIONS = ("clean", "rotate", "perspective", "blur", "jpeg40", "noise", "fold", "upside-down")


@dataclass
class PageTruth:
    page: int
    boxes: dict[str, tuple[str, str, str, str]]  # item code -> each box's truth
    notes: set[str] = field(default_factory=set)


@dataclass
class CorpusPage:
    name: str
    image: ScanImage
    truth: PageTruth | None  # None: a page that must be refused
    form: str


def install_forty(session: Any) -> None:
    """A 40-item checklist made of the shipped ones' requirements, for the largest form."""
    from models.catalog import get_version

    texts = []
    for slug in ("tb-tu-hoi-nghi-23-8-2021", "07-tb-cb-2021", "2810-ubnd-kgvx-2021"):
        texts += [item.requirement for item in get_version(session, slug).items]
    items = [
        {
            "code": str(number),
            "label": f"{number}.",
            "requirement": texts[(number - 1) % len(texts)],
            "source": texts[(number - 1) % len(texts)],
            "critical": number % 7 == 0,
            "weight": 1,
        }
        for number in range(1, 41)
    ]
    data = {
        "schema": 1,
        "id": FORTY,
        "version": 1,
        "title": "Phiếu thử nghiệm bốn mươi mục",
        "directive": {
            "number": "01/TN",
            "kind": "Thông báo",
            "issuer": "Văn phòng thử nghiệm",
            "place": "Quảng Ninh",
            "issued_on": "2021-09-28",
            "subject": "V/v thử đọc phiếu quét",
            "source_file": "sources/thu-nghiem.txt",
        },
        "items": items,
    }
    spec = parse_checklist(data, f"{FORTY}.yaml", None, None)
    install_checklist(session, spec, origin="test", device_id=None)
    session.commit()


def prepare(database: Database, editor: Editor) -> dict[str, uuid.UUID]:
    """The forty-item checklist and two units to print forms for."""
    with database.session() as session:
        install_forty(session)
        return {
            "main": create_unit(session, editor, "HTX Nông nghiệp Đồng Tâm", "htx"),
            "other": create_unit(session, editor, "HTX Dịch vụ Quảng Long", "htx"),
        }


def get_version_id(session: Any, items: int) -> uuid.UUID:
    from models.catalog import get_version

    return get_version(session, FORMS[items]).id


def item_id(session: Any, items: int, code: str) -> uuid.UUID:
    from models.catalog import get_version

    return next(i.id for i in get_version(session, FORMS[items]).items if i.code == code)


def printed_pages(
    database: Database, items: int | str, unit: uuid.UUID | None, folder: Path, **change: Any
) -> list[Any]:
    """The form drawn at 300 dpi, one grey picture per page, and its layout (``change``:
    fields of the form's spec to alter, to make forms this database did not print)."""
    import dataclasses

    slug = FORMS[items] if isinstance(items, int) else items
    with database.session() as session:
        spec = form_spec(session, slug, unit_id=unit, period=PERIOD if unit else None)
    spec = dataclasses.replace(spec, **change)
    pdf = write_form_pdf(spec, folder / f"form-{slug}-{unit}-{len(change)}.pdf")
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = [
            _gray(document[i].render(scale=DPI / 72, grayscale=True).to_numpy())
            for i in range(len(document))
        ]
    finally:
        document.close()
    return [pages, form_layout(layout_items(spec.items))]


def tick(page: Any, item: ItemPlace, box: int, kind: str = "x", seed: int = 0) -> None:
    """One mark in one box of an item's row (0 Đạt, 1 Chưa đạt, 2 Một phần, 3 Không áp dụng)."""
    rect = item.boxes[box]
    draw_mark(
        page, random.Random(seed), kind, rect.left + rect.width / 2, rect.top + rect.height / 2
    )


def scanner_pdf(pictures: list[Any], path: Path, dpi: int = 200) -> Path:
    """Pictures of pages as an office scanner saves them: one JPEG image per PDF page."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for picture in pictures:
        scaled = cv2.resize(picture, None, fx=dpi / DPI, fy=dpi / DPI, interpolation=cv2.INTER_AREA)
        ok, data = cv2.imencode(".jpg", scaled, [cv2.IMWRITE_JPEG_QUALITY, 85])
        canvas.drawImage(ImageReader(io.BytesIO(bytes(data))), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return path


def _gray(array: Any) -> Any:
    return np.array(array[:, :, 0] if array.ndim == 3 else array, dtype=np.uint8)


# -- marking -------------------------------------------------------------------------------


def _pt(x_mm: float, y_mm: float) -> tuple[int, int]:
    return round(x_mm * PX), round(y_mm * PX)


def _stroke(page: Any, points: list[tuple[float, float]], ink: int, width_mm: float) -> None:
    pts = np.array([_pt(x, y) for x, y in points], dtype=np.int32)
    cv2.polylines(page, [pts], False, ink, max(1, round(width_mm * PX)), cv2.LINE_AA)


def draw_mark(page: Any, rng: random.Random, kind: str, cx: float, cy: float) -> None:
    """One hand mark centred near (cx, cy) mm."""
    ink = rng.randint(15, 70)
    width = rng.uniform(0.35, 0.6)
    cx, cy = cx + rng.uniform(-0.5, 0.5), cy + rng.uniform(-0.5, 0.5)
    size = rng.uniform(1.5, 2.4)
    if kind == "x":
        _stroke(
            page,
            [(cx - size, cy - size), (cx + size, cy + size * rng.uniform(0.8, 1.1))],
            ink,
            width,
        )
        _stroke(
            page,
            [(cx + size, cy - size), (cx - size * rng.uniform(0.8, 1.1), cy + size)],
            ink,
            width,
        )
    elif kind == "check":
        _stroke(
            page,
            [(cx - size, cy), (cx - size * 0.3, cy + size), (cx + size * 1.3, cy - size * 1.4)],
            ink,
            width,
        )
    elif kind == "pencil":
        faint = rng.randint(175, 200)
        _stroke(page, [(cx - size, cy - size), (cx + size, cy + size)], faint, 0.3)
        _stroke(page, [(cx + size, cy - size), (cx - size, cy + size)], faint, 0.3)
    elif kind == "filled":
        half = rng.uniform(2.1, 2.6)
        corners = [
            (cx - half, cy - half),
            (cx + half, cy - half),
            (cx + half, cy + half),
            (cx - half, cy + half),
        ]
        pts = np.array(
            [_pt(x + rng.uniform(-0.3, 0.3), y + rng.uniform(-0.3, 0.3)) for x, y in corners],
            np.int32,
        )
        cv2.fillPoly(page, [pts], ink, cv2.LINE_AA)
    elif kind == "scribble":
        ys = np.linspace(cy - 2.2, cy + 2.2, 12)
        points = [
            (cx + (2.2 if i % 2 else -2.2) + rng.uniform(-0.3, 0.3), y) for i, y in enumerate(ys)
        ]
        _stroke(page, points, ink, 0.6)


def draw_note(page: Any, rng: random.Random, item: ItemPlace) -> None:
    """A few handwritten "words" on the note's first line."""
    x = item.note.left + 17
    y = item.note_lines[0] - 1.5
    ink = rng.randint(20, 70)
    for _ in range(rng.randint(2, 5)):
        length = rng.uniform(6, 16)
        points = [(x + t, y + rng.uniform(-1.2, 1.2)) for t in np.linspace(0, length, 14)]
        _stroke(page, points, ink, 0.4)
        x += length + rng.uniform(2, 4)


def mark_page(
    page: Any, items: tuple[ItemPlace, ...], rng: random.Random, number: int
) -> PageTruth:
    truth = PageTruth(number, {})
    for item in items:
        boxes = [(b.left + b.width / 2, b.top + b.height / 2) for b in item.boxes]
        kind = rng.choice(MARKS)
        states = [EMPTY] * 4
        first, second = rng.sample(range(4), 2)
        if kind in ("x", "check", "filled"):
            draw_mark(page, rng, kind, *boxes[first])
            states[first] = TICKED
        elif kind == "pencil":
            draw_mark(page, rng, "pencil", *boxes[first])
            states[first] = UNCLEAR
        elif kind == "corrected":
            draw_mark(page, rng, "scribble", *boxes[first])
            draw_mark(page, rng, "x", *boxes[second])
            states[first] = states[second] = UNCLEAR
        elif kind == "two":
            draw_mark(page, rng, "x", *boxes[first])
            draw_mark(page, rng, "check", *boxes[second])
            states[first] = states[second] = UNCLEAR
        elif kind == "outside":
            cx, cy = boxes[first]
            draw_mark(page, rng, "check", cx + rng.choice((-1, 1)) * 5.6, cy)
            states[first] = UNCLEAR
        truth.boxes[item.code] = tuple(states)  # type: ignore[assignment]
        if rng.random() < 0.25:
            draw_note(page, rng, item)
            truth.notes.add(item.code)
    return truth


# -- degrading -----------------------------------------------------------------------------


def degrade(page: Any, dpi: int, how: str, rng: random.Random) -> Any:
    """The clean 300 dpi page as a scanner or a phone would have given it."""
    image = page
    if dpi != DPI:
        image = cv2.resize(image, None, fx=dpi / DPI, fy=dpi / DPI, interpolation=cv2.INTER_AREA)
    height, width = image.shape
    if how == "rotate":
        angle = rng.choice((-1, 1)) * rng.uniform(2.0, 5.0)
        bed = (round(width * 1.12), round(height * 1.1))  # the scanner's glass is larger
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        matrix[:, 2] += ((bed[0] - width) / 2, (bed[1] - height) / 2)
        image = cv2.warpAffine(image, matrix, bed, borderValue=235)
    elif how == "perspective":
        margin = 0.08 * width
        canvas = (round(width + 2 * margin), round(height + 2 * margin))
        src = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
        corners = [(0, 0), (width, 0), (width, height), (0, height)]
        dst = np.float32(
            [
                [
                    margin + x + rng.uniform(-0.04, 0.04) * width,
                    margin + y + rng.uniform(-0.04, 0.04) * height,
                ]
                for x, y in corners
            ]
        )
        matrix = cv2.getPerspectiveTransform(src, dst)
        image = cv2.warpPerspective(image, matrix, canvas, borderValue=90)  # a dark desk
        light = np.linspace(1.0, rng.uniform(0.75, 0.9), canvas[0], dtype=np.float32)
        image = np.clip(image.astype(np.float32) * light[None, :], 0, 255).astype(np.uint8)
    elif how == "blur":
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.8, 1.3) * dpi / 150)
    elif how == "jpeg40":
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 40])
        image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    elif how == "noise":
        noise = np.random.default_rng(rng.randint(0, 10**6)).normal(0, 12, image.shape)
        image = np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    elif how == "fold":
        axis = rng.choice((0, 1))
        size = image.shape[axis]
        where = rng.uniform(0.3, 0.7) * size
        span = 10 * dpi / 25.4
        distance = np.abs(np.arange(size, dtype=np.float32) - where)
        shade = 1 - 0.35 * np.exp(-((distance / span) ** 2))
        shade = shade[:, None] if axis == 0 else shade[None, :]
        image = np.clip(image.astype(np.float32) * shade, 0, 255).astype(np.uint8)
    elif how == "upside-down":
        image = cv2.rotate(image, cv2.ROTATE_180)
    return image


@dataclass(frozen=True)
class Case:
    items: int
    dpi: int
    how: str
    seed: int


def all_cases() -> list[Case]:
    """Every size × resolution × degradation once: 72 forms, 216 pages with the 40-item form."""
    return [
        Case(items, dpi, how, seed)
        for seed, (items, dpi, how) in enumerate(
            (items, dpi, how)
            for items in (3, 15, 40)
            for dpi in (150, 200, 300)
            for how in DEGRADATIONS
        )
    ]


def quick_cases() -> list[Case]:
    """A few that cover each way of degrading once, for the fast tier."""
    return [
        Case(15, 150, "rotate", 101),
        Case(3, 200, "perspective", 102),
        Case(3, 150, "jpeg40", 103),
        Case(3, 300, "upside-down", 104),
    ]


def make_case(
    database: Database, units: dict[str, uuid.UUID], case: Case, folder: Path
) -> list[CorpusPage]:
    """One form marked and degraded; its pages shuffled, a page of another form among them."""
    rng = random.Random(case.seed)
    pages, layout = printed_pages(database, case.items, units["main"], folder)
    result = []
    for number, clean in enumerate(pages, 1):
        marked = clean.copy()
        truth = mark_page(marked, layout.on_page(number), rng, number)
        picture = degrade(marked, case.dpi, case.how, rng)
        name = f"{case.items}-muc-{case.dpi}dpi-{case.how}-p{number}"
        result.append(CorpusPage(name, ScanImage(name, None, picture), truth, str(case.items)))
    rng.shuffle(result)  # pages out of order
    return result


def other_form_page(
    database: Database, units: dict[str, uuid.UUID], folder: Path, seed: int
) -> CorpusPage:
    """A page of another unit's form, slipped among the scans."""
    rng = random.Random(seed)
    pages, layout = printed_pages(database, 3, units["other"], folder)
    marked = pages[0].copy()
    truth = mark_page(marked, layout.on_page(1), rng, 1)
    picture = degrade(marked, 200, "rotate", rng)
    return CorpusPage("phieu-khac", ScanImage("phieu-khac", None, picture), truth, "other")
