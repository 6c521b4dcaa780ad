"""Every test gets its own data folder and database; Qt runs offscreen."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.audit import Editor  # noqa: E402
from models.db import Database, open_database  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from tests.pgserver import PostgresServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_DIRECTIVES = ROOT.parent / "shared" / "directives"


@pytest.fixture(autouse=True)
def kiemtra_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("KIEMTRA_HOME", str(home))
    monkeypatch.delenv("KIEMTRA_DB", raising=False)
    return home


@pytest.fixture
def device() -> LocalDevice:
    return LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-000000000001"), name="test-pc")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiemtra.sqlite3"


@pytest.fixture
def database(db_path: Path, device: LocalDevice) -> Iterator[Database]:
    db = open_database(db_path, device=device)
    yield db
    db.close()


@pytest.fixture
def editor(device: LocalDevice) -> Editor:
    return Editor(device.id, "Nguyễn Văn An")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the run, with a migrated template database."""
    server = PostgresServer().start()
    try:
        os.environ.setdefault("KIEMTRA_HOME", str(tmp_path_factory.mktemp("pg-home")))
        template = server.create_database()
        open_database(server.url(template)).close()
        server.template = template  # type: ignore[attr-defined]
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """A fresh, migrated PostgreSQL database for one test."""
    return pg_server.url(pg_server.create_database(template=pg_server.template))  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database(
    request: pytest.FixtureRequest, db_path: Path, device: LocalDevice
) -> Iterator[Database]:
    """The same test on a SQLite file and on a real PostgreSQL server."""
    target = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_database(target, device=device)
    yield db
    db.close()
