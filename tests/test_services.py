"""Units, assessments, answers: committed at once, audited, locked on submit."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from models.audit import history
from models.catalog import get_version
from models.content_hash import evidence_path
from models.entities import (
    Answer,
    Assessment,
    AuditEntry,
    ChecklistItem,
    CorrectiveAction,
    EvidenceFile,
    Unit,
)
from models.errors import InvalidInput, LockedError, NotFound
from models.opening import open_database
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.evidence import attach_evidence
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import (
    archive_unit,
    create_unit,
    delete_unit,
    list_units,
    move_unit,
    rename_unit,
    search_units,
)


@pytest.fixture
def database(any_database):
    return any_database


@pytest.fixture
def unit(database, editor):
    with database.session() as session:
        province = create_unit(session, editor, "Tỉnh Quảng Ninh", "tinh")
        district = create_unit(session, editor, "Huyện Đầm Hà", "huyen", province)
        return create_unit(session, editor, "HTX Nông nghiệp Đồng Tâm", "htx", district)


@pytest.fixture
def assessment(database, editor, unit):
    with database.session() as session:
        version = get_version(session, "451-cv-lmhtx-2021")
        return svc.start_assessment(
            session, editor, unit, version.id, "Tuần 39/2021", "tu-danh-gia", "Trần Thị Lan"
        )


def item_ids(database, assessment_id):
    with database.session() as session:
        version_id = session.get(Assessment, assessment_id).version_id
        return dict(
            session.execute(
                select(ChecklistItem.code, ChecklistItem.id).where(
                    ChecklistItem.version_id == version_id
                )
            ).all()
        )


def test_unit_tree_rename_move_archive(database, editor, unit):
    with database.session() as session:
        names = {u.name: u for u in list_units(session)}
        assert set(names) == {"Tỉnh Quảng Ninh", "Huyện Đầm Hà", "HTX Nông nghiệp Đồng Tâm"}
        rename_unit(session, editor, unit, "  HTX  Nông nghiệp\u00a0Đồng Tâm 2 ")
        assert session.get_one(Unit, unit).name == "HTX Nông nghiệp Đồng Tâm 2"
        province = names["Tỉnh Quảng Ninh"].id
        move_unit(session, editor, unit, province)
        with pytest.raises(InvalidInput):
            move_unit(session, editor, province, unit)  # a cycle
        archive_unit(session, editor, unit)
        assert unit not in {u.id for u in list_units(session)}
        assert unit in {u.id for u in list_units(session, include_archived=True)}
        actions = [e.action for e in history(session, entity_id=unit)]
        assert actions == ["create", "rename", "move", "archive"]


def test_search_ignores_diacritics(database, editor, unit):
    with database.session() as session:
        assert [u.name for u in search_units(session, "dong tam")] == ["HTX Nông nghiệp Đồng Tâm"]
        assert [u.name for u in search_units(session, "ĐẦM HÀ")] == ["Huyện Đầm Hà"]
        assert search_units(session, "hai phong") == []


def test_bad_unit_input_is_refused(database, editor):
    with database.session() as session:
        with pytest.raises(InvalidInput):
            create_unit(session, editor, "   ", "htx")
        with pytest.raises(InvalidInput):
            create_unit(session, editor, "X", "ngan-hang")
        with pytest.raises(NotFound):
            create_unit(session, editor, "X", "htx", uuid.uuid4())
        assert list_units(session) == []


def test_a_unit_with_answers_is_never_deleted(database, editor, unit, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["1"], "dat")
        with pytest.raises(InvalidInput, match="archive it instead"):
            delete_unit(session, editor, unit)
        empty = create_unit(session, editor, "Đơn vị thử", "khac")
        delete_unit(session, editor, empty)
        assert empty not in {u.id for u in list_units(session, include_archived=True)}


def test_start_is_idempotent_and_validates(database, editor, unit, assessment):
    with database.session() as session:
        version = get_version(session, "451-cv-lmhtx-2021")
        again = svc.start_assessment(session, editor, unit, version.id, "2021-W39")
        assert again == assessment
        with pytest.raises(InvalidInput):
            svc.start_assessment(session, editor, unit, version.id, "tuần 60/2021")
        with pytest.raises(InvalidInput):
            svc.start_assessment(session, editor, unit, version.id, "2021-W39", "khac")


def test_answers_are_committed_at_once_and_audited(database, device, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        saved = record_answer(session, editor, assessment, ids["2"], "chua-dat")
        assert saved.changed and saved.revision == 1
        record_answer(session, editor, assessment, ids["2"], "mot-phan")
        unchanged = record_answer(session, editor, assessment, ids["2"], "mot-phan")
        assert not unchanged.changed
    # Another connection (as after a crash and restart) sees it.
    other = open_database(database.url, device=device)
    with other.session() as session:
        answer = session.scalar(select(Answer).where(Answer.item_id == ids["2"]))
        assert answer.status == "mot-phan" and answer.revision == 2
        trail = [
            (e.old_value, e.new_value, e.device_id, e.actor)
            for e in history(session, item_id=ids["2"])
        ]
        assert trail == [
            (None, "chua-dat", device.id, "Nguyễn Văn An"),
            ("chua-dat", "mot-phan", device.id, "Nguyễn Văn An"),
        ]
    other.close()


def test_unknown_answer_and_foreign_item_are_refused(database, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        other_item = session.scalar(
            select(ChecklistItem.id)
            .join(ChecklistItem.version)
            .where(ChecklistItem.id.not_in(list(ids.values())))
            .limit(1)
        )
        with pytest.raises(InvalidInput):
            record_answer(session, editor, assessment, ids["1"], "tot")
        with pytest.raises(NotFound):
            record_answer(session, editor, assessment, other_item, "dat")
        with pytest.raises(NotFound):
            record_answer(session, editor, uuid.uuid4(), ids["1"], "dat")
        assert session.scalar(select(func.count()).select_from(Answer)) == 0


def test_stale_revision_is_refused(database, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["1"], "dat")
        record_answer(session, editor, assessment, ids["1"], "chua-dat", expected_revision=1)
        with pytest.raises(InvalidInput, match="changed by someone else"):
            record_answer(session, editor, assessment, ids["1"], "dat", expected_revision=1)
        assert session.scalar(select(Answer.status)) == "chua-dat"


def test_note_action_evidence(database, editor, assessment, tmp_path):
    ids = item_ids(database, assessment)
    photo = tmp_path / "cổng.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 1000)
    with database.session() as session:
        set_note(session, editor, assessment, ids["2"], "Chưa có sổ theo dõi ra vào")
        set_corrective_action(
            session,
            editor,
            assessment,
            ids["2"],
            "Lập sổ theo dõi",
            "Lê Văn Hùng",
            dt.date(2021, 10, 5),
        )
        evidence_id = attach_evidence(session, editor, assessment, ids["2"], photo)
        evidence = session.get(EvidenceFile, evidence_id)
        assert evidence_path(evidence.sha256).read_bytes() == photo.read_bytes()
        assert evidence.media_type == "image/jpeg"
        action = session.scalar(select(CorrectiveAction))
        assert (action.what, action.who, action.due_on) == (
            "Lập sổ theo dõi",
            "Lê Văn Hùng",
            dt.date(2021, 10, 5),
        )
        set_corrective_action(session, editor, assessment, ids["2"], "")
        assert session.scalar(select(func.count()).select_from(CorrectiveAction)) == 0
        actions = [e.action for e in history(session, assessment_id=assessment)]
        assert actions == ["start", "note", "corrective-action", "evidence", "corrective-action"]


def test_submit_locks_and_reopen_needs_a_reason(database, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["1"], "dat")
        digest = svc.submit_assessment(session, editor, assessment)
        assert len(digest) == 64 and svc.verify_assessment(session, assessment)
        with pytest.raises(LockedError):
            record_answer(session, editor, assessment, ids["2"], "dat")
        with pytest.raises(LockedError):
            set_note(session, editor, assessment, ids["1"], "sửa")
        with pytest.raises(InvalidInput):
            svc.reopen_assessment(session, editor, assessment, "  ")
        svc.reopen_assessment(session, editor, assessment, "Bổ sung minh chứng")
        record_answer(session, editor, assessment, ids["2"], "dat")
        reopen = [e for e in history(session, assessment_id=assessment) if e.action == "reopen"]
        assert reopen[0].reason == "Bổ sung minh chứng"


def test_tampering_after_submit_is_detected(database, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["1"], "chua-dat")
        svc.submit_assessment(session, editor, assessment)
        session.execute(Answer.__table__.update().values(status="dat"))
        session.commit()
        assert not svc.verify_assessment(session, assessment)


def test_audit_entries_are_only_added(database, editor, assessment):
    ids = item_ids(database, assessment)
    with database.session() as session:
        for status in ["dat", "chua-dat", "dat", None]:
            record_answer(session, editor, assessment, ids["3"], status)
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.item_id == ids["3"]).order_by(AuditEntry.at)
        ).all()
        assert [(e.old_value, e.new_value) for e in entries] == [
            (None, "dat"),
            ("dat", "chua-dat"),
            ("chua-dat", "dat"),
            ("dat", None),
        ]


def test_two_writers_no_lost_update(database, editor, assessment, device):
    """Two windows (or two PCs on one server) read the same answer; the second writer of a
    stale value is refused with a clear message, and the first write stays."""
    ids = item_ids(database, assessment)
    other = open_database(database.url, device=device)
    with database.session() as mine, other.session() as theirs:
        record_answer(mine, editor, assessment, ids["1"], "dat")
        seen_by_both = 1
        record_answer(
            mine, editor, assessment, ids["1"], "chua-dat", expected_revision=seen_by_both
        )
        with pytest.raises(InvalidInput) as caught:
            record_answer(
                theirs, editor, assessment, ids["1"], "mot-phan", expected_revision=seen_by_both
            )
        assert "NOT saved" in caught.value.en
        with pytest.raises(InvalidInput):
            set_note(
                theirs, editor, assessment, ids["1"], "ghi chú cũ", expected_revision=seen_by_both
            )
    with database.session() as session:
        answer = session.scalar(select(Answer).where(Answer.item_id == ids["1"]))
        assert (answer.status, answer.note, answer.revision) == ("chua-dat", "", 2)
    other.close()


def test_racing_writers_exactly_one_wins(database, editor, assessment, device):
    import threading

    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["2"], "dat")
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def write(status: str) -> None:
        db = open_database(database.url, device=device, load_checklists=False)
        try:
            with db.session() as session:
                barrier.wait()
                try:
                    record_answer(
                        session, editor, assessment, ids["2"], status, expected_revision=1
                    )
                    outcomes.append(status)
                except InvalidInput:
                    outcomes.append("stale")
        finally:
            db.close()

    threads = [
        threading.Thread(target=write, args=(s,))
        for s in ("chua-dat", "mot-phan", "khong-ap-dung", "chua-dat")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    winners = [o for o in outcomes if o != "stale"]
    assert len(outcomes) == 4 and len(winners) == 1
    with database.session() as session:
        answer = session.scalar(select(Answer).where(Answer.item_id == ids["2"]))
        assert (answer.status, answer.revision) == (winners[0], 2)


def test_a_refused_or_empty_change_leaves_no_lock_behind(database, editor, assessment, device):
    ids = item_ids(database, assessment)
    with database.session() as session:
        record_answer(session, editor, assessment, ids["1"], "dat")
        record_answer(session, editor, assessment, ids["1"], "dat")  # no change
        assert not session.in_transaction()
        with pytest.raises(InvalidInput):
            record_answer(session, editor, assessment, ids["1"], "sai")
        assert not session.in_transaction()
        # Another writer is not blocked by this session.
        other = open_database(database.url, device=device)
        with other.session() as theirs:
            record_answer(theirs, editor, assessment, ids["2"], "dat")
        other.close()
