"""What a person does to a draft before publishing, as plain functions on the item tree.

Split, merge, move, nest and un-nest keep the rule that a ``source`` is the directive's own
words: splitting cuts one quote in two, merging joins two quotes as paragraphs, and nothing
is retyped. After each change the codes are worked out again from the printed labels. The
window calls these; so can a script or a test, without a screen.
"""

from __future__ import annotations

from models.checklist_file import ItemSpec
from models.directive_import import first_sentence
from models.directive_import.items import DraftItem, notes_of, page_of, warnings_of
from models.directive_import.layout import assign_codes, paragraphs
from models.directive_import.reading import Line
from models.directive_import.themes import ThemeTagger, default_tagger
from models.errors import InvalidInput

Span = tuple[int, int]


def display_text(text: str) -> str:
    """The directive as the checklist quotes it: cleaned paragraphs, one blank line apart."""
    lines = [Line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n\n".join(p.text for p in paragraphs(lines))


def walk(items: list[ItemSpec]) -> list[ItemSpec]:
    out: list[ItemSpec] = []
    for item in items:
        out.append(item)
        out.extend(walk(item.children))
    return out


def item_spans(display: str, items: list[ItemSpec]) -> list[tuple[ItemSpec, list[Span]]]:
    """Where each item's quoted paragraphs are in the displayed text, for highlighting."""
    out = []
    for item in walk(items):
        spans: list[Span] = []
        cursor = 0
        for line in item.source.split("\n"):
            found = display.find(line, cursor) if line else -1
            if found < 0 and line:
                found = display.find(line)
            if found >= 0:
                spans.append((found, found + len(line)))
                cursor = found + len(line)
        out.append((item, spans))
    return out


def siblings_of(items: list[ItemSpec], target: ItemSpec) -> tuple[list[ItemSpec], ItemSpec | None]:
    """The list holding ``target`` and its parent (None at the top level)."""

    def search(
        nodes: list[ItemSpec],
        parent: ItemSpec | None,
    ) -> tuple[list[ItemSpec], ItemSpec | None] | None:
        for node in nodes:
            if node is target:
                return nodes, parent
            found = search(node.children, node)
            if found:
                return found
        return None

    found = search(items, None)
    if found is None:
        raise InvalidInput("Mục không còn trong danh mục.", "The item is no longer in the draft.")
    return found


def position(siblings: list[ItemSpec], item: ItemSpec) -> int:
    """Where ``item`` is, by identity: two items may well quote the same words."""
    return next(i for i, node in enumerate(siblings) if node is item)


def renumber(items: list[ItemSpec]) -> None:
    assign_codes(items, from_labels=True)


def split_item(
    items: list[ItemSpec], item: ItemSpec, cut: int, tagger: ThemeTagger | None = None
) -> ItemSpec:
    """Cut ``item``'s quote at offset ``cut``; the second part becomes the next item."""
    first, second = item.source[:cut].strip(), item.source[cut:].strip()
    if not first or not second:
        raise InvalidInput(
            "Hãy đặt con trỏ vào giữa đoạn trích để tách mục.",
            "Put the cursor inside the quoted text to split the item.",
        )
    tagger = tagger or default_tagger()
    siblings, _parent = siblings_of(items, item)
    item.source = first
    new = DraftItem(
        code="",
        label="",
        requirement=first_sentence(second),
        source=second,
        themes=tagger.tag(second),
        weight=item.weight,
        source_incomplete=item.source_incomplete,
        page=page_of(item),
    )
    item.source_incomplete = False
    siblings.insert(position(siblings, item) + 1, new)
    renumber(items)
    return new


def merge_with_next(items: list[ItemSpec], item: ItemSpec) -> ItemSpec:
    """Join the next sibling into ``item``: its quote as a further paragraph, its children."""
    siblings, _parent = siblings_of(items, item)
    at = position(siblings, item)
    if at + 1 >= len(siblings):
        raise InvalidInput(
            "Không có mục kế tiếp cùng cấp để gộp.",
            "There is no next item at the same level to merge with.",
        )
    following = siblings.pop(at + 1)
    item.source = f"{item.source}\n{following.source}"
    item.themes += [t for t in following.themes if t not in item.themes]
    item.critical = item.critical or following.critical
    item.source_incomplete = following.source_incomplete
    item.children.extend(following.children)
    if isinstance(item, DraftItem):
        item.warnings += [w for w in warnings_of(following) if w not in item.warnings]
        item.notes += [n for n in notes_of(following) if n not in item.notes]
    renumber(items)
    return following


def move(items: list[ItemSpec], item: ItemSpec, step: int) -> None:
    """Up (-1) or down (+1) among its siblings."""
    siblings, _parent = siblings_of(items, item)
    at = position(siblings, item)
    to = at + step
    if not 0 <= to < len(siblings):
        raise InvalidInput("Mục đã ở đầu hoặc cuối.", "The item is already first or last.")
    siblings[at], siblings[to] = siblings[to], siblings[at]
    renumber(items)


def indent(items: list[ItemSpec], item: ItemSpec) -> ItemSpec:
    """Make ``item`` the last child of the sibling before it; returns the new parent."""
    siblings, _parent = siblings_of(items, item)
    at = position(siblings, item)
    if at == 0:
        raise InvalidInput(
            "Mục đầu tiên không có mục nào phía trên để lồng vào.",
            "The first item has no item above it to go under.",
        )
    new_parent = siblings[at - 1]
    siblings.pop(at)
    new_parent.children.append(item)
    renumber(items)
    return new_parent


def outdent(items: list[ItemSpec], item: ItemSpec) -> None:
    """Move ``item`` out of its parent, to just after the parent."""
    siblings, parent = siblings_of(items, item)
    if parent is None:
        raise InvalidInput("Mục đã ở cấp cao nhất.", "The item is already at the top level.")
    outer, _grandparent = siblings_of(items, parent)
    siblings.pop(position(siblings, item))
    outer.insert(position(outer, parent) + 1, item)
    renumber(items)


def remove(items: list[ItemSpec], item: ItemSpec) -> None:
    siblings, _parent = siblings_of(items, item)
    siblings.pop(position(siblings, item))
    renumber(items)
