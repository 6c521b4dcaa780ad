"""Printed numbers that OCR (or a careless retyping) got wrong, put right where the sequence
makes the right one certain, and each repair said out loud on its item.

A scan reads "I." as "1." or "l.", "III." as "Il." or "IIIL", "c)" as "©)", and a letter
twice. Read as printed, one such slip shifts the whole tree: "1. NHIỆM VỤ CHUNG" becomes a
sibling of its own items. The rules here only change a number when its neighbours leave one
possibility (a capitals heading followed by its own "1." items, with "II." later, is "I.";
"Il." between "II." and "IV." is "III."; a repeated letter between "d)" and "e)" is "đ)"),
and each change becomes a warning on the item for the reviewer. Nothing else is touched.
"""

from __future__ import annotations

import re

from models.directive_import.header import is_upper
from models.directive_import.layout import (
    VI_LETTERS,
    Label,
    Para,
    letter_code,
    roman_value,
)

_ROMAN_LIKE = re.compile(
    r"^(?P<tok>[IVXLHl1|!]{1,6})(?:\s?[.,:;]\s*|\s+(?=[A-ZĐÀ-Ỹ]{2}))(?P<rest>\S.*)$"
)
_VALID_ROMAN = re.compile(r"^(?=[IVXL])(XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_SYMBOL_LETTER = re.compile(r"^(?P<tok>[©®¢€@&]|[A-ZĐ])\s?\)\s*(?P<rest>\S.*)$")
_SYMBOL_GUESS = {"©": "c", "¢": "c", "®": "r", "€": "e", "@": "a", "&": "e"}
_RANK = {
    "article": 0,
    "part": 0,
    "roman": 1,
    "upper": 1,
    "arabic": 2,
    "multi": 2,
    "paren-num": 3,
    "letter": 3,
    "paren-letter": 3,
    "lroman": 4,
}
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _warning(printed: str, repaired: str, why_vi: str, why_en: str) -> str:
    return (
        f"Số mục in là '{printed}' đã được sửa thành '{repaired}' ({why_vi}); hãy so với bản "
        f"giấy / The printed number '{printed}' was read as '{repaired}' ({why_en}); check it "
        "against the paper"
    )


def _heading(rest: str) -> bool:
    return is_upper(rest) and len(rest.split()) <= 16


def repair_labels(paras: list[Para], labels: list[Label | None]) -> dict[int, str]:
    """Put right the numbers the sequence makes certain (``labels`` is changed in place);
    returns the warning for each repaired paragraph, by index."""
    warnings: dict[int, str] = {}
    _section_headings(paras, labels, warnings)
    _section_run(paras, labels, warnings)
    _symbol_letters(paras, labels, warnings)
    _misread_points(paras, labels, warnings)
    _repeated(labels, warnings)
    _between(labels, warnings)
    _d_for_dd(labels, warnings)
    _lost_numbers(paras, labels, warnings)
    _gaps(labels, warnings)
    return warnings


def _section_headings(
    paras: list[Para], labels: list[Label | None], warnings: dict[int, str]
) -> None:
    """Roman section headings misread as digits or as l/1/| mixtures."""
    candidates: list[tuple[int, str, str, bool]] = []  # index, token, rest, anchored
    for i, para in enumerate(paras):
        label = labels[i]
        if label is not None and label.style[0] == "roman" and _heading(label.rest):
            candidates.append((i, label.code, label.rest, True))
            continue
        match = _ROMAN_LIKE.match(para.text)
        if match is None or not _heading(match.group("rest")):
            continue
        token = match.group("tok")
        if token.isdigit() and not _own_first_item(labels, i):
            continue
        printed_roman = bool(_VALID_ROMAN.match(token)) and para.text[len(token)] == "."
        candidates.append((i, token, match.group("rest"), printed_roman))
    if not any(anchored for *_rest, anchored in candidates):
        return
    expected = 1
    for n, (i, token, rest, anchored) in enumerate(candidates):
        if anchored:
            expected = roman_value(token) + 1
            label = labels[i]
            if label is None or label.style[0] != "roman":  # "I.MỤC": the space was lost
                labels[i] = Label(f"{token}.", token, ("roman", "."), expected - 1, rest)
            continue
        following = next(((k, c) for k, c in enumerate(candidates[n + 1 :], 1) if c[3]), None)
        consistent = following is None or roman_value(following[1][1]) == expected + following[0]
        if not consistent or expected > len(_ROMANS):
            continue
        if following is None and not _plausible_last(token, expected):
            continue
        numeral = _ROMANS[expected - 1]
        printed = paras[i].text[: len(paras[i].text) - len(rest)].strip()
        labels[i] = Label(f"{numeral}.", numeral, ("roman", "."), expected, rest)
        warnings[i] = _warning(
            printed,
            f"{numeral}.",
            "theo thứ tự các phần trước và sau",
            "from the order of the sections around it",
        )
        expected += 1


def _plausible_last(token: str, expected: int) -> bool:
    """After the last certain section: the token must look like the numeral it would be."""
    shape = token.replace("H", "II")
    shape = shape.replace("l", "I").replace("1", "I").replace("|", "I").replace("!", "I")
    shape = shape.rstrip("L")
    one_stroke = set(shape) == {"I"} and abs(len(shape) - expected) <= 1 and expected <= 4
    return shape in (_ROMANS[expected - 1], "I" * expected) or one_stroke


def _own_first_item(labels: list[Label | None], at: int) -> bool:
    """Whether the next numbered paragraph after ``at`` is an arabic "1.": the heading's own
    first item, so the heading itself cannot be item 1 of the same list."""
    for label in labels[at + 1 :]:
        if label is None or label.is_bullet:
            continue
        return label.style[0] == "arabic" and label.value == 1
    return False


def _symbol_letters(
    paras: list[Para], labels: list[Label | None], warnings: dict[int, str]
) -> None:
    """ "©) …" or "C) …" between "b)" and "d)" is "c)"."""
    for i, para in enumerate(paras):
        if labels[i] is not None:
            continue
        match = _SYMBOL_LETTER.match(para.text)
        if match is None:
            continue
        before = _neighbour(labels, i, -1, "letter")
        after = _neighbour(labels, i, 1, "letter")
        value = (before.value or 0) + 1 if before else 1
        if after is not None and after.value != value + 1:
            continue
        if value > len(VI_LETTERS):
            continue
        letter = VI_LETTERS[value - 1]
        token = match.group("tok")
        if token.isalpha() and (before is None or token.lower() != letter):
            continue  # "C)" after "b)" is "c)"; a list of capitals "A) B)" is the author's
        if before is None and _SYMBOL_GUESS.get(token, token.lower()) != letter:
            continue
        punct = before.style[1] if before and len(before.style) > 1 else ")"
        labels[i] = Label(
            f"{letter}{punct}", letter_code(letter), ("letter", punct), value, match.group("rest")
        )
        warnings[i] = _warning(
            f"{match.group('tok')})",
            f"{letter}{punct}",
            "ký hiệu giữa hai chữ cái liền nhau",
            "a symbol between two consecutive letters",
        )


def _neighbour(labels: list[Label | None], at: int, step: int, kind: str) -> Label | None:
    """The nearest label of ``kind`` before/after ``at`` in the same list."""
    i = at + step
    while 0 <= i < len(labels):
        label = labels[i]
        if label is not None and not label.is_bullet:
            if label.style[0] == kind:
                return label
            if _RANK.get(label.style[0], 5) < _RANK.get(kind, 5):
                return None
        i += step
    return None


def _repeated(labels: list[Label | None], warnings: dict[int, str]) -> None:
    """A number or letter printed twice in a row where the sequence leaves one reading:
    "c) đ) đ) e)" is "c) d) đ) e)" (the first was misread), "d) đ) đ) g)" is "d) đ) e) g)"
    (the second), and a repeat last in its list takes the place after."""
    for i, label in enumerate(labels):
        if label is None or label.value is None or label.style[0] not in ("letter", "arabic"):
            continue
        kind = label.style[0]
        after = _neighbour(labels, i, 1, kind)
        before = _neighbour(labels, i, -1, kind)
        twin_after = after is not None and after.style == label.style and after.value == label.value
        if twin_after and i not in warnings:
            if before is not None and before.value == label.value - 2:
                _relabel(labels, warnings, i, label, label.value - 1, "first")
            continue
        if before is None or before.style != label.style or before.value != label.value:
            continue
        if after is not None and after.value != label.value + 2:
            continue
        _relabel(labels, warnings, i, label, label.value + 1, "last" if after is None else "")


def _relabel(
    labels: list[Label | None],
    warnings: dict[int, str],
    at: int,
    label: Label,
    value: int,
    where: str,
) -> None:
    if label.style[0] == "letter":
        if not 1 <= value <= len(VI_LETTERS):
            return
        letter = VI_LETTERS[value - 1]
        printed, code = f"{letter}{label.style[1]}", letter_code(letter)
    else:
        printed, code = f"{value}{label.style[1]}", str(value)
    labels[at] = Label(printed, code, label.style, value, label.rest)
    where_vi = {
        "first": "trùng với mục sau, giữa hai mục liền trước và liền sau",
        "last": "lặp lại số mục trước, là mục cuối của danh sách",
        "": "lặp lại số mục trước",
        "between": "giữa hai mục liền trước và liền sau",
    }[where]
    where_en = {
        "first": "the same as the item after, between its neighbours",
        "last": "the same as the item before, last in its list",
        "": "the same as the item before",
        "between": "between the items before and after it",
    }[where]
    warnings[at] = _warning(label.printed, printed, where_vi, where_en)


_GARBLED = re.compile(r"^(?P<junk>\S{1,4}(?:\s+\S{1,2})?)\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])")


def _lost_numbers(paras: list[Para], labels: list[Label | None], warnings: dict[int, str]) -> None:
    """ "6." … "FỄ - Sắp xếp …" … "8.": the one paragraph between, opening with a few
    characters that are no word, is item 7 whose number OCR could not read."""
    for i, label in enumerate(labels):
        if label is None or label.value is None or label.style[0] != "arabic":
            continue
        after = next((j for j in range(i + 1, len(labels)) if _same_list(labels[j], label)), None)
        if after is None or labels[after].value != label.value + 2:  # type: ignore[union-attr]
            continue
        between = [k for k in range(i + 1, after) if labels[k] is None]
        if len(between) != 1 or any(labels[k] is not None for k in range(i + 1, after)):
            continue
        k = between[0]
        match = _GARBLED.match(paras[k].text)
        if match is None or any(ch.islower() for ch in match.group("junk")):
            continue
        value = label.value + 1
        printed = f"{value}{label.style[1]}"
        labels[k] = Label(printed, str(value), label.style, value, paras[k].text[match.end() :])
        warnings[k] = _warning(
            match.group("junk"),
            printed,
            "không đọc được số mục, giữa hai mục liền trước và liền sau",
            "an unreadable number between the items before and after it",
        )


def _same_list(other: Label | None, label: Label) -> bool:
    return other is not None and other.style == label.style


def _gaps(labels: list[Label | None], warnings: dict[int, str]) -> None:
    """A number the sequence skips ("6." then "8."): not repairable, so said on the item
    after the gap (an item may have been read into the one before)."""
    for i, label in enumerate(labels):
        if label is None or label.value is None or i in warnings:
            continue
        kind = label.style[0]
        if kind not in ("arabic", "letter", "roman", "paren-num"):
            continue
        before = _neighbour(labels, i, -1, kind)
        if before is None or before.value is None or before.style != label.style:
            continue
        if label.value <= before.value and kind != "roman":
            warnings[i] = (
                f"Số mục bắt đầu lại từ '{label.printed}' sau '{before.printed}' mà không có "
                f"mục cấp trên mới; số của mục cấp trên có thể bị đọc sai; hãy so với bản "
                f"giấy / The numbering starts again at '{label.printed}' after "
                f"'{before.printed}' with no new item above it; that item's number may have "
                "been misread; check against the paper"
            )
        elif label.value > before.value + 1:
            warnings[i] = (
                f"Số mục nhảy từ '{before.printed}' sang '{label.printed}'; một mục có thể bị "
                f"đọc sai hoặc nằm trong mục trước; hãy so với bản giấy / The numbering jumps "
                f"from '{before.printed}' to '{label.printed}'; an item may have been misread "
                "or taken into the one before; check against the paper"
            )


def _section_run(paras: list[Para], labels: list[Label | None], warnings: dict[int, str]) -> None:
    """Section headings run I, II, III… A run OCR broke by one stroke ("I. I. II." for
    "I. II. III.") is put back when every break is one step away from its place."""
    sections = [
        i
        for i, label in enumerate(labels)
        if label is not None and label.style[0] == "roman" and _heading(label.rest)
    ]
    values = [labels[i].value for i in sections]  # type: ignore[union-attr]
    if len(sections) < 2 or values == list(range(1, len(values) + 1)):
        return
    if len(sections) > len(_ROMANS) or any(
        v is None or abs(v - n) > 1 for n, v in enumerate(values, 1)
    ):
        return
    if values[0] != 1 or len(set(values)) == len(values):
        return  # only a run that starts at I and repeats a number is certainly misread
    for n, i in enumerate(sections, 1):
        label = labels[i]
        if label is None or label.value == n:
            continue
        numeral = _ROMANS[n - 1]
        labels[i] = Label(f"{numeral}.", numeral, ("roman", "."), n, label.rest)
        warnings[i] = _warning(
            label.printed,
            f"{numeral}.",
            "các phần phải nối tiếp I, II, III…",
            "the sections must run I, II, III…",
        )


def _between(labels: list[Label | None], warnings: dict[int, str]) -> None:
    """ "4." "9." "6.": the one number between "4." and "6." is "5." (OCR read a 5 as 9)."""
    for i, label in enumerate(labels):
        if i in warnings or label is None or label.value is None:
            continue
        kind = label.style[0]
        if kind not in ("letter", "arabic"):
            continue
        before = _neighbour(labels, i, -1, kind)
        after = _neighbour(labels, i, 1, kind)
        if before is None or after is None or before.value is None or after.value is None:
            continue
        gap_of_one = after.value == before.value + 2 and label.value != before.value + 1
        if before.style == label.style == after.style and gap_of_one:
            _relabel(labels, warnings, i, label, before.value + 1, "between")


_POINT_MISREAD = re.compile(r"^(?P<num>\d{1,2})\s?[:;,](?:\s+)(?P<rest>[A-ZĐÀ-Ỹ].*)$")


def _misread_points(
    paras: list[Para], labels: list[Label | None], warnings: dict[int, str]
) -> None:
    """ "2: Kiểm soát …" between "1." and "3.": the point OCR read as a colon."""
    for i, para in enumerate(paras):
        if labels[i] is not None:
            continue
        match = _POINT_MISREAD.match(para.text)
        if match is None:
            continue
        value = int(match.group("num"))
        before = _neighbour(labels, i, -1, "arabic")
        after = _neighbour(labels, i, 1, "arabic")
        if before is None or before.value != value - 1:
            continue
        if after is not None and after.value != value + 1:
            continue
        printed = f"{value}{before.style[1]}"
        labels[i] = Label(printed, str(value), before.style, value, match.group("rest"))
        warnings[i] = _warning(
            para.text[: match.start("rest")].strip(),
            printed,
            "theo thứ tự các mục trước và sau",
            "from the order of the items around it",
        )


def _d_for_dd(labels: list[Label | None], warnings: dict[int, str]) -> None:
    """ "c) đ)" ending a list: OCR read the "d" of "d)" as "đ" (a list never skips "d")."""
    for i, label in enumerate(labels):
        if i in warnings or label is None or label.style[0] != "letter" or label.code != "dd":
            continue
        before = _neighbour(labels, i, -1, "letter")
        after = _neighbour(labels, i, 1, "letter")
        if before is not None and before.code == "c" and after is None:
            _relabel(labels, warnings, i, label, VI_LETTERS.index("d") + 1, "last")
