"""Word .docx files, including the numbers Word draws from its numbering definitions.

A directive typed in Word with automatic numbering stores "1.", "a)" or "-" nowhere in the
paragraph text: they come from ``numbering.xml`` (``numFmt``, ``lvlText`` such as "%1." or
"(%1)", start values and restarts), reached through the paragraph's ``numPr`` or its style.
This module counts them the way Word does, so the checklist quotes the numbers the reader saw.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from models.archive import ArchiveKind, open_archive
from models.directive_import.reading import MAX_BYTES, AutoNumber, Document, Line
from models.errors import InvalidInput
from models.text import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _damaged(name: str, detail_vi: str, detail_en: str | None = None) -> InvalidInput:
    return InvalidInput(
        f"Tệp '{name}' không phải tệp Word .docx hợp lệ hoặc đã bị hỏng ({detail_vi}). "
        "Không có gì được ghi.",
        f"The file '{name}' is not a valid Word .docx file or is damaged "
        f"({detail_en or detail_vi}). Nothing was written.",
    )


#: A directive's .docx: its text XML stays small enough to parse in a few hundred MB at most.
DOCX = ArchiveKind(
    refuse=_damaged,
    max_file_bytes=MAX_BYTES,
    max_entries=2_000,
    max_entry_bytes=32 * 1024 * 1024,
    max_total_bytes=64 * 1024 * 1024,
)


def read_docx(raw: bytes, name: str) -> Document:
    """Paragraphs and table cells in reading order, each with the number Word shows."""
    with open_archive(raw, DOCX, name) as archive:
        if "word/document.xml" not in archive.names:
            raise _damaged(name, "không có word/document.xml", "no word/document.xml")
        archive.scan(refuse_doctype=True)
        return _read_document(raw, name)


def _read_document(raw: bytes, name: str) -> Document:
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(raw))
    numbering = Numbering(document)
    no_parent: Any = None  # reading text needs no story part
    lines: list[Line] = []
    texts: list[str] = []
    for p in _paragraphs(document.element.body):
        text = nfc(Paragraph(p, no_parent).text)
        auto = numbering.number(p)
        if not text.strip():
            continue
        parts = text.split("\n")
        lines.append(Line(parts[0], auto))
        lines.extend(Line(part) for part in parts[1:])
        lines.append(Line(""))
        texts.append(f"{auto.label} {text}" if auto else text)
    if not texts:
        raise InvalidInput(
            f"Tệp '{name}' không có đoạn văn bản nào.",
            f"The file '{name}' holds no paragraphs of text.",
        )
    return Document(text="\n\n".join(texts), lines=lines, encoding="docx")


def _paragraphs(element: Any) -> Iterator[Any]:
    """Body paragraphs, then table cells row by row, in document order."""
    for child in element:
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _paragraphs(child)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


class Numbering:
    """Word's list counters for one document."""

    def __init__(self, document: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        self._read_styles(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        links: dict[str, str] = {}
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId")
            self.abstract[abstract_id] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
            link = abstract.find(f"{W}numStyleLink")
            if link is not None:
                links[abstract_id] = link.get(f"{W}val")
        for num in root.iter(f"{W}num"):
            abstract_ref = num.find(f"{W}abstractNumId")
            if abstract_ref is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[ilvl] = int(start.get(f"{W}val", "1"))
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[num.get(f"{W}numId")] = (abstract_ref.get(f"{W}val"), starts, levels)
        for abstract_id, style_id in links.items():  # list styles point at another definition
            linked_num = self.style_num.get(style_id, (None, None))[0]
            if linked_num in self.nums and not self.abstract.get(abstract_id):
                self.abstract[abstract_id] = self.abstract.get(self.nums[linked_num][0], {})

    def _read_styles(self, document: Any) -> None:
        raw: dict[str, tuple[str | None, int | None, str | None]] = {}
        for style in document.styles.element.iter(f"{W}style"):
            num_id, ilvl = _num_pr(style.find(f"{W}pPr"))
            based = style.find(f"{W}basedOn")
            raw[str(style.get(f"{W}styleId"))] = (
                num_id,
                ilvl,
                based.get(f"{W}val") if based is not None else None,
            )
        for style_id in raw:
            num_id, ilvl, hops = None, None, 0
            based_on: str | None = style_id
            while (
                based_on is not None
                and based_on in raw
                and hops < 20
                and (num_id is None or ilvl is None)
            ):
                own_num, own_ilvl, based_next = raw[based_on]
                num_id = num_id if num_id is not None else own_num
                ilvl = ilvl if ilvl is not None else own_ilvl
                based_on, hops = based_next, hops + 1
            self.style_num[style_id] = (num_id, ilvl)

    def number(self, p: Any) -> AutoNumber | None:
        ppr = p.find(f"{W}pPr")
        num_id, ilvl = _num_pr(ppr)
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        if style is not None and (num_id is None or ilvl is None):
            style_num, style_ilvl = self.style_num.get(style.get(f"{W}val"), (None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for restarted, start in starts.items():
                counters[restarted] = start - 1
                for deeper in [k for k in counters if k > restarted]:
                    del counters[deeper]
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return _auto(levels, counters, ilvl, abstract_id)


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    return (
        num_id.get(f"{W}val") if num_id is not None else None,
        int(ilvl.get(f"{W}val", "0")) if ilvl is not None else None,
    )


def _level(lvl: Any) -> _Level:
    start = lvl.find(f"{W}start")
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    return _Level(
        int(start.get(f"{W}val", "1")) if start is not None else 1,
        fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text.get(f"{W}val", "") if text is not None else "",
    )


def _auto(
    levels: dict[int, _Level], counters: dict[int, int], ilvl: int, abstract_id: str
) -> AutoNumber | None:
    level = levels.get(ilvl, _Level())
    style = ("docx", abstract_id, str(ilvl))
    if level.fmt == "bullet":
        mark = level.text.strip()
        return AutoNumber(mark if mark in ("-", "–", "—", "+") else "•", "", style)
    label = level.text
    for n in range(9, 0, -1):
        if f"%{n}" in label:
            other = levels.get(n - 1, _Level())
            label = label.replace(
                f"%{n}", format_number(counters.get(n - 1, other.start), other.fmt)
            )
    label = label.strip()
    if not label:
        return None
    code = format_number(counters[ilvl], level.fmt) or str(counters[ilvl])
    return AutoNumber(label, code, style)


def format_number(value: int, fmt: str) -> str:
    """A counter as Word prints it for the formats directives use."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (max(value, 1) - 1) % 26) * ((max(value, 1) - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", max(value, 1)
        for amount, numeral in _ROMAN:
            while rest >= amount:
                out, rest = out + numeral, rest - amount
        return out.lower() if fmt == "lowerRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)
