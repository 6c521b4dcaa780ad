"""Header lines flattened by copying: the two columns put back apart.

Text copied out of a PDF or a Word header table often puts the two columns of the header on
one line: "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 123/UBND-VX Hạ Long,
ngày 05 tháng 3 năm 2021". The right column always starts with something recognisable (the
Quốc hiệu, the Tiêu ngữ, "<place>, ngày …"), so each such line is cut there: the left parts
stay where they were, the right parts follow them as a block of their own, the order in which
the header parser reads a header typed column by column.
"""

from __future__ import annotations

import re

from models.directive_import.layout import Para

_RIGHT_STARTS = re.compile(
    r"(?:CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc)",
    re.I,
)
_DATE_AFTER = re.compile(r",?\s*ngày\s*\d{1,2}\s*(?:tháng|/|-|\.)", re.I)
_PLACE_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?|TP\.|TX\.)$")
HEAD_LIMIT = 30  # flattened header lines are near the top


def unflatten(paras: list[Para], stop: int) -> list[Para]:
    """``paras`` with flattened header lines (before index ``stop``) cut into columns."""
    limit = min(stop, HEAD_LIMIT, len(paras))
    cut_any = False
    left: list[Para] = []
    right: list[Para] = []
    last_cut = -1
    for i, para in enumerate(paras[:limit]):
        pieces = cut(para.text)
        if len(pieces) > 1:
            cut_any, last_cut = True, i
            left.append(_like(para, pieces[0], para.block_start))
            right += [_like(para, piece, not right) for piece in pieces[1:]]
        else:
            left.append(para)
    if not cut_any:
        return paras
    out = left[: last_cut + 1] + right
    after = left[last_cut + 1 :] + paras[limit:]
    if after:
        after[0] = _like(after[0], after[0].text, True)
    return out + after


def _like(para: Para, text: str, block_start: bool) -> Para:
    return Para(
        text, block_start, para.auto, para.page, list(para.notes), para.confidence, para.box
    )


def cut(text: str) -> list[str]:
    """One header line → its left part and the right-column parts found after it."""
    position = _right_start(text)
    if position <= 0:
        return [text]
    head, tail = text[:position].strip(), text[position:].strip()
    if not head:
        return [text]
    rest = cut_right(tail)
    return [head, *rest]


def cut_right(text: str) -> list[str]:
    """A right-column run that itself holds several lines (Quốc hiệu, Tiêu ngữ, date)."""
    out = []
    while True:
        found = [m.start() for m in _RIGHT_STARTS.finditer(text) if m.start() > 0]
        place = _place_start(text)
        if place > 0:
            found.append(place)
        if not found:
            out.append(text)
            return out
        at = min(found)
        out.append(text[:at].strip())
        text = text[at:].strip()


def _right_start(text: str) -> int:
    starts = [m.start() for m in _RIGHT_STARTS.finditer(text)]
    place = _place_start(text)
    if place >= 0:
        starts.append(place)
    return min(starts) if starts else -1


def _place_start(text: str) -> int:
    """Where "<Place>, ngày <d> tháng" starts: capitalised words just before ", ngày"."""
    match = _DATE_AFTER.search(text)
    if match is None:
        return -1
    words = list(re.finditer(r"\S+", text[: match.start()]))
    count = 0
    while count < min(6, len(words)) and _PLACE_WORD.match(words[-1 - count].group()):
        count += 1
    return words[-count].start() if count else -1
