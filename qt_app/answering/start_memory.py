"""What the last "Bắt đầu đánh giá" was given, so the next unit starts the same way.

An inspector doing twenty units picks the checklist, period, kind and assessor once; the
start dialog offers them again and "Đơn vị tiếp theo" (F8) uses them without asking. They
are window state (``window-state.ini``), not options: forgetting them loses no choice.
The checklist is kept by its id (slug), so a newer published version is taken when there
is one. F8 uses them only on the day they were chosen: on another day (a new week, perhaps)
the dialog asks once more, filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.errors import KnownError
from models.periods import parse_period
from models.vocabulary import ASSESSMENT_KINDS
from qt_app.settings import Settings

FIELDS = ("checklist", "period", "kind", "assessor")


@dataclass(frozen=True)
class StartChoices:
    checklist: str  # the checklist's slug
    period: str  # a period key ("2021-W39")
    kind: str  # "tu-danh-gia" or "kiem-tra"
    assessor: str


def recall(settings: Settings) -> StartChoices | None:
    """The choices remembered last, or None if there are none (or they no longer read)."""
    values = {name: settings.state_text(f"start/{name}") for name in FIELDS}
    if not values["checklist"] or values["kind"] not in ASSESSMENT_KINDS:
        return None
    try:
        values["period"] = parse_period(values["period"]).key
    except KnownError:
        return None
    return StartChoices(**values)


def chosen_today(settings: Settings, today: dt.date | None = None) -> bool:
    """Whether the remembered choices were made (or confirmed) today."""
    return settings.state_text("start/on") == (today or dt.date.today()).isoformat()


def keep(settings: Settings, choices: StartChoices, today: dt.date | None = None) -> None:
    for name in FIELDS:
        settings.remember(f"start/{name}", getattr(choices, name))
    settings.remember("start/on", (today or dt.date.today()).isoformat())
    settings.sync()


def forget(settings: Settings) -> None:
    for name in (*FIELDS, "on"):
        settings.remember(f"start/{name}", "")
    settings.sync()
