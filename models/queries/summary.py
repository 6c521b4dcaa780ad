"""The data behind the summary workbook and PDF: a round or a date range across units, as
streams of plain rows.

Scores come from the rule's SQL form (``models.scoring.assessment_scores``), grouped by the
database, and rows are yielded as the cursor reads them, so memory stays flat however many
units there are. Every query groups only by what it selects, so it runs on PostgreSQL as on
SQLite. ``reports.xlsx_summary`` and ``reports.pdf_summary`` only write what this reads.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Theme,
    Unit,
    item_themes,
)
from models.errors import InvalidInput
from models.item_scope import asked_sql
from models.periods import Period, assessed_periods, parse_period
from models.queries.basis import Basis
from models.queries.follow_up import days_overdue, still_open
from models.scoring import (
    BANDS,
    assessment_scores,
    band,
    percent,
    score_sums,
    tenths,
    whole,
)
from models.vocabulary import vn_date

_ans = Answer.__table__
_item = ChecklistItem.__table__


@dataclass(frozen=True)
class Selection:
    """Which assessments a summary covers: the periods (keys), how to name them, and the
    round when there is one (then only its assessments count, and its expected units say
    who has not reported). Only assessments of ``kind`` are averaged; the other kind is
    counted apart, never averaged in."""

    periods: tuple[str, ...]
    label: str
    round_id: uuid.UUID | None = None
    kind: str = "tu-danh-gia"


def select_round(session: Session, text: str) -> Selection:
    """A round named by its id (or the start of it) or its name; for scripts written before
    rounds, a period ("Tuần 38/2021") still selects the self-assessments of that period."""
    from models.errors import NotFound
    from models.services.rounds import find_round, round_info

    try:
        info = round_info(session, find_round(session, text))
    except NotFound:
        try:
            period = parse_period(text)
        except InvalidInput:
            raise NotFound(
                f"Không tìm thấy đợt hoặc kỳ '{text}'.", f"No round or period '{text}'."
            ) from None
        return _checked(session, Selection((period.key,), period.label))
    label = f"{info.name} ({Period(info.period).label})"
    return _checked(session, Selection((info.period,), label, info.id, info.kind))


def select_range(session: Session, start: dt.date, end: dt.date) -> Selection:
    """Every period that overlaps the days from ``start`` to ``end`` (both included)."""
    if end < start:
        raise InvalidInput("Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start.")
    chosen = tuple(sorted(p.key for p in assessed_periods(session) if p.overlaps(start, end)))
    return _checked(session, Selection(chosen, f"Từ {vn_date(start)} đến {vn_date(end)}"))


def _checked(session: Session, selection: Selection) -> Selection:
    if selection.round_id is not None:
        return selection  # a round is worth a summary even before anyone has answered
    found = selection.periods and session.scalar(
        select(func.count()).select_from(Assessment).where(Assessment.period.in_(selection.periods))
    )
    if not found:
        raise InvalidInput(
            f"Không có bài đánh giá nào trong kỳ: {selection.label}.",
            f"No assessment in the period: {selection.label}.",
        )
    return selection


@dataclass(frozen=True)
class Cell:
    """One unit × checklist cell: the latest assessment of the selection."""

    compliance: float | None
    coverage: float | None
    status: str
    period: str
    flagged: bool


@dataclass(frozen=True)
class UnitLine:
    unit: str
    parent: str
    kind: str
    cells: dict[str, Cell]
    district: str = ""  # the huyện above the unit (its parent or the parent's parent), if any


@dataclass
class Totals:
    """Counted while the unit lines stream by: assessments, submitted, flagged, bands.

    The mean keeps a running sum of tenths and a count, not every score, so memory stays
    flat however many units stream by; the figure is ``mean_percent``'s to the digit."""

    units: int = 0
    assessments: int = 0
    submitted: int = 0
    submitted_units: int = 0
    unscored: int = 0
    flagged: int = 0
    scored: int = 0
    bands: dict[str, int] = field(default_factory=lambda: {b[1]: 0 for b in BANDS})
    score_tenths: int = 0  # the sum of the scores, each in tenths of a percent

    @property
    def mean_compliance(self) -> float | None:
        return percent(self.score_tenths, self.scored * 1000) if self.scored else None

    @property
    def drafts(self) -> int:
        return self.assessments - self.submitted

    def add(self, cell: Cell) -> None:
        """Count one assessment; only a submitted one is averaged, banded and flagged."""
        self.assessments += 1
        if cell.status == "draft":
            return
        self.submitted += 1
        self.flagged += cell.flagged
        found = band(cell.compliance)
        if found is not None and cell.compliance is not None:
            self.bands[found[0]] += 1
            self.scored += 1
            self.score_tenths += round(cell.compliance * 10)  # an exact tenth (``tenths``)
        else:
            self.unscored += 1


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    label: str
    answered: int
    dat: int
    mot_phan: int
    chua_dat: int
    khong_ap_dung: int
    compliance: float | None


@dataclass(frozen=True)
class FailedLine:
    checklist: str
    code: str
    requirement: str
    failed: int
    applicable: int

    @property
    def share(self) -> float | None:
        return percent(self.failed, self.applicable)


@dataclass(frozen=True)
class ActionLine:
    unit: str
    checklist: str
    period: str
    code: str
    requirement: str
    what: str
    who: str
    due_on: dt.date | None
    overdue_days: int


def _count(status: str) -> Any:
    return whole(func.sum(case((_ans.c.status == status, 1), else_=0)))


class SummaryData:
    """The rows of a summary, each read straight from the database as it is needed."""

    def __init__(self, session: Session, selection: Selection, as_of: dt.date | None = None):
        self.session = session
        self.selection = selection
        self.as_of = as_of or dt.date.today()
        self._period: ColumnElement[bool] = Assessment.period.in_(selection.periods)
        if selection.round_id is not None:
            self._period = and_(self._period, Assessment.round_id == selection.round_id)
        self._in = and_(self._period, Assessment.kind == selection.kind)
        self._counted = and_(self._in, Assessment.status != "draft")
        self._items: dict[Any, list[int]] | None = None
        self._overview: Any = None
        self.checklists: list[tuple[str, str]] = [
            (slug, title)
            for slug, title in session.execute(
                select(Checklist.slug, func.max(ChecklistVersion.title))
                .join(ChecklistVersion, ChecklistVersion.checklist_id == Checklist.id)
                .join(Assessment, Assessment.version_id == ChecklistVersion.id)
                .where(self._in)
                .group_by(Checklist.slug)
                .order_by(Checklist.slug)
            )
        ]

    def unit_count(self) -> int:
        return (
            self.session.scalar(select(func.count(distinct(Assessment.unit_id))).where(self._in))
            or 0
        )

    def unit_lines(self, totals: Totals) -> Iterator[UnitLine]:
        """One line per unit (ordered by name), counting into ``totals`` as it goes."""
        parent, grand = aliased(Unit), aliased(Unit)
        scores = assessment_scores(select(Assessment.id).where(self._in))
        query = (
            select(
                Unit.id,
                Unit.name,
                parent.name,
                parent.kind,
                grand.name,
                grand.kind,
                Unit.kind,
                Checklist.slug,
                Assessment.period,
                Assessment.status,
                scores.c.compliance_tenths,
                scores.c.coverage_tenths,
                scores.c.failed_critical,
            )
            .select_from(scores)
            .join(Assessment, Assessment.id == scores.c.assessment_id)
            .join(Unit, Unit.id == Assessment.unit_id)
            .outerjoin(parent, parent.id == Unit.parent_id)
            .outerjoin(grand, grand.id == parent.parent_id)
            .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
            .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
            .order_by(Unit.name, Unit.id, Checklist.slug, Assessment.period, Assessment.kind.desc())
        )
        current: Any = None
        line: UnitLine | None = None
        for (
            unit_id,
            name,
            parent_name,
            parent_kind,
            grand_name,
            grand_kind,
            kind,
            slug,
            period,
            status,
            compliance,
            coverage,
            failed_critical,
        ) in self.session.connection().execute(query):
            if unit_id != current:
                if line is not None:
                    yield self._close(line, totals)
                current = unit_id
                district = (
                    parent_name
                    if parent_kind == "huyen"
                    else grand_name
                    if grand_kind == "huyen"
                    else None
                )
                line = UnitLine(name, parent_name or "", kind, {}, district or "")
            assert line is not None
            line.cells[slug] = Cell(
                tenths(compliance),
                tenths(coverage),
                status,
                period,
                bool(failed_critical),
            )
        if line is not None:
            yield self._close(line, totals)

    @staticmethod
    def _close(line: UnitLine, totals: Totals) -> UnitLine:
        totals.units += 1
        for cell in line.cells.values():
            totals.add(cell)
        totals.submitted_units += bool(line.cells) and all(
            c.status != "draft" for c in line.cells.values()
        )
        return line

    def others(self) -> int:
        """Assessments of the other kind in the same selection: never averaged in."""
        return (
            self.session.scalar(
                select(func.count())
                .select_from(Assessment)
                .where(self._period, Assessment.kind != self.selection.kind)
            )
            or 0
        )

    def round_overview(self) -> Any:
        """The round's standing (expected units, who has not reported), or None."""
        if self.selection.round_id is None:
            return None
        if self._overview is None:
            from models.queries.rounds import round_overview

            self._overview = round_overview(self.session, self.selection.round_id, self.as_of)
        return self._overview

    def basis(self, totals: Totals) -> Basis:
        """What the figures count; call after the unit lines have been read into ``totals``."""
        overview = self.round_overview()
        return Basis(
            kind=self.selection.kind,
            submitted=totals.submitted,
            submitted_units=totals.submitted_units,
            expected_units=overview.totals.expected if overview is not None else None,
            drafts=totals.drafts,
            # a round's inspections are those of its checklists and expected units
            others=overview.inspections if overview is not None else self.others(),
            unscored=totals.unscored,
            as_of=self.as_of,
        )

    def _item_totals(self) -> dict[Any, list[int]]:
        """Per item: answered, Đạt, một phần, chưa đạt, không áp dụng, earned, applicable.

        One grouped pass over the answers feeds both the theme sheet and the failed items;
        the items and themes themselves are few and looked up afterwards."""
        if self._items is None:
            sums = score_sums(_ans.c.status, _item.c.weight, _item.c.critical)
            query = (
                select(
                    _ans.c.item_id,
                    sums["answered"],
                    _count("dat"),
                    _count("mot-phan"),
                    _count("chua-dat"),
                    _count("khong-ap-dung"),
                    sums["earned"],
                    sums["applicable"],
                )
                .select_from(_ans)
                .join(Assessment, Assessment.id == _ans.c.assessment_id)
                .join(_item, _item.c.id == _ans.c.item_id)
                .join(Unit, Unit.id == Assessment.unit_id)
                .where(
                    self._counted,
                    _ans.c.status.is_not(None),
                    asked_sql(_item, Unit.kind, Unit.name, Assessment.period),
                )
                .group_by(_ans.c.item_id)
            )
            self._items = {
                row[0]: [int(value) for value in row[1:]] for row in self.session.execute(query)
            }
        return self._items

    def theme_lines(self) -> list[ThemeLine]:
        items = self._item_totals()
        sums: dict[str, list[int]] = {}
        for item_id, theme_id in self.session.execute(
            select(item_themes.c.item_id, item_themes.c.theme_id).where(
                item_themes.c.item_id.in_(list(items))
            )
        ):
            total = sums.setdefault(theme_id, [0] * 7)
            for index, value in enumerate(items[item_id]):
                total[index] += value
        lines = []
        for tid, label in self.session.execute(
            select(Theme.id, Theme.label_vi).order_by(Theme.position)
        ):
            if tid in sums:
                answered, dat, mot, chua, kad, earned, applicable = sums[tid]
                compliance = percent(earned, applicable)
                lines.append(ThemeLine(tid, label, answered, dat, mot, chua, kad, compliance))
        return lines

    def failed_lines(self, limit: int = 20) -> list[FailedLine]:
        items = self._item_totals()
        worst = [(values[3], item_id) for item_id, values in items.items() if values[3]]
        if not worst:
            return []
        facts = {
            row[0]: row[1:]
            for row in self.session.execute(
                select(_item.c.id, Checklist.slug, _item.c.code, _item.c.requirement)
                .join(ChecklistVersion, ChecklistVersion.id == _item.c.version_id)
                .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
                .where(_item.c.id.in_([item_id for _, item_id in worst]))
            )
        }
        lines = [
            FailedLine(
                facts[item_id][0],
                facts[item_id][1],
                facts[item_id][2],
                failed,
                items[item_id][1] + items[item_id][2] + items[item_id][3],
            )
            for failed, item_id in worst
        ]
        lines.sort(key=lambda line: (-line.failed, line.checklist, line.code))
        return lines[:limit]

    def _open_actions(self) -> ColumnElement[bool]:
        """A round's: what its overview counts. Dates: every open action required in those
        periods, by either kind of assessment (an inspection's are the ones that matter)."""
        if self.selection.round_id is not None:
            from models.queries.rounds import round_actions

            return round_actions(self.session, self.selection.round_id)
        return and_(self._period, still_open())

    def action_lines(self) -> Iterator[ActionLine]:
        """Corrective actions not yet done, the most overdue first."""
        query = (
            select(
                Unit.name,
                Checklist.slug,
                Assessment.period,
                _item.c.code,
                _item.c.requirement,
                CorrectiveAction.what,
                CorrectiveAction.who,
                CorrectiveAction.due_on,
            )
            .select_from(CorrectiveAction)
            .join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
            .join(Unit, Unit.id == Assessment.unit_id)
            .join(_item, _item.c.id == CorrectiveAction.item_id)
            .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
            .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
            .where(self._open_actions())
            .order_by(
                CorrectiveAction.due_on.is_(None),
                CorrectiveAction.due_on,
                Unit.name,
                Unit.id,
                Checklist.slug,
                _item.c.code,
            )
        )
        for (
            unit,
            slug,
            period,
            code,
            requirement,
            what,
            who,
            due,
        ) in self.session.connection().execute(query):
            overdue = days_overdue(due, self.as_of)
            yield ActionLine(
                unit, slug, Period(period).label, code, requirement, what, who or "", due, overdue
            )
