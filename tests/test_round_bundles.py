"""Rounds travel in bundles with their assessments; a draft deleted on one side is deleted
on the other unless it was submitted there. Office on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from models.audit import Editor
from models.bundle import read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import apply_merge, plan_merge
from models.catalog import get_version
from models.device import LocalDevice
from models.entities import Assessment, round_units
from models.opening import open_database
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.rounds import create_round, delete_draft, list_rounds
from models.services.units import create_unit

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000aa"), "laptop")
CHECKLIST = "451-cv-lmhtx-2021"


@pytest.fixture
def office(any_database):
    return any_database


@pytest.fixture
def laptop(tmp_path):
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def merge(database, path):
    with database.session() as session:
        plan = plan_merge(session, read_bundle(path))
        apply_merge(session, plan, prefer="theirs")
    return plan


def test_a_round_travels_with_its_assessments(office, laptop, tmp_path):
    editor = Editor(LAPTOP.id, "Thanh tra")
    with laptop.session() as session:
        district = create_unit(session, editor, "Huyện Đầm Hà", "huyen")
        units = [create_unit(session, editor, f"HTX {n}", "htx", district) for n in range(3)]
        round_id = create_round(
            session,
            editor,
            name="Tuần 38",
            checklists=[CHECKLIST],
            period="Tuần 38/2021",
            area_id=district,
            unit_kind="htx",
        )
        version = get_version(session, CHECKLIST)
        assessment = svc.start_assessment(session, editor, units[0], version.id, "Tuần 38/2021")
    path = tmp_path / "field.kiemtra"
    export_bundle(laptop, path, units=[units[0]])
    plan = merge(office, path)
    assert plan.summary()["new"]["rounds"] == 1
    with office.session() as session:
        (info,) = list_rounds(session)
        assert info.id == round_id and info.checklists == (CHECKLIST,)
        assert session.get(Assessment, assessment).round_id == round_id
        # Only the expected units the bundle carried arrive; the others stay with the laptop.
        assert info.expected == 1
    # Importing it again changes nothing.
    assert merge(office, path).changes == 0
    # A whole-database bundle carries every expected unit; the office's list only grows.
    everything = tmp_path / "all.kiemtra"
    export_bundle(laptop, everything)
    merge(office, everything)
    with office.session() as session:
        assert list_rounds(session)[0].expected == 3
        expected = session.scalars(
            select(round_units.c.unit_id).where(round_units.c.round_id == round_id)
        ).all()
        assert set(expected) == set(units)


def test_a_deleted_draft_is_deleted_on_the_other_side(office, laptop, tmp_path):
    editor = Editor(LAPTOP.id, "Thanh tra")
    with laptop.session() as session:
        unit = create_unit(session, editor, "HTX Một", "htx")
        other = create_unit(session, editor, "HTX Hai", "htx")
        version = get_version(session, CHECKLIST)
        mistaken = svc.start_assessment(session, editor, unit, version.id, "Tuần 38/2021")
        kept = svc.start_assessment(session, editor, other, version.id, "Tuần 38/2021")
    first = tmp_path / "first.kiemtra"
    export_bundle(laptop, first)
    merge(office, first)
    with office.session() as session:  # the office submits one of them meanwhile
        item = get_version(session, CHECKLIST).items[0].id
        office_editor = Editor(office.device.id, "Văn phòng")
        record_answer(session, office_editor, kept, item, "dat")
        svc.submit_assessment(session, office_editor, kept)
    with laptop.session() as session:
        delete_draft(session, editor, mistaken, "nhầm kỳ")
        delete_draft(session, editor, kept, "nhầm đơn vị")
    second = tmp_path / "second.kiemtra"
    export_bundle(laptop, second, since_last_export=True)
    plan = merge(office, second)
    assert plan.deleted == [mistaken] and plan.kept_submitted == [kept]
    with office.session() as session:
        assert session.get(Assessment, mistaken) is None
        assert session.get(Assessment, kept).status == "submitted"
