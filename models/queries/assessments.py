"""Assessments as plain values: the list (with each one's score), a unit's assessments, one
assessment's header, and one assessment whole (header, items from ``models.queries.items``,
score).

The window, ``kiemtra assessments list|show`` and the assessment workbook and PDF all read
these, so they show the same figures: a list's scores come from the rule's SQL form, one
assessment's from its Python form over the same items (``models.scoring``; a test keeps the
two equal). Each function runs a fixed handful of queries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    Directive,
    Unit,
)
from models.errors import NotFound
from models.item_scope import asked_sql
from models.periods import Period
from models.queries.items import ItemRow, item_rows
from models.scoring import Score, assessment_scores, score_items, tenths
from models.text import nfc
from models.vocabulary import ANSWER_STATUSES, ASSESSMENT_KINDS, pick


@dataclass(frozen=True)
class AssessmentLine:
    """One assessment in a list, with its score."""

    id: uuid.UUID
    unit_id: uuid.UUID
    unit: str
    checklist: str
    version: int
    period: str
    kind: str
    assessor: str
    status: str
    compliance: float | None
    coverage: float | None
    failed_critical: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "unit_id": str(self.unit_id),
            "unit": self.unit,
            "checklist": self.checklist,
            "version": self.version,
            "period": self.period,
            "kind": self.kind,
            "assessor": self.assessor,
            "status": self.status,
            "compliance": self.compliance,
            "coverage": self.coverage,
            "failed_critical": list(self.failed_critical),
        }


@dataclass(frozen=True)
class AssessmentChoice:
    """A unit's assessment as the window offers it to be opened."""

    id: uuid.UUID
    period: str
    kind: str
    status: str
    checklist_title: str
    directive_number: str | None
    version: int


@dataclass(frozen=True)
class DirectiveInfo:
    kind: str
    number: str | None
    issuer: str
    place: str | None
    issued_on: dt.date | None
    subject: str
    #: what is known of the date when the document does not print one (issue 16)
    date_note: str | None = None


@dataclass(frozen=True)
class Header:
    """What an assessment is: unit, checklist version and its directive, period, kind, who."""

    id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    parent_unit: str | None
    unit_address: str | None
    checklist: str  # the checklist's id ("451-cv-lmhtx-2021")
    version_id: uuid.UUID
    version: int
    checklist_title: str
    directive: DirectiveInfo
    period: str
    kind: str
    assessor: str
    status: str
    content_hash: str | None


@dataclass(frozen=True)
class AssessmentDetail:
    """One assessment whole: its header, its items and its score."""

    header: Header
    items: list[ItemRow]
    score: Score

    def as_json(self) -> dict[str, Any]:
        h = self.header
        return {
            "id": str(h.id),
            "unit": h.unit_name,
            "unit_id": str(h.unit_id),
            "checklist": h.checklist,
            "version": h.version,
            "title": h.checklist_title,
            "directive": {
                "number": h.directive.number,
                "kind": h.directive.kind,
                "issuer": h.directive.issuer,
                "issued_on": h.directive.issued_on.isoformat() if h.directive.issued_on else None,
                "subject": h.directive.subject,
                "date_note": h.directive.date_note,
            },
            "period": h.period,
            "period_label": Period(h.period).label,
            "kind": h.kind,
            "kind_label": pick(ASSESSMENT_KINDS[h.kind]),
            "assessor": h.assessor,
            "status": h.status,
            "content_hash": h.content_hash,
            "score": self.score.as_json(),
            "items": [_item_json(item) for item in self.items],
        }


def _item_json(item: ItemRow) -> dict[str, Any]:
    action = item.action
    return {
        "code": item.code,
        "label": item.label,
        "depth": item.depth,
        "requirement": item.requirement,
        "source": item.source,
        "critical": item.critical,
        "answer": item.status,
        "answer_label": pick(ANSWER_STATUSES[item.status]) if item.status else None,
        "note": item.note,
        "action": None
        if action is None
        else {
            "what": action.what,
            "who": action.who,
            "due_on": action.due_on.isoformat() if action.due_on else None,
            "done_on": action.done_on.isoformat() if action.done_on else None,
        },
    }


def list_assessments(
    session: Session, *, unit_id: uuid.UUID | None = None, period: str | None = None
) -> list[AssessmentLine]:
    """Assessments (of a unit, of a period, or all), newest period first, with their scores."""
    chosen = select(Assessment.id)
    if unit_id is not None:
        chosen = chosen.where(Assessment.unit_id == unit_id)
    if period is not None:
        chosen = chosen.where(Assessment.period == period)
    scores = assessment_scores(chosen)
    failed: dict[uuid.UUID, list[str]] = defaultdict(list)
    for assessment_id, code in session.execute(
        select(Answer.assessment_id, ChecklistItem.code)
        .join(ChecklistItem, ChecklistItem.id == Answer.item_id)
        .join(Assessment, Assessment.id == Answer.assessment_id)
        .join(Unit, Unit.id == Assessment.unit_id)
        .where(
            Answer.assessment_id.in_(chosen),
            Answer.status == "chua-dat",
            ChecklistItem.critical.is_(True),
            asked_sql(ChecklistItem.__table__, Unit.kind, Unit.name, Assessment.period),
        )
        .order_by(ChecklistItem.position)
    ):
        failed[assessment_id].append(code)
    query = (
        select(
            Assessment.id,
            Assessment.unit_id,
            Unit.name,
            Checklist.slug,
            ChecklistVersion.version,
            Assessment.period,
            Assessment.kind,
            Assessment.assessor,
            Assessment.status,
            scores.c.compliance_tenths,
            scores.c.coverage_tenths,
        )
        .join(scores, scores.c.assessment_id == Assessment.id)
        .join(Unit, Unit.id == Assessment.unit_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
    )
    lines = [
        AssessmentLine(
            id=row.id,
            unit_id=row.unit_id,
            unit=row.name,
            checklist=row.slug,
            version=row.version,
            period=row.period,
            kind=row.kind,
            assessor=row.assessor,
            status=row.status,
            compliance=tenths(row.compliance_tenths),
            coverage=tenths(row.coverage_tenths),
            failed_critical=tuple(failed.get(row.id, ())),
        )
        for row in session.execute(query)
    ]
    lines.sort(key=lambda line: (line.unit, line.checklist, line.kind))
    lines.sort(key=lambda line: Period(line.period).first_day, reverse=True)
    return lines


def unit_assessments(session: Session, unit_id: uuid.UUID) -> list[AssessmentChoice]:
    """A unit's assessments, newest period first."""
    query = (
        select(
            Assessment.id,
            Assessment.period,
            Assessment.kind,
            Assessment.status,
            ChecklistVersion.title,
            Directive.number,
            ChecklistVersion.version,
        )
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(Assessment.unit_id == unit_id)
    )
    rows = [AssessmentChoice(*row) for row in session.execute(query)]
    rows.sort(key=lambda a: (Period(a.period).first_day, a.checklist_title), reverse=True)
    return rows


#: The unit's parent, made once: a fresh alias per call has SQLAlchemy build its column
#: proxies again (about 1 ms a report in ``benchmarks/exports.py``).
PARENT_UNIT = aliased(Unit)


def assessment_header(session: Session, assessment_id: uuid.UUID) -> Header | None:
    parent = PARENT_UNIT
    query = (
        select(
            Assessment.id,
            Assessment.unit_id,
            Unit.name,
            parent.name,
            Unit.address,
            Checklist.slug,
            Assessment.version_id,
            ChecklistVersion.version,
            ChecklistVersion.title,
            Directive.kind,
            Directive.number,
            Directive.issuer,
            Directive.place,
            Directive.issued_on,
            Directive.subject,
            Directive.date_note,
            Assessment.period,
            Assessment.kind,
            Assessment.assessor,
            Assessment.status,
            Assessment.content_hash,
        )
        .join(Unit, Unit.id == Assessment.unit_id)
        .outerjoin(parent, parent.id == Unit.parent_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(Assessment.id == assessment_id)
    )
    row = session.execute(query).one_or_none()
    if row is None:
        return None
    (
        id_,
        unit_id,
        unit_name,
        parent_unit,
        unit_address,
        slug,
        version_id,
        version,
        title,
        d_kind,
        d_number,
        d_issuer,
        d_place,
        d_issued_on,
        d_subject,
        d_date_note,
        period,
        kind,
        assessor,
        status,
        content_hash,
    ) = row
    return Header(
        id=id_,
        unit_id=unit_id,
        unit_name=unit_name,
        parent_unit=parent_unit,
        unit_address=unit_address,
        checklist=slug,
        version_id=version_id,
        version=version,
        checklist_title=nfc(title),
        directive=DirectiveInfo(
            d_kind,
            d_number,
            d_issuer,
            d_place,
            d_issued_on,
            d_subject,
            d_date_note and nfc(d_date_note),
        ),
        period=period,
        kind=kind,
        assessor=nfc(assessor or ""),
        status=status,
        content_hash=content_hash,
    )


def assessment_detail(session: Session, assessment_id: uuid.UUID) -> AssessmentDetail:
    """Header, items and score of one assessment (what the CLI and the reports show)."""
    header = assessment_header(session, assessment_id)
    if header is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    items = item_rows(session, assessment_id)
    score = score_items((i.weight, i.status, i.critical, i.code, i.themes, i.asked) for i in items)
    return AssessmentDetail(header, items, score)
