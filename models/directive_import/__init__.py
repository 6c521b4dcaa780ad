"""Any directive becomes a checklist: read it, find its numbered items, propose a draft.

``import_directive`` takes a file (.txt/.md in UTF-8, UTF-16 or code page 1258, .docx, a PDF,
a scanned PDF or a page image), raw bytes, or pasted text, and returns an ``ImportResult``:
the directive's header, the item tree as ``DraftItem``s with verbatim sources, automatic
themes, footnotes as notes, and bilingual warnings for the person who reviews the draft
before it is published, on the draft and on each item a number was repaired or is in
doubt. Nothing here writes anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from models.checklist_file import DirectiveSpec, ItemSpec
from models.directive_import.body import Node, label_of, split_body, strong_label
from models.directive_import.header import KIND_CODES, parse_header
from models.directive_import.header_lines import unflatten
from models.directive_import.items import LOW_CONFIDENCE, DraftItem, low_confidence_warning
from models.directive_import.layout import assign_codes, paragraphs
from models.directive_import.noise import clean_copied_text, dropped_warning
from models.directive_import.reading import (
    MAX_BYTES,
    Document,
    Progress,
    read_bytes,
    read_file,
    text_document,
    too_large,
)
from models.directive_import.roles import propose_roles
from models.directive_import.themes import ThemeTagger, default_tagger
from models.errors import InvalidInput
from models.text import collapse_spaces, fold

__all__ = ["ImportResult", "import_directive", "first_sentence", "make_slug"]

PASTED = "văn bản dán / pasted text"
UNKNOWN_ISSUER = "(chưa rõ)"
MAX_REQUIREMENT = 2000
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+(?=[\"“(]?[^\W\d_])")
_YEARS = re.compile(r"(?:\d{1,2}/\d{1,2}/|năm\s+)((?:19|20)\d{2})\b", re.I)


@dataclass
class ImportResult:
    """A proposed checklist: header, items, the text it came from, and what to check."""

    slug: str
    title: str
    directive: DirectiveSpec
    items: list[ItemSpec]
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    source_name: str = PASTED
    source_path: str | None = None  # the file read, so the review tab can show its pages
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    issuer_printed: str | None = None  # the issuer as printed, when it was re-cased

    def walk(self) -> Iterator[tuple[ItemSpec, int, ItemSpec | None]]:
        """Every item with its depth and parent, in the order the directive has them."""

        def visit(
            items: list[ItemSpec],
            depth: int,
            parent: ItemSpec | None,
        ) -> Iterator[tuple[ItemSpec, int, ItemSpec | None]]:
            for item in items:
                yield item, depth, parent
                yield from visit(item.children, depth + 1, item)

        return visit(self.items, 0, None)

    def item_count(self) -> int:
        return sum(1 for _ in self.walk())


def _names_a_file(text: str) -> bool:
    """Whether a one-line text is the name of an existing file (pasted text may be too long
    or too odd to be a file name at all)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def import_directive(
    source: Path | str | bytes,
    *,
    name: str | None = None,
    tagger: ThemeTagger | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """A path (Path, or a one-line str naming an existing file), raw bytes, or pasted text.
    ``progress(pages_done, pages)`` hears how a scan's recognition goes (and may stop it)."""
    if isinstance(source, bytes):
        document = read_bytes(source, Path(name or "").suffix.lower(), name or "", progress)
        source_name = name or PASTED
    elif isinstance(source, Path) or (
        "\n" not in source and len(source) < 1024 and _names_a_file(source)
    ):
        path = Path(source)
        document = read_file(path, progress)
        result = build_result(document, path.name, tagger or default_tagger())
        if document.page_sizes:
            result.source_path = str(path.resolve())
        return result
    else:
        if len(source) > MAX_BYTES:
            raise too_large(len(source.encode("utf-8")))
        document = text_document(source, "text")
        source_name = name or PASTED
    return build_result(document, source_name, tagger or default_tagger())


def build_result(document: Document, source_name: str, tagger: ThemeTagger) -> ImportResult:
    lines = document.lines
    warnings_before: list[str] = []
    if not document.page_sizes:  # typed or pasted: a PDF's pages were read by position
        lines, dropped = clean_copied_text(lines)
        if dropped:
            warnings_before.append(dropped_warning(dropped))
    paras = paragraphs(lines)
    first_item = next((i for i, p in enumerate(paras) if strong_label(label_of(p))), len(paras))
    paras = unflatten(paras, first_item)
    if not paras:
        raise InvalidInput("Không có văn bản nào để đọc.", "There is no text to read.")
    body = split_body(paras)
    intro = " ".join(p.text for p in body.intro)
    header = parse_header(body.head, body.tail, body.recipients, intro)
    warnings = [*document.warnings, *warnings_before, *body.warnings, *header.warnings]
    items = _items(body.items, tagger)
    for code in assign_codes(items, from_labels=False):
        warnings.append(
            f"Số thứ tự lặp lại; mục được đặt mã {code} / A number repeats; the "
            f"item was given the code {code}"
        )
    if not items:
        raise InvalidInput(
            "Không tìm thấy nội dung yêu cầu nào trong văn bản.",
            "No requirements were found in the text.",
        )
    if not body.complete:
        last = items[-1]
        while last.children:
            last = last.children[-1]
        last.source_incomplete = True
    year = _year(
        header.issued_on.year if header.issued_on else None, header.date_note, document.text
    )
    propose_roles(items, year)
    kind = header.kind or "Văn bản"
    subject = collapse_spaces(header.subject or "(chưa có trích yếu)")
    slug = make_slug(header.number, kind, subject, year)
    title = (
        f"Tự đánh giá thực hiện {kind} số {header.number}"
        if header.number
        else f"Tự đánh giá thực hiện {kind}: {subject}"
    )[:300]
    directive = DirectiveSpec(
        number=header.number,
        kind=kind,
        issuer=header.issuer or UNKNOWN_ISSUER,
        place=header.place,
        issued_on=header.issued_on,
        date_note=header.date_note,
        subject=subject,
        source_file=f"sources/{slug}.txt",
        source_complete=body.complete,
        source_text=document.text,
    )
    return ImportResult(
        slug=slug,
        title=title,
        directive=directive,
        items=items,
        warnings=warnings,
        encoding=document.encoding,
        recipients=header.recipients,
        signer=header.signer,
        source_name=source_name,
        page_sizes=list(document.page_sizes),
        issuer_printed=header.issuer_printed,
    )


def _items(nodes: list[Node], tagger: ThemeTagger) -> list[ItemSpec]:
    out: list[ItemSpec] = []
    for node in nodes:
        source = "\n".join(p for p in node.paras if p) or (node.label if node.children else "")
        if source:
            warnings = list(node.warnings)
            if node.confidence is not None and node.confidence < LOW_CONFIDENCE:
                warnings.append(low_confidence_warning(node.confidence))
            out.append(
                DraftItem(
                    code=node.code,
                    label=node.label,
                    requirement=first_sentence(source),
                    source=source,
                    themes=tagger.tag(source),
                    children=_items(node.children, tagger),
                    warnings=warnings,
                    notes=list(node.notes),
                    page=node.page,
                    box=node.box,
                )
            )
    return out


def first_sentence(source: str) -> str:
    """The requirement a person starts editing from: the source's first sentence."""
    line = source.split("\n", 1)[0]
    for match in _SENTENCE_BREAK.finditer(line):
        word = line[: match.start()].rsplit(" ", 1)[-1]
        if len(word) <= 2 and word.isalpha() and word.isupper():  # "TP.", "Q." abbreviate
            continue
        line = line[: match.start() + 1]
        break
    line = collapse_spaces(line).rstrip(" ;,:")
    if len(line) > MAX_REQUIREMENT:
        line = line[: MAX_REQUIREMENT - 1].rsplit(" ", 1)[0] + "…"
    return line or collapse_spaces(source)[:MAX_REQUIREMENT]


def make_slug(number: str | None, kind: str, subject: str, year: int | None) -> str:
    """ "451/CV-LMHTX" of 2021 → "451-cv-lmhtx-2021"; with no number, kind and subject words."""
    if number:
        base = fold(number)
    else:
        codes = {v: k for k, v in KIND_CODES.items()}
        words = fold(re.sub(r"^(V/v|Về việc)\s*", "", subject, flags=re.I)).split()[:5]
        base = " ".join([fold(codes.get(kind, "vb")), *words])
    slug = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:60].strip("-")
    if year and not slug.endswith(str(year)):
        slug = f"{slug}-{year}"
    return slug if re.fullmatch(r"[a-z0-9][a-z0-9-]{1,98}", slug) else f"van-ban-{year or 0}"


def _year(issued: int | None, note: str | None, text: str) -> int | None:
    if issued:
        return issued
    for source in (note or "", text):
        years = [int(y) for y in _YEARS.findall(source)]
        if years:
            return max(years)
    return None
