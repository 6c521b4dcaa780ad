"""Hostile bundles, generated: random bytes, random zips, and a real bundle whose records are
mutated with the manifest's hash recomputed, so that the checks past the hash run too.

Every case must end in a merge plan and result or in a ``KnownError`` (never another
exception), must leave the database as it was, and must finish in a few seconds.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from models.audit import Editor
from models.bundle import FORMAT, TABLES, BundleError, read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import apply_merge, plan_merge, verify_bundle_content
from models.db import Database
from models.demo import generate_demo
from models.device import LocalDevice
from models.entities import (
    ActionClosure,
    Assessment,
    Base,
    ChecklistItem,
    CorrectiveAction,
    EvidenceFile,
    FormKeying,
)
from models.errors import KnownError
from models.keying import FormKey, record_keying
from models.opening import open_database
from models.periods import Period
from models.services.evidence import attach_evidence
from models.services.follow_up import close_action

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
LIMIT_SECONDS = 5.0
LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000a1"), "laptop-hostile")
OFFICE = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000b1"), "office-hostile")


class Source:
    """A laptop with demo data and one evidence photo, its bundle, and an empty office.

    Not a dataclass, so that hypothesis reports a failing case without 100 kB of bundle."""

    def __init__(
        self, laptop: Database, office: Database, bundle: Path, entries: dict[str, bytes]
    ) -> None:
        self.laptop, self.office, self.bundle, self.entries = laptop, office, bundle, entries

    def target(self, name: str) -> Database:
        return self.laptop if name == "laptop" else self.office

    def __repr__(self) -> str:
        return f"Source({self.bundle.name})"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    root = tmp_path_factory.mktemp("hostile-bundles")
    (root / "home").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIEMTRA_HOME", str(root / "home"))
        laptop = open_database(root / "laptop.sqlite3", device=LAPTOP)
        office = open_database(root / "office.sqlite3", device=OFFICE)
        try:
            generate_demo(laptop, units=3)
            _attach_a_photo(laptop, root / "anh-cong.png")
            _close_an_action_and_key_a_form(laptop)
            bundle = root / "demo.ktb"
            export_bundle(laptop, bundle)
            carried = read_bundle(bundle).records
            assert carried["action_closures"] and carried["form_keyings"]
            with zipfile.ZipFile(bundle) as archive:
                entries = {info.filename: archive.read(info) for info in archive.infolist()}
            yield Source(laptop, office, bundle, entries)
        finally:
            laptop.close()
            office.close()


def _attach_a_photo(database: Database, photo: Path) -> None:
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"cong" * 300)
    editor = Editor(LAPTOP.id, "Lê Thanh Tra")
    with database.session() as session:
        draft = session.scalars(select(Assessment).where(Assessment.status == "draft")).first()
        assert draft is not None
        item = session.scalar(
            select(ChecklistItem.id).where(ChecklistItem.version_id == draft.version_id)
        )
        attach_evidence(session, editor, draft.id, item, photo)


def _close_an_action_and_key_a_form(database: Database) -> None:
    """Rows in the tables added later (closures, keyings), so mutations reach them too."""
    editor = Editor(LAPTOP.id, "Lê Thanh Tra")
    with database.session() as session:
        action, period = session.execute(
            select(CorrectiveAction.id, Assessment.period)
            .join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
            .where(Assessment.status == "submitted", Assessment.kind == "kiem-tra")
        ).first()  # type: ignore[misc]
        closed_on = Period(period).last_day + dt.timedelta(days=3)
        close_action(session, editor, action, closed_on=closed_on, note="Đã lắp bảng 5K")
        draft = session.scalars(select(Assessment).where(Assessment.status == "draft")).first()
        assert draft is not None
        codes = session.scalars(
            select(ChecklistItem.code)
            .where(ChecklistItem.version_id == draft.version_id)
            .order_by(ChecklistItem.position)
        ).all()
        key = FormKey(draft.unit_id, draft.version_id, draft.period, draft.kind)
        record_keying(session, editor, key, "Lê Thanh Tra", {codes[0]: "dat", codes[1]: None})
    with database.session() as session:  # both are in what the bundle carries
        assert session.scalar(select(func.count()).select_from(ActionClosure)) == 1
        assert session.scalar(select(func.count()).select_from(FormKeying)) == 1


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def attempt(database: Database, path: Path) -> str:
    """Read, check, plan and merge ``path`` as ``kiemtra bundle import --prefer theirs``
    would, then undo a successful merge; return "merged" or "refused"."""
    before = counts(database)
    started = time.perf_counter()
    outcome = "merged"
    try:
        bundle = read_bundle(path)
        verify_bundle_content(bundle)
        with database.session() as session:
            plan = plan_merge(session, bundle)
            plan.summary()
            try:
                result = apply_merge(session, plan, prefer="theirs", commit=False)
            except KnownError:
                # "Nothing was written": a caller that goes on using the session and commits
                # must not find half a merge in it.
                session.commit()
                raise
            result.as_json()
            session.rollback()  # a merge that worked is undone, so every case starts alike
    except KnownError as error:
        assert error.vi and error.en
        outcome = "refused"
    elapsed = time.perf_counter() - started
    assert counts(database) == before
    assert elapsed < LIMIT_SECONDS, f"took {elapsed:.1f} s"
    return outcome


def write_zip(
    path: Path,
    entries: list[tuple[str, bytes]] | dict[str, bytes],
    symlinks: frozenset[str] = frozenset(),
) -> Path:
    items = entries.items() if isinstance(entries, dict) else entries
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are written on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in items:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                if name in symlinks:
                    info.external_attr = 0o120777 << 16
                archive.writestr(info, data)
    return path


def with_records(entries: dict[str, bytes], records: Any) -> dict[str, bytes]:
    """The bundle's entries with new records and the manifest's hash recomputed."""
    body = json.dumps(records, ensure_ascii=False).encode("utf-8")
    manifest = json.loads(entries["manifest.json"])
    manifest["entries"]["records.json"] = hashlib.sha256(body).hexdigest()
    return {
        **entries,
        "records.json": body,
        "manifest.json": json.dumps(manifest, ensure_ascii=False).encode(),
    }


# -- strategies -----------------------------------------------------------------------------

HIDDEN = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u200b\u200e\u200f\u202a\u202b\u202c\u202d"
    "\u202e\u2066\u2067\u2068\u2069\ufeff\u00a0\u0301"
)
#: Any UUID, drawn as a number: ``st.uuids()`` uses a shared random generator, which makes
#: interactive draws replay differently while shrinking.
uuid_texts = st.integers(0, 2**128 - 1).map(lambda n: str(uuid.UUID(int=n)))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
hostile_values = st.one_of(
    json_values,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.text(alphabet=HIDDEN + "aĐđ1 -:/", max_size=40),
    st.integers(min_value=300, max_value=200_000).map(lambda n: "Đ" * n),
    uuid_texts,
    st.sampled_from(
        [
            "",
            " ",
            "0" * 64,
            "f" * 64,
            "../../etc/passwd",
            "dat",
            "chua-dat",
            "draft",
            "submitted",
            "reviewed",
            "tu-danh-gia",
            "kiem-tra",
            "2021-W38",
            "2021-W99",
            "abc",
            "2021-02-30",
            "2021-09-28",
            "0001-01-01T00:00:00",
            "9999-12-31T23:59:59+14:00",
            "2021-09-28T10:00:00",
            "NaN",
            "null",
            "=cmd|' /C calc'!A0",
            "Đạt\u202e",
            "00000000-0000-0000-0000-000000000000",
        ]
    ),
)
entry_names = st.one_of(
    st.sampled_from(
        [
            "manifest.json",
            "records.json",
            "evidence/" + "a" * 64,
            "evidence/" + "A" * 64,
            "evidence/../records.json",
            "../manifest.json",
            "/etc/passwd",
            "C:evil",
            "a\\b",
            "evidence/",
            "records.json/",
            "manifest.json\x00.txt",
            "Manifest.json",
            "evidence/" + "0" * 63,
        ]
    ),
    st.text(min_size=1, max_size=30),
)
manifests = st.fixed_dictionaries(
    {
        "format": st.sampled_from([FORMAT]) | json_values,
        "format_version": st.sampled_from([1, 0, 2, -1, True, "1", None, 2**70]) | json_values,
        "source_device": st.fixed_dictionaries(
            {"id": uuid_texts | json_values, "name": json_values}
        )
        | json_values,
    }
)
record_tables = st.dictionaries(
    st.sampled_from(TABLES) | st.text(max_size=12),
    st.lists(st.dictionaries(st.text(max_size=12), json_values, max_size=6), max_size=3)
    | json_values,
    max_size=4,
)


# -- (a) random bytes -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(raw=st.binary(max_size=3000) | st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b))
def test_random_bytes_are_refused(source: Source, tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "random.ktb"
    path.write_bytes(raw)
    assert attempt(source.office, path) == "refused"


# -- (b) sound zips with random entries -----------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(
    entries=st.lists(st.tuples(entry_names, st.binary(max_size=300)), max_size=5),
    honest=st.booleans(),
    manifest=manifests,
    records=record_tables | json_values,
    symlink=st.booleans(),
)
def test_random_zips_are_refused(
    source: Source,
    tmp_path: Path,
    entries: list[tuple[str, bytes]],
    honest: bool,
    manifest: dict[str, Any],
    records: Any,
    symlink: bool,
) -> None:
    """Random names and contents; when ``honest``, a manifest listing every entry's true
    SHA-256 beside records of random tables and fields, so the reader gets past the hashes."""
    if honest:
        entries = [e for e in entries if e[0] not in ("manifest.json", "records.json")]
        entries.append(("records.json", json.dumps(records).encode()))
        listed = {name: hashlib.sha256(data).hexdigest() for name, data in entries}
        entries.append(("manifest.json", json.dumps({**manifest, "entries": listed}).encode()))
    links = frozenset({entries[0][0]}) if entries and symlink else frozenset()
    path = write_zip(tmp_path / "random.ktb", entries, links)
    attempt(source.office, path)


# -- (c) a real bundle with mutated records ------------------------------------------------

MUTATIONS = (
    "set",
    "set",
    "set",
    "dangling",
    "delete",
    "extra",
    "drop_row",
    "duplicate_row",
    "clash",
    "replace_table",
)


def mutate(records: dict[str, Any], data: st.DataObject) -> str:
    """One hostile change to the records; returns a short description of it."""
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    table = data.draw(
        st.sampled_from(
            [
                t
                for t in TABLES
                if isinstance(records.get(t), list)
                and records[t]
                and all(isinstance(r, dict) for r in records[t])
            ]
        ),
        label="table",
    )
    rows = records[table]
    index = data.draw(st.integers(0, len(rows) - 1), label="row")
    row = rows[index]
    if kind == "replace_table":
        records[table] = data.draw(json_values, label="table value")
    elif kind == "drop_row":
        del rows[index]
    elif kind == "duplicate_row":
        rows.append(copy.deepcopy(row))
    elif not row:
        return kind
    elif kind == "dangling":
        ids = sorted(f for f in row if f == "id" or f.endswith("_id"))
        if not ids:  # an earlier change removed them
            return kind
        field = data.draw(st.sampled_from(ids), label="field")
        row[field] = data.draw(uuid_texts, label="uuid")
    elif kind == "clash":  # a field's value taken from another row: shared ids, keys…
        other = data.draw(st.sampled_from(rows), label="other row")
        field = data.draw(st.sampled_from(sorted(row)), label="field")
        row[field] = copy.deepcopy(other.get(field))
    elif kind == "extra":
        row[data.draw(st.text(min_size=1, max_size=12), label="new field")] = data.draw(
            hostile_values, label="value"
        )
    else:
        field = data.draw(st.sampled_from(sorted(row)), label="field")
        if kind == "delete":
            del row[field]
        else:
            row[field] = data.draw(hostile_values, label="value")
    return f"{kind} {table}[{index}]"


@pytest.mark.slow  # 150 generated bundles
@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.data())
def test_mutated_records_are_merged_or_refused(
    source: Source, tmp_path: Path, data: st.DataObject
) -> None:
    records = json.loads(source.entries["records.json"])
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        mutate(records, data)
    path = write_zip(tmp_path / "mutated.ktb", with_records(source.entries, records))
    target = data.draw(st.sampled_from(["office", "laptop"]), label="target")
    attempt(source.target(target), path)


def test_the_unchanged_bundle_merges(source: Source, tmp_path: Path) -> None:
    """The baseline of the mutations above: the real bundle goes through everywhere."""
    path = write_zip(
        tmp_path / "same.ktb",
        with_records(source.entries, json.loads(source.entries["records.json"])),
    )
    assert attempt(source.office, path) == "merged"
    assert attempt(source.laptop, path) == "merged"


# -- a corpus of damaged files --------------------------------------------------------------


def test_a_100_mb_file_is_refused_quickly(source: Source, tmp_path: Path) -> None:
    path = tmp_path / "lon.ktb"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: instant, takes no disk space
    assert attempt(source.office, path) == "refused"


def test_a_100_mb_file_with_a_bundle_at_its_end(source: Source, tmp_path: Path) -> None:
    """100 MB of zeros, then a real bundle: a zip reader finds the bundle at the end."""
    path = tmp_path / "lon-co-goi.ktb"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
        handle.seek(0, 2)
        handle.write(source.bundle.read_bytes())
    attempt(source.office, path)


@pytest.mark.parametrize("keep", [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999])
def test_a_truncated_bundle_is_refused(source: Source, tmp_path: Path, keep: float) -> None:
    data = source.bundle.read_bytes()
    path = tmp_path / "cut.ktb"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(BundleError):
        read_bundle(path)
    assert attempt(source.office, path) == "refused"


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(
    cut=st.integers(min_value=0),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), max_size=3),
)
@example(cut=0, flips=[(42, 2)])  # a damaged deflate stream: zlib.error escaped (690097d)
def test_cut_or_flipped_bytes_of_a_real_bundle(
    source: Source, tmp_path: Path, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(source.bundle.read_bytes())
    data = data[: len(data) - cut % len(data)] if cut % 3 else data
    for at, mask in flips:
        data[at % len(data)] ^= mask
    path = tmp_path / "damaged.ktb"
    path.write_bytes(bytes(data))
    attempt(source.office, path)


@pytest.mark.parametrize(
    "case",
    [
        "nested manifest",
        "nested records",
        "manifest list",
        "records list",
        "records bom",
        "symlink evidence",
    ],
)
def test_odd_but_well_formed_zips(source: Source, tmp_path: Path, case: str) -> None:
    entries = dict(source.entries)
    symlinks: frozenset[str] = frozenset()
    if case == "nested manifest":
        entries["manifest.json"] = b"[" * 100_000 + b"]" * 100_000
    elif case == "manifest list":
        entries["manifest.json"] = b"[]"
    elif case == "nested records":
        entries = with_records(entries, {"units": []})
        body = b'{"units": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        entries = _rehash(entries, "records.json", body)
    elif case == "records list":
        entries = with_records(entries, [[]])
    elif case == "records bom":
        entries = _rehash(entries, "records.json", b"\xef\xbb\xbf" + entries["records.json"])
    else:
        symlinks = frozenset(name for name in entries if name.startswith("evidence/"))
    path = write_zip(tmp_path / "odd.ktb", entries, symlinks)
    assert attempt(source.office, path) == "refused"


def _rehash(entries: dict[str, bytes], name: str, body: bytes) -> dict[str, bytes]:
    manifest = json.loads(entries["manifest.json"])
    manifest["entries"][name] = hashlib.sha256(body).hexdigest()
    return {**entries, name: body, "manifest.json": json.dumps(manifest).encode()}


# -- what the generated cases found ---------------------------------------------------------
# Each case below is the shrunk form of a failure the tests above found, kept as a regression
# test (all fixed in 690097d). Before, each one escaped as a bug instead of a BundleError.


def _first(table: str, where: dict[str, Any] | None = None):
    def pick(records: dict[str, Any]) -> dict[str, Any]:
        return next(
            row for row in records[table] if all(row.get(k) == v for k, v in (where or {}).items())
        )

    return pick


def _set(table: str, field: str, value: Any, where: dict[str, Any] | None = None):
    def change(records: dict[str, Any]) -> None:
        _first(table, where)(records)[field] = value

    return change


def _duplicate(table: str):
    def change(records: dict[str, Any]) -> None:
        records[table].append(copy.deepcopy(records[table][0]))

    return change


def _unit_cycle(length: int):
    def change(records: dict[str, Any]) -> None:
        units = records["units"][:length]
        for unit, parent in zip(units, units[1:] + units[:1], strict=True):
            unit["parent_id"] = parent["id"]

    return change


NOWHERE = "5c0ffee0-0000-4000-8000-000000000000"
FOUND = {
    # IntegrityError, FOREIGN KEY constraint failed: a record pointing at nothing.
    "answer for an item nowhere": _set("answers", "item_id", NOWHERE),
    "assessment of a unit nowhere": _set("assessments", "unit_id", NOWHERE),
    # IntegrityError, UNIQUE constraint failed: a row twice, or a second checklist whose slug
    # is already taken here.
    "the same answer twice": _duplicate("answers"),
    "the same device twice": _duplicate("devices"),
    "a checklist under a new id": _set("checklists", "id", NOWHERE),
    # IntegrityError, CHECK constraint failed: values outside the schema's enumerations.
    "an answer status nobody offers": _set("answers", "status", "tot"),
    "an assessment kind nobody offers": _set("assessments", "kind", "tham-do"),
    # OverflowError: Python int too large to convert to SQLite INTEGER.
    "a revision of 2**70": _set("answers", "revision", 2**70),
    # IntegrityError, NOT NULL constraint failed: units.id (None let through for a primary key).
    "a unit without an id": _set("units", "id", None),
    # _parents_first appends a unit again for every level of a parent cycle: UNIQUE or
    # FOREIGN KEY failures.
    "a unit that is its own parent": _unit_cycle(1),
    "two units each the other's parent": _unit_cycle(2),
    # Merged without complaint; afterwards export_bundle and every report of the period
    # failed with "ValueError: Invalid isoformat string: 'abc'" / "Invalid week: 99".
    "a period that is not a period": _set("assessments", "period", "abc"),
    "week 99": _set("assessments", "period", "2021-W99"),
    # Merged: hidden characters the window, the forms and the checklist files all refuse.
    "a note with a right-to-left override": _set("answers", "note", "Đạt\u202e tạđ"),
    "a unit name with a control character": _set("units", "name", "HTX\x1b[2J Đồng Tâm"),
}


@pytest.mark.parametrize("case", list(FOUND))
def test_found_hostile_records_are_refused_and_change_nothing(
    source: Source, database: Database, tmp_path: Path, case: str
) -> None:
    records = json.loads(source.entries["records.json"])
    FOUND[case](records)
    path = write_zip(tmp_path / "found.ktb", with_records(source.entries, records))
    before = counts(database)
    with pytest.raises(BundleError) as refused, database.session() as session:
        apply_merge(session, plan_merge(session, read_bundle(path)), prefer="theirs")
    assert "nothing was written" in refused.value.en.lower()
    assert counts(database) == before


def test_a_failed_merge_leaves_nothing_behind_in_the_session(
    source: Source, database: Database, tmp_path: Path
) -> None:
    """An evidence row whose file is not in the bundle. ``apply_merge`` used to insert every
    new row and only then raise BundleError ("nothing was written") from _store_evidence;
    plan_merge had already begun the session's transaction, so apply_merge did not roll back
    and the caller's next commit wrote half a merge."""
    records = json.loads(source.entries["records.json"])
    records["evidence_files"][0]["sha256"] = "0" * 64
    path = write_zip(tmp_path / "no-photo.ktb", with_records(source.entries, records))
    before = counts(database)
    with database.session() as session:
        plan = plan_merge(session, read_bundle(path))
        with pytest.raises(BundleError, match="evidence"):
            apply_merge(session, plan, prefer="theirs")
        session.commit()  # whatever the caller does next, nothing of the merge is left
    assert counts(database) == before


def test_a_damaged_deflate_stream_is_a_bundle_error(source: Source, tmp_path: Path) -> None:
    """Found by the byte flips above (cut=0, flips=[(42, 2)]): a flipped bit in the first
    entry's compressed data raised ``zlib.error: Error -3 while decompressing data: invalid
    block type`` out of read_bundle."""
    data = bytearray(source.bundle.read_bytes())
    name_length, extra_length = (
        int.from_bytes(data[26:28], "little"),
        int.from_bytes(data[28:30], "little"),
    )
    data[30 + name_length + extra_length] |= 0b110  # deflate block type 3: invalid
    path = tmp_path / "flipped.ktb"
    path.write_bytes(bytes(data))
    with pytest.raises(BundleError):
        read_bundle(path)


# -- names and sizes from outside (issue 18, item 1) ----------------------------------------
# An evidence record's file name becomes a path when the evidence is opened; before, a name
# such as "../../x" or "/etc/x" passed `bundle verify` and `bundle import` (exit 0), and the
# window copied the bundle's bytes to that path.

HOSTILE_EVIDENCE: dict[str, tuple[str, Any]] = {
    "an absolute path": ("file_name", "/home/can-bo/.bashrc"),
    "a path up": ("file_name", "../../../.config/autostart/chay.desktop"),
    "a Windows path up": ("file_name", "..\\..\\Startup\\chay.bat"),
    "a drive letter": ("file_name", "C:\\Windows\\win.ini"),
    "a drive letter and no slash": ("file_name", "C:chay.bat"),
    "a folder in the name": ("file_name", "thu-muc/anh.png"),
    "a Windows folder in the name": ("file_name", "thu-muc\\anh.png"),
    "just ..": ("file_name", ".."),
    "a NUL": ("file_name", "anh.png\x00.exe"),
    "a control character": ("file_name", "anh\x1b[2J.png"),
    "a device name": ("file_name", "CON"),
    "a device name with an extension": ("file_name", "aux.png"),
    "a hash that is a path": ("sha256", "../../" + "a" * 58),
    "a negative size": ("size", -1),
    "an absurd size": ("size", 2**40),
    "a size the bytes do not have": ("size", "one more"),
}


def hostile_evidence_bundle(source: Source, folder: Path, case: str) -> Path:
    records = json.loads(source.entries["records.json"])
    field, value = HOSTILE_EVIDENCE[case]
    row = records["evidence_files"][0]
    row[field] = row["size"] + 1 if value == "one more" else value
    return write_zip(folder / "minh-chung.ktb", with_records(source.entries, records))


@pytest.mark.parametrize("case", list(HOSTILE_EVIDENCE))
def test_hostile_evidence_records_are_refused(
    source: Source, database: Database, tmp_path: Path, case: str
) -> None:
    path = hostile_evidence_bundle(source, tmp_path, case)
    before = counts(database)
    with pytest.raises(BundleError) as refused:
        read_bundle(path)
    assert "evidence_files[0]" in refused.value.en and "evidence_files[0]" in refused.value.vi
    assert "nothing was written" in refused.value.en.lower()
    assert counts(database) == before


@pytest.mark.slow  # a kiemtra process per case
@pytest.mark.parametrize("command", ["verify", "import"])
@pytest.mark.parametrize("case", ["a path up", "an absolute path", "a negative size"])
def test_the_command_line_refuses_hostile_evidence(
    source: Source, tmp_path: Path, kiemtra_home: Path, case: str, command: str
) -> None:
    path = hostile_evidence_bundle(source, tmp_path, case)
    office = tmp_path / "van-phong.sqlite3"
    child = subprocess.run(
        [sys.executable, "-m", "qt_app", "--db", str(office), "bundle", command, str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "KIEMTRA_LANG": "en"},
        timeout=120,
    )
    assert child.returncode == 1
    assert "Traceback" not in child.stderr and "evidence_files[0]" in child.stderr
    assert not office.exists()  # refused before any database was opened
    assert not any((kiemtra_home / "data").rglob("evidence"))


@pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
def test_the_window_opens_hostile_evidence_only_inside_its_temporary_folder(
    qtbot: Any,
    window: Any,
    database: Database,
    seeded: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Any,
) -> None:
    """Evidence somehow stored with a hostile name (an older version's import, a database
    edited by hand): opening it from the window copies it into a fresh temporary folder,
    under the name made plain, and nowhere else."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    outside = tmp_path / "ngoai"
    outside.mkdir()
    names = {
        str(outside / "tuyet-doi.txt"): "tuyet-doi.txt",
        "../../ngoai/len-tren.txt": "len-tren.txt",
        "..\\..\\ngoai\\windows.txt": "windows.txt",
        "C:\\ngoai\\o-dia.txt": "o-dia.txt",
        "CON": "_CON",
        "..": "tep",
    }
    pane, item = window.pane, seeded.items[0]
    for n, name in enumerate(names):
        photo = tmp_path / f"minh-chung-{n}.txt"
        photo.write_text(f"minh chứng {n}", encoding="utf-8")
        pane.attach_requested.emit(item, photo)
        with database.begin() as session:
            session.execute(
                update(EvidenceFile)
                .where(EvidenceFile.file_name == photo.name)
                .values(file_name=name)
            )
    pane.attach_requested.emit(item, photo)  # the list is read again from the database
    assert sorted(pane.evidence.item(i).text() for i in range(pane.evidence.count())) == sorted(
        [*names, photo.name]
    )

    class Opener(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.opened: list[Path] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.opened.append(Path(url.toLocalFile()))

    opener = Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        for i in range(pane.evidence.count()):
            pane.evidence.itemDoubleClicked.emit(pane.evidence.item(i))
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert len(opener.opened) == len(names) + 1 and not boxes.texts
    for opened in opener.opened:
        assert opened.parent.parent == temporary and opened.parent.name.startswith("kiemtra-")
        assert opened.read_text(encoding="utf-8").startswith("minh chứng")
    assert {opened.name for opened in opener.opened} == {*names.values(), photo.name}
    assert not any(outside.iterdir())
    # Outside the temporary folder: only the files attached and the data folder's copies.
    elsewhere = {
        p.name
        for p in tmp_path.rglob("*")
        if p.is_file() and temporary not in p.parents and p.read_bytes().startswith(b"minh ch")
    }
    attached = {f"minh-chung-{n}.txt" for n in range(len(names))}
    assert {name for name in elsewhere if len(name) != 64} == attached


@pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
def test_the_window_refuses_evidence_whose_hash_is_a_path(
    qtbot: Any, window: Any, database: Database, seeded: Any, tmp_path: Path, boxes: Any
) -> None:
    from PySide6.QtCore import Qt

    photo = tmp_path / "anh.txt"
    photo.write_text("ảnh", encoding="utf-8")
    pane, item = window.pane, seeded.items[0]
    pane.attach_requested.emit(item, photo)
    with database.begin() as session:
        session.execute(update(EvidenceFile).values(sha256="../../../../etc/hostname"))
    pane.attach_requested.emit(item, photo)
    hostile = next(
        pane.evidence.item(i)
        for i in range(pane.evidence.count())
        if pane.evidence.item(i).data(Qt.ItemDataRole.UserRole).sha256.startswith("..")
    )
    pane.evidence.itemDoubleClicked.emit(hostile)
    assert boxes.texts and "mã băm" in boxes.texts[-1].lower()


@pytest.mark.parametrize("name", ["aux.png", "anh\nmoi.png", "a:b.png", "bao-cao\u202egnp.pdf"])
def test_what_a_laptop_attaches_an_office_accepts(
    database: Database, editor: Editor, tmp_path: Path, name: str
) -> None:
    """A Linux laptop can attach a file named "aux.png" or with a line feed in its name;
    the name is made plain when attached, so the office does not refuse the bundle."""
    from tests.window_support import seed

    seeded = seed(database, editor)
    photo = tmp_path / name
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + name.encode())
    with database.session() as session:
        attach_evidence(session, editor, seeded.assessment, seeded.items[0], photo)
    export_bundle(database, tmp_path / "laptop.ktb")
    bundle = read_bundle(tmp_path / "laptop.ktb")
    (row,) = bundle.records["evidence_files"]
    assert row["file_name"] != name and row["file_name"].endswith((".png", ".pdf"))
