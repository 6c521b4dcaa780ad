"""What an administrative document needs about an assessment beyond its header: the body
above the unit (only when the parent is a body, not an area such as a district) and the day
it was submitted (the date the report bears)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.entities import Assessment, Unit
from models.text import nfc

#: Kinds of unit that are places, not bodies: "Huyện Đầm Hà" is where a unit is, not who
#: it answers to, so it is not printed above the unit's name.
AREA_KINDS = frozenset({"tinh", "huyen", "xa", "thon"})


@dataclass(frozen=True)
class DocumentFacts:
    parent_body: str | None
    submitted_on: dt.date | None  # local date of submission; None for a draft


#: Made once, as ``models.queries.assessments.PARENT_UNIT`` is.
PARENT_UNIT = aliased(Unit)


def document_facts(session: Session, assessment_id: uuid.UUID) -> DocumentFacts:
    parent = PARENT_UNIT
    row = session.execute(
        select(parent.name, parent.kind, Assessment.submitted_at, Assessment.status)
        .select_from(Assessment)
        .join(Unit, Unit.id == Assessment.unit_id)
        .outerjoin(parent, parent.id == Unit.parent_id)
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    if row is None:
        return DocumentFacts(None, None)
    name, kind, submitted_at, status = row
    body = nfc(name) if name and kind not in AREA_KINDS else None
    submitted_on = None
    if status != "draft" and submitted_at is not None:
        submitted_on = submitted_at.astimezone().date()
    return DocumentFacts(body, submitted_on)


def directive_numbers(session: Session, slugs: list[str]) -> dict[str, str]:
    """How people name a checklist: its directive's number ("451/CV-LMHTX"), never the
    checklist's internal id; a directive without a number is named by its kind and issuer."""
    from models.entities import Checklist, Directive

    found = {}
    for slug, kind, number, issuer in session.execute(
        select(Checklist.slug, Directive.kind, Directive.number, Directive.issuer)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(Checklist.slug.in_(slugs))
    ):
        found[slug] = nfc(f"{kind} {number}" if number else f"{kind} của {issuer}")
    return found
