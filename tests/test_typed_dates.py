"""Days typed as people write them, and taking an evidence file off an answer: the core
functions behind the window's date fields and its "Gỡ tệp…" button."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from models.audit import Editor, history
from models.content_hash import evidence_path
from models.db import Database
from models.entities import EvidenceFile
from models.errors import InvalidInput, LockedError, NotFound
from models.services import assessments
from models.services.evidence import attach_evidence, remove_evidence
from models.typed_dates import day_text, parse_day
from tests.window_support import seed

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/12/2026", dt.date(2026, 12, 15)),
        ("15-12-2026", dt.date(2026, 12, 15)),
        ("15.12.26", dt.date(2026, 12, 15)),
        ("15 12 2026", dt.date(2026, 12, 15)),
        ("15122026", dt.date(2026, 12, 15)),
        ("2026-12-15", dt.date(2026, 12, 15)),
        ("15/12", dt.date(2026, 12, 15)),
        ("1/2", dt.date(2026, 2, 1)),
        ("+7", dt.date(2026, 3, 8)),
        ("+ 30", dt.date(2026, 3, 31)),
        ("hôm nay", TODAY),
        ("Hom nay", TODAY),
        ("today", TODAY),
        ("", None),
        ("   ", None),
    ],
)
def test_a_day_as_people_type_it(typed: str, day: dt.date | None) -> None:
    assert parse_day(typed, TODAY) == day


@pytest.mark.parametrize(
    "typed", ["—5122026", "31/02/2026", "15/13", "32/12/2026", "abc", "+99999", "15/12/1850"]
)
def test_what_is_not_a_day_is_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_day(typed, TODAY)
    assert "15/12/2026" in refused.value.vi and "15/12/2026" in refused.value.en
    assert "nothing was saved" in refused.value.en


def test_a_day_is_shown_day_first() -> None:
    assert day_text(dt.date(2026, 12, 5)) == "05/12/2026" and day_text(None) == ""


def test_taking_a_file_off_an_answer(database: Database, editor: Editor, tmp_path: Path) -> None:
    seeded = seed(database, editor)
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 not really a photo")
    with database.session() as session:
        file_id = attach_evidence(session, editor, seeded.assessment, seeded.items[0], photo)
        sha = session.get(EvidenceFile, file_id).sha256  # type: ignore[union-attr]
    with database.session() as session:
        remove_evidence(session, editor, file_id)
    with database.session() as session:
        assert session.scalar(select(EvidenceFile)) is None
        [entry] = [e for e in history(session, item_id=seeded.items[0]) if e.new_value is None]
        assert entry.old_value == {"file_name": "anh.jpg", "sha256": sha}
    assert evidence_path(sha).read_bytes() == photo.read_bytes()  # the stored copy stays
    with database.session() as session, pytest.raises(NotFound):
        remove_evidence(session, editor, file_id)  # already gone: said, nothing changes
    with database.session() as session:
        again = attach_evidence(session, editor, seeded.assessment, seeded.items[0], photo)
        assessments.submit_assessment(session, editor, seeded.assessment)
    with database.session() as session, pytest.raises(LockedError):
        remove_evidence(session, editor, again)
    with database.session() as session:
        assert session.get(EvidenceFile, again) is not None
    with database.session() as session, pytest.raises(NotFound):
        remove_evidence(session, editor, uuid.uuid4())
