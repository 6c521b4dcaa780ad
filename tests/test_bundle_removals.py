"""What was removed on one side stays removed on the other: an evidence file taken off an
answer, a closure taken back. The office removes what the laptop removed (and says so in the
plan and in its audit trail), keeps what it has locked since, never takes back a row it
removed itself, and a bundle of an older program still imports. Keyings of paper forms
travel too, so that a keying made in the field is compared with the office's."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from models.audit import Editor
from models.bundle import read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import apply_merge, plan_merge
from models.catalog import get_version
from models.device import LocalDevice
from models.entities import ActionClosure, AuditEntry, EvidenceFile
from models.keying import (
    FormKey,
    compare,
    mark_resolved,
    open_keyings,
    record_keying,
    settled_answers,
)
from models.opening import open_database
from models.services import assessments as svc
from models.services.evidence import attach_evidence, remove_evidence
from models.services.follow_up import close_action, reopen_action
from models.services.units import create_unit
from tests.test_action_closures import DONE, make_inspection, table_counts

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000d2"), "laptop-thanh-tra")
INSPECTOR = Editor(LAPTOP.id, "Lê Thanh Tra")
CHECKLIST = "07-tb-cb-2021"  # asks every unit every item


@pytest.fixture
def laptop(tmp_path):
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def merge(database, bundle: Path):
    with database.session() as session:
        plan = plan_merge(session, read_bundle(bundle))
        return plan, apply_merge(session, plan)


def carry(source, target, path: Path):
    export_bundle(source, path)
    return merge(target, path)


def evidence_names(database) -> list[str]:
    with database.session() as session:
        return sorted(session.scalars(select(EvidenceFile.file_name)))


def a_draft_with_a_photo(laptop, tmp_path):
    """A self-assessment answered on the laptop with one photo attached to its first item."""
    photo = tmp_path / "ảnh cổng.jpg"
    photo.write_bytes(b"\xff\xd8 the gate, without the 5K sign")
    with laptop.session() as session:
        unit = create_unit(session, INSPECTOR, "HTX Chè Tiên Yên", "htx")
        version = get_version(session, CHECKLIST)
        item = version.items[0].id
        assessment = svc.start_assessment(session, INSPECTOR, unit, version.id, "Tuần 38/2021")
        evidence = attach_evidence(session, INSPECTOR, assessment, item, photo)
    return assessment, item, evidence, photo


def removal_entries(session, evidence: uuid.UUID) -> list[AuditEntry]:
    """The audit entries saying this evidence file was taken off (nothing new)."""
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == evidence))
    found = [e for e in entries if e.new_value is None]
    return found


def removals_of(plan) -> tuple[int, list[str], list[str], list[str]]:
    summary = plan.summary()
    return (
        summary["removed"],
        [row["file_name"] for row in summary["removed_evidence"]],
        [row["id"] for row in summary["reopened_closures"]],
        [row["file_name"] for row in summary["kept_locked_evidence"]],
    )


def test_evidence_removed_on_the_laptop_is_removed_at_the_office(any_database, laptop, tmp_path):
    office = any_database
    assessment, item, evidence, photo = a_draft_with_a_photo(laptop, tmp_path)
    carry(laptop, office, tmp_path / "first.ktb")
    assert evidence_names(office) == ["ảnh cổng.jpg"]
    with laptop.session() as session:
        remove_evidence(session, INSPECTOR, evidence)
    export_bundle(laptop, tmp_path / "second.ktb")
    plan, _result = merge(office, tmp_path / "second.ktb")
    assert removals_of(plan) == (1, ["ảnh cổng.jpg"], [], [])
    assert plan.summary()["removed_evidence"][0]["id"] == str(evidence)
    assert evidence_names(office) == []
    with office.session() as session:  # the office's trail says who removed it, and where
        [removal] = removal_entries(session, evidence)
        assert (removal.device_id, removal.actor, removal.old_value["file_name"]) == (
            LAPTOP.id,
            "Lê Thanh Tra",
            "ảnh cổng.jpg",
        )
    before = table_counts(office)
    for again in ("second.ktb", "first.ktb"):  # neither the same bundle nor the older one
        plan, _result = merge(office, tmp_path / again)  # brings the photo back
        assert plan.changes == 0 and removals_of(plan) == (0, [], [], [])
        assert table_counts(office) == before
    # the office's bundle, made before it heard of the removal, does not bring it back either
    other = open_database(tmp_path / "other.sqlite3")
    try:
        carry(laptop, other, tmp_path / "to-other.ktb")  # knows the removal
        merge(other, tmp_path / "first.ktb")  # and is handed the photo again
        assert evidence_names(other) == []
    finally:
        other.close()


def test_a_photo_removed_then_attached_again_arrives(any_database, laptop, tmp_path):
    """Order matters: the new copy has a new id, and only the old one goes."""
    office = any_database
    assessment, item, evidence, photo = a_draft_with_a_photo(laptop, tmp_path)
    carry(laptop, office, tmp_path / "first.ktb")
    with laptop.session() as session:
        remove_evidence(session, INSPECTOR, evidence)
        again = attach_evidence(session, INSPECTOR, assessment, item, photo)
    plan, _result = carry(laptop, office, tmp_path / "second.ktb")
    assert removals_of(plan)[0] == 1 and plan.summary()["new"]["evidence_files"] == 1
    with office.session() as session:
        assert list(session.scalars(select(EvidenceFile.id))) == [again]


def test_a_removal_of_what_the_office_locked_is_kept_and_reported(
    any_database, laptop, editor, tmp_path
):
    office = any_database
    assessment, item, evidence, photo = a_draft_with_a_photo(laptop, tmp_path)
    carry(laptop, office, tmp_path / "first.ktb")
    with office.session() as session:
        svc.submit_assessment(session, editor, assessment)
    with laptop.session() as session:
        remove_evidence(session, INSPECTOR, evidence)
    export_bundle(laptop, tmp_path / "second.ktb")
    for _ in range(2):  # reported each time, changed neither time
        plan, _result = merge(office, tmp_path / "second.ktb")
        assert removals_of(plan) == (0, [], [], ["ảnh cổng.jpg"])
        assert evidence_names(office) == ["ảnh cổng.jpg"]
        with office.session() as session:
            assert svc.verify_assessment(session, assessment)
            assert (
                removal_entries(session, evidence) == []
            )  # the trail here says only what happened here


def shared_inspection(office, laptop, editor, tmp_path):
    """The office's submitted inspection (two actions required), carried to the laptop."""
    unit, _round, inspection, _later, actions = make_inspection(office, editor)
    carry(office, laptop, tmp_path / "to-laptop.ktb")
    return unit, inspection, actions


def closures(database) -> list[tuple[uuid.UUID, dt.date, str]]:
    with database.session() as session:
        return [
            (c.action_id, c.closed_on, c.note)
            for c in session.scalars(select(ActionClosure).order_by(ActionClosure.closed_on))
        ]


def test_a_closure_reopened_on_the_laptop_is_reopened_at_the_office(
    any_database, laptop, editor, tmp_path
):
    office = any_database
    _unit, inspection, actions = shared_inspection(office, laptop, editor, tmp_path)
    with laptop.session() as session:
        closure = close_action(
            session, INSPECTOR, actions[0], closed_on=DONE, note="Thấy bảng ở cổng"
        ).id
    carry(laptop, office, tmp_path / "closed.ktb")
    assert closures(office) == [(actions[0], DONE, "Thấy bảng ở cổng")]
    with laptop.session() as session:
        reopen_action(session, INSPECTOR, actions[0], "Bảng ở cổng khác, không phải của đơn vị")
    plan, _result = carry(laptop, office, tmp_path / "reopened.ktb")
    assert removals_of(plan) == (1, [], [str(closure)], [])
    assert closures(office) == []
    with office.session() as session:
        assert svc.verify_assessment(session, inspection)
        reason = session.scalar(
            select(AuditEntry.reason).where(
                AuditEntry.entity_id == closure, AuditEntry.action == "action-reopened"
            )
        )
        assert reason == "Bảng ở cổng khác, không phải của đơn vị"
    before = table_counts(office)
    for again in ("reopened.ktb", "closed.ktb"):
        plan, _result = merge(office, tmp_path / again)
        assert plan.changes == 0 and plan.summary()["closed_twice"] == []
        assert table_counts(office) == before


def test_a_closure_reopened_and_closed_again_ends_closed_once(
    any_database, laptop, editor, tmp_path
):
    office = any_database
    _unit, _inspection, actions = shared_inspection(office, laptop, editor, tmp_path)
    later = DONE + dt.timedelta(days=1)
    with laptop.session() as session:
        close_action(session, INSPECTOR, actions[1], closed_on=later, note="Lần đầu")
    carry(laptop, office, tmp_path / "closed.ktb")
    with laptop.session() as session:
        reopen_action(session, INSPECTOR, actions[1], "Ghi nhầm ngày")
        close_action(session, INSPECTOR, actions[1], closed_on=DONE, note="Đúng ngày")
    plan, _result = carry(laptop, office, tmp_path / "again.ktb")
    assert removals_of(plan)[0] == 1 and plan.summary()["closed_twice"] == []
    assert closures(office) == closures(laptop) == [(actions[1], DONE, "Đúng ngày")]


def test_a_closure_the_office_made_itself_is_not_taken_by_a_reopening_elsewhere(
    any_database, laptop, editor, tmp_path
):
    """The laptop reopened its own closure; the office's own closure of the same action is
    another closure and stays (it was the earlier, kept at the first meeting)."""
    office = any_database
    _unit, _inspection, actions = shared_inspection(office, laptop, editor, tmp_path)
    with office.session() as session:
        close_action(session, editor, actions[0], closed_on=DONE, note="Đơn vị báo đã lắp")
    with laptop.session() as session:
        close_action(
            session, INSPECTOR, actions[0], closed_on=DONE + dt.timedelta(days=1), note="x"
        )
    carry(laptop, office, tmp_path / "closed.ktb")  # the office's earlier closure is kept
    with laptop.session() as session:
        reopen_action(session, INSPECTOR, actions[0], "Nhầm")
    plan, _result = carry(laptop, office, tmp_path / "reopened.ktb")
    assert removals_of(plan) == (0, [], [], [])
    assert closures(office) == [(actions[0], DONE, "Đơn vị báo đã lắp")]


def older(bundle: Path, target: Path, *, drop: tuple[str, ...], version: int) -> Path:
    """The same bundle as an older program wrote it: without these tables."""
    with zipfile.ZipFile(bundle) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    records = json.loads(entries["records.json"])
    for name in drop:
        del records[name]
    entries["records.json"] = json.dumps(records, ensure_ascii=False).encode()
    manifest = json.loads(entries["manifest.json"])
    manifest["format_version"] = version
    manifest["entries"]["records.json"] = hashlib.sha256(entries["records.json"]).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return target


def test_a_bundle_of_an_older_program_still_imports(database, laptop, tmp_path):
    a_draft_with_a_photo(laptop, tmp_path)
    export_bundle(laptop, tmp_path / "new.ktb")
    old = older(
        tmp_path / "new.ktb",
        tmp_path / "old.ktb",
        drop=("action_closures", "form_keyings"),
        version=2,
    )
    plan, result = merge(database, old)
    assert removals_of(plan) == (0, [], [], []) and not plan.conflicts
    assert result.applied["evidence_files"] == 1
    assert evidence_names(database) == ["ảnh cổng.jpg"]


def keyed(database, editor, key, keyer: str, answers: list[str | None]) -> None:
    with database.session() as session:
        codes = [item.code for item in get_version(session, CHECKLIST).items[:3]]
        record_keying(session, editor, key, keyer, dict(zip(codes, answers, strict=True)))


def test_a_form_keyed_on_the_laptop_is_compared_with_the_office_keying(
    any_database, laptop, editor, tmp_path
):
    """Keyings travel: the inspector keys the paper form in the field, the office keys it
    again and compares; a third keying is left out and said; settling travels back."""
    office = any_database
    with laptop.session() as session:
        unit = create_unit(session, INSPECTOR, "HTX Chè Tiên Yên", "htx")
        version = get_version(session, CHECKLIST)
        codes = [item.code for item in version.items[:3]]
    key = FormKey(unit, version.id, "Tuần 38/2021")
    keyed(laptop, INSPECTOR, key, "Lê Thanh Tra", ["dat", "chua-dat", None])
    plan, _result = carry(laptop, office, tmp_path / "keyed.ktb")
    assert plan.summary()["new"]["form_keyings"] == 1
    keyed(office, editor, key, "Nguyễn Văn An", ["dat", "dat", None])
    with office.session() as session:
        assert [(d.code, d.first, d.second) for d in compare(session, key)] == [
            (codes[1], "chua-dat", "dat")
        ]
    keyed(laptop, INSPECTOR, key, "Trần Thị Bình", ["dat", "dat", "dat"])  # two open there
    before = table_counts(office)
    plan, _result = carry(laptop, office, tmp_path / "third.ktb")
    [left_out] = plan.summary()["keyings_left_out"]
    assert left_out["keyer"] == "Trần Thị Bình" and table_counts(office) == before
    with office.session() as session:
        mark_resolved(session, key, settled_answers(session, key, {codes[1]: "chua-dat"}))
        session.commit()
    plan, _result = carry(office, laptop, tmp_path / "settled.ktb")
    assert plan.summary()["settled_keyings"] == 1 and plan.summary()["new"]["form_keyings"] == 1
    with laptop.session() as session:
        [still_open] = open_keyings(session, key)
        assert still_open.keyer == "Trần Thị Bình"
    before = table_counts(laptop)
    plan, _result = merge(laptop, tmp_path / "settled.ktb")
    assert plan.changes == 0 and table_counts(laptop) == before


def test_a_bundle_written_before_keyings_travelled_still_imports(database, laptop, tmp_path):
    a_draft_with_a_photo(laptop, tmp_path)
    export_bundle(laptop, tmp_path / "new.ktb")
    old = older(tmp_path / "new.ktb", tmp_path / "old.ktb", drop=("form_keyings",), version=3)
    assert read_bundle(old).records["form_keyings"] == []
    plan, _result = merge(database, old)
    assert plan.summary()["keyings_left_out"] == [] and evidence_names(database) == ["ảnh cổng.jpg"]
