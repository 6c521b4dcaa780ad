"""Every earlier schema revision upgrades to the newest without losing anything."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from models.backup import list_backups
from models.db import HEAD_REVISION, KNOWN_REVISIONS, create_at_revision, open_database
from models.demo import generate_demo
from models.entities import Base


def snapshot(database):
    with database.session() as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }
        answers = session.execute(
            text("SELECT id, status, note, revision FROM answers ORDER BY id")
        ).all()
    return counts, answers


@pytest.mark.parametrize("revision", KNOWN_REVISIONS[:-1])
def test_upgrade_from_every_earlier_revision(tmp_path, device, revision, monkeypatch):
    path = tmp_path / f"at-{revision}.sqlite3"
    create_at_revision(path, revision)
    # Fill the old schema through the same services, as that version of the program would
    # (the changes so far are additive, so today's services can write the old schema).
    with monkeypatch.context() as patch:
        patch.setattr("models.db.HEAD_REVISION", revision)
        filled = open_database(path, device=device)
        generate_demo(filled, units=15, seed=5)
        before = snapshot(filled)
        filled.close()
    upgraded = open_database(path, device=device)
    with upgraded.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == HEAD_REVISION
        )
    assert snapshot(upgraded) == before
    assert any(b.reason.startswith("before-migration") for b in list_backups(path))
    upgraded.close()


def test_every_revision_is_known_and_listed():
    assert len(KNOWN_REVISIONS) >= 2 and KNOWN_REVISIONS[-1] == HEAD_REVISION
