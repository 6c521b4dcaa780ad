"""The body: where the numbered items start and end, and the tree they form.

Items are recognised by their printed numbers ("I.", "1.", "1)", "a)", "(1)", "Điều 1.", "-",
"+"). Each new kind of number opens a level under the current one and a kind already open
closes the levels below it, which is how readers see nesting. A paragraph without a number
continues the item before it (a bullet's paragraph continues the bullet's parent); inline
"(1) … (2) …" inside one paragraph become children. Nothing is invented: every ``source``
is the document's words with the number removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.directive_import.header import is_name, is_signature, is_upper, recipients_range
from models.directive_import.layout import Label, Para, as_upper_letter, auto_label, parse_label
from models.directive_import.repairs import repair_labels
from models.text import fold

_END = re.compile(r"^Nơi\s+nhận\b", re.I)
_CLOSING = re.compile(
    r"^(?:thua lenh|thua uy quyen|nhan duoc (?:cong van|van ban|thong bao)|"
    r"tren day la|trong qua trinh (?:to chuc )?(?:thuc hien|trien khai)|"
    r"qua trinh (?:thuc hien|trien khai))"
)
_INLINE = re.compile(r"(?:^|(?<=[\s:;,.]))\((\d{1,2}|[a-zđ])\)\s*")
_FINISHED = (".", "!", "?", "…", '"', "”", ")", ":", ";", "/.")
_STRONG = (
    "article",
    "part",
    "multi",
    "roman",
    "arabic",
    "paren-num",
    "paren-letter",
    "letter",
    "lroman",
    "upper",
    "docx",
)


@dataclass
class Node:
    """An item while the tree is being built: label, code part, its paragraphs, children."""

    label: str
    code: str
    style: tuple[str, ...]
    value: int | None
    paras: list[str]
    children: list[Node] = field(default_factory=list)
    bullet: bool = False
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    confidence: float | None = None

    def take(self, para: Para) -> None:
        """What a paragraph of this item brings besides its words."""
        if self.page is None:
            self.page, self.box = para.page, para.box
        self.notes += [n for n in para.notes if n not in self.notes]
        if para.confidence is not None:
            self.confidence = min(self.confidence or 100.0, para.confidence)


@dataclass
class Body:
    """The split document: header and tail paragraphs, the item tree, and what was noticed."""

    head: list[Para]
    recipients: list[Para]
    intro: list[Para]
    items: list[Node]
    tail: list[Para]
    numbered: bool
    complete: bool
    warnings: list[str]


def label_of(para: Para) -> Label | None:
    return auto_label(para) if para.auto is not None else parse_label(para.text)


def strong_label(label: Label | None) -> bool:
    """A number that can open the item list (not a bullet)."""
    return label is not None and label.style[0] in _STRONG


def split_body(paras: list[Para]) -> Body:
    """Find the header, the numbered items (or one per paragraph) and the closing part."""
    labels = [label_of(p) for p in paras]
    repaired = repair_labels(paras, labels)
    stop = next((i for i, p in enumerate(paras) if _END.match(p.text)), len(paras))
    skip = recipients_range(paras, stop)
    candidates = [i for i in range(stop) if i not in skip]
    start = next((i for i in candidates if strong_label(labels[i])), None)
    numbered = start is not None
    if start is None:
        start = next(
            (i for i in candidates if labels[i] is not None and i > _header_end(paras, skip)), None
        )
        numbered = start is not None
    warnings: list[str] = []
    if start is None:
        start = _unnumbered_start(paras, skip, stop)
        warnings.append(
            "Không nhận ra cách đánh số: mỗi đoạn sau phần mở đầu thành một mục; "
            "hãy duyệt lại / No numbering was recognised: each paragraph after the "
            "introduction became one item; review them"
        )
    end = stop
    for i in range(start + 1, stop):
        text = paras[i].text
        if labels[i] is None and (
            is_signature(text)
            or (
                is_upper(text)
                and len(text.split()) <= 8
                and not text.endswith(":")
                and not any(strong_label(labels[j]) for j in range(i + 1, stop))
            )
        ):
            end = i
            break
    while end > start + 1 and labels[end - 1] is None and is_name(paras[end - 1].text):
        end -= 1
    last_numbered = max((i for i in range(start, end) if labels[i] is not None), default=start)
    if numbered and paras[last_numbered].text.endswith(_FINISHED):  # not a bare heading
        end = next((i for i in range(last_numbered + 1, end) if _is_closing(paras[i].text)), end)
    while not numbered and end > start + 1 and _is_closing(paras[end - 1].text):
        end -= 1
    complete = end < len(paras) or paras[end - 1].text.endswith(_FINISHED)
    if numbered and end > last_numbered + 1:
        warnings.append(
            "Các đoạn sau mục cuối được coi là phần tiếp của mục đó; hãy kiểm tra / "
            "The paragraphs after the last item were taken as its continuation; "
            "check them"
        )
    if not complete:
        warnings.append(
            "Văn bản có vẻ bị cắt giữa chừng (không có phần kết); mục cuối được đánh "
            "dấu chưa đủ / The text seems cut off (no closing part); the last item "
            "is marked incomplete"
        )
    body = paras[start:end]
    warned = {i - start: w for i, w in repaired.items() if start <= i < end}
    items = _tree(body, labels[start:end], warned) if numbered else _one_per_paragraph(body)
    return Body(
        head=[p for i, p in enumerate(paras[:start]) if i not in skip],
        recipients=[paras[i] for i in skip],
        intro=_intro(paras, skip, start),
        items=items,
        tail=paras[end:],
        numbered=numbered,
        complete=complete,
        warnings=warnings,
    )


def _is_closing(text: str) -> bool:
    return text.endswith(("/.", "./")) or bool(_CLOSING.match(fold(text)))


def _sentence_like(para: Para) -> bool:
    text = para.text
    return not is_upper(text) and (
        text.endswith((".", ":", ";", "!", "?")) or len(text.split()) >= 15
    )


def _header_end(paras: list[Para], skip: range) -> int:
    """Index of the first paragraph that reads as prose rather than a header line."""
    return next((i for i, p in enumerate(paras) if i not in skip and _sentence_like(p)), len(paras))


def _unnumbered_start(paras: list[Para], skip: range, stop: int) -> int:
    """After the header and an introduction ending in ":" ("…một số nội dung sau:")."""
    first = _header_end(paras, skip)
    prose = [i for i in range(first, stop) if i not in skip][:3]
    for i in prose:
        if paras[i].text.endswith(":"):
            return i + 1
    return min(first, max(stop - 1, 0))


def _intro(paras: list[Para], skip: range, start: int) -> list[Para]:
    first = _header_end(paras, skip)
    return [p for i, p in enumerate(paras[first:start], first) if i not in skip]


def _one_per_paragraph(body: list[Para]) -> list[Node]:
    nodes = []
    for para in body:
        node = Node("", "", ("paragraph",), None, [para.text])
        node.take(para)
        nodes.append(node)
    return nodes


def _tree(body: list[Para], labels: list[Label | None], warned: dict[int, str]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for index, (para, label) in enumerate(zip(body, labels, strict=True)):
        if label is None:
            _continue(roots, stack, para)
            continue
        if (
            label.style == ("roman", ".")
            and len(label.code) == 1
            and any(
                n.style == ("upper",) and n.value == (ord(label.code) - ord("A")) for n in stack
            )
        ):
            label = as_upper_letter(label)
        depth = next((i for i, n in enumerate(stack) if n.style == label.style), None)
        if depth is not None:
            del stack[depth:]
        node = Node(
            label.printed,
            label.code,
            label.style,
            label.value,
            [label.rest] if label.rest else [],
            bullet=label.is_bullet,
        )
        node.take(para)
        if index in warned:
            node.warnings.append(warned[index])
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in _walk(roots):
        _split_inline(node)
    return roots


def _continue(roots: list[Node], stack: list[Node], para: Para) -> None:
    if not stack:
        return
    owner = stack[-1]
    if owner.bullet and len(stack) > 1 and owner.paras:
        owner = stack[-2]
    owner.paras.append(para.text)
    owner.take(para)


def _walk(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out


def _split_inline(node: Node) -> None:
    """ "… dịch: (1) A; (2) B" → the text before "(1)" stays, A and B become children."""
    if not node.paras:
        return
    text = node.paras[0]
    matches = list(_INLINE.finditer(text))
    if len(matches) < 2:
        return
    accepted: list[re.Match[str]] = []
    first = matches[0].group(1)
    expected = 1 if first.isdigit() else 0
    for match in matches:
        value = match.group(1)
        number = int(value) if value.isdigit() else "abcdđeghik".find(value) + 1
        if accepted and (value.isdigit() != first.isdigit()):
            continue
        if number == expected or (not accepted and number == 1):
            accepted.append(match)
            expected = number + 1
    if len(accepted) < 2:
        return
    prefix = text[: accepted[0].start()].strip()
    if not prefix:
        return
    children = []
    for i, match in enumerate(accepted):
        end = accepted[i + 1].start() if i + 1 < len(accepted) else len(text)
        value = match.group(1)
        part = text[match.end() : end].strip()
        if part:
            style = ("paren-num",) if value.isdigit() else ("paren-letter",)
            code = value if value.isdigit() else ("dd" if value == "đ" else value)
            child = Node(f"({value})", code, style, None, [part], page=node.page, box=node.box)
            children.append(child)
    node.paras[0] = prefix
    node.children[:0] = children
