"""Assessments and their answers: start, answer, note, corrective action, evidence, submit,
reopen. Every change is committed at once, with its audit entry, before the call returns.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, and_, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.audit import AUDIT_INSERT, Editor, change_row, record_change
from models.content_hash import content_hash
from models.content_hash import evidence_path as evidence_path  # where attached files are kept
from models.db import begin_write, has_only_read
from models.entities import (
    ANSWER_STATUSES,
    ASSESSMENT_KINDS,
    Answer,
    Assessment,
    ChecklistItem,
    ChecklistVersion,
    CorrectiveAction,
    EvidenceFile,
    Unit,
    utcnow,
)
from models.errors import InvalidInput, LockedError, NotFound
from models.item_scope import not_asked_error, why_not_asked
from models.periods import parse_period
from models.prepared import Prepared
from models.services import writes
from models.services.evidence import store_evidence_file
from models.services.rounds import round_for
from models.validation import ACTION_WHAT, ACTION_WHO, ASSESSOR, NOTE, REASON

MAX_NOTE = NOTE.max_length


@dataclass(frozen=True)
class Saved:
    """What a change left in the database: the answer's revision and when it was committed."""

    revision: int
    saved_at: dt.datetime
    changed: bool


def _locked() -> LockedError:
    return LockedError(
        "Bài đánh giá đã nộp và bị khoá; hãy mở lại (kèm lý do) để sửa.",
        "The assessment is submitted and locked; reopen it (with a reason) to edit.",
    )


def _draft(session: Session, assessment_id: uuid.UUID) -> Assessment:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    if assessment.status != "draft":
        raise _locked()
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
        raise _locked()
    if status is not None:  # clearing a stray answer stays possible
        _refuse_unless_asked(code, *scope)
    _check_revision(expected_revision, revision)
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
            raise _stale() from None  # another writer answered this item first
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
            raise _stale()
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


def _stale() -> InvalidInput:
    return InvalidInput(
        "Câu trả lời vừa được người khác thay đổi; hãy tải lại trước khi sửa. "
        "Thay đổi của bạn CHƯA được lưu.",
        "The answer was just changed by someone else; reload before editing. "
        "Your change was NOT saved.",
    )


def _check_revision(expected: int | None, actual: int | None) -> None:
    if expected is not None and expected != (actual or 0):
        raise _stale()


def _refuse_unless_asked(
    code: str,
    role: str | None,
    valid_until: dt.date | None,
    addressees: str | None,
    bodies: str | None,
    unit_kind: str | None,
    unit_name: str | None,
    period: str | None,
) -> None:
    reason = why_not_asked(role, valid_until, addressees, bodies, unit_kind, unit_name, period)
    if reason is not None:
        raise not_asked_error(code, reason, valid_until, addressees, bodies)


def _answer_for_edit(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    *,
    adding: bool = True,
) -> Answer:
    """The answer row to change; ``adding`` something (not clearing it) to an item is
    refused unless the item is asked of the assessment's unit in its period."""
    assessment = _draft(session, assessment_id)
    item = session.get(ChecklistItem, item_id)
    if item is None or item.version_id != assessment.version_id:
        raise NotFound(
            "Mục này không thuộc danh mục của bài đánh giá.",
            "The item does not belong to the assessment's checklist.",
        )
    if adding:
        unit = session.get(Unit, assessment.unit_id)
        _refuse_unless_asked(
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
    answer = _answer_for_edit(session, editor, assessment_id, item_id, adding=bool(note))
    _check_revision(expected_revision, answer.revision)
    if answer.note == note:
        return Saved(answer.revision, utcnow(), changed=False)
    old = answer.note
    if answer.revision == 0:  # a new row: its unique key guards against a second writer
        answer.note, answer.revision = note, 1
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise _stale() from None
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
            raise _stale()
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
    _answer_for_edit(session, editor, assessment_id, item_id, adding=bool(what))
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


@writes
def attach_evidence(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    file: Path,
    *,
    commit: bool = True,
    reason: str | None = None,
) -> uuid.UUID:
    """Copy a file into the data folder under its SHA-256 and attach it to the item
    (``reason`` says where it came from in the audit trail, e.g. a scanned form)."""
    _answer_for_edit(session, editor, assessment_id, item_id)
    stored = store_evidence_file(file)
    sha = stored.sha256
    evidence = EvidenceFile(
        id=uuid.uuid4(),
        assessment_id=assessment_id,
        item_id=item_id,
        sha256=sha,
        file_name=stored.file_name,
        media_type=stored.media_type,
        size=stored.size,
        device_id=editor.device_id,
    )
    session.add(evidence)
    session.flush()
    record_change(
        session,
        editor,
        action="evidence",
        entity="evidence_file",
        entity_id=evidence.id,
        assessment_id=assessment_id,
        item_id=item_id,
        new={"file_name": evidence.file_name, "sha256": sha},
        reason=reason,
    )
    if commit:
        session.commit()
    return evidence.id


@writes
def submit_assessment(session: Session, editor: Editor, assessment_id: uuid.UUID) -> str:
    """Lock the assessment and store the hash of its content."""
    assessment = _draft(session, assessment_id)
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
