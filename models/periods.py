"""Reporting periods: a day ("2021-09-28"), a week ("2021-W38", shown "Tuần 38/2021"), a
month ("2021-09", "Tháng 9/2021") or a date range ("20210901-20210930", "01/09–30/09/2021").

The key is what the database stores (at most 20 characters); the label is what people read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Assessment
from models.errors import InvalidInput
from models.text import fold

_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{1,2})$")
_WEEK_TEXT = re.compile(r"^(?:tuan|week|w)\s*(\d{1,2})\s*[/\-. ]\s*(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_TEXT = re.compile(r"^(?:thang|month|m)?\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_RANGE_KEY = re.compile(r"^(\d{8})-(\d{8})$")
_RANGE_TEXT = re.compile(r"^(.+?)\s*(?:\.\.|–|—|\s-\s|\s+den\s+|\s+to\s+)\s*(.+)$")


@dataclass(frozen=True, order=True)
class Period:
    key: str

    @property
    def is_week(self) -> bool:
        return "-W" in self.key

    @property
    def is_month(self) -> bool:
        return len(self.key) == 7

    @property
    def is_range(self) -> bool:
        return len(self.key) == 17

    @property
    def label(self) -> str:
        """How the period is written for people (Vietnamese)."""
        if self.is_week:
            year, week = self.key.split("-W")
            return f"Tuần {int(week)}/{year}"
        if self.is_month:
            return f"Tháng {self.first_day.month}/{self.first_day.year}"
        if self.is_range:
            return f"{self.first_day:%d/%m/%Y}–{self.last_day:%d/%m/%Y}"
        return self.first_day.strftime("%d/%m/%Y")

    @property
    def label_en(self) -> str:
        if self.is_week:
            year, week = self.key.split("-W")
            return f"Week {int(week)}/{year}"
        if self.is_month:
            return self.first_day.strftime("%B %Y")
        if self.is_range:
            return f"{self.first_day:%d/%m/%Y}–{self.last_day:%d/%m/%Y}"
        return self.key

    @property
    def first_day(self) -> dt.date:
        if self.is_week:
            year, week = self.key.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if self.is_month:
            return dt.date.fromisoformat(f"{self.key}-01")
        if self.is_range:
            return dt.datetime.strptime(self.key[:8], "%Y%m%d").date()
        return dt.date.fromisoformat(self.key)

    @property
    def last_day(self) -> dt.date:
        if self.is_week:
            return self.first_day + dt.timedelta(days=6)
        if self.is_month:
            following = (self.first_day + dt.timedelta(days=32)).replace(day=1)
            return following - dt.timedelta(days=1)
        if self.is_range:
            return dt.datetime.strptime(self.key[9:], "%Y%m%d").date()
        return self.first_day

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.first_day <= last and self.last_day >= first

    def label_in(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label


def assessed_periods(session: Session) -> list[Period]:
    """Every period something was assessed in, newest first (the longer one first when two
    start on the same day): what every list of periods offers, and whose first is the
    latest round."""
    periods = [Period(key) for key in session.scalars(select(Assessment.period).distinct())]
    return sorted(periods, key=lambda p: (p.first_day, p.last_day, p.key), reverse=True)


def week(year: int, number: int) -> Period:
    try:
        dt.date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise InvalidInput(
            f"Tuần {number}/{year} không tồn tại.", f"Week {number}/{year} does not exist."
        ) from exc
    return Period(f"{year}-W{number:02d}")


def week_of(day: dt.date) -> Period:
    year, number, _ = day.isocalendar()
    return Period(f"{year}-W{number:02d}")


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12 or not 1900 <= year <= 9999:
        raise InvalidInput(
            f"Tháng {number}/{year} không tồn tại.", f"Month {number}/{year} does not exist."
        )
    return Period(f"{year}-{number:02d}")


def date_range(first: dt.date, last: dt.date) -> Period:
    if last < first:
        raise InvalidInput(
            "Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start date."
        )
    return Period(f"{first:%Y%m%d}-{last:%Y%m%d}")


def _day(raw: str) -> dt.date | None:
    try:
        if match := _DMY.match(raw):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def parse_period(text: str) -> Period:
    """Read a period as people write it: "Tuần 38/2021", "2021-W38", "28/9/2021",
    "2021-09-28", "Tháng 9/2021", "2021-09", "01/09/2021 - 30/09/2021"."""
    raw = fold(text).strip()
    if match := _WEEK_KEY.match(raw.upper()):
        return week(int(match[1]), int(match[2]))
    if match := _WEEK_TEXT.match(raw):
        return week(int(match[2]), int(match[1]))
    if (day := _day(raw)) is not None:
        return Period(day.isoformat())
    if match := _MONTH_KEY.match(raw):
        return month(int(match[1]), int(match[2]))
    if match := _MONTH_TEXT.match(raw):
        return month(int(match[2]), int(match[1]))
    if match := _RANGE_KEY.match(raw):
        first, last = (_day(f"{m[:4]}-{m[4:6]}-{m[6:]}") for m in (match[1], match[2]))
        if first and last:
            return date_range(first, last)
    if match := _RANGE_TEXT.match(raw):
        first, last = _day(match[1].strip()), _day(match[2].strip())
        if first and last:
            return date_range(first, last)
    raise InvalidInput(
        f"Không hiểu kỳ báo cáo '{text}'. Hãy viết một ngày (28/09/2021), một tuần "
        "(Tuần 38/2021), một tháng (Tháng 9/2021) hoặc một khoảng (01/09/2021 - 30/09/2021).",
        f"Cannot read the period '{text}'. Write a date (28/09/2021), a week (Tuần 38/2021), "
        "a month (Tháng 9/2021) or a range (01/09/2021 - 30/09/2021).",
    )
