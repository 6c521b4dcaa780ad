"""Answers: setting (or clearing) the answer to one item, the hottest write of the program,
and the checks every change to an answer shares (the item is asked of the unit, nobody else
changed it since it was read). Committed and audited at once, before the call returns.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, and_, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.audit import AUDIT_INSERT, Editor, change_row
from models.db import begin_write, has_only_read
from models.entities import ANSWER_STATUSES, Answer, Assessment, ChecklistItem, Unit, utcnow
from models.errors import InvalidInput, NotFound
from models.item_scope import not_asked_error, why_not_asked
from models.prepared import Prepared
from models.services.assessments import draft_assessment, locked_error


@dataclass(frozen=True)
class Saved:
    """What a change left in the database: the answer's revision and when it was committed."""

    revision: int
    saved_at: dt.datetime
    changed: bool


_answers = Answer.__table__
# The answer path runs on prepared statements (see models.prepared): one keypress is one
# check, two inserts and a commit, and SQLAlchemy's per-statement bookkeeping cost more than
# SQLite's work.
_ANSWER_STATE = Prepared(
    select(
        Assessment.status,
        ChecklistItem.id,
        _answers.c.id,
        _answers.c.status,
        _answers.c.revision,
        # whether the item is asked of this unit in this period (models.item_scope)
        ChecklistItem.code,
        ChecklistItem.role,
        ChecklistItem.valid_until,
        ChecklistItem.addressees,
        ChecklistItem.addressed_bodies,
        Unit.kind,
        Unit.name,
        Assessment.period,
    )
    .select_from(Assessment)
    .join(Unit, Unit.id == Assessment.unit_id)
    .outerjoin(
        ChecklistItem,
        and_(
            ChecklistItem.id == bindparam("item_id"),
            ChecklistItem.version_id == Assessment.version_id,
        ),
    )
    .outerjoin(
        _answers,
        and_(_answers.c.assessment_id == Assessment.id, _answers.c.item_id == bindparam("item_id")),
    )
    .where(Assessment.id == bindparam("assessment_id"))
)
_INSERT_ANSWER = Prepared(_answers.insert())
_UPDATE_ANSWER = Prepared(
    _answers.update()
    .where(
        _answers.c.id == bindparam("answer_id"),
        _answers.c.revision == bindparam("old_revision"),  # someone else's write wins the race
    )
    .values(
        status=bindparam("status"),
        answered_by=bindparam("answered_by"),
        revision=bindparam("revision"),
        updated_at=bindparam("updated_at"),
        device_id=bindparam("device_id"),
    )
)
_ADD_CHANGE = Prepared(AUDIT_INSERT)


def record_answer(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    status: str | None,
    *,
    expected_revision: int | None = None,
    commit: bool = True,
    reason: str | None = None,
) -> Saved:
    """Set (or clear, with ``None``) the answer to one item; committed and audited at once.

    With ``expected_revision`` the write is refused if someone else changed the answer since
    the caller read it (optimistic check), rather than silently overwriting their work.
    This is the hottest write of the program, so it runs pre-built Core statements on the
    one connection (the same guarantees as ``@writes``, spelled out).
    """
    if status is not None and status not in ANSWER_STATUSES:
        raise InvalidInput(
            f"Câu trả lời '{status}' không hợp lệ; dùng: {', '.join(ANSWER_STATUSES)}.",
            f"Unknown answer '{status}'; use: {', '.join(ANSWER_STATUSES)}.",
        )
    began = not session.in_transaction() or has_only_read(session)
    connection = begin_write(session, fresh=True)
    try:
        return _record_answer(
            session,
            connection,
            editor,
            assessment_id,
            item_id,
            status,
            expected_revision,
            commit,
            reason,
        )
    except BaseException:
        if began and session.in_transaction():
            session.rollback()
        raise


def _record_answer(
    session: Session,
    connection: Connection,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    status: str | None,
    expected_revision: int | None,
    commit: bool,
    reason: str | None = None,
) -> Saved:
    row = _ANSWER_STATE.first(connection, {"assessment_id": assessment_id, "item_id": item_id})
    if row is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    assessment_status, found_item, answer_id, old_status, revision, code, *scope = row
    if found_item is None:
        raise NotFound(
            "Mục này không thuộc danh mục của bài đánh giá.",
            "The item does not belong to the assessment's checklist.",
        )
    if assessment_status != "draft":
        raise locked_error()
    if status is not None:  # clearing a stray answer stays possible
        refuse_unless_asked(code, *scope)
    check_revision(expected_revision, revision)
    now = utcnow()
    if answer_id is not None and old_status == status:
        if commit:
            session.commit()  # nothing changed; end the transaction and its write lock
        return Saved(revision or 1, now, changed=False)
    if answer_id is None:
        answer_id, revision = uuid.uuid4(), 1
        try:
            _INSERT_ANSWER.rowcount(
                connection,
                {
                    "id": answer_id,
                    "assessment_id": assessment_id,
                    "item_id": item_id,
                    "status": status,
                    "note": "",
                    "answered_by": editor.name,
                    "revision": 1,
                    "created_at": now,
                    "updated_at": now,
                    "device_id": editor.device_id,
                },
            )
        except IntegrityError:
            session.rollback()
            raise stale_answer() from None  # another writer answered this item first
    else:
        old_revision, revision = revision, (revision or 0) + 1
        updated = _UPDATE_ANSWER.rowcount(
            connection,
            {
                "answer_id": answer_id,
                "old_revision": old_revision,
                "status": status,
                "answered_by": editor.name,
                "revision": revision,
                "updated_at": now,
                "device_id": editor.device_id,
            },
        )
        if updated != 1:
            session.rollback()
            raise stale_answer()
    _ADD_CHANGE.rowcount(
        connection,
        change_row(
            editor,
            action="answer",
            entity="answer",
            entity_id=answer_id,
            assessment_id=assessment_id,
            item_id=item_id,
            old=old_status,
            new=status,
            reason=reason,
            at=now,
        ),
    )
    if commit:
        session.commit()
    return Saved(revision, now, changed=True)


def stale_answer() -> InvalidInput:
    """Someone else changed the answer since the caller read it."""
    return InvalidInput(
        "Câu trả lời vừa được người khác thay đổi; hãy tải lại trước khi sửa. "
        "Thay đổi của bạn CHƯA được lưu.",
        "The answer was just changed by someone else; reload before editing. "
        "Your change was NOT saved.",
    )


def check_revision(expected: int | None, actual: int | None) -> None:
    """Refuse a write made against a revision that is no longer the latest."""
    if expected is not None and expected != (actual or 0):
        raise stale_answer()


def refuse_unless_asked(
    code: str,
    role: str | None,
    valid_until: dt.date | None,
    addressees: str | None,
    bodies: str | None,
    unit_kind: str | None,
    unit_name: str | None,
    period: str | None,
) -> None:
    """Refuse an answer to an item not asked of this unit in this period (models.item_scope)."""
    reason = why_not_asked(role, valid_until, addressees, bodies, unit_kind, unit_name, period)
    if reason is not None:
        raise not_asked_error(code, reason, valid_until, addressees, bodies)


def answer_for_edit(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    *,
    adding: bool = True,
) -> Answer:
    """The answer row to change; ``adding`` something (not clearing it) to an item is
    refused unless the item is asked of the assessment's unit in its period."""
    assessment = draft_assessment(session, assessment_id)
    item = session.get(ChecklistItem, item_id)
    if item is None or item.version_id != assessment.version_id:
        raise NotFound(
            "Mục này không thuộc danh mục của bài đánh giá.",
            "The item does not belong to the assessment's checklist.",
        )
    if adding:
        unit = session.get(Unit, assessment.unit_id)
        refuse_unless_asked(
            item.code,
            item.role,
            item.valid_until,
            item.addressees,
            item.addressed_bodies,
            unit.kind if unit else None,
            unit.name if unit else None,
            assessment.period,
        )
    answer = session.scalar(
        select(Answer).where(Answer.assessment_id == assessment_id, Answer.item_id == item_id)
    )
    if answer is None:
        answer = Answer(
            id=uuid.uuid4(),
            assessment_id=assessment_id,
            item_id=item_id,
            status=None,
            note="",
            answered_by=editor.name,
            revision=0,
            device_id=editor.device_id,
        )
        session.add(answer)
    return answer
