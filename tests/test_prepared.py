"""The answer path's prepared statements write and read exactly what SQLAlchemy would, and
fail the way SQLAlchemy would, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.exc import IntegrityError

from models.audit import AUDIT_INSERT, change_row, history, record_change
from models.catalog import get_version
from models.db import begin_write
from models.entities import Answer, Assessment, AuditEntry, ChecklistItem
from models.errors import InvalidInput
from models.prepared import Prepared
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.units import create_unit

ADD_CHANGE = Prepared(AUDIT_INSERT)
CHANGES_OF = Prepared(
    select(AuditEntry.id, AuditEntry.at, AuditEntry.device_id, AuditEntry.new_value)
    .where(AuditEntry.entity_id == bindparam("entity"))
    .order_by(AuditEntry.at)
)
COLUMNS = [c.key for c in AuditEntry.__table__.columns if c.key != "id"]


@pytest.fixture
def database(any_database):
    return any_database


@pytest.fixture
def assessment(database, editor):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Dịch vụ Tổng hợp Quảng Tân", "htx")
        version = get_version(session, "451-cv-lmhtx-2021")
        return svc.start_assessment(session, editor, unit, version.id, "2021-W39")


def first_item(database, assessment_id):
    with database.session() as session:
        return session.scalar(
            select(ChecklistItem.id)
            .join(Assessment, Assessment.version_id == ChecklistItem.version_id)
            .where(Assessment.id == assessment_id)
            .order_by(ChecklistItem.code)
            .limit(1)
        )


def test_a_prepared_insert_stores_what_sqlalchemy_stores(database, editor):
    entity = uuid.uuid4()
    change = {
        "action": "note",
        "entity": "answer",
        "entity_id": entity,
        "old": None,
        "new": {"ghi_chú": "Chưa có sổ theo dõi ra vào", "số": 3},
        "assessment_id": uuid.uuid4(),
        "reason": "Bổ sung",
        "at": dt.datetime(2021, 9, 28, 7, 30, 15, 123456, tzinfo=dt.UTC),
    }
    with database.session() as session:
        record_change(session, editor, **change)
        ADD_CHANGE.rowcount(begin_write(session), change_row(editor, **change))
        session.commit()
    with database.session() as session:
        core, prepared = history(session, entity_id=entity)
        assert core.id != prepared.id
        assert [getattr(core, c) for c in COLUMNS] == [getattr(prepared, c) for c in COLUMNS]
        assert prepared.new_value == {"ghi_chú": "Chưa có sổ theo dõi ra vào", "số": 3}
        assert prepared.old_value is None and prepared.at == change["at"]
        # The same values on disk, not only after SQLAlchemy read them back.
        table = AuditEntry.__table__
        stored = session.execute(
            select(*(cast(table.c[c], Text) for c in COLUMNS)).where(table.c.entity_id == entity)
        ).all()
        assert stored[0] == stored[1]


def test_a_prepared_query_returns_values_typed_as_sqlalchemy_returns_them(database, editor):
    entity = uuid.uuid4()
    with database.session() as session:
        record_change(session, editor, action="a", entity="answer", entity_id=entity, new="dat")
        session.commit()
        expected = session.execute(
            select(AuditEntry.id, AuditEntry.at, AuditEntry.device_id, AuditEntry.new_value)
        ).one()
        found = CHANGES_OF.first(begin_write(session), {"entity": entity})
        assert found == tuple(expected)
        assert isinstance(found[0], uuid.UUID) and found[1].tzinfo is not None
        assert CHANGES_OF.first(session.connection(), {"entity": uuid.uuid4()}) is None
        session.rollback()


def test_a_driver_error_is_sqlalchemys_error_and_rolls_back(database, editor):
    row = change_row(editor, action="a", entity="answer", entity_id=uuid.uuid4())
    with database.session() as session:
        ADD_CHANGE.rowcount(begin_write(session), row)
        with pytest.raises(IntegrityError):
            ADD_CHANGE.rowcount(session.connection(), row)  # the same id twice
        session.rollback()
        assert session.scalars(select(AuditEntry).where(AuditEntry.id == row["id"])).all() == []
        ADD_CHANGE.rowcount(begin_write(session), row)  # the session is usable again
        session.commit()
        assert session.get(AuditEntry, row["id"]) is not None


def test_a_column_that_needs_a_python_default_must_be_given(database, editor, assessment):
    item = first_item(database, assessment)
    insert = Prepared(Answer.__table__.insert())
    values = {"id": uuid.uuid4(), "assessment_id": assessment, "item_id": item, "status": "dat"}
    with database.session() as session:
        with pytest.raises(ValueError, match="created_at, updated_at"):
            insert.rowcount(begin_write(session), values)
        session.rollback()
        assert session.scalar(select(Answer.id)) is None


def test_an_answer_and_its_audit_entry_agree(database, editor, assessment):
    item = first_item(database, assessment)
    with database.session() as session:
        first = record_answer(session, editor, assessment, item, "dat")
        second = record_answer(session, editor, assessment, item, "chua-dat")
    with database.session() as session:
        answer = session.scalar(select(Answer))
        assert (answer.status, answer.revision, answer.note) == ("chua-dat", 2, "")
        assert (answer.device_id, answer.answered_by) == (editor.device_id, editor.name)
        assert (answer.created_at, answer.updated_at) == (first.saved_at, second.saved_at)
        trail = [
            (e.entity_id, e.at, e.device_id, e.actor, e.old_value, e.new_value)
            for e in history(session, item_id=item)
        ]
        assert trail == [
            (answer.id, first.saved_at, editor.device_id, editor.name, None, "dat"),
            (answer.id, second.saved_at, editor.device_id, editor.name, "dat", "chua-dat"),
        ]


def test_racing_first_answers_exactly_one_wins(database, editor, assessment, device):
    """Several windows answer the same unanswered item at once: one answer is saved, the
    others are told theirs was not (on PostgreSQL the losers hit the unique key)."""
    from models.opening import open_database

    item = first_item(database, assessment)
    outcomes: list[str] = []
    barrier = threading.Barrier(3)

    def write(status: str) -> None:
        db = open_database(database.url, device=device, load_checklists=False)
        try:
            with db.session() as session:
                barrier.wait()
                try:
                    record_answer(session, editor, assessment, item, status, expected_revision=0)
                    outcomes.append(status)
                except InvalidInput as exc:
                    assert "NOT saved" in exc.en
                    outcomes.append("stale")
        finally:
            db.close()

    threads = [threading.Thread(target=write, args=(s,)) for s in ("dat", "chua-dat", "mot-phan")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    winners = [o for o in outcomes if o != "stale"]
    assert len(outcomes) == 3 and len(winners) == 1
    with database.session() as session:
        answer = session.scalar(select(Answer))
        assert (answer.status, answer.revision) == (winners[0], 1)
        assert [e.new_value for e in history(session, item_id=item)] == winners
