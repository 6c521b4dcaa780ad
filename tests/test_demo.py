"""Demo data: realistic, hierarchical, and the same for the same seed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.demo import generate_demo
from models.entities import Answer, Assessment, CorrectiveAction, Unit
from models.errors import InvalidInput
from models.maintenance import check_database
from models.opening import open_database
from models.scoring import score_assessment
from models.services.assessments import verify_assessment


def snapshot(database):
    with database.session() as session:
        units = session.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.parent_id).order_by(Unit.id)
        ).all()
        answers = session.execute(
            select(
                Answer.id, Answer.item_id, Answer.status, Answer.note, Answer.created_at
            ).order_by(Answer.id)
        ).all()
        assessments = session.execute(
            select(
                Assessment.id, Assessment.period, Assessment.status, Assessment.content_hash
            ).order_by(Assessment.id)
        ).all()
    return units, answers, assessments


def test_same_seed_same_data(tmp_path, device):
    first = open_database(tmp_path / "a.sqlite3", device=device)
    second = open_database(tmp_path / "b.sqlite3", device=device)
    generate_demo(first, units=30, seed=7)
    generate_demo(second, units=30, seed=7)
    assert snapshot(first) == snapshot(second)
    third = open_database(tmp_path / "c.sqlite3", device=device)
    generate_demo(third, units=30, seed=8)
    assert snapshot(third)[0] != snapshot(first)[0]
    for db in (first, second, third):
        db.close()


def test_demo_is_realistic_and_sound(any_database):
    summary = generate_demo(any_database, units=60, seed=3)
    assert summary["units"] == 60 + 14
    with any_database.session() as session:
        kinds = dict(session.execute(select(Unit.kind, func.count()).group_by(Unit.kind)).all())
        assert kinds["tinh"] == 1 and kinds["huyen"] == 13 and kinds.get("htx", 0) > 10
        leaf = session.scalars(select(Unit).where(Unit.kind == "htx")).first()
        district = session.get(Unit, leaf.parent_id)
        assert district.kind == "huyen" and session.get(Unit, district.parent_id).kind == "tinh"
        statuses = dict(
            session.execute(
                select(Assessment.status, func.count()).group_by(Assessment.status)
            ).all()
        )
        assert statuses["submitted"] > 0 and statuses["draft"] > 0
        periods = set(session.scalars(select(Assessment.period)))
        assert periods == {"2021-W36", "2021-W37", "2021-W38", "2021-W39"}
        assert session.scalar(select(func.count()).select_from(CorrectiveAction)) > 0
        notes = session.scalars(select(Answer.note).where(Answer.note != "")).all()
        assert notes
        submitted = session.scalars(
            select(Assessment.id).where(Assessment.status == "submitted").limit(20)
        ).all()
        assert all(verify_assessment(session, a) for a in submitted)
        assert score_assessment(session, submitted[0]).compliance is not None
        assert check_database(any_database, session) == []


def test_the_same_seed_twice_is_refused(database):
    generate_demo(database, units=3, seed=1)
    with pytest.raises(InvalidInput, match="already"):
        generate_demo(database, units=3, seed=1)
