"""Whether a checklist item is asked of a unit in a period, in Python and in SQL.

Only requirements are asked (a heading introduces its children, information is context);
a requirement with a "valid until" date is not asked in a period that starts after it; a
requirement addressed to some unit kinds or named bodies is asked only of those units.
An item not asked is outside every score: this is not the answer "Không áp dụng", which
a unit gives to something that was asked of it. ``models.scoring`` reads the rule from
here in both its forms, so the two cannot drift.

Addressees are stored as unit-kind keys separated by spaces, named bodies one per line;
NULL or empty means every unit. A named body is matched by the unit's exact name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, String, and_, cast, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from models.errors import InvalidInput
from models.periods import Period
from models.vocabulary import ITEM_MARKS, UNIT_KINDS, label_of, vn_date

REQUIREMENT = "requirement"
#: Why an item is not asked, in the order they are checked (labels in ``ITEM_MARKS``).
NOT_ASKED = ("heading", "information", "expired", "not-addressed")


def split_kinds(text: str | None) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def split_bodies(text: str | None) -> tuple[str, ...]:
    return tuple(line for line in (text or "").split("\n") if line)


def join_kinds(kinds: Iterable[str]) -> str | None:
    return " ".join(kinds) or None


def join_bodies(bodies: Iterable[str]) -> str | None:
    return "\n".join(bodies) or None


def period_first_day(period: str) -> dt.date | None:
    try:
        return Period(period).first_day
    except (ValueError, TypeError):
        return None


def why_not_asked(
    role: str | None,
    valid_until: dt.date | None,
    addressees: str | None,
    bodies: str | None,
    unit_kind: str | None,
    unit_name: str | None,
    period: str | None,
) -> str | None:
    """None when the item is asked of this unit in this period, else the reason it is not."""
    if role and role != REQUIREMENT:
        return role
    if valid_until is not None and period is not None:
        first = period_first_day(period)
        if first is not None and first > valid_until:
            return "expired"
    kinds, names = split_kinds(addressees), split_bodies(bodies)
    if (kinds or names) and unit_kind not in kinds and unit_name not in names:
        return "not-addressed"
    return None


_NOT_AN_ASK = {
    "heading": (
        "đề mục, chỉ giới thiệu các mục con",
        "a heading that only introduces its sub-items",
    ),
    "information": ("thông tin, không phải yêu cầu", "information, not a requirement"),
}


def addressed_to(addressees: Iterable[str], bodies: Iterable[str], lang: str = "vi") -> str:
    """To whom the directive gives an item, in the vocabulary's words: the unit kinds, then
    the named bodies as written; "Mọi đơn vị" when it names no one (given to every unit).
    The window, the review tab, the command line and the reports all say it this way."""
    who = [label_of(UNIT_KINDS, kind, lang) for kind in addressees] + list(bodies)
    return ", ".join(who) or label_of(ITEM_MARKS, "everyone", lang)


def not_asked_text(
    code: str,
    reason: str,
    valid_until: dt.date | None = None,
    addressees: Iterable[str] = (),
    bodies: Iterable[str] = (),
    lang: str = "vi",
) -> str:
    """Why an item takes no answer from this unit, in a sentence that names the item and, for
    an item addressed elsewhere, to whom the directive gave it (so the user can check)."""
    en = lang == "en"
    if reason in _NOT_AN_ASK:
        what = _NOT_AN_ASK[reason][en]
        if en:
            return f"Item {code} is {what}; it takes no answer."
        return f"Mục {code} là {what}; mục này không có câu trả lời."
    if reason == "expired" and valid_until is not None:
        day = vn_date(valid_until)
        if en:
            return f"Item {code} was in force only until {day}; this period does not ask it."
        return f"Mục {code} chỉ có hiệu lực đến {day}; kỳ này không hỏi mục này."
    who = addressed_to(addressees, bodies, lang)
    if en:
        return f"Item {code} is not this unit's responsibility: the directive gives it to {who}."
    return f"Mục {code} không thuộc trách nhiệm của đơn vị: văn bản giao cho {who}."


def not_asked_error(
    code: str,
    reason: str,
    valid_until: dt.date | None,
    addressees: str | None,
    bodies: str | None,
) -> InvalidInput:
    """The refusal of an answer, note, action or file for an item not asked of the unit."""
    args = (code, reason, valid_until, split_kinds(addressees), split_bodies(bodies))
    return InvalidInput(
        f"{not_asked_text(*args)} Không có gì được ghi.",
        f"{not_asked_text(*args, lang='en')} Nothing was written.",
    )


# -- the SQL form -----------------------------------------------------------------------------


class PeriodFirstDay(FunctionElement[str]):
    """The first day of a period key as ISO text ('YYYY-MM-DD'), as ``Period.first_day``."""

    type = String()
    inherit_cache = True
    name = "period_first_day"


_SIMPLE = (
    "CASE WHEN length({k}) = 10 THEN {k} "
    "WHEN length({k}) = 7 THEN {k} || '-01' "
    "WHEN length({k}) = 17 THEN substr({k}, 1, 4) || '-' || substr({k}, 5, 2) || '-' "
    "|| substr({k}, 7, 2) "
)


@compiles(PeriodFirstDay, "sqlite")
def _first_day_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    key = compiler.process(element.clauses.clauses[0], **kw)
    jan4 = f"(substr({key}, 1, 4) || '-01-04')"
    monday = (
        f"date({jan4}, '-' || ((CAST(strftime('%w', {jan4}) AS INTEGER) + 6) % 7) || ' days', "
        f"'+' || (7 * (CAST(substr({key}, 7) AS INTEGER) - 1)) || ' days')"
    )
    return _SIMPLE.format(k=key) + f"ELSE {monday} END"


@compiles(PeriodFirstDay, "postgresql")
def _first_day_postgresql(element: Any, compiler: Any, **kw: Any) -> str:
    key = compiler.process(element.clauses.clauses[0], **kw)
    monday = (
        f"to_char(to_date(substr({key}, 1, 4) || '-' || substr({key}, 7) || '-1', "
        "'IYYY-IW-ID'), 'YYYY-MM-DD')"
    )
    return _SIMPLE.format(k=key) + f"ELSE {monday} END"


class Holds(FunctionElement[bool]):
    """Whether text holds another text exactly (case and all), with no pattern characters."""

    type = Boolean()
    inherit_cache = True
    name = "holds"


@compiles(Holds, "sqlite")
def _holds_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    text, part = (compiler.process(c, **kw) for c in element.clauses.clauses)
    return f"(instr({text}, {part}) > 0)"


@compiles(Holds, "postgresql")
def _holds_postgresql(element: Any, compiler: Any, **kw: Any) -> str:
    text, part = (compiler.process(c, **kw) for c in element.clauses.clauses)
    return f"(strpos({text}, {part}) > 0)"


def asked_sql(items: Any, unit_kind: Any, unit_name: Any, period: Any) -> ColumnElement[bool]:
    """``why_not_asked(...) is None`` as a SQL condition over the checklist items table
    ``items`` joined to the unit's kind and name and the assessment's period."""
    role_ok = or_(items.c.role.is_(None), items.c.role == REQUIREMENT)
    in_force = or_(
        items.c.valid_until.is_(None),
        PeriodFirstDay(period) <= cast(items.c.valid_until, String),
    )
    no_addressees = and_(
        or_(items.c.addressees.is_(None), items.c.addressees == ""),
        or_(items.c.addressed_bodies.is_(None), items.c.addressed_bodies == ""),
    )
    kind_named = Holds(
        literal(" ") + items.c.addressees + literal(" "), literal(" ") + unit_kind + literal(" ")
    )
    body_named = Holds(
        literal("\n") + items.c.addressed_bodies + literal("\n"),
        literal("\n") + unit_name + literal("\n"),
    )
    addressed = or_(no_addressees, kind_named, body_named)
    return and_(role_ok, in_force, addressed)
