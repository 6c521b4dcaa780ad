"""Every test gets its own data folder and database; Qt runs offscreen.

Also here: the Hypothesis profiles (``ci`` by default: derandomized, so a run never draws a
case no earlier run drew; ``fuzz`` for ``scripts/fuzz``), the slow tiers' markers, and the
window tests' fixtures (background jobs at once, message boxes answered, Vietnamese again
after each test: for every test, so that none can hang or leave English behind).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from PySide6.QtWidgets import QApplication, QMessageBox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.audit import Editor  # noqa: E402
from models.db import Database  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.opening import open_database  # noqa: E402
from qt_app import i18n  # noqa: E402
from qt_app.tasks import ImmediateRunner, set_runner  # noqa: E402
from tests.pgserver import PostgresServer  # noqa: E402
from tests.window_support import Boxes, Seeded, seed  # noqa: E402

# The same cases on every run: a red CI run is a real defect, found again by the next run.
# Slow generation on a busy machine is no defect either, hence too_slow off.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Fresh random cases for exploring (scripts/fuzz); what it finds becomes an @example.
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tiers that need a heavy outside program; each also counts as ``slow`` (see pyproject.toml).
SLOW_TIERS = ("frozen", "postgres", "libreoffice", "crash", "faults")


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects on the markers added here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "pg_server" in names:
            item.add_marker(pytest.mark.postgres)
        if names & {"qtbot", "qapp"}:
            item.add_marker(pytest.mark.gui)
        if any(item.get_closest_marker(tier) for tier in SLOW_TIERS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def kiemtra_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("KIEMTRA_HOME", str(home))
    monkeypatch.delenv("KIEMTRA_DB", raising=False)
    return home


TEST_PC = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-000000000001"), name="test-pc")


@pytest.fixture
def device() -> LocalDevice:
    return TEST_PC


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiemtra.sqlite3"


@pytest.fixture(scope="session")
def opened_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database created, migrated and given the shipped checklists once per run. Each
    test's ``database`` opens a copy of it: a tenth of the time of creating one (about 0.3 s
    of every test's setup before)."""
    folder = tmp_path_factory.mktemp("opened-once")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIEMTRA_HOME", str(folder / "home"))
        open_database(folder / "kiemtra.sqlite3", device=TEST_PC).close()
    assert not (folder / "kiemtra.sqlite3-wal").exists()  # all of it is in the one file
    return folder / "kiemtra.sqlite3"


@pytest.fixture
def database(db_path: Path, device: LocalDevice, opened_once: Path) -> Iterator[Database]:
    shutil.copyfile(opened_once, db_path)
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_database(
    request: pytest.FixtureRequest, db_path: Path, device: LocalDevice
) -> Iterator[Database]:
    """The same test on a SQLite file and on a real PostgreSQL server (each a copy of a
    database migrated once)."""
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("opened_once"), db_path)
        target = str(db_path)
    else:
        target = request.getfixturevalue("pg_url")
    db = open_database(target, device=device)
    yield db
    db.close()


# -- every test: nothing a window does can block it or leak into the next one --------------


@pytest.fixture(autouse=True)
def immediate_tasks() -> Iterator[None]:
    """Background jobs run at once, so a test sees their result on the next line."""
    old = set_runner(ImmediateRunner())
    yield
    set_runner(old)


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """A test that switches to English leaves the next one in Vietnamese."""
    yield
    app = QApplication.instance()
    if app is not None:
        i18n.install(app, "vi")


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Message boxes never block (offscreen, nobody would close one): each is recorded and
    answered with ``Boxes.answer``."""
    recorded = Boxes([])

    def exec_(box: QMessageBox) -> int:
        recorded.texts.append(box.text())
        return recorded.answer.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return recorded


# -- the window tests ------------------------------------------------------------------------


@pytest.fixture
def seeded(database: Database, editor: Editor) -> Seeded:
    return seed(database, editor)


@pytest.fixture
def window(qtbot: object, database: Database, seeded: Seeded) -> object:
    """The main window on the test's database, showing the seeded unit."""
    from qt_app.app import create_window

    win = create_window(database)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    win.load_units(seeded.unit)
    assert win.is_ready
    return win
