"""Reporting periods: a date ("2021-09-28") or a weekly round ("2021-W38", shown "Tuần 38/2021")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models.errors import InvalidInput
from models.text import fold

_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{1,2})$")
_WEEK_TEXT = re.compile(r"^(?:tuan|week|w)\s*(\d{1,2})\s*[/\-. ]\s*(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")


@dataclass(frozen=True, order=True)
class Period:
    key: str

    @property
    def is_week(self) -> bool:
        return "-W" in self.key

    @property
    def label(self) -> str:
        """How the period is written for people (Vietnamese)."""
        if self.is_week:
            year, week = self.key.split("-W")
            return f"Tuần {int(week)}/{year}"
        return dt.date.fromisoformat(self.key).strftime("%d/%m/%Y")

    @property
    def label_en(self) -> str:
        if self.is_week:
            year, week = self.key.split("-W")
            return f"Week {int(week)}/{year}"
        return self.key

    @property
    def first_day(self) -> dt.date:
        if self.is_week:
            year, week = self.key.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        return dt.date.fromisoformat(self.key)

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=6) if self.is_week else self.first_day


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


def parse_period(text: str) -> Period:
    """Read a period as people write it: "Tuần 38/2021", "2021-W38", "28/9/2021", "2021-09-28"."""
    raw = fold(text).strip()
    if match := _WEEK_KEY.match(raw.upper()):
        return week(int(match[1]), int(match[2]))
    if match := _WEEK_TEXT.match(raw):
        return week(int(match[2]), int(match[1]))
    try:
        if match := _DMY.match(raw):
            return Period(dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat())
        return Period(dt.date.fromisoformat(raw).isoformat())
    except ValueError:
        pass
    raise InvalidInput(
        f"Không hiểu kỳ báo cáo '{text}'. Hãy viết một ngày (28/09/2021) "
        "hoặc một tuần (Tuần 38/2021).",
        f"Cannot read the period '{text}'. Write a date (28/09/2021) or a week (Tuần 38/2021).",
    )
