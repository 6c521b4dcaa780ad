"""What the assessment and form documents say, worded once for the Excel and PDF writers.

The data comes from the read model: one assessment whole from
``models.queries.assessments.assessment_detail``, a checklist version's items for a form
from ``models.queries.items.version_items``. Here it only gets the words documents use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.catalog import get_version
from models.errors import InvalidInput
from models.periods import Period, parse_period
from models.queries.assessments import DirectiveInfo, Header
from models.queries.items import Action, ItemRow, version_items
from models.services.units import get_unit
from models.text import nfc
from models.vocabulary import ANSWER_STATUSES, ASSESSMENT_KINDS, ITEM_MARKS, label_of, vn_date
from reports.form_identity import answers_base

#: The four answers in the order forms offer them.
ANSWER_CHOICES = tuple((key, labels[0]) for key, labels in ANSWER_STATUSES.items())


def reference(directive: DirectiveInfo) -> str:
    """ "Công văn số 451/CV-LMHTX ngày 28/09/2021 của …", as documents cite each other."""
    number = directive.number or label_of(ITEM_MARKS, "no-number")
    text = f"{directive.kind} số {number}"
    if directive.issued_on:
        text += f" ngày {vn_date(directive.issued_on)}"
    else:  # the date is not printed on the document: say what is known of it, or that
        text += f" ({directive.date_note or label_of(ITEM_MARKS, 'no-date')})"
    return f"{text} của {directive.issuer}"


def describe_action(action: Action) -> str:
    parts = [action.what]
    if action.who:
        parts.append(f"người thực hiện: {action.who}")
    if action.due_on:
        parts.append(f"hạn {vn_date(action.due_on)}")
    if action.done_on:
        parts.append(f"đã xong {vn_date(action.done_on)}")
    return "; ".join(parts)


def answer_label(item: ItemRow) -> str:
    if not item.asked:  # outside every score, whatever was stored for it
        return ""
    return label_of(ANSWER_STATUSES, item.status) if item.status else ""


def item_marks(item: ItemRow) -> str:
    """What a document says beside an item besides its requirement: why it is not asked of
    this unit, and where the source text is cut off (issue 16's honesty markers)."""
    marks = []
    if item.not_asked is not None:
        marks.append(label_of(ITEM_MARKS, item.not_asked))
    if item.source_incomplete:
        marks.append(label_of(ITEM_MARKS, "source-cut"))
    return " ".join(f"[{mark}]" for mark in marks)


def requirement_text(item: ItemRow) -> str:
    marks = item_marks(item)
    return f"{item.requirement} {marks}" if marks else item.requirement


def document_place(header: Header) -> str | None:
    """The place a document is dated at: the province at the end of the unit's address, else
    the directive's place."""
    if header.unit_address:
        found = nfc(header.unit_address.split(",")[-1].strip())
        if found:
            return found
    return header.directive.place


def failed_items(items: list[ItemRow]) -> list[ItemRow]:
    return [item for item in items if item.asked and item.status == "chua-dat"]


def action_items(items: list[ItemRow]) -> list[ItemRow]:
    return [item for item in items if item.action is not None]


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
    #: the answers when the form was made (``reports.form_identity.answers_base``)
    base: dict[str, str] | None = None

    @property
    def period_label(self) -> str | None:
        return Period(self.period).label if self.period else None

    @property
    def kind_label(self) -> str:
        return label_of(ASSESSMENT_KINDS, self.kind)


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
    directive = found.checklist.directive
    period_key = parse_period(period).key if period else None
    base = None
    if unit is not None and period_key:  # a form for one assessment remembers its answers
        base = answers_base(session, found.id, unit.id, period_key, kind)
    return FormSpec(
        checklist=found.checklist.slug,
        version=found.version,
        version_id=str(found.id),
        content_hash=found.content_hash,
        title=nfc(found.title),
        directive=DirectiveInfo(
            directive.kind,
            directive.number,
            directive.issuer,
            directive.place,
            directive.issued_on,
            directive.subject,
            directive.date_note,
        ),
        items=version_items(
            session,
            found.id,
            unit.kind if unit else None,
            unit.name if unit else None,
            period_key,
        ),
        unit_id=str(unit.id) if unit else None,
        unit=unit.name if unit else None,
        period=period_key,
        kind=kind,
        base=base,
    )
