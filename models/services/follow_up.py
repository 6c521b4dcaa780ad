"""Closing a corrective action: who, when and what shows the work was done.

An action belongs to the inspection that required it, and that inspection is locked with a
content hash over ``done_on``. Closing therefore writes an ``ActionClosure`` beside the
action, outside the hash, so the inspection still verifies. A closure taken by mistake is
taken back with a reason; both land in the audit trail like every other change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.entities import ActionClosure, Assessment, CorrectiveAction
from models.errors import InvalidInput, LockedError, NotFound
from models.periods import Period
from models.services import writes
from models.services.evidence import store_evidence_file
from models.validation import NOTE, PERSON, REASON
from models.vocabulary import vn_date


def _already_closed() -> InvalidInput:
    return InvalidInput(
        "Biện pháp khắc phục này đã được đóng.", "This corrective action is already closed."
    )


def _action(session: Session, action_id: uuid.UUID) -> CorrectiveAction:
    action = session.get(CorrectiveAction, action_id)
    if action is None:
        raise NotFound(
            f"Không tìm thấy biện pháp khắc phục {action_id}.",
            f"Corrective action {action_id} not found.",
        )
    return action


def find_action(session: Session, prefix: str) -> CorrectiveAction:
    """A corrective action by its id, or by an unambiguous prefix of it (as people copy ids,
    the rule ``find_assessment`` follows)."""
    text = prefix.strip().lower()
    try:
        found = session.get(CorrectiveAction, uuid.UUID(text))
    except ValueError:
        candidates = [
            a for a in session.scalars(select(CorrectiveAction.id)) if str(a).startswith(text)
        ]
        found = (
            session.get(CorrectiveAction, candidates[0])
            if len(candidates) == 1 and len(text) >= 4
            else None
        )
    if found is None:
        raise NotFound(
            f"Không tìm thấy biện pháp khắc phục '{prefix}'.",
            f"Corrective action '{prefix}' not found.",
        )
    return found


def closure_record(closure: ActionClosure) -> dict[str, Any]:
    """A closure as the audit trail keeps it."""
    return {
        "action_id": str(closure.action_id),
        "closed_on": closure.closed_on.isoformat(),
        "closed_by": closure.closed_by,
        "note": closure.note,
        "file_name": closure.file_name,
        "sha256": closure.sha256,
    }


@writes
def close_action(
    session: Session,
    editor: Editor,
    action_id: uuid.UUID,
    *,
    closed_on: dt.date,
    note: str,
    evidence_file: Path | None = None,
) -> ActionClosure:
    """Record that the action was done on ``closed_on``, by whom it was closed, and the note
    or file that shows it. Everything is checked before the file is stored."""
    action = _action(session, action_id)
    assessment = session.get(Assessment, action.assessment_id)
    assert assessment is not None  # a foreign key
    if action.done_on is not None or session.scalar(
        select(ActionClosure.id).where(ActionClosure.action_id == action_id)
    ):
        raise _already_closed()
    if assessment.status == "draft":
        raise LockedError(
            "Bài kiểm tra yêu cầu biện pháp này còn là bản nháp: hãy ghi ngày hoàn thành "
            "ngay trong bài.",
            "The inspection that requires this action is still a draft: enter the done date in it.",
        )
    started = Period(assessment.period).first_day
    if closed_on < started:
        raise InvalidInput(
            f"Ngày hoàn thành {vn_date(closed_on)} trước khi kỳ kiểm tra bắt đầu "
            f"({vn_date(started)}).",
            f"The done date {closed_on.isoformat()} is before the inspection's period began "
            f"({started.isoformat()}).",
        )
    if closed_on > dt.date.today():
        raise InvalidInput(
            f"Ngày hoàn thành {vn_date(closed_on)} ở tương lai.",
            f"The done date {closed_on.isoformat()} is in the future.",
        )
    text = NOTE.clean(note)
    if not text and evidence_file is None:
        raise InvalidInput(
            "Hãy ghi điều cho thấy việc đã làm xong, hoặc đính kèm một tệp minh chứng.",
            "Say what shows the work was done, or attach an evidence file.",
        )
    closed_by = PERSON.clean(editor.name)
    stored = store_evidence_file(evidence_file) if evidence_file is not None else None
    closure = ActionClosure(
        id=uuid.uuid4(),
        action_id=action_id,
        closed_on=closed_on,
        closed_by=closed_by,
        note=text,
        sha256=stored.sha256 if stored else None,
        file_name=stored.file_name if stored else None,
        media_type=stored.media_type if stored else None,
        size=stored.size if stored else None,
        device_id=editor.device_id,
    )
    session.add(closure)
    try:
        session.flush()
    except IntegrityError:  # closed at the same moment from another PC
        session.rollback()
        raise _already_closed() from None
    record_change(
        session,
        editor,
        action="action-closed",
        entity="action_closure",
        entity_id=closure.id,
        assessment_id=action.assessment_id,
        item_id=action.item_id,
        new=closure_record(closure),
    )
    session.commit()
    return closure


@writes
def reopen_action(session: Session, editor: Editor, action_id: uuid.UUID, reason: str) -> None:
    """Take back a closure recorded by mistake; the audit trail keeps what it said."""
    action = _action(session, action_id)
    why = REASON.clean(reason)
    if not why:
        raise InvalidInput(
            "Hãy ghi lý do mở lại biện pháp khắc phục.",
            "Give the reason for reopening the corrective action.",
        )
    closure = session.scalar(select(ActionClosure).where(ActionClosure.action_id == action_id))
    if closure is None:
        if action.done_on is not None:
            raise LockedError(
                "Biện pháp này được ghi xong ngay trong bài kiểm tra; hãy sửa trong bài.",
                "This action was marked done in the inspection itself; change it there.",
            )
        raise InvalidInput(
            "Biện pháp khắc phục này chưa được đóng.", "This corrective action is not closed."
        )
    record_change(
        session,
        editor,
        action="action-reopened",
        entity="action_closure",
        entity_id=closure.id,
        assessment_id=action.assessment_id,
        item_id=action.item_id,
        old=closure_record(closure),
        reason=why,
    )
    session.delete(closure)
    session.commit()


__all__ = ["close_action", "closure_record", "find_action", "reopen_action"]
