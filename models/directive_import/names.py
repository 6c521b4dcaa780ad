"""Names of issuing bodies printed in capitals, written the ordinary way.

A header prints "PHÒNG Y TẾ HUYỆN" or "UBND TỈNH QUẢNG NINH"; a checklist names its issuer
"Phòng Y tế huyện", "UBND tỉnh Quảng Ninh". Vietnamese writes a body's name with a capital
on the kind of body and on the first word of its own name ("Sở Giáo dục và Đào tạo"), the
level of government in lower case and the place in capitals ("tỉnh Quảng Ninh"), and keeps
abbreviations ("UBND", "HTX", "LĐTB&XH"). The rules below follow that; the importer keeps
the printed form beside it and warns, since a name is for the reviewer to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Kinds of body: the word(s) after them start the body's own name.
_BODIES = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "liên minh",
    "trung tâm",
    "văn phòng",
    "chi cục",
    "tổng cục",
    "chi bộ",
    "đảng bộ",
    "đảng ủy",
    "đảng uỷ",
    "bệnh viện",
    "công ty",
    "công an",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
    "sở",
    "phòng",
    "ban",
    "bộ",
    "cục",
    "vụ",
    "trường",
    "hội",
    "viện",
    "trạm",
)
#: Names written whole: the spelling, and whether a place name follows ("Tỉnh ủy Quảng
#: Ninh") or the name simply goes on in lower case ("Ban Chỉ đạo phòng, chống dịch").
_WHOLE = {
    "tỉnh ủy": ("Tỉnh ủy", "place"),
    "tỉnh uỷ": ("Tỉnh uỷ", "place"),
    "thành ủy": ("Thành ủy", "place"),
    "thành uỷ": ("Thành uỷ", "place"),
    "huyện ủy": ("Huyện ủy", "place"),
    "huyện uỷ": ("Huyện uỷ", "place"),
    "thị ủy": ("Thị ủy", "place"),
    "thị uỷ": ("Thị uỷ", "place"),
    "tỉnh đoàn": ("Tỉnh đoàn", "place"),
    "hợp tác xã": ("Hợp tác xã", "name-start"),
    "xã hội": ("xã hội", "name"),
    "mặt trận tổ quốc": ("Mặt trận Tổ quốc", "place"),
    "ban thường vụ": ("Ban Thường vụ", "name-start"),
    "ban chấp hành": ("Ban Chấp hành", "name-start"),
    "ban chỉ đạo": ("Ban Chỉ đạo", "name"),
    "ban cán sự đảng": ("Ban cán sự đảng", "name-start"),
    "covid-19": ("Covid-19", "name"),
}
#: Levels of government: lower case, the place after them in capitals.
_LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_ABBREVIATION = re.compile(r"^[A-ZĐ&.\-/]{2,}$")
_KEEP = {"UBND", "HĐND", "HTX", "CQ", "LĐTB&XH", "LĐT&XH", "MTTQ", "BCĐ", "TP.", "TX.", "CV"}


def _is_abbreviation(word: str) -> bool:
    """An abbreviation stays as printed: known ones, and capitals with no vowel at all."""
    if word in _KEEP or "&" in word:
        return True
    letters = re.sub(r"[^A-Za-zÀ-ỹĐđ]", "", word)
    vowels = re.sub(r"[^AĂÂEÊIOÔƠUƯYÀ-Ỹaăâeêioôơuưyà-ỹ]", "", letters)
    return bool(_ABBREVIATION.match(word)) and not vowels


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def ordinary_spelling(printed: str) -> str:
    """ "PHÒNG Y TẾ HUYỆN TIÊN YÊN" → "Phòng Y tế huyện Tiên Yên"; mixed case is kept."""
    words = printed.split()
    lower = [w if _is_abbreviation(w) else w.lower() for w in words]
    out: list[str] = []
    mode = "name-start"  # what the next ordinary word is: a name's first word, rest, place
    i = 0
    while i < len(lower):
        phrase = _match(lower, i, _WHOLE)
        if phrase:
            spelling, next_mode = _WHOLE[" ".join(lower[i : i + phrase])]
            out.append(_capital(spelling) if mode == "name-start" else spelling)
            mode = next_mode
            i += phrase
            continue
        body = _match(lower, i, dict.fromkeys(_BODIES))
        if body:
            out += [_capital(lower[i])] + lower[i + 1 : i + body]
            i += body
            mode = "name-start"
            continue
        level = _match(lower, i, dict.fromkeys(_LEVELS))
        if level:
            out += lower[i : i + level]
            i += level
            mode = "place"
            continue
        word = lower[i]
        if _is_abbreviation(words[i]):
            out.append(words[i])
            mode = "name-start" if words[i] in ("CQ",) else mode
        elif word in ("và", "-", "–"):
            out.append(word)
            mode = "name-start"
        elif mode in ("name-start", "place"):
            out.append(_capital(word))
            mode = "place" if mode == "place" else "name"
        else:
            out.append(word)
        i += 1
    text = " ".join(out)
    return _capital(text) if text else text


def _match(words: list[str], at: int, table: Mapping[str, object]) -> int:
    """How many words from ``at`` form an entry of ``table`` (the longest), or 0."""
    for length in (4, 3, 2, 1):
        if at + length <= len(words) and " ".join(words[at : at + length]) in table:
            return length
    return 0
