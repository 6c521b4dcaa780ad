"""The safety rule between a merge's preview and its apply, without a window: what the user
saw is what gets written, or nothing is."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.audit import Editor
from models.bundle_export import export_bundle
from models.catalog import get_version
from models.db import Database
from models.device import LocalDevice
from models.entities import Answer, Assessment, Base, ChecklistItem
from models.merge import PlanChanged, apply_previewed, merge_previewed, preview_bundle
from models.opening import open_database
from models.services import assessments as service
from models.services.answers import record_answer
from models.services.units import create_unit

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-00000000000a"), "laptop-thanh-tra")


@pytest.fixture
def laptop(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def item(database: Database, assessment: uuid.UUID, code: str) -> uuid.UUID:
    with database.session() as session:
        version = session.get(Assessment, assessment).version_id
        return session.scalar(
            select(ChecklistItem.id).where(
                ChecklistItem.version_id == version, ChecklistItem.code == code
            )
        )


def status(database: Database, assessment: uuid.UUID, code: str) -> str | None:
    item_id = item(database, assessment, code)
    with database.session() as session:
        return session.scalar(
            select(Answer.status).where(
                Answer.assessment_id == assessment, Answer.item_id == item_id
            )
        )


def answer(database: Database, who: str, assessment: uuid.UUID, code: str, value: str) -> None:
    item_id = item(database, assessment, code)
    with database.session() as session:
        record_answer(session, Editor(database.device.id, who), assessment, item_id, value)


@pytest.fixture
def from_laptop(database: Database, laptop: Database, tmp_path: Path) -> tuple[uuid.UUID, Path]:
    """An assessment set up in the office, answered on the laptop, brought back as a file."""
    clerk = Editor(database.device.id, "Văn phòng")
    with database.session() as session:
        unit = create_unit(session, clerk, "HTX Chè Tiên Yên", "htx")
        version = get_version(session, "07-tb-cb-2021").id
        assessment = service.start_assessment(
            session, clerk, unit, version, "Tuần 38/2021", "kiem-tra", "Lê Thanh Tra"
        )
    out = tmp_path / "to-laptop.ktb"
    export_bundle(database, out)
    merge_previewed(laptop, preview_bundle(laptop, out))
    answer(laptop, "Lê Thanh Tra", assessment, "1", "chua-dat")
    back = tmp_path / "from-laptop.ktb"
    export_bundle(laptop, back)
    return assessment, back


def test_what_was_previewed_is_applied(database: Database, from_laptop: tuple) -> None:
    assessment, back = from_laptop
    previewed = preview_bundle(database, back)
    assert len(previewed.take_theirs) == 1 and not previewed.conflicts
    result = merge_previewed(database, previewed)
    assert result.took_theirs == 1
    assert status(database, assessment, "1") == "chua-dat"


def test_an_answer_given_after_the_preview_refuses_the_merge(
    database: Database, from_laptop: tuple
) -> None:
    assessment, back = from_laptop
    previewed = preview_bundle(database, back)  # no conflict yet: the laptop's answer wins
    answer(database, "Văn phòng", assessment, "1", "dat")  # then someone answers here
    before = counts(database)
    with pytest.raises(PlanChanged, match="xem trước") as refused:
        merge_previewed(database, previewed)
    assert "Nothing was written" in refused.value.en
    assert counts(database) == before
    assert status(database, assessment, "1") == "dat"  # not silently overwritten
    again = preview_bundle(database, back)  # looked at again, the conflict shows
    [conflict] = again.conflicts
    assert (conflict.mine, conflict.theirs) == ("dat", "chua-dat")
    merge_previewed(database, again, choices={conflict.key: "theirs"})
    assert status(database, assessment, "1") == "chua-dat"


def test_a_conflict_whose_value_moved_is_looked_at_again(
    database: Database, from_laptop: tuple
) -> None:
    assessment, back = from_laptop
    answer(database, "Văn phòng", assessment, "1", "dat")
    previewed = preview_bundle(database, back)
    [conflict] = previewed.conflicts
    answer(database, "Văn phòng", assessment, "1", "mot-phan")  # "mine" is not what was seen
    with pytest.raises(PlanChanged):
        merge_previewed(database, previewed, choices={conflict.key: "mine"})
    assert status(database, assessment, "1") == "mot-phan"


def test_the_same_bundle_merged_meanwhile_refuses_the_second_apply(
    database: Database, from_laptop: tuple
) -> None:
    _assessment, back = from_laptop
    first, second = preview_bundle(database, back), preview_bundle(database, back)
    merge_previewed(database, first)
    before = counts(database)
    with pytest.raises(PlanChanged):
        merge_previewed(database, second)
    assert counts(database) == before


def test_a_plan_made_in_the_same_session_applies(database: Database, from_laptop: tuple) -> None:
    """What ``kiemtra bundle import`` does: plan, show, apply in one session."""
    from models.bundle import read_bundle
    from models.bundle_merge import plan_merge

    assessment, back = from_laptop
    with database.session() as session:
        plan = plan_merge(session, read_bundle(back))
        assert session.in_transaction()  # the plan's reads
        result = apply_previewed(session, plan)
    assert result.took_theirs == 1 and status(database, assessment, "1") == "chua-dat"
