"""What an assessor writes beside an answer: its note and its corrective action (what, who,
due and done dates). Committed and audited at once, before the call returns.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.entities import Answer, CorrectiveAction, utcnow
from models.services import writes
from models.services.answers import Saved, answer_for_edit, check_revision, stale_answer
from models.validation import ACTION_WHAT, ACTION_WHO, NOTE

MAX_NOTE = NOTE.max_length


@writes
def set_note(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    note: str,
    *,
    expected_revision: int | None = None,
    commit: bool = True,
) -> Saved:
    note = NOTE.clean(note)
    answer = answer_for_edit(session, editor, assessment_id, item_id, adding=bool(note))
    check_revision(expected_revision, answer.revision)
    if answer.note == note:
        return Saved(answer.revision, utcnow(), changed=False)
    old = answer.note
    if answer.revision == 0:  # a new row: its unique key guards against a second writer
        answer.note, answer.revision = note, 1
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise stale_answer() from None
    else:
        updated = session.execute(
            update(Answer)
            .where(Answer.id == answer.id, Answer.revision == answer.revision)
            .values(
                note=note,
                revision=answer.revision + 1,
                device_id=editor.device_id,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        if updated.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
            session.rollback()
            raise stale_answer()
        session.expire(answer)
    record_change(
        session,
        editor,
        action="note",
        entity="answer",
        entity_id=answer.id,
        assessment_id=assessment_id,
        item_id=item_id,
        old=old,
        new=note,
    )
    if commit:
        session.commit()
    return Saved(answer.revision, utcnow(), changed=True)


@writes
def set_corrective_action(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    what: str,
    who: str = "",
    due_on: dt.date | None = None,
    done_on: dt.date | None = None,
) -> None:
    """Set the corrective action for an item; an empty ``what`` removes it."""
    what, who = ACTION_WHAT.clean(what), ACTION_WHO.clean(who)
    answer_for_edit(session, editor, assessment_id, item_id, adding=bool(what))
    action = session.scalar(
        select(CorrectiveAction).where(
            CorrectiveAction.assessment_id == assessment_id, CorrectiveAction.item_id == item_id
        )
    )
    old = _action_dict(action)
    if not what:
        if action is not None:
            session.delete(action)
        new = None
    else:
        if action is None:
            action = CorrectiveAction(
                id=uuid.uuid4(), assessment_id=assessment_id, item_id=item_id, what=what
            )
            session.add(action)
        action.what, action.who = what, who
        action.due_on, action.done_on = due_on, done_on
        action.device_id = editor.device_id
        new = _action_dict(action)
    if old == new:
        session.rollback()
        return
    session.flush()
    record_change(
        session,
        editor,
        action="corrective-action",
        entity="corrective_action",
        entity_id=action.id if action is not None else uuid.uuid4(),
        assessment_id=assessment_id,
        item_id=item_id,
        old=old,
        new=new,
    )
    session.commit()


def _action_dict(action: CorrectiveAction | None) -> dict[str, str | None] | None:
    if action is None:
        return None
    return {
        "what": action.what,
        "who": action.who,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "done_on": action.done_on.isoformat() if action.done_on else None,
    }
