"""Read-only views of assessments as plain values, for the CLI, reports and the window."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import (
    Answer,
    Assessment,
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    Unit,
)
from models.periods import Period
from models.scoring import score_assessment
from models.vocabulary import ANSWER_STATUSES, ASSESSMENT_KINDS


def list_assessments(
    session: Session, *, unit_id: uuid.UUID | None = None, period: str | None = None
) -> list[dict[str, Any]]:
    query = (
        select(Assessment, Unit.name, Checklist.slug, ChecklistVersion.version)
        .join(Unit, Unit.id == Assessment.unit_id)
        .join(ChecklistVersion, ChecklistVersion.id == Assessment.version_id)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .order_by(Assessment.period.desc(), Unit.name, Checklist.slug)
    )
    if unit_id is not None:
        query = query.where(Assessment.unit_id == unit_id)
    if period is not None:
        query = query.where(Assessment.period == period)
    rows = []
    for assessment, unit_name, slug, version in session.execute(query):
        score = score_assessment(session, assessment.id)
        rows.append(
            {
                "id": str(assessment.id),
                "unit_id": str(assessment.unit_id),
                "unit": unit_name,
                "checklist": slug,
                "version": version,
                "period": assessment.period,
                "kind": assessment.kind,
                "assessor": assessment.assessor,
                "status": assessment.status,
                "compliance": score.compliance,
                "coverage": score.coverage,
                "failed_critical": score.failed_critical,
            }
        )
    return rows


def assessment_detail(session: Session, assessment_id: uuid.UUID) -> dict[str, Any]:
    assessment = session.get(Assessment, assessment_id)
    assert assessment is not None
    version = assessment.version
    answers = {
        a.item_id: a
        for a in session.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
    }
    actions = {
        c.item_id: c
        for c in session.scalars(
            select(CorrectiveAction).where(CorrectiveAction.assessment_id == assessment_id)
        )
    }
    items = []
    for item in session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.version_id == version.id)
        .order_by(ChecklistItem.position)
    ):
        answer = answers.get(item.id)
        action = actions.get(item.id)
        status = answer.status if answer else None
        items.append(
            {
                "code": item.code,
                "label": item.label,
                "depth": item.depth,
                "requirement": item.requirement,
                "source": item.source,
                "critical": item.critical,
                "answer": status,
                "answer_label": ANSWER_STATUSES[status][0] if status else None,
                "note": answer.note if answer else "",
                "action": None
                if action is None
                else {
                    "what": action.what,
                    "who": action.who,
                    "due_on": action.due_on.isoformat() if action.due_on else None,
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                },
            }
        )
    directive = version.checklist.directive
    period = Period(assessment.period)
    return {
        "id": str(assessment.id),
        "unit": assessment.unit.name,
        "unit_id": str(assessment.unit_id),
        "checklist": version.checklist.slug,
        "version": version.version,
        "title": version.title,
        "directive": {
            "number": directive.number,
            "kind": directive.kind,
            "issuer": directive.issuer,
            "issued_on": directive.issued_on.isoformat() if directive.issued_on else None,
            "subject": directive.subject,
        },
        "period": assessment.period,
        "period_label": period.label,
        "kind": assessment.kind,
        "kind_label": ASSESSMENT_KINDS[assessment.kind][0],
        "assessor": assessment.assessor,
        "status": assessment.status,
        "content_hash": assessment.content_hash,
        "score": score_assessment(session, assessment_id).as_json(),
        "items": items,
    }
