"""An assessment's life: start it, submit it (locked, with the hash of its content), reopen it
with a reason, verify it against that hash, find it by an id people copied. Answers, notes and
corrective actions are ``models.services.answers`` and ``models.services.notes_and_actions``;
attached files are ``models.services.evidence``. Every change is committed at once, with its
audit entry, before the call returns.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.content_hash import content_hash
from models.entities import ASSESSMENT_KINDS, Assessment, ChecklistVersion, Unit, utcnow
from models.errors import InvalidInput, LockedError, NotFound
from models.periods import parse_period
from models.services import writes
from models.services.rounds import round_for
from models.validation import ASSESSOR, REASON


def locked_error() -> LockedError:
    """What every change to a submitted assessment is refused with."""
    return LockedError(
        "Bài đánh giá đã nộp và bị khoá; hãy mở lại (kèm lý do) để sửa.",
        "The assessment is submitted and locked; reopen it (with a reason) to edit.",
    )


def draft_assessment(session: Session, assessment_id: uuid.UUID) -> Assessment:
    """The assessment to change: it must exist and still be a draft."""
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    if assessment.status != "draft":
        raise locked_error()
    return assessment


@writes
def start_assessment(
    session: Session,
    editor: Editor,
    unit_id: uuid.UUID,
    version_id: uuid.UUID,
    period: str,
    kind: str = "tu-danh-gia",
    assessor: str = "",
    *,
    commit: bool = True,
) -> uuid.UUID:
    """Start an assessment, or return the one already started for the same four keys."""
    assessor = ASSESSOR.clean(assessor)
    if kind not in ASSESSMENT_KINDS:
        raise InvalidInput(
            f"Hình thức '{kind}' không hợp lệ (tu-danh-gia hoặc kiem-tra).",
            f"Unknown kind '{kind}' (tu-danh-gia or kiem-tra).",
        )
    period_key = parse_period(period).key
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị {unit_id}.", f"Unit {unit_id} not found.")
    if unit.archived_at is not None:
        raise InvalidInput("Đơn vị đã được lưu trữ.", "The unit is archived.")
    version = session.get(ChecklistVersion, version_id)
    if version is None or version.status != "published":
        raise NotFound(
            "Không tìm thấy phiên bản danh mục đã công bố.", "No such published checklist version."
        )
    existing = session.scalar(
        select(Assessment.id).where(
            Assessment.unit_id == unit_id,
            Assessment.version_id == version_id,
            Assessment.period == period_key,
            Assessment.kind == kind,
        )
    )
    if existing is not None:
        return existing
    assessment = Assessment(
        id=uuid.uuid4(),
        unit_id=unit_id,
        version_id=version_id,
        period=period_key,
        kind=kind,
        assessor=assessor,
        status="draft",
        device_id=editor.device_id,
        round_id=round_for(session, version.checklist_id, period_key, kind),
    )
    session.add(assessment)
    session.flush()
    record_change(
        session,
        editor,
        action="start",
        entity="assessment",
        entity_id=assessment.id,
        assessment_id=assessment.id,
        new={
            "unit_id": str(unit_id),
            "version_id": str(version_id),
            "period": period_key,
            "kind": kind,
            "assessor": assessment.assessor,
        },
    )
    if commit:
        session.commit()
    return assessment.id


@writes
def submit_assessment(session: Session, editor: Editor, assessment_id: uuid.UUID) -> str:
    """Lock the assessment and store the hash of its content."""
    assessment = draft_assessment(session, assessment_id)
    digest = content_hash(session, assessment_id)
    assessment.status = "submitted"
    assessment.submitted_at = utcnow()
    assessment.content_hash = digest
    assessment.revision += 1
    assessment.device_id = editor.device_id
    record_change(
        session,
        editor,
        action="submit",
        entity="assessment",
        entity_id=assessment_id,
        assessment_id=assessment_id,
        old="draft",
        new="submitted",
    )
    session.commit()
    return digest


@writes
def reopen_assessment(
    session: Session, editor: Editor, assessment_id: uuid.UUID, reason: str
) -> None:
    reason = REASON.clean(reason)
    if not reason:
        raise InvalidInput(
            "Cần ghi lý do mở lại bài đánh giá.", "A reason is needed to reopen the assessment."
        )
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    if assessment.status == "draft":
        return
    old = assessment.status
    assessment.status = "draft"
    assessment.content_hash = None
    assessment.revision += 1
    assessment.device_id = editor.device_id
    record_change(
        session,
        editor,
        action="reopen",
        entity="assessment",
        entity_id=assessment_id,
        assessment_id=assessment_id,
        old=old,
        new="draft",
        reason=reason,
    )
    session.commit()


def verify_assessment(session: Session, assessment_id: uuid.UUID) -> bool:
    """Whether a submitted assessment still matches the hash stored when it was submitted."""
    assessment = session.get(Assessment, assessment_id)
    if assessment is None or assessment.content_hash is None:
        return True
    return content_hash(session, assessment_id) == assessment.content_hash


def find_assessment(session: Session, prefix: str) -> Assessment:
    """An assessment by its id, or by an unambiguous prefix of it (as people copy ids)."""
    text = prefix.strip().lower()
    try:
        found = session.get(Assessment, uuid.UUID(text))
    except ValueError:
        candidates = [a for a in session.scalars(select(Assessment)) if str(a.id).startswith(text)]
        found = candidates[0] if len(candidates) == 1 and len(text) >= 4 else None
    if found is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá '{prefix}'.", f"Assessment '{prefix}' not found."
        )
    return found
