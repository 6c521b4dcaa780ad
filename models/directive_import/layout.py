"""Lines → paragraphs, and the printed number at the start of each paragraph.

Paragraphs are the directive's own words after ``models.text.clean_source``'s rules (NFC,
``*`` emphasis removed, white space and NBSP collapsed), so the checklist's ``source`` quotes
them verbatim. A line broken inside a sentence (hard-wrapped e-mail text) is joined back to
its paragraph; everything else keeps the line structure the office typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.checklist_file import ItemSpec
from models.directive_import.reading import AutoNumber, Line
from models.text import nfc

_SPACES = re.compile(r"\s+")
_MD_BULLET = re.compile(r"^\s*\*\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SENTENCE_END = (".", ";", ":", "!", "?", "…")
_BULLET_STYLES = {"-": "dash", "–": "dash", "—": "dash", "+": "plus"}

_LABEL = re.compile(
    r"""^(?:
    (?P<article>Điều\s+(?P<art>\d{1,3}[a-z]?)\s*[.:])(?:\s+|$)
  | (?P<part>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?P<partn>[IVXL]{1,7}|\d{1,3})\s*[.:]?)(?:\s+|$)
  | (?P<multi>(?P<mnum>\d{1,2}(?:\.\d{1,2}){1,4})\.?)\s+(?=\D)
  | (?P<roman>(?P<rom>[IVXL]{1,7})\s?(?P<rpunct>[.)]))\s+
  | (?P<arabic>(?P<num>\d{1,3})\s?(?P<apunct>[.)]))(?:\s+|(?=[^\s\d.,/)]))
  | (?P<paren>\((?P<pval>\d{1,3}|[a-zđ])\))\s*(?=\S)
  | (?P<letter>(?P<let>[a-zđ])(?P<lpunct>[.)]))\s+
  | (?P<lroman>(?P<lrom>ii|iii|iv|vi|vii|viii|ix)\))\s+
  | (?P<upper>(?P<up>[A-Z])\.)\s+
  | (?P<bullet>[-–—+•·▪◦○])(?:\s+|(?=[^\s\d\-–—+.]))
)""",
    re.X,
)
_ROMAN_VALID = re.compile(r"^(?=[IVXL])(XL|L?X{0,3})(IX|IV|V?I{0,3})$")
VI_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass
class Para:
    """One paragraph: its cleaned text, whether a blank line came before it, Word's number;
    from a PDF or scan also its page and place, footnotes it cites and OCR's confidence."""

    text: str
    block_start: bool = True
    auto: AutoNumber | None = None
    page: int | None = None
    notes: list[str] = field(default_factory=list)
    confidence: float | None = None
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Label:
    """A printed number: as printed, its code part ('' for bullets), list style and value."""

    printed: str
    code: str
    style: tuple[str, ...]
    value: int | None
    rest: str

    @property
    def is_bullet(self) -> bool:
        return self.style[0] in ("dash", "plus", "dot")


def clean_line(text: str) -> str:
    text = _MD_HEADING.sub("", _MD_BULLET.sub("- ", nfc(text)))
    return _SPACES.sub(" ", text.replace("*", "")).strip()


def paragraphs(lines: list[Line]) -> list[Para]:
    """Blank lines separate blocks; a lowercase line after an unfinished one continues it."""
    out: list[Para] = []
    block_start = True
    for line in lines:
        text = clean_line(line.text)
        if not text:
            block_start = True
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and not block_start
            and line.auto is None
            and not previous.text.endswith(_SENTENCE_END)
            and text[0].islower()
            and text.split(" ", 1)[0].rstrip(",;").isalpha()
            and parse_label(text) is None
        ):
            previous.text = f"{previous.text} {text}"
            previous.notes += line.notes
            previous.confidence = _lower(previous.confidence, line.confidence)
            continue
        out.append(
            Para(
                text,
                block_start,
                line.auto,
                line.page,
                list(line.notes),
                line.confidence,
                line.box,
            )
        )
        block_start = False
    return out


def _lower(a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None


def parse_label(text: str) -> Label | None:
    """The number a paragraph starts with, and what follows it."""
    match = _LABEL.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    group = match.lastgroup
    printed = (match.group(group) or "").strip() if group else ""
    if match.group("article"):
        return Label(printed, match.group("art"), ("article",), _int(match.group("art")), rest)
    if match.group("part"):
        numeral = match.group("partn")
        word = printed.split()[0].casefold()
        value = _int(numeral) if numeral.isdigit() else roman_value(numeral)
        return Label(printed, numeral, ("part", word), value, rest)
    if match.group("multi"):
        parts = match.group("mnum").split(".")
        return Label(printed, parts[-1], ("multi", str(len(parts))), int(parts[-1]), rest)
    if match.group("roman"):
        numeral = match.group("rom")
        if not _ROMAN_VALID.match(numeral):
            return None
        return Label(printed, numeral, ("roman", match.group("rpunct")), roman_value(numeral), rest)
    if match.group("arabic"):
        number = match.group("num")
        return Label(
            printed, str(int(number)), ("arabic", match.group("apunct")), int(number), rest
        )
    if match.group("paren"):
        inside = match.group("pval")
        if inside.isdigit():
            return Label(printed, str(int(inside)), ("paren-num",), int(inside), rest)
        return Label(printed, letter_code(inside), ("paren-letter",), letter_value(inside), rest)
    if match.group("letter"):
        letter = match.group("let")
        return Label(
            printed,
            letter_code(letter),
            ("letter", match.group("lpunct")),
            letter_value(letter),
            rest,
        )
    if match.group("lroman"):
        numeral = match.group("lrom")
        return Label(printed, numeral, ("lroman",), roman_value(numeral.upper()), rest)
    if match.group("upper"):
        letter = match.group("up")
        return Label(printed, letter, ("upper",), ord(letter) - ord("A") + 1, rest)
    mark = match.group("bullet")
    return Label(mark, "", (_BULLET_STYLES.get(mark, "dot"),), None, rest)


def auto_label(para: Para) -> Label | None:
    """Word's automatic number for a paragraph, as a label of its own list level."""
    auto = para.auto
    if auto is None:
        return None
    bullet = auto.code == ""
    style = ((_BULLET_STYLES.get(auto.label, "dot"),) if bullet else ()) + auto.style
    return Label(auto.label, auto.code, style, None, para.text)


def as_upper_letter(label: Label) -> Label:
    """A one-letter roman numeral ("C.", "D.") read as a letter, when a letter list is open."""
    return Label(label.printed, label.code, ("upper",), ord(label.code) - ord("A") + 1, label.rest)


def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, char in enumerate(numeral):
        value = values.get(char, 0)
        following = values.get(numeral[i + 1], 0) if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def letter_value(letter: str) -> int:
    return VI_LETTERS.index(letter) + 1 if letter in VI_LETTERS else ord(letter) - 96


def letter_code(letter: str) -> str:
    """Codes are ASCII: "đ)" becomes "dd", as Vietnamese typists write it (Telex)."""
    return "dd" if letter == "đ" else letter


def _int(text: str) -> int | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


def assign_codes(
    items: list[ItemSpec],
    prefix: str = "",
    *,
    from_labels: bool = True,
    seen: set[str] | None = None,
    hints: dict[str, int] | None = None,
) -> list[str]:
    """Codes as DESIGN.md defines them: the printed numbers along the path ("II.2.a"),
    position for bullets and unnumbered paragraphs. Printed numbers keep their code; an
    unnumbered item among numbered ones follows the one before it ("2b"); a repeated number
    gets a letter too. Returns the codes of repeated numbers."""
    seen = set() if seen is None else seen
    hints = {} if hints is None else hints
    parts = [label_code(item.label) if from_labels else item.code for item in items]
    dotted = f"{prefix}." if prefix else ""
    reserved = {dotted + part for part in parts if part}
    repeated: list[str] = []
    base = ""
    for position, (item, part) in enumerate(zip(items, parts, strict=True), 1):
        if part:
            code = _free(dotted + part, seen, hints=hints)
            if code != dotted + part:
                repeated.append(code)
            base = code
        elif base:
            code = _free(base, seen, reserved, suffix_only=True, hints=hints)
        else:
            code = _free(dotted + str(position), seen, reserved, hints=hints)
        seen.add(code)
        item.code = code
        repeated += assign_codes(
            item.children, code, from_labels=from_labels, seen=seen, hints=hints
        )
    return repeated


_SUFFIXES = "bcdefghijklmnopqrstuvwxyz"


def _free(
    code: str,
    taken: set[str],
    reserved: set[str] | frozenset[str] = frozenset(),
    *,
    suffix_only: bool = False,
    hints: dict[str, int] | None = None,
) -> str:
    """``code``, or the first of code+"b"…"z", code+"x2", "x3"… that is free. ``hints``
    remembers where the search for each code stopped (codes are only ever added), so a
    document of thousands of "1." stays linear."""

    def free(candidate: str) -> bool:
        return candidate not in taken and candidate not in reserved

    if not suffix_only and free(code):
        return code
    hints = {} if hints is None else hints
    n = hints.get(code, 0)
    while True:
        candidate = (
            code + _SUFFIXES[n] if n < len(_SUFFIXES) else f"{code}x{n - len(_SUFFIXES) + 2}"
        )
        n += 1
        if free(candidate):
            hints[code] = n
            return candidate


def label_code(label: str) -> str:
    """The code part of a printed label: "II." → "II", "(1)" → "1", "đ)" → "dd", "-" → ""."""
    parsed = parse_label(f"{label.strip()} x") if label.strip() else None
    code = parsed.code if parsed else ""
    return code if re.fullmatch(r"[A-Za-z0-9]+", code) else ""
