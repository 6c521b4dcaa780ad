"""One assessment, and one checklist for a form, as plain rows shared by the Excel and PDF
writers. Values are NFC text, dates and numbers; nothing here knows about a file format.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from models.catalog import get_version
from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Directive,
    Unit,
)
from models.errors import InvalidInput, NotFound
from models.periods import Period, parse_period
from models.scoring import Tally
from models.services.units import get_unit
from models.text import nfc
from models.vocabulary import ANSWER_STATUSES, ASSESSMENT_KINDS, ASSESSMENT_STATUSES, label_of

#: The four answers in the order forms offer them.
ANSWER_CHOICES = tuple((key, labels[0]) for key, labels in ANSWER_STATUSES.items())


@dataclass(frozen=True)
class ActionRow:
    what: str
    who: str
    due_on: dt.date | None
    done_on: dt.date | None

    def describe(self) -> str:
        parts = [self.what]
        if self.who:
            parts.append(f"người thực hiện: {self.who}")
        if self.due_on:
            parts.append(f"hạn {vn_date(self.due_on)}")
        if self.done_on:
            parts.append(f"đã xong {vn_date(self.done_on)}")
        return "; ".join(parts)


@dataclass(frozen=True)
class ItemRow:
    code: str
    label: str
    depth: int
    requirement: str
    critical: bool
    answer: str | None = None
    note: str = ""
    action: ActionRow | None = None

    @property
    def answer_label(self) -> str:
        return label_of(ANSWER_STATUSES, self.answer) if self.answer else ""


@dataclass(frozen=True)
class DirectiveInfo:
    kind: str
    number: str | None
    issuer: str
    place: str | None
    issued_on: dt.date | None
    subject: str

    def reference(self) -> str:
        """ "Công văn số 451/CV-LMHTX ngày 28/09/2021 của …", as documents cite each other."""
        text = f"{self.kind} số {self.number}" if self.number else self.kind
        if self.issued_on:
            text += f" ngày {vn_date(self.issued_on)}"
        return f"{text} của {self.issuer}"


@dataclass(frozen=True)
class AssessmentReport:
    id: str
    unit: str
    parent_unit: str | None
    place: str | None
    checklist: str
    version: int
    title: str
    directive: DirectiveInfo
    period_label: str
    kind_label: str
    assessor: str
    status: str
    compliance: float | None
    coverage: float | None
    answered: int
    total: int
    failed_critical: list[str]
    items: list[ItemRow] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return label_of(ASSESSMENT_STATUSES, self.status)

    @property
    def failed(self) -> list[ItemRow]:
        return [item for item in self.items if item.answer == "chua-dat"]

    @property
    def actions(self) -> list[ItemRow]:
        return [item for item in self.items if item.action is not None]


@dataclass(frozen=True)
class FormSpec:
    """What a printed or Excel form is for: a checklist version, maybe a unit and a period."""

    checklist: str
    version: int
    version_id: str
    content_hash: str
    title: str
    directive: DirectiveInfo
    items: list[ItemRow]
    unit_id: str | None = None
    unit: str | None = None
    period: str | None = None
    kind: str = "tu-danh-gia"

    @property
    def period_label(self) -> str | None:
        return Period(self.period).label if self.period else None

    @property
    def kind_label(self) -> str:
        return label_of(ASSESSMENT_KINDS, self.kind)


def vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _directive(directive: Directive) -> DirectiveInfo:
    return DirectiveInfo(
        directive.kind,
        directive.number,
        directive.issuer,
        directive.place,
        directive.issued_on,
        directive.subject,
    )


_HEAD = (
    select(
        Assessment.unit_id,
        Unit.name,
        Unit.parent_id,
        Unit.address,
        Checklist.slug,
        ChecklistVersion.version,
        ChecklistVersion.title,
        Assessment.version_id,
        Assessment.period,
        Assessment.kind,
        Assessment.assessor,
        Assessment.status,
        Directive.kind,
        Directive.number,
        Directive.issuer,
        Directive.place,
        Directive.issued_on,
        Directive.subject,
    )
    .select_from(Assessment)
    .join(Unit, Unit.id == Assessment.unit_id)
    .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
    .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
    .join(Directive, Directive.id == Checklist.directive_id)
    .where(Assessment.id == bindparam("assessment"))
)
_ITEMS = (
    select(
        ChecklistItem.code,
        ChecklistItem.label,
        ChecklistItem.depth,
        ChecklistItem.requirement,
        ChecklistItem.critical,
        ChecklistItem.weight,
        Answer.status,
        Answer.note,
        CorrectiveAction.what,
        CorrectiveAction.who,
        CorrectiveAction.due_on,
        CorrectiveAction.done_on,
    )
    .select_from(ChecklistItem)
    .outerjoin(
        Answer,
        and_(Answer.item_id == ChecklistItem.id, Answer.assessment_id == bindparam("assessment")),
    )
    .outerjoin(
        CorrectiveAction,
        and_(
            CorrectiveAction.item_id == ChecklistItem.id,
            CorrectiveAction.assessment_id == bindparam("assessment"),
        ),
    )
    .where(ChecklistItem.version_id == bindparam("version"))
    .order_by(ChecklistItem.position)
)


def assessment_report(session: Session, assessment_id: uuid.UUID) -> AssessmentReport:
    """Everything a report on one assessment shows, in two queries.

    Batch exports call this for thousands of assessments, so it reads columns rather than
    ORM objects; the score is summed with ``models.scoring.Tally``, the very rules
    ``score_assessment`` applies (a test compares the two)."""
    connection = session.connection()
    head = connection.execute(_HEAD, {"assessment": assessment_id}).one_or_none()
    if head is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    (
        _unit_id,
        unit,
        parent,
        address,
        slug,
        version,
        title,
        version_id,
        period,
        kind,
        assessor,
        status,
        d_kind,
        d_number,
        d_issuer,
        d_place,
        d_issued,
        d_subject,
    ) = head
    parent_name = session.scalar(select(Unit.name).where(Unit.id == parent)) if parent else None
    tally = Tally()
    items = []
    for (
        code,
        label,
        depth,
        requirement,
        critical,
        weight,
        answer,
        note,
        what,
        who,
        due,
        done,
    ) in connection.execute(_ITEMS, {"assessment": assessment_id, "version": version_id}):
        tally.add(weight, answer, critical, code)
        items.append(
            ItemRow(
                code=code,
                label=label,
                depth=depth,
                requirement=nfc(requirement),
                critical=critical,
                answer=answer,
                note=nfc(note or ""),
                action=None if what is None else ActionRow(nfc(what), nfc(who or ""), due, done),
            )
        )
    return AssessmentReport(
        id=str(assessment_id),
        unit=nfc(unit),
        parent_unit=parent_name,
        place=_place(address) or d_place,
        checklist=slug,
        version=version,
        title=nfc(title),
        directive=DirectiveInfo(d_kind, d_number, d_issuer, d_place, d_issued, d_subject),
        period_label=Period(period).label,
        kind_label=label_of(ASSESSMENT_KINDS, kind),
        assessor=nfc(assessor or ""),
        status=status,
        compliance=tally.compliance,
        coverage=tally.coverage,
        answered=tally.answered,
        total=tally.total,
        failed_critical=list(tally.failed_critical),
        items=items,
    )


def _place(address: str | None) -> str | None:
    """The place a document is dated at: the province at the end of the unit's address."""
    if not address:
        return None
    return nfc(address.split(",")[-1].strip()) or None


def form_spec(
    session: Session,
    checklist: str,
    *,
    version: int | None = None,
    unit_id: uuid.UUID | None = None,
    period: str | None = None,
    kind: str = "tu-danh-gia",
) -> FormSpec:
    """The form for a checklist version, pre-filled with a unit and a period when given."""
    found = get_version(session, checklist, version)
    if kind not in ASSESSMENT_KINDS:
        raise InvalidInput(f"Hình thức '{kind}' không hợp lệ.", f"Unknown kind '{kind}'.")
    unit = get_unit(session, unit_id) if unit_id is not None else None
    if unit is not None and unit.archived_at is not None:
        raise InvalidInput("Đơn vị đã được lưu trữ.", "The unit is archived.")
    items = [
        ItemRow(
            code=i.code,
            label=i.label,
            depth=i.depth,
            requirement=nfc(i.requirement),
            critical=i.critical,
        )
        for i in found.items
    ]
    return FormSpec(
        checklist=found.checklist.slug,
        version=found.version,
        version_id=str(found.id),
        content_hash=found.content_hash,
        title=nfc(found.title),
        directive=_directive(found.checklist.directive),
        items=items,
        unit_id=str(unit.id) if unit else None,
        unit=unit.name if unit else None,
        period=parse_period(period).key if period else None,
        kind=kind,
    )
