"""Field laptop ↔ office: bundles, merging by UUID, conflicts, locked assessments, and
hostile files refused before anything is written."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.audit import Editor
from models.bundle import BundleError, read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import apply_merge, plan_merge, verify_bundle_content
from models.catalog import get_version
from models.content_hash import evidence_path
from models.device import LocalDevice
from models.entities import Answer, Assessment, AuditEntry, Base, EvidenceFile, Unit
from models.opening import open_database
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.evidence import attach_evidence
from models.services.notes_and_actions import set_note
from models.services.units import archive_unit, create_unit, move_unit, rename_unit

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-00000000000a"), "laptop-thanh-tra")
OFFICE = LocalDevice(uuid.UUID("00000000-0000-4000-8000-00000000000b"), "may-van-phong")


@pytest.fixture
def office(any_database):
    return any_database


@pytest.fixture
def laptop(tmp_path):
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def counts(database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def items(session, assessment_id) -> dict[str, uuid.UUID]:
    version = session.get(Assessment, assessment_id).version_id
    from models.entities import ChecklistItem

    return dict(
        session.execute(
            select(ChecklistItem.code, ChecklistItem.id).where(ChecklistItem.version_id == version)
        ).all()
    )


def answer(database, assessment_id, code) -> Answer | None:
    with database.session() as session:
        return session.scalar(
            select(Answer).where(
                Answer.assessment_id == assessment_id,
                Answer.item_id == items(session, assessment_id)[code],
            )
        )


def merge(database, bundle_path: Path, **options):
    with database.session() as session:
        plan = plan_merge(session, read_bundle(bundle_path))
        if options.pop("plan_only", False):
            return plan
        return plan, apply_merge(session, plan, **options)


@pytest.fixture
def shared_assessment(office, laptop, tmp_path):
    """The office sets up a unit and an assessment and sends them to the laptop."""
    clerk = Editor(office.device.id, "Văn phòng")
    with office.session() as session:
        district = create_unit(session, clerk, "Huyện Tiên Yên", "huyen")
        unit = create_unit(session, clerk, "HTX Chè Tiên Yên", "htx", district)
        assessment = svc.start_assessment(
            session,
            clerk,
            unit,
            get_version(session, "07-tb-cb-2021").id,
            "Tuần 38/2021",
            "kiem-tra",
            "Lê Thanh Tra",
        )
    out = tmp_path / "to-laptop.ktb"
    export_bundle(office, out)
    merge(laptop, out)
    return assessment


def test_round_trip_and_idempotent_reimport(office, laptop, shared_assessment, tmp_path):
    inspector = Editor(LAPTOP.id, "Lê Thanh Tra")
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        for code, status in [("1", "dat"), ("3", "chua-dat"), ("4", "mot-phan")]:
            record_answer(session, inspector, shared_assessment, codes[code], status)
        set_note(session, inspector, shared_assessment, codes["3"], "Chưa có chốt kiểm soát")
    back = tmp_path / "from-laptop.ktb"
    export_bundle(laptop, back)
    plan, result = merge(office, back)
    assert result.took_theirs == 3 and not plan.conflicts
    assert answer(office, shared_assessment, "3").status == "chua-dat"
    assert answer(office, shared_assessment, "3").note == "Chưa có chốt kiểm soát"
    with office.session() as session:
        trail = session.scalars(
            select(AuditEntry.device_id).where(
                AuditEntry.assessment_id == shared_assessment, AuditEntry.action == "answer"
            )
        ).all()
        assert set(trail) == {LAPTOP.id}  # every change carries the device it came from
    before = counts(office)
    plan, result = merge(office, back)
    assert plan.changes == 0 and counts(office) == before


def test_changes_on_one_side_win_and_on_both_sides_conflict(
    office, laptop, shared_assessment, tmp_path
):
    clerk, inspector = Editor(office.device.id, "VP"), Editor(LAPTOP.id, "TT")
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        record_answer(session, inspector, shared_assessment, codes["1"], "chua-dat")
        record_answer(session, inspector, shared_assessment, codes["2"], "dat")
    with office.session() as session:
        record_answer(session, clerk, shared_assessment, codes["1"], "dat")
        record_answer(session, clerk, shared_assessment, codes["5"], "mot-phan")
    back = tmp_path / "from-laptop.ktb"
    export_bundle(laptop, back)
    before = counts(office)
    plan = merge(office, back, plan_only=True)
    assert [(c.code, c.mine, c.theirs) for c in plan.conflicts] == [("1", "dat", "chua-dat")]
    with pytest.raises(BundleError, match="--prefer"):
        merge(office, back)
    assert counts(office) == before  # nothing written without a choice
    merge(office, back, prefer="theirs")
    assert answer(office, shared_assessment, "1").status == "chua-dat"
    assert answer(office, shared_assessment, "2").status == "dat"  # only the laptop changed it
    assert answer(office, shared_assessment, "5").status == "mot-phan"  # only here: kept
    with office.session() as session:
        merged = session.scalar(select(AuditEntry).where(AuditEntry.action == "merge-conflict"))
        assert merged.old_value["mine"] == "dat" and merged.new_value["theirs"] == "chua-dat"
    # Back to the laptop: the office has seen everything the laptop did; no conflict.
    to_laptop = tmp_path / "to-laptop-2.ktb"
    export_bundle(office, to_laptop)
    plan, _ = merge(laptop, to_laptop)
    assert not plan.conflicts
    assert answer(laptop, shared_assessment, "5").status == "mot-phan"


def test_prefer_mine_keeps_this_side(office, laptop, shared_assessment, tmp_path):
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        record_answer(session, Editor(LAPTOP.id), shared_assessment, codes["6"], "dat")
    with office.session() as session:
        record_answer(session, Editor(OFFICE.id), shared_assessment, codes["6"], "chua-dat")
    back = tmp_path / "b.ktb"
    export_bundle(laptop, back)
    _, result = merge(office, back, prefer="mine")
    assert result.kept_mine == 1
    assert answer(office, shared_assessment, "6").status == "chua-dat"


def test_a_locked_assessment_is_never_changed(office, laptop, shared_assessment, tmp_path):
    with office.session() as session:
        codes = items(session, shared_assessment)
        record_answer(session, Editor(OFFICE.id), shared_assessment, codes["1"], "dat")
        digest = svc.submit_assessment(session, Editor(OFFICE.id), shared_assessment)
    with laptop.session() as session:
        record_answer(session, Editor(LAPTOP.id), shared_assessment, codes["1"], "chua-dat")
    back = tmp_path / "b.ktb"
    export_bundle(laptop, back)
    plan, result = merge(office, back, prefer="theirs")
    assert [c.locked for c in plan.conflicts] == [True] and result.locked
    assert answer(office, shared_assessment, "1").status == "dat"
    with office.session() as session:
        assert session.get(Assessment, shared_assessment).content_hash == digest
        assert svc.verify_assessment(session, shared_assessment)
    plan, _ = merge(office, back, prefer="theirs")  # still raised the second time
    assert [c.locked for c in plan.conflicts] == [True]


def test_submitted_in_the_field_arrives_locked_with_its_hash(
    office, laptop, shared_assessment, tmp_path, monkeypatch, kiemtra_home
):
    photo = tmp_path / "ảnh-cổng.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"cong" * 500)
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        record_answer(session, Editor(LAPTOP.id), shared_assessment, codes["2"], "dat")
        attach_evidence(session, Editor(LAPTOP.id), shared_assessment, codes["2"], photo)
        digest = svc.submit_assessment(session, Editor(LAPTOP.id), shared_assessment)
    back = tmp_path / "b.ktb"
    export_bundle(laptop, back)
    assert verify_bundle_content(read_bundle(back)) == []
    office_home = tmp_path / "office-home"
    office_home.mkdir()
    monkeypatch.setenv("KIEMTRA_HOME", str(office_home))  # the office's own data folder
    _, result = merge(office, back)
    assert result.submitted == 1
    with office.session() as session:
        assessment = session.get(Assessment, shared_assessment)
        assert assessment.status == "submitted" and assessment.content_hash == digest
        assert svc.verify_assessment(session, shared_assessment)
        evidence = session.scalar(select(EvidenceFile))
        assert evidence_path(evidence.sha256).read_bytes() == photo.read_bytes()


def test_units_merge_and_a_rename_on_one_side_is_taken(office, laptop, shared_assessment, tmp_path):
    with laptop.session() as session:
        unit = session.scalar(select(Unit.id).where(Unit.kind == "htx"))
        rename_unit(session, Editor(LAPTOP.id), unit, "HTX Chè Tiên Yên (Đông Ngũ)")
        create_unit(session, Editor(LAPTOP.id), "HTX Mới Trên Thực Địa", "htx")
    back = tmp_path / "b.ktb"
    export_bundle(laptop, back)
    merge(office, back)
    with office.session() as session:
        names = set(session.scalars(select(Unit.name)))
        assert "HTX Chè Tiên Yên (Đông Ngũ)" in names


def unit_row(database, name_or_id) -> Unit:
    with database.session() as session:
        if isinstance(name_or_id, uuid.UUID):
            return session.get(Unit, name_or_id)
        return session.scalar(select(Unit).where(Unit.name == name_or_id))


def test_unit_details_merge_field_by_field_from_what_each_side_saw(
    office, laptop, shared_assessment, tmp_path
):
    """The laptop renames a unit and moves it; the office archives it. Different fields, so
    no conflict: each side takes the other's change, whatever the clocks said."""
    unit = unit_row(office, "HTX Chè Tiên Yên").id
    with laptop.session() as session:
        other = create_unit(session, Editor(LAPTOP.id), "Huyện Ba Chẽ", "huyen")
        rename_unit(session, Editor(LAPTOP.id), unit, "HTX Chè Đông Ngũ")
        move_unit(session, Editor(LAPTOP.id), unit, other)
    with office.session() as session:
        archive_unit(session, Editor(OFFICE.id), unit)
    export_bundle(laptop, tmp_path / "laptop.ktb")
    plan, _ = merge(office, tmp_path / "laptop.ktb")
    assert not plan.conflicts and [sorted(f) for _, f in plan.updated_units] == [
        ["name", "parent_id"]
    ]
    export_bundle(office, tmp_path / "office.ktb")
    plan, _ = merge(laptop, tmp_path / "office.ktb")
    assert not plan.conflicts and [f for _, f in plan.updated_units] == [["archived"]]
    for database in (office, laptop):
        row = unit_row(database, unit)
        assert (row.name, row.parent_id, row.archived_at is not None) == (
            "HTX Chè Đông Ngũ",
            other,
            True,
        )


def test_a_unit_conflict_is_decided_by_its_own_key(office, laptop, shared_assessment, tmp_path):
    """What the window does: one choice per conflict row, the unit's name among answers."""
    unit = unit_row(office, "HTX Chè Tiên Yên").id
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        rename_unit(session, Editor(LAPTOP.id), unit, "HTX Chè (thực địa)")
        record_answer(session, Editor(LAPTOP.id), shared_assessment, codes["1"], "dat")
    with office.session() as session:
        rename_unit(session, Editor(OFFICE.id), unit, "HTX Chè (văn phòng)")
        record_answer(session, Editor(OFFICE.id), shared_assessment, codes["1"], "chua-dat")
    export_bundle(laptop, tmp_path / "laptop.ktb")
    plan = merge(office, tmp_path / "laptop.ktb", plan_only=True)
    found = {c.field: c for c in plan.conflicts}
    assert set(found) == {"name", "status"}
    name = found["name"]
    assert (name.key, name.unit, name.mine, name.theirs) == (
        f"unit/{unit}/name",
        "HTX Chè (văn phòng)",
        "HTX Chè (văn phòng)",
        "HTX Chè (thực địa)",
    )
    assert name.as_json()["unit_id"] == str(unit) and name.as_json()["assessment_id"] is None
    _, result = merge(
        office,
        tmp_path / "laptop.ktb",
        choices={name.key: "theirs", found["status"].key: "mine"},
    )
    assert (result.took_theirs, result.kept_mine) == (1, 1)
    assert unit_row(office, unit).name == "HTX Chè (thực địa)"
    assert answer(office, shared_assessment, "1").status == "chua-dat"
    with office.session() as session:
        decided = session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "merge-conflict", AuditEntry.entity == "unit"
            )
        )
        assert decided.entity_id == unit and decided.new_value["theirs"] == "HTX Chè (thực địa)"
    assert not merge(office, tmp_path / "laptop.ktb", plan_only=True).conflicts


def test_the_upgrade_to_change_marks_exports_what_the_old_rule_would(laptop, tmp_path):
    """A database upgraded from revision 0003 remembers its last export as a time; the first
    "since the last export" after the upgrade carries what changed after that time."""
    from alembic import command
    from alembic.config import Config

    from models import paths
    from models.db import sqlite_engine

    clerk = Editor(LAPTOP.id, "TT")
    with laptop.session() as session:
        version = get_version(session, "07-tb-cb-2021").id
        units = [create_unit(session, clerk, f"HTX số {n}", "htx") for n in range(3)]
        started = [
            svc.start_assessment(session, clerk, unit, version, "Tuần 38/2021") for unit in units
        ]
    export_bundle(laptop, tmp_path / "before.ktb")
    with laptop.session() as session:
        codes = items(session, started[1])
        record_answer(session, clerk, started[1], codes["1"], "dat")
    laptop.close()
    engine = sqlite_engine(laptop.path)
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()
    upgraded = open_database(laptop.path, device=LAPTOP)
    try:
        counted = export_bundle(upgraded, tmp_path / "since.ktb", since_last_export=True)
        assert counted["assessments"] == 1
        assert [r["id"] for r in read_bundle(tmp_path / "since.ktb").records["assessments"]] == [
            started[1]
        ]
        again = export_bundle(upgraded, tmp_path / "again.ktb", since_last_export=True)
        assert again["assessments"] == 0
    finally:
        upgraded.close()


def test_export_filters(office, shared_assessment, tmp_path):
    clerk = Editor(office.device.id)
    with office.session() as session:
        other = create_unit(session, clerk, "Trường THCS Lê Lợi", "truong-hoc")
        svc.start_assessment(
            session, clerk, other, get_version(session, "07-tb-cb-2021").id, "Tuần 40/2021"
        )
    counted = export_bundle(office, tmp_path / "w38.ktb", period="2021-W38")
    assert counted["assessments"] == 1
    counted = export_bundle(office, tmp_path / "unit.ktb", units=[other])
    assert counted["assessments"] == 1 and counted["units"] == 1
    counted = export_bundle(office, tmp_path / "since.ktb", since_last_export=True)
    assert counted["assessments"] == 0


# -- hostile and damaged bundles ------------------------------------------------------------


def rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries = change(entries)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items() if isinstance(entries, dict) else entries:
            archive.writestr(name, data)
    return target


@pytest.fixture
def good_bundle(laptop, shared_assessment, tmp_path):
    with laptop.session() as session:
        codes = items(session, shared_assessment)
        record_answer(session, Editor(LAPTOP.id), shared_assessment, codes["1"], "dat")
    path = tmp_path / "good.ktb"
    export_bundle(laptop, path)
    return path


def tampered_records(entries):
    records = json.loads(entries["records.json"])
    records["answers"][0]["status"] = "chua-dat"
    entries["records.json"] = json.dumps(records).encode()
    return entries


def newer_format(entries):
    manifest = json.loads(entries["manifest.json"])
    manifest["format_version"] = 99
    entries["manifest.json"] = json.dumps(manifest).encode()
    return entries


def with_entry(name, data=b"x"):
    def change(entries):
        entries[name] = data
        manifest = json.loads(entries["manifest.json"])
        import hashlib

        manifest["entries"][name] = hashlib.sha256(data).hexdigest()
        entries["manifest.json"] = json.dumps(manifest).encode()
        return entries

    return change


def bad_field(entries):
    records = json.loads(entries["records.json"])
    records["answers"][0]["revision"] = "một"
    body = json.dumps(records).encode()
    entries["records.json"] = body
    manifest = json.loads(entries["manifest.json"])
    import hashlib

    manifest["entries"]["records.json"] = hashlib.sha256(body).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    return entries


def duplicate_names(entries):
    return list(entries.items()) + [("records.json", entries["records.json"])]


@pytest.mark.slow  # many cases, each on a new database
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (tampered_records, "SHA-256"),
        (newer_format, "newer"),
        (with_entry("/etc/passwd"), "unsafe"),
        (with_entry("evidence/../../x"), "unsafe"),
        (with_entry("notes.txt"), "unexpected"),
        (bad_field, "revision"),
        (lambda e: {k: v for k, v in e.items() if k != "manifest.json"}, "manifest"),
        (with_entry("evidence/" + "0" * 64, bytes(60 * 1024 * 1024)), "zip bomb"),
    ],
)
def test_hostile_bundles_are_refused_and_change_nothing(
    office, good_bundle, tmp_path, change, message
):
    import warnings

    before = counts(office)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name on purpose
        bad = rewrite(good_bundle, tmp_path / "bad.ktb", change)
    with pytest.raises(BundleError) as caught:
        merge(office, bad)
    assert message in caught.value.en
    assert "Không có gì được ghi" in caught.value.vi or "không" in caught.value.vi.lower()
    assert counts(office) == before


def test_duplicate_entry_names_are_refused(good_bundle, tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bad = rewrite(good_bundle, tmp_path / "dup.ktb", duplicate_names)
    with pytest.raises(BundleError, match="duplicate"):
        read_bundle(bad)


@pytest.mark.slow  # a demo laptop and office per case
@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_damaged_files_are_refused(good_bundle, tmp_path, damage):
    data = good_bundle.read_bytes()
    bad = tmp_path / "bad.ktb"
    bad.write_bytes(
        {"truncate": data[: len(data) // 2], "garbage": b"\x00garbage" * 100, "empty": b""}[damage]
    )
    with pytest.raises(BundleError) as caught:
        read_bundle(bad)
    assert "không phải gói dữ liệu" in caught.value.vi


@pytest.mark.slow  # several kiemtra processes
def test_cli_import_dry_run_json_and_verify(office, good_bundle, tmp_path):
    base = [sys.executable, "-m", "qt_app", "--db", office.url]
    office.close()
    dry = subprocess.run(
        [*base, "bundle", "import", str(good_bundle), "--dry-run", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["dry_run"] and report["plan"]["updated_answers"] == 1
    real = subprocess.run(
        [*base, "bundle", "import", str(good_bundle), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(real.stdout)["result"]["took_theirs"] == 1
    verify = subprocess.run(
        [*base, "bundle", "verify", str(good_bundle)], capture_output=True, text=True, timeout=120
    )
    assert verify.returncode == 0 and verify.stdout.startswith("OK")
    checked = subprocess.run(
        [*base, "assessments", "verify"], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0


def test_exporting_everything_carries_units_without_assessments(office, laptop, tmp_path):
    clerk = Editor(office.device.id, "VP")
    with office.session() as session:
        province = create_unit(session, clerk, "Tỉnh Quảng Ninh", "tinh")
        create_unit(session, clerk, "HTX Chưa Đánh Giá", "htx", province)
    whole = tmp_path / "all.ktb"
    assert export_bundle(office, whole)["units"] == 2
    merge(laptop, whole)
    with laptop.session() as session:
        assert set(session.scalars(select(Unit.name))) == {"Tỉnh Quảng Ninh", "HTX Chưa Đánh Giá"}
