"""Finding a printed form in a picture: its QR, its corners, and the page made square again.

The QR gives the page's identity and a first idea of where the page lies (zxing reports the
symbol's corners in the symbol's own orientation, so a page upside down or sideways is
simply turned back). The four solid corner markers, looked for near where that first idea
puts them, pin the page down precisely; the picture is then warped onto the page's own
millimetre grid, where every box is where ``reports.scan_layout`` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.errors import InvalidInput
from reports.scan_code import PREFIX, PageCode
from reports.scan_images import ScanImage, scan_library
from reports.scan_layout import (
    MARKER,
    MARKER_CENTRES,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_LEFT,
    QR_QUIET_MODULES,
    QR_SIZE,
    QR_TOP,
)

#: Pixels per millimetre of the squared page (203 dpi): boxes of 5 mm are 40 pixels wide.
SCALE = 8.0


@dataclass
class LocatedPage:
    """A page found in a picture: its code and the page warped onto the millimetre grid."""

    image: ScanImage
    code: PageCode
    page: Any  # numpy uint8, PAGE_HEIGHT*SCALE × PAGE_WIDTH*SCALE
    markers_found: int


class PageNotRead(InvalidInput):
    """A picture where no form page could be found; the message says what is missing."""


def locate(image: ScanImage) -> LocatedPage:
    """The page in ``image``, or ``PageNotRead`` with the reason."""
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    text, corners = _read_qr(image)
    code = PageCode.parse(text)
    symbol = _qr_symbol_mm(text)
    homography, found = _pin_down(image, symbol, corners)
    to_grid = numpy.array([[SCALE, 0, 0], [0, SCALE, 0], [0, 0, 1]], dtype=numpy.float64)
    warp = homography @ numpy.linalg.inv(to_grid)  # grid pixels -> picture pixels
    size = (round(PAGE_WIDTH * SCALE), round(PAGE_HEIGHT * SCALE))
    page = cv2.warpPerspective(
        image.gray,
        warp,
        size,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    return LocatedPage(image, code, page, found)


def _pin_down(
    image: ScanImage, symbol: list[tuple[float, float]], corners: list[tuple[float, float]]
) -> tuple[Any, int]:
    """Page millimetres -> picture pixels, from the QR and the corner markers.

    The QR alone is too small to place the far corners well, so the markers are found in
    turn: the two at the top (near the QR) first, then the bottom two where the top ones
    and the QR together put them. Markers that disagree with the rest are left out."""
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    points_mm, points_px = list(symbol), list(corners)
    guide = cv2.getPerspectiveTransform(
        numpy.array(symbol, dtype=numpy.float32), numpy.array(corners, dtype=numpy.float32)
    )
    pixels_per_mm = _scale_of(guide)
    found = 0
    for number in (1, 0, 2, 3):  # TR, TL, then BR, BL
        centre = MARKER_CENTRES[number]
        if number == 2 and found >= 1:  # the top markers and the QR: a better guide below
            guide = _similarity(points_mm, points_px) if found == 2 else guide
        spot = _find_marker(image.gray, guide, centre, pixels_per_mm, found == 2)
        if spot is not None:
            points_mm.append(centre)
            points_px.append(spot)
            found += 1
    if found < 3:
        raise PageNotRead(
            f"{image.source}: không thấy đủ các ô vuông đen ở góc trang (thấy {found}/4); "
            "hãy quét lại cả trang, không cắt góc.",
            f"{image.source_en}: the page's black corner squares were not found ({found} of "
            "4); scan the whole page again without cutting its corners.",
        )
    source = numpy.array(points_mm, dtype=numpy.float32)
    target = numpy.array(points_px, dtype=numpy.float32)
    homography, inliers = cv2.findHomography(
        source, target, cv2.RANSAC, max(2.0, 1.5 * pixels_per_mm)
    )
    markers_kept = int(inliers[4:].sum()) if inliers is not None else 0
    if homography is None or markers_kept < 3:
        raise PageNotRead(
            f"{image.source}: không xác định được vị trí trang (các góc không khớp nhau); "
            "hãy quét lại trang cho phẳng.",
            f"{image.source_en}: the page's position could not be worked out (its corners do "
            "not agree); scan the page again, flat.",
        )
    return homography, markers_kept


def _similarity(points_mm: list[tuple[float, float]], points_px: list[tuple[float, float]]) -> Any:
    """A rotation, scale and shift through the points found so far, as a 3×3 matrix."""
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    matrix, _ = cv2.estimateAffinePartial2D(
        numpy.array(points_mm, dtype=numpy.float32), numpy.array(points_px, dtype=numpy.float32)
    )
    return numpy.vstack([matrix, [0, 0, 1]])


def _read_qr(image: ScanImage) -> tuple[str, list[tuple[float, float]]]:
    zxing = scan_library("zxingcpp")
    cv2 = scan_library("cv2")
    gray = image.gray
    tries = [(gray, 1.0)]
    if max(gray.shape) < 2600:  # a low-resolution scan: modules of 3 pixels or fewer
        tries.append((cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0))
    tries.append((cv2.GaussianBlur(gray, (3, 3), 0), 1.0))  # JPEG blocks and scanner noise
    codes: dict[str, list[tuple[float, float]]] = {}
    others: list[str] = []
    for picture, factor in tries:
        for found in zxing.read_barcodes(picture, formats=zxing.BarcodeFormat.QRCode):
            if not found.text.startswith(PREFIX + " "):
                others.append(found.text)
                continue
            p = found.position
            corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
            codes.setdefault(found.text, [(c.x / factor, c.y / factor) for c in corners])
        if codes:
            break
    if len(codes) > 1:
        raise PageNotRead(
            f"{image.source}: có {len(codes)} trang phiếu trong cùng một ảnh; hãy chụp "
            "hoặc quét từng trang một.",
            f"{image.source_en}: {len(codes)} form pages are in one picture; photograph or "
            "scan one page at a time.",
        )
    if not codes:
        if others:
            PageCode.parse(others[0])  # raises: someone else's QR code
        raise PageNotRead(
            f"{image.source}: không đọc được mã QR của trang (ảnh mờ, thiếu góc hoặc không "
            "phải phiếu của Kiểm tra); hãy quét lại trang này hoặc nhập tay.",
            f"{image.source_en}: the page's QR code cannot be read (blurred, cut off, or not "
            "a Kiểm tra form); scan this page again or type it in.",
        )
    text, corners = next(iter(codes.items()))
    return text, corners


def _qr_symbol_mm(text: str) -> list[tuple[float, float]]:
    """Where the QR symbol's corners were printed (TL, TR, BR, BL), from its module count."""
    from reports.pdf_form import qr_modules

    count, _ = qr_modules(text)
    module = QR_SIZE / (count + 2 * QR_QUIET_MODULES)
    left, top = QR_LEFT + QR_QUIET_MODULES * module, QR_TOP + QR_QUIET_MODULES * module
    side = count * module
    return [(left, top), (left + side, top), (left + side, top + side), (left, top + side)]


def _scale_of(homography: Any) -> float:
    """Picture pixels per page millimetre near the QR."""
    numpy = scan_library("numpy")
    points = numpy.array([[[QR_LEFT, QR_TOP]], [[QR_LEFT + QR_SIZE, QR_TOP]]], dtype=float)
    cv2 = scan_library("cv2")
    moved = cv2.perspectiveTransform(points, homography)
    return float(numpy.linalg.norm(moved[1, 0] - moved[0, 0]) / QR_SIZE)


def _find_marker(
    gray: Any, first: Any, centre: tuple[float, float], pixels_per_mm: float, guided: bool
) -> tuple[float, float] | None:
    """The centre of the solid square nearest where the QR puts a corner marker, if any."""
    cv2 = scan_library("cv2")
    numpy = scan_library("numpy")
    guess = cv2.perspectiveTransform(numpy.array([[centre]], dtype=float), first)[0, 0]
    # The QR is small, so the guess for a far corner can be off by a centimetre or two.
    distance_mm = ((centre[0] - 178) ** 2 + (centre[1] - 22) ** 2) ** 0.5
    # A phone's perspective moves a bottom corner a few per cent of the page from where the
    # top of the page puts it.
    reach = (12 + (0.08 if guided else 0.12) * distance_mm) * pixels_per_mm
    height, width = gray.shape
    x0, x1 = int(max(0, guess[0] - reach)), int(min(width, guess[0] + reach))
    y0, y1 = int(max(0, guess[1] - reach)), int(min(height, guess[1] + reach))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    window = gray[y0:y1, x0:x1]
    _, dark = cv2.threshold(window, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    side = MARKER * pixels_per_mm
    best: tuple[float, tuple[float, float]] | None = None
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if not (0.8 * side <= w <= 1.4 * side and 0.8 * side <= h <= 1.4 * side):
            continue  # a filled tick box (5 mm) is smaller than a marker (8 mm)
        if area < 0.6 * w * h or not 0.75 <= w / h <= 1.33:
            continue
        cx, cy = centroids[label]
        spot = (float(cx + x0), float(cy + y0))
        off = ((spot[0] - guess[0]) ** 2 + (spot[1] - guess[1]) ** 2) ** 0.5
        if best is None or off < best[0]:
            best = (off, spot)
    return None if best is None else best[1]
