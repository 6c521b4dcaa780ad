"""A day as people type it into a date field: "15/12/2026", "15/12", "+7", "hôm nay".

A corrective action's due date is typed by an inspector in the field; what they type is
read here, once, for the window and anything else that takes a typed day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from models.errors import InvalidInput
from models.text import fold

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/\-. ]\s*(\d{1,2})\s*[/\-. ]\s*(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[/\-. ]\s*(\d{1,2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_IN_DAYS = re.compile(r"^\+\s*(\d{1,4})$")
TODAY_WORDS = {"hom nay", "today", "nay"}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def day_text(day: dt.date | None) -> str:
    """How a day is shown in a date field (and written on Vietnamese documents)."""
    return day.strftime("%d/%m/%Y") if day is not None else ""


def parse_day(text: str, today: dt.date | None = None) -> dt.date | None:
    """The day ``text`` means, or None for an empty field.

    Accepts dd/mm/yyyy (also with "-", "." or spaces, and two-digit years), dd/mm (this
    year), ddmmyyyy, yyyy-mm-dd, "+7" (seven days from today) and "hôm nay"/"today".
    """
    today = today or dt.date.today()
    raw = fold(text).strip()
    if not raw:
        return None
    if raw in TODAY_WORDS:
        return today
    if match := _IN_DAYS.match(raw):
        found: re.Match[str] = match
        return _checked(text, lambda: today + dt.timedelta(days=int(found[1])))
    if match := _DAY_MONTH_YEAR.match(raw):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        found = match
        return _checked(text, lambda: dt.date(year, int(found[2]), int(found[1])))
    if match := _DAY_MONTH.match(raw):
        found = match
        return _checked(text, lambda: dt.date(today.year, int(found[2]), int(found[1])))
    if match := _DIGITS.match(raw):
        found = match
        return _checked(text, lambda: dt.date(int(found[3]), int(found[2]), int(found[1])))
    if match := _ISO.match(raw):
        found = match
        return _checked(text, lambda: dt.date(int(found[1]), int(found[2]), int(found[3])))
    raise _unreadable(text)


def _checked(text: str, make: Callable[[], dt.date]) -> dt.date:
    try:
        day = make()
    except (ValueError, OverflowError) as exc:
        raise _unreadable(text) from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _unreadable(text)
    return day


def _unreadable(text: str) -> InvalidInput:
    shown = text.strip()[:40]
    return InvalidInput(
        f"Không hiểu ngày '{shown}'. Hãy gõ ngày/tháng/năm (15/12/2026), ngày/tháng trong năm "
        "nay (15/12), hoặc +7 cho bảy ngày nữa; chưa có gì được lưu.",
        f"Cannot read the date '{shown}'. Type day/month/year (15/12/2026), day/month of this "
        "year (15/12), or +7 for a week from today; nothing was saved.",
    )
