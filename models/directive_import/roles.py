"""What the importer proposes about each item: its role, to whom it is addressed, until when.

A directive says who must act in a few set ways ("Giao X chủ trì…", "Đề nghị X…", "Yêu cầu
các doanh nghiệp…", "Cấp ủy, chính quyền cấp huyện tăng cường…"); an item that only
introduces its sub-items ends its opening in ":" or opens with "Về …:"; a statement of
stance ("Thống nhất với…") asks nothing. Each proposal keeps the directive's own words that
led to it, so the reviewer sees why. A rule that does not clearly match proposes nothing:
the item stays a requirement for every unit, since a wrong guess is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from models.checklist_file import ItemSpec
from models.directive_import.items import DraftItem
from models.directive_import.role_phrases import (
    AFTER_NAME,
    ALL_LEVELS,
    BODY_HEADS,
    DETERMINERS,
    DUTIES,
    EVENTS,
    EVERYONE,
    KIND_PHRASES,
    LEADERS,
    LEADS,
    STANCES,
    VERBS,
)
from models.text import fold, nfc

_DUTY_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, DUTIES)) + r")(?!\w)")
_DATE = re.compile(
    r"(?<![\w/])(từ |sau |kể từ |trước )?ngày\s+(\d{1,2})\s*(?:/|tháng\s+)(\d{1,2})"
    r"(?:\s*(?:/|năm\s+)((?:19|20)\d{2}))?",
    re.I,
)
_SCHOOL_YEAR = re.compile(r"năm học(?: mới)?\s+((?:19|20)\d{2})\s*[-–]\s*(?:19|20)\d{2}", re.I)
_CLAUSE_END = re.compile(r"(?<=[.;:!?])\s+|(?<=[;:])(?=\S)")
_TOPIC = re.compile(r"^Về\s[^:\n]{3,160}:", re.I)


@dataclass
class Proposal:
    """What the importer proposes for one item, each field with the words that led to it."""

    role: str | None = None
    kinds: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    valid_until: dt.date | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    everyone: bool = False


@dataclass
class _Word:
    text: str
    low: str  # lower case with its marks: "giao" is not "giáo"
    key: str  # folded: diacritics ignored
    stop: str  # punctuation right after it


def _words(clause: str) -> list[_Word]:
    out = []
    for raw in clause.split():
        stripped = raw.strip("“”\"'()[]*")
        text = stripped.rstrip(",;:.!?")
        stop = stripped[len(text) :][:1]
        if text or raw == "-":
            text = text or raw
            out.append(_Word(text, nfc(text).casefold(), fold(text), stop))
    return out


@cache
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The phrases by their first word, longest first (every word of an item is tried)."""
    out: dict[str, list[list[str]]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        parts = phrase.split()
        out.setdefault(parts[0], []).append(parts)
    return out


def _match(words: list[_Word], at: int, phrases: tuple[str, ...], low: bool) -> int:
    """How many words from ``at`` the longest phrase of ``phrases`` there covers, else 0."""
    first = words[at].low if low else words[at].key
    for parts in _by_first_word(phrases).get(first, ()):
        span = words[at : at + len(parts)]
        if len(span) == len(parts) and all(
            (w.low if low else w.key) == p for w, p in zip(span, parts, strict=True)
        ):
            return len(parts)
    return 0


def _everyone(words: list[_Word], at: int) -> int:
    """Words for every unit at ``at`` ("các cấp, các ngành"), but not "các cấp ủy"."""
    n = _match(words, at, EVERYONE, low=False)
    if n and at + n < len(words) and not words[at + n - 1].stop and words[at + n].key == "uy":
        return 0
    return n


def _kind_phrase(words: list[_Word], at: int) -> tuple[int, tuple[str, ...]]:
    """A kind phrase at ``at``, commas inside it allowed ("sở, ban, ngành")."""
    for parts in _by_first_word(tuple(KIND_PHRASES)).get(words[at].key, ()):
        span = words[at : at + len(parts)]
        if (
            len(span) == len(parts)
            and all(w.key == p for w, p in zip(span, parts, strict=True))
            and all(w.stop in ("", ",") for w in span[:-1])
        ):
            return len(parts), KIND_PHRASES[" ".join(parts)]
    return 0, ()


def _body(words: list[_Word], at: int) -> int:
    """The length of a named body starting at ``at`` ("Ban Tuyên giáo Tỉnh ủy"), else 0."""
    if not words[at].text[:1].isupper() or not _match(words, at, BODY_HEADS, low=False):
        return 0
    end = at
    while True:
        if end >= len(words) or end - at >= 14:
            return 0  # a name runs up to a verb or a stop; this ran on
        word = words[end]
        if end > at and not word.text[:1].isupper() and _match(words, end, VERBS, low=True):
            break
        if end > at and word.low in ("của", "với", "để", "tại", "trong", "theo"):
            break
        if word.low == "và" and (
            end + 1 >= len(words)
            or not words[end + 1].text[:1].isupper()
            or _match(words, end + 1, BODY_HEADS, low=False)
        ):
            break  # "Sở Giáo dục và Đào tạo" is one name; "Sở Y tế và Sở Công Thương" two
        end += 1
        if word.stop:
            break
    return end - at if end - at >= 2 else 0


@dataclass
class _Subject:
    kinds: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    everyone: bool = False
    end: int = 0
    phrase: str = ""


def _subject(words: list[_Word], at: int) -> _Subject | None:
    """Who is named from ``at``: kinds, named bodies, or every unit, coordinated by "," and
    "và"; None when the words there name no one the tables know."""
    found = _Subject()
    levels: list[str] = []
    bare_leader = led = named = False
    i = at
    while i < len(words):
        if n := _everyone(words, i):
            found.everyone = named = True
            i += n
        i += _match(words, i, DETERMINERS, low=False) if i < len(words) else 0
        if i >= len(words):
            break
        if n := _everyone(words, i):
            found.everyone = named = True
        elif (kind := _kind_phrase(words, i))[0]:
            n, kinds = kind
            if " ".join(w.key for w in words[i : i + n]).startswith("cap ") and not led:
                break  # "cấp tỉnh kiểm tra cấp huyện" is about levels, not an addressee
            levels += kinds
            named = True
        elif n := _body(words, i):
            found.bodies.append(" ".join(w.text for w in words[i : i + n]))
            named = True
        elif n := _match(words, i, tuple(LEADERS), low=False):
            phrase = " ".join(w.key for w in words[i : i + n])
            bare_leader = bare_leader or LEADERS[phrase]
            led = True
            if not words[i + n - 1].stop:
                i += n
                continue  # "Chủ tịch UBND cấp huyện": the leader of what follows
        else:
            break
        i += n
        if words[i - 1].stop != ",":
            i += _match(words, i, AFTER_NAME, low=False) if i < len(words) else 0
        last = words[i - 1].stop
        if last == "," and i < len(words):
            continue
        if last == "" and i < len(words) and words[i].low in ("và", "hoặc"):
            i += 1
            continue
        break
    if bare_leader and not set(levels) & set(ALL_LEVELS):
        levels = [*ALL_LEVELS, *levels]
    if not (named or levels):
        return None
    found.kinds = list(dict.fromkeys(levels))
    found.end = i
    found.phrase = " ".join(w.text for w in words[at:i])
    return found


def _clauses(text: str) -> list[str]:
    return [c for line in text.split("\n") for c in _CLAUSE_END.split(line) if c.strip()]


def addressees_of(text: str) -> tuple[_Subject, list[str]] | None:
    """Who a text addresses and the clauses that say so; None when no clause names anyone."""
    total = _Subject()
    reasons: list[str] = []
    for clause in _clauses(text):
        words = _words(clause)
        doer: _Subject | None = None
        first = _subject(words, 0) if words else None
        if (
            first
            and first.end < len(words)
            and not words[first.end - 1].stop
            and _match(words, first.end, VERBS, low=True)
        ):
            doer = first
        for i, word in enumerate(words):
            lead = _match(words, i, LEADS, low=True)
            if i and word.text[:1].isupper():
                continue  # "Ban Chỉ đạo" is a name, not a verb
            if lead and not words[i + lead - 1].stop and i + lead < len(words):
                named = _subject(words, i + lead)
                if named:
                    doer = named  # "A chỉ đạo B yêu cầu C thực hiện": C acts
        if doer:
            total.everyone = total.everyone or doer.everyone
            total.kinds += [k for k in doer.kinds if k not in total.kinds]
            total.bodies += [b for b in doer.bodies if b not in total.bodies]
            reasons.append(clause.strip())
    if not reasons:
        return None
    return total, reasons


def _role(item: ItemSpec) -> tuple[str, str] | None:
    source = item.source.strip()
    first = source.split("\n", 1)[0].strip()
    if item.children:
        if first.endswith(":"):
            return "heading", _clauses(first)[-1].strip()
        if topic := _TOPIC.match(first):
            return "heading", topic.group(0)
        return None
    low = nfc(source).casefold()
    stance = next((s for s in STANCES if low.startswith(s)), None)
    duty = _DUTY_WORDS.search(low) is not None
    if stance and not duty:
        return "information", _clauses(source)[0].strip()
    return None


def _valid_until(item: ItemSpec, year: int | None) -> tuple[dt.date, str] | None:
    """The day of a one-time event the item is about ("Về khai giảng … vào ngày 5/9")."""
    sentence = re.split(r"(?<=[.!?])\s", item.source.split("\n", 1)[0].strip(), maxsplit=1)[0]
    words = fold(sentence).split()
    if not any(event in " ".join(words[:8]) for event in EVENTS):
        return None
    dates = [m for m in _DATE.finditer(sentence) if not m.group(1)]
    if len(dates) != 1:
        return None
    date = dates[0]
    day, month = int(date.group(2)), int(date.group(3))
    if date.group(4):
        year = int(date.group(4))
    elif school := _SCHOOL_YEAR.search(sentence):
        year = int(school.group(1)) + (0 if month >= 7 else 1)
    if year is None:
        return None
    try:
        return dt.date(year, month, day), sentence
    except ValueError:
        return None


def propose(item: ItemSpec, year: int | None, parent: Proposal | None = None) -> Proposal:
    """The proposal for one item, given its parent's when the parent is a heading."""
    out = Proposal()
    if role := _role(item):
        out.role, out.reasons["role"] = role
    own = addressees_of(item.source)
    if own and own[0].everyone:
        out.everyone = True
        out.reasons["addressees"] = own[1][0]
    elif own:
        out.kinds, out.bodies = own[0].kinds, own[0].bodies
        out.reasons["addressees"] = " … ".join(own[1])
    if parent is not None and not out.everyone and not parent.everyone:
        if not out.kinds and parent.kinds:
            out.kinds = list(parent.kinds)
        out.bodies = parent.bodies + [b for b in out.bodies if b not in parent.bodies]
        if (parent.kinds or parent.bodies) and "addressees" in parent.reasons:
            inherited = parent.reasons["addressees"]
            mine = out.reasons.get("addressees")
            out.reasons["addressees"] = f"{inherited} … {mine}" if mine else inherited
    if until := _valid_until(item, year):
        out.valid_until, out.reasons["valid_until"] = until
    elif parent is not None and parent.valid_until is not None:
        out.valid_until, out.reasons["valid_until"] = (
            parent.valid_until,
            parent.reasons["valid_until"],
        )
    return out


def _for_children(item: ItemSpec, proposal: Proposal) -> Proposal | None:
    """What a heading hands to its sub-items: who its introduction names (the paragraph
    ending in ":"), or all of it when it has no such paragraph."""
    if proposal.role != "heading":
        return None
    first = item.source.split("\n", 1)[0].strip()
    if first.endswith(":") and "\n" in item.source.strip():
        intro = addressees_of(first)
        handed = Proposal(valid_until=proposal.valid_until, reasons=dict(proposal.reasons))
        if intro and not intro[0].everyone:
            handed.kinds, handed.bodies = intro[0].kinds, intro[0].bodies
            handed.reasons["addressees"] = " … ".join(intro[1])
        return handed
    return proposal


def propose_roles(items: list[ItemSpec], year: int | None) -> None:
    """Write the proposals onto a fresh import's draft items, with their reasons."""

    def visit(nodes: list[ItemSpec], parent: Proposal | None) -> None:
        for item in nodes:
            proposal = propose(item, year, parent)
            if isinstance(item, DraftItem):
                apply(item, proposal)
            visit(item.children, _for_children(item, proposal))

    visit(items, None)


def apply(item: DraftItem, proposal: Proposal) -> None:
    if proposal.role:
        item.role = proposal.role
        item.proposals["role"] = proposal.reasons["role"]
    if (proposal.kinds or proposal.bodies) and not proposal.everyone:
        item.addressees = list(proposal.kinds)
        item.addressed_bodies = list(proposal.bodies)
        item.proposals["addressees"] = proposal.reasons["addressees"]
    if proposal.valid_until is not None:
        item.valid_until = proposal.valid_until
        item.proposals["valid_until"] = proposal.reasons["valid_until"]
