"""Opening databases: pragmas, real transactions, and bad files refused and left unchanged."""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from models.backup import list_backups
from models.db import APPLICATION_ID, HEAD_REVISION
from models.errors import DatabaseError
from models.opening import open_database
from tests.process_support import item_codes, kiemtra, start_writer, with_answers


def closed_into_one_file(database, path: Path) -> None:
    """Close the database and fold its WAL into the main file, so that damaging the file's
    bytes damages the database (the tests below then scribble on it)."""
    database.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_pragmas_schema_and_checklists(database):
    with database.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000
        assert pragma("application_id") == APPLICATION_ID
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == HEAD_REVISION
        )
    assert database.problems == []


def test_transactions_really_begin(database):
    """With pysqlite's default, a read does not open a transaction; ours does (BEGIN fix)."""
    with database.engine.connect() as first, database.engine.connect() as second:
        first.execute(text("SELECT count(*) FROM units")).scalar()
        second.execute(text("INSERT INTO kiemtra_meta (key, value) VALUES ('x', '1')"))
        second.commit()
        # The first connection is inside a transaction begun before the insert: its snapshot
        # does not see the new row.
        assert first.execute(text("SELECT count(*) FROM kiemtra_meta WHERE key='x'")).scalar() == 0
        first.rollback()
        assert first.execute(text("SELECT count(*) FROM kiemtra_meta WHERE key='x'")).scalar() == 1


def test_rollback_undoes_ddl_and_writes(database):
    with database.engine.connect() as connection:
        connection.execute(text("INSERT INTO kiemtra_meta (key, value) VALUES ('y', '1')"))
        connection.rollback()
        assert (
            connection.execute(text("SELECT count(*) FROM kiemtra_meta WHERE key='y'")).scalar()
            == 0
        )


def test_reopen_keeps_data_and_is_idempotent(db_path, device):
    first = open_database(db_path, device=device)
    with first.begin() as session:
        session.execute(text("INSERT INTO kiemtra_meta (key, value) VALUES ('kept', 'yes')"))
    first.close()
    second = open_database(db_path, device=device)
    with second.session() as session:
        assert (
            session.execute(text("SELECT value FROM kiemtra_meta WHERE key='kept'")).scalar()
            == "yes"
        )
        assert session.execute(text("SELECT count(*) FROM checklist_versions")).scalar() == 5
    second.close()


@pytest.mark.parametrize(
    "content",
    [
        b"This is a plain text file, not a database.\n" * 10,
        b"PK\x03\x04" + bytes(500),
        bytes(range(256)) * 4,
    ],
)
def test_not_a_database_is_refused_and_unchanged(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert "không phải là cơ sở dữ liệu Kiểm tra" in caught.value.vi
    assert "not a Kiểm tra database" in caught.value.en
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notes.sqlite3"]


def test_other_programs_sqlite_file_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Lan')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a Kiểm tra database"):
        open_database(path)
    assert digest(path) == before


def test_damaged_database_is_refused_and_unchanged(database, db_path, device):
    with database.begin() as session:
        session.execute(
            text(
                "INSERT INTO kiemtra_meta (key, value) VALUES "
                + ",".join(f"('k{i}', '{'x' * 200}')" for i in range(500))
            )
        )
    closed_into_one_file(database, db_path)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the middle pages (b-tree pages of the tables), keeping the header.
    for offset in range(page_size * 3, min(len(data), page_size * 12), 7):
        data[offset] = 0xFF
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path, device=device)
    assert "hỏng" in caught.value.vi or "không phải" in caught.value.vi
    assert digest(db_path) == before


def test_truncated_database_is_refused_and_unchanged(database, db_path, device):
    closed_into_one_file(database, db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    before = digest(db_path)
    with pytest.raises(DatabaseError):
        open_database(db_path, device=device)
    assert digest(db_path) == before


def test_newer_schema_is_refused_and_unchanged(database, db_path, device):
    with database.begin() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    before = digest(db_path)
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path, device=device)
    assert "newer version" in caught.value.en
    assert "mới hơn" in caught.value.vi
    assert digest(db_path) == before


def test_folder_and_missing_parent_are_clear_errors(tmp_path):
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "db.sqlite3")


def test_unsupported_url_is_refused():
    with pytest.raises(DatabaseError, match="not supported"):
        open_database("mysql://user@localhost/kiemtra")
    with pytest.raises(DatabaseError, match="in-memory"):
        open_database("sqlite://")


def test_empty_file_becomes_a_database(tmp_path, device):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    db = open_database(path, device=device)
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM checklist_versions")).scalar() == 5
    db.close()


def test_device_is_registered_and_stable(kiemtra_home, tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    again = open_database(tmp_path / "b.sqlite3")
    assert db.device == again.device
    assert isinstance(db.device.id, uuid.UUID)
    with db.session() as session:
        assert session.execute(text("SELECT name FROM devices")).scalar() == db.device.name
    db.close()
    again.close()


def test_migration_matches_the_models(database):
    """The Alembic head creates exactly the schema the ORM describes."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models.entities import Base

    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_known_revisions_end_at_the_alembic_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from models import paths
    from models.db import KNOWN_REVISIONS

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD_REVISION
    assert [rev.revision for rev in reversed(list(script.walk_revisions()))] == list(
        KNOWN_REVISIONS
    )


@pytest.mark.parametrize("kind", ["cifs", "nfs4", "fuse.sshfs"])
def test_sqlite_on_a_network_share_is_refused(tmp_path, monkeypatch, kind):
    share = tmp_path / "share"
    share.mkdir()
    table = f"/dev/vda / ext4 rw 0 0\n//server/kiemtra {share} {kind} rw 0 0\n"
    monkeypatch.setattr("models.sqlite_files.mounts_table", lambda: table)
    with pytest.raises(DatabaseError) as caught:
        open_database(share / "office.sqlite3")
    assert "PostgreSQL" in caught.value.en and "SQLite Over a Network" in caught.value.en
    assert "ổ mạng" in caught.value.vi
    assert not (share / "office.sqlite3").exists()
    open_database(tmp_path / "local.sqlite3").close()  # a local disk is fine


def test_unc_paths_are_network_shares():
    from models.sqlite_files import network_location

    assert network_location(Path(r"\\server\share\kiemtra.sqlite3")) == "UNC"
    assert network_location(Path("/proc")) is None


def test_a_long_damage_report_stays_one_short_line(database, db_path, device):
    closed_into_one_file(database, db_path)
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in (4, 6, 9):  # zero whole pages: SQLite lists every broken cell
        data[page * number : page * (number + 1)] = bytes(page)
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path, device=device)
    assert "\n" not in caught.value.vi and len(caught.value.vi) < 500


def names_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.mark.slow  # a writer process per case
@pytest.mark.parametrize("writer_is", ["open", "killed"])
def test_read_only_sees_every_answer_still_in_the_wal(tmp_path, device, editor, writer_is):
    """A writer commits 11 answers and stays open (or is killed): they are in its -wal only,
    and the read-only view shows all 11 without writing anything beside the file."""
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 0)
    codes = item_codes(path, device)
    writer = start_writer(path, codes[:12])
    try:
        if writer_is == "killed":
            writer.send_signal(signal.SIGKILL)
            writer.communicate(timeout=60)
        assert Path(f"{path}-wal").stat().st_size > 0
        names, data = names_beside(path), [digest(path), digest(Path(f"{path}-wal"))]
        info = kiemtra("--db", str(path), "--read-only", "db", "info", "--json")
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout)["answers"] == 11
        assert names_beside(path) == names  # nothing created (the -shm is SQLite's index)
        if writer_is == "killed":  # nobody else writes: the file and its -wal are unchanged
            assert [digest(path), digest(Path(f"{path}-wal"))] == data
    finally:
        writer.communicate(timeout=60)


def test_read_only_creates_nothing_beside_a_closed_database(tmp_path, device, editor):
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 2)
    names = names_beside(path)
    assert f"{path.name}-wal" not in names
    info = kiemtra("--db", str(path), "--read-only", "db", "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["answers"] == 2
    assert names_beside(path) == names


@pytest.mark.slow  # a kiemtra process per name
@pytest.mark.parametrize("name", ["so lieu?ban2.sqlite3", "e%41f.sqlite3", "a#b&c=d.sqlite3"])
def test_a_db_name_opens_exactly_that_file(tmp_path, name):
    """A path is a path: no part of it is read as a URL query or a %-escape."""
    lookalike = tmp_path / "eAf.sqlite3"  # what e%41f would decode to: another program's file
    con = sqlite3.connect(lookalike)
    con.execute("CREATE TABLE photos (name TEXT)")
    con.commit()
    con.close()
    theirs = digest(lookalike)
    added = kiemtra("--db", name, "units", "add", "HTX Hạ Long", "--kind", "htx", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert (tmp_path / name).is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".sqlite3")) == sorted(
        {name, "eAf.sqlite3"}
    )
    assert not (tmp_path / "so lieu").exists()
    assert digest(lookalike) == theirs and "eAf.sqlite3-wal" not in names_beside(lookalike)
    listed = kiemtra("--db", name, "units", "list", "--json", cwd=tmp_path)
    assert [u["name"] for u in json.loads(listed.stdout)] == ["HTX Hạ Long"]


@pytest.mark.slow  # several processes
@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_file_is_never_touched_and_the_message_says_so(tmp_path, journal):
    path = tmp_path / "zalo-cache.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("CREATE TABLE messages (body TEXT)")
    con.execute("INSERT INTO messages VALUES ('xin chào')")
    con.commit()
    con.close()
    before, names = digest(path), names_beside(path)
    for read_only in ([], ["--read-only"]):
        result = kiemtra("--db", str(path), *read_only, "units", "list")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "không phải là cơ sở dữ liệu Kiểm tra" in result.stderr
        assert "tệp không bị thay đổi" in result.stderr
    assert digest(path) == before and names_beside(path) == names


def test_an_empty_geopackage_is_refused_not_adopted(tmp_path):
    path = tmp_path / "ban-do.gpkg"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {0x47504B47}")  # "GPKG", and no table yet
    con.commit()
    con.close()
    before, names = digest(path), names_beside(path)
    with pytest.raises(DatabaseError, match="not a Kiểm tra database"):
        open_database(path)
    result = kiemtra("--db", str(path), "units", "list")
    assert result.returncode == 1 and "không phải là cơ sở dữ liệu Kiểm tra" in result.stderr
    assert digest(path) == before and names_beside(path) == names


@pytest.mark.slow  # several processes
def test_a_wal_copied_without_its_shm_is_read_whole_and_backed_up_whole(tmp_path, device, editor):
    """Files brought from another PC: the -wal came along, its -shm did not."""
    path = tmp_path / "kiemtra.sqlite3"
    with_answers(path, device, editor, 0)
    writer = start_writer(path, item_codes(path, device)[:5])
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    Path(f"{path}-shm").unlink()
    names = names_beside(path)
    info = kiemtra("--db", str(path), "--read-only", "db", "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["answers"] == 4
    assert names_beside(path) == names  # read from a private copy of the pair
    listed = kiemtra("--db", str(path), "units", "list")
    assert listed.returncode == 0, listed.stderr
    [on_opening] = [b for b in list_backups(path) if b.reason == "auto-open"]
    con = sqlite3.connect(on_opening.path)  # the backup taken before SQLite read the -wal
    assert con.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    con.close()
