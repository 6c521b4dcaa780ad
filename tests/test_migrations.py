"""Every earlier schema revision upgrades to the newest without losing anything."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import text

from models.backup import list_backups
from models.db import HEAD_REVISION, KNOWN_REVISIONS, create_at_revision
from models.demo import generate_demo
from models.device import LocalDevice
from models.opening import open_database


def columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA {schema}.table_info('{table}')")]


def fill_like_an_old_program(old: str, source: str) -> None:
    """Copy into a database at an old revision what that program would have written: every
    row of the tables it has, in the columns it has (taken from a database made today)."""
    connection = sqlite3.connect(old)
    connection.execute("ATTACH DATABASE ? AS new", (source,))
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT IN "
            "('alembic_version', 'sqlite_sequence')"
        )
    ]
    connection.execute("PRAGMA foreign_keys = OFF")
    for table in tables:
        shared = [
            c for c in columns(connection, "main", table) if c in columns(connection, "new", table)
        ]
        names = ", ".join(f'"{c}"' for c in shared)
        connection.execute(f'DELETE FROM main."{table}"')
        connection.execute(
            f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM new."{table}"'
        )
    connection.commit()
    connection.close()


def old_schema(path) -> dict[str, list[str]]:
    """The tables of a database and their columns."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                "('alembic_version', 'sqlite_sequence')"
            )
        ]
        return {table: columns(connection, "main", table) for table in tables}
    finally:
        connection.close()


def snapshot(path, schema: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every row of the given tables, in the given columns only."""
    connection = sqlite3.connect(path)
    try:
        shot = {}
        for table, names in schema.items():
            listed = ", ".join(f'"{c}"' for c in names)
            shot[table] = sorted(map(repr, connection.execute(f'SELECT {listed} FROM "{table}"')))
        return shot
    finally:
        connection.close()


@pytest.fixture(scope="module")
def made_today(tmp_path_factory):
    path = tmp_path_factory.mktemp("today") / "today.sqlite3"
    device = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-000000000002"), name="today")
    database = open_database(path, device=device)
    generate_demo(database, units=15, seed=5)
    database.close()
    return path


@pytest.mark.parametrize("revision", KNOWN_REVISIONS[:-1])
def test_upgrade_from_every_earlier_revision(tmp_path, device, revision, made_today):
    path = tmp_path / f"at-{revision}.sqlite3"
    create_at_revision(path, revision)
    fill_like_an_old_program(str(path), str(made_today))
    schema = old_schema(path)
    before = snapshot(path, schema)
    assert before["answers"], "the old database holds answers"

    upgraded = open_database(path, device=device)
    with upgraded.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == HEAD_REVISION
        )
        unattached = connection.execute(
            text("SELECT count(*) FROM assessments WHERE round_id IS NULL")
        ).scalar()
    upgraded.close()
    # Nothing the old program wrote is lost or changed (new columns aside); the device that
    # opened the file is registered beside the old ones.
    after = snapshot(path, schema)
    assert set(before.pop("devices")) <= set(after.pop("devices"))
    assert after == before
    assert unattached == 0, "every assessment belongs to a round after the upgrade"
    assert any(b.reason.startswith("before-migration") for b in list_backups(path))


def test_rounds_made_by_the_migration_are_the_same_on_every_machine(tmp_path, device, made_today):
    """Two machines upgrading the same data make the same rounds (same ids), so their
    bundles merge rather than duplicate a round."""
    ids = []
    for name in ("office", "laptop"):
        path = tmp_path / f"{name}.sqlite3"
        create_at_revision(path, "0002")
        fill_like_an_old_program(str(path), str(made_today))
        database = open_database(path, device=device)
        with database.engine.connect() as connection:
            ids.append(
                connection.execute(
                    text("SELECT id, name, period, kind FROM rounds ORDER BY id")
                ).all()
            )
        database.close()
    assert ids[0] == ids[1] and len(ids[0]) > 0


def test_every_revision_is_known_and_listed():
    assert len(KNOWN_REVISIONS) >= 2 and KNOWN_REVISIONS[-1] == HEAD_REVISION
