"""Closing a corrective action after its inspection was locked: who, when and the evidence.

A closed action leaves every open list at once (the unit's, the next assessment's, the
round overview's counts), the inspection still verifies, every refusal changes nothing,
and closures travel in bundles (older bundles without them still import; two closures of
one action merge to the same one whichever way round)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.audit import Editor, history
from models.bundle import read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import apply_merge, plan_merge
from models.catalog import get_version
from models.content_hash import evidence_path
from models.device import LocalDevice
from models.entities import ActionClosure, AuditEntry, Base, CorrectiveAction
from models.errors import KnownError
from models.opening import open_database
from models.queries.follow_up import closed_actions, follow_up_for, open_actions
from models.queries.rounds import round_overview
from models.queries.summary import SummaryData, select_round
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.follow_up import close_action, reopen_action
from models.services.notes_and_actions import set_corrective_action
from models.services.rounds import create_round
from models.services.units import create_unit
from qt_app.cli.main import main as kiemtra

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000c1"), "laptop-thanh-tra")
CHECKLIST = "07-tb-cb-2021"  # asks every unit every item
PERIOD, NEXT = "Tuần 38/2021", "Tuần 40/2021"
DONE = dt.date(2021, 9, 24)  # inside week 38 (20–26/09/2021)


def make_inspection(database, editor, *, submit=True):
    """A cooperative inspected in week 38 (two actions required, due 01/10/2021), its
    self-assessment round of the same week, and its self-assessment of week 40."""
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Chè Tiên Yên", "htx")
        version = get_version(session, CHECKLIST)
        round_id = create_round(
            session,
            editor,
            name="Tự đánh giá tuần 38",
            checklists=[CHECKLIST],
            period=PERIOD,
            units=[unit],
        )
        inspection = svc.start_assessment(
            session, editor, unit, version.id, PERIOD, "kiem-tra", "Lê Thanh Tra"
        )
        for item in version.items[:2]:
            record_answer(session, editor, inspection, item.id, "chua-dat")
            set_corrective_action(
                session,
                editor,
                inspection,
                item.id,
                "Lắp bảng nhắc 5K",
                "Ông Bình",
                dt.date(2021, 10, 1),
            )
        if submit:
            svc.submit_assessment(session, editor, inspection)
        later = svc.start_assessment(session, editor, unit, version.id, NEXT)
        actions = list(
            session.scalars(
                select(CorrectiveAction.id)
                .where(CorrectiveAction.assessment_id == inspection)
                .order_by(CorrectiveAction.id)
            )
        )
    return unit, round_id, inspection, later, actions


def open_counts(database, unit, round_id, later):
    """Open actions as every reader counts them: the unit's list, the next assessment's
    follow-up, the round overview (open, overdue) and the summary report (open, overdue)."""
    as_of = dt.date(2021, 10, 6)
    with database.session() as session:
        standing = next(
            s for s in round_overview(session, round_id, as_of).units if s.unit_id == unit
        )
        summary = SummaryData(session, select_round(session, PERIOD), as_of)
        lines = list(summary.action_lines())
        return (
            len(open_actions(session, unit)),
            len(follow_up_for(session, later)),
            standing.actions_open,
            standing.actions_overdue,
            len(lines),
            sum(line.overdue_days > 0 for line in lines),
        )


def test_a_closed_action_leaves_every_open_list_and_the_inspection_still_verifies(
    any_database, editor, tmp_path
):
    unit, round_id, inspection, later, actions = make_inspection(any_database, editor)
    assert open_counts(any_database, unit, round_id, later) == (2, 2, 2, 2, 2, 2)
    photo = tmp_path / "ảnh bảng 5K.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the sign")
    with any_database.session() as session:
        close_action(session, editor, actions[0], closed_on=DONE, note="", evidence_file=photo)
    assert open_counts(any_database, unit, round_id, later) == (1, 1, 1, 1, 1, 1)
    with any_database.session() as session:
        assert svc.verify_assessment(session, inspection)
        [closed] = closed_actions(session, unit)
        assert (closed.action_id, closed.closed_on, closed.closed_by) == (
            actions[0],
            DONE,
            "Nguyễn Văn An",
        )
        assert closed.file_name == "ảnh bảng 5K.jpg" and closed.size == photo.stat().st_size
        assert closed.evidence_file.read_bytes() == photo.read_bytes()
        trail = [e.action for e in history(session, assessment_id=inspection)]
        assert "action-closed" in trail
        reopen_action(session, editor, actions[0], "Đóng nhầm biện pháp")
        assert closed_actions(session, unit) == []
        reason = session.scalar(
            select(AuditEntry.reason).where(AuditEntry.action == "action-reopened")
        )
        assert reason == "Đóng nhầm biện pháp"
    assert open_counts(any_database, unit, round_id, later) == (2, 2, 2, 2, 2, 2)


def test_an_action_marked_done_inside_a_draft_counts_as_closed(database, editor):
    unit, round_id, inspection, later, actions = make_inspection(database, editor, submit=False)
    with database.session() as session:
        action = session.get(CorrectiveAction, actions[1])
        set_corrective_action(
            session,
            editor,
            inspection,
            action.item_id,
            action.what,
            action.who,
            action.due_on,
            DONE,
        )
        with pytest.raises(KnownError) as refused:  # a draft is closed in the draft itself
            close_action(session, editor, actions[0], closed_on=DONE, note="Đã lắp")
        assert "draft" in refused.value.message("en")
        assert [a.action_id for a in closed_actions(session, unit)] == [actions[1]]
        assert [a.action_id for a in open_actions(session, unit)] == [actions[0]]


def table_counts(database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


@pytest.mark.parametrize(
    ("change", "english"),
    [
        ({"action": "unknown"}, "not found"),
        ({"closed_on": dt.date(2021, 9, 19)}, "before the inspection's period began"),
        ({"closed_on": dt.date.today() + dt.timedelta(days=1)}, "in the future"),
        ({"note": "   "}, "attach an evidence file"),
        ({"evidence_file": "missing"}, "Cannot read the file"),
        ({"evidence_file": "folder"}, "Cannot read the file"),
        ({"evidence_file": "huge"}, "too large"),
        ({"action": "closed"}, "already closed"),
    ],
)
def test_every_refusal_is_bilingual_and_changes_nothing(
    any_database, editor, tmp_path, change, english
):
    _unit, _round, _inspection, _later, actions = make_inspection(any_database, editor)
    arguments = {"closed_on": DONE, "note": "Đã lắp bảng", "evidence_file": None}
    action = actions[0]
    if change.get("action") == "unknown":
        action = uuid.uuid4()
    elif change.get("action") == "closed":
        with any_database.session() as session:
            close_action(session, editor, action, closed_on=DONE, note="Lần đầu")
    arguments.update({k: v for k, v in change.items() if k != "action"})
    files = {"missing": tmp_path / "không có.jpg", "folder": tmp_path}
    if arguments["evidence_file"] == "huge":
        huge = tmp_path / "huge.bin"
        with huge.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024 + 1)
        files["huge"] = huge
    if arguments["evidence_file"]:
        arguments["evidence_file"] = files[arguments["evidence_file"]]
    before = table_counts(any_database)
    with any_database.session() as session, pytest.raises(KnownError) as refused:
        close_action(session, editor, action, **arguments)
    assert english in refused.value.message("en")
    assert refused.value.message("vi") != refused.value.message("en")
    assert table_counts(any_database) == before


def test_reopening_what_is_not_closed_is_refused(database, editor):
    *_, actions = make_inspection(database, editor)
    before = table_counts(database)
    with database.session() as session:
        for reason, english in [("", "reason"), ("Nhầm", "not closed")]:
            with pytest.raises(KnownError) as refused:
                reopen_action(session, editor, actions[0], reason)
            assert english in refused.value.message("en")
    assert table_counts(database) == before


@pytest.fixture
def laptop(tmp_path):
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def merge(database, bundle: Path):
    with database.session() as session:
        plan = plan_merge(session, read_bundle(bundle))
        return plan, apply_merge(session, plan)


def shared(office, laptop, editor, tmp_path):
    """The office's submitted inspection, carried to the laptop."""
    unit, round_id, inspection, later, actions = make_inspection(office, editor)
    export_bundle(office, tmp_path / "to-laptop.ktb")
    merge(laptop, tmp_path / "to-laptop.ktb")
    return unit, round_id, inspection, later, actions


def test_a_closure_travels_to_the_office_with_its_evidence(any_database, laptop, editor, tmp_path):
    office = any_database
    unit, round_id, inspection, later, actions = shared(office, laptop, editor, tmp_path)
    photo = tmp_path / "biên bản khắc phục.pdf"
    photo.write_bytes(b"%PDF-1.4 the unit's report of the work")
    with laptop.session() as session:
        closure = close_action(
            session,
            Editor(LAPTOP.id, "Lê Thanh Tra"),
            actions[1],
            closed_on=DONE,
            note="Đã lắp bảng ở cổng",
            evidence_file=photo,
        )
        sha = closure.sha256
    export_bundle(laptop, tmp_path / "back.ktb")
    evidence_path(sha).unlink()  # the office's data folder never saw the file
    plan, _result = merge(office, tmp_path / "back.ktb")
    assert plan.summary()["new"]["action_closures"] == 1
    assert evidence_path(sha).read_bytes() == photo.read_bytes()
    with office.session() as session:
        [closed] = closed_actions(session, unit)
        assert (closed.action_id, closed.closed_by, closed.note) == (
            actions[1],
            "Lê Thanh Tra",
            "Đã lắp bảng ở cổng",
        )
        assert svc.verify_assessment(session, inspection)
    assert open_counts(office, unit, round_id, later) == (1, 1, 1, 1, 1, 1)
    before = table_counts(office)
    plan, _result = merge(office, tmp_path / "back.ktb")  # the same bundle again
    assert plan.changes == 0 and table_counts(office) == before


def test_a_bundle_written_before_closures_existed_still_imports(database, laptop, editor, tmp_path):
    shared(database, laptop, editor, tmp_path)
    export_bundle(laptop, tmp_path / "new.ktb")
    old = tmp_path / "old.ktb"
    with zipfile.ZipFile(tmp_path / "new.ktb") as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    records = json.loads(entries["records.json"])
    del records["action_closures"]
    entries["records.json"] = json.dumps(records, ensure_ascii=False).encode()
    manifest = json.loads(entries["manifest.json"])
    manifest["format_version"] = 2
    import hashlib

    manifest["entries"]["records.json"] = hashlib.sha256(entries["records.json"]).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(old, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    assert read_bundle(old).records["action_closures"] == []
    plan, result = merge(database, old)
    assert not plan.conflicts and result.locked == []


def test_two_closures_of_one_action_merge_to_the_earlier_either_way(
    any_database, laptop, editor, tmp_path
):
    office = any_database
    unit, *_rest, actions = shared(office, laptop, editor, tmp_path)
    with laptop.session() as session:
        close_action(
            session,
            Editor(LAPTOP.id, "Lê Thanh Tra"),
            actions[0],
            closed_on=DONE,
            note="Thấy bảng đã lắp",
        )
    with office.session() as session:
        close_action(
            session,
            editor,
            actions[0],
            closed_on=DONE + dt.timedelta(days=2),
            note="Đơn vị báo đã lắp",
        )
    export_bundle(laptop, tmp_path / "laptop.ktb")
    export_bundle(office, tmp_path / "office.ktb")
    plan, _result = merge(office, tmp_path / "laptop.ktb")
    assert plan.summary()["closed_twice"] == [
        {
            "action_id": str(actions[0]),
            "kept": "theirs",
            "closed_on": DONE.isoformat(),
            "other_closed_on": (DONE + dt.timedelta(days=2)).isoformat(),
        }
    ]
    plan, _result = merge(laptop, tmp_path / "office.ktb")
    assert [c["kept"] for c in plan.summary()["closed_twice"]] == ["mine"]
    for database in (office, laptop):
        with database.session() as session:
            [closure] = session.scalars(select(ActionClosure)).all()
            assert (closure.closed_on, closure.note) == (DONE, "Thấy bảng đã lắp")
            assert [a.action_id for a in closed_actions(session, unit)] == [actions[0]]
    # imported once more, nothing moves and nothing more is said
    before = table_counts(office)
    plan, _result = merge(office, tmp_path / "laptop.ktb")
    assert plan.summary()["closed_twice"] == [] and table_counts(office) == before


def test_closing_on_the_command_line(database, editor, db_path, tmp_path, capsys):
    unit, _round, inspection, _later, actions = make_inspection(database, editor)
    database.close()
    base = ["--db", str(db_path), "actions"]
    assert kiemtra([*base, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["open"] == 2
    prefix = str(actions[0])[:8]
    assert kiemtra([*base, "close", prefix, "--on", "24/09/2021", "--note", "Đã lắp"]) == 0
    assert "24/09/2021" in capsys.readouterr().out
    assert kiemtra([*base, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["open"] == 1
    assert kiemtra([*base, "--closed", "--unit", str(unit), "--json"]) == 0
    [closed] = json.loads(capsys.readouterr().out)["actions"]
    assert (closed["id"], closed["closed_on"], closed["note"]) == (
        str(actions[0]),
        "2021-09-24",
        "Đã lắp",
    )
    assert kiemtra(["--db", str(db_path), "assessments", "verify"]) == 0
    capsys.readouterr()
    for bad, code in [
        (["close", prefix, "--on", "24/09/2021", "--note", "lại"], 1),  # already closed
        (["close", str(actions[1]), "--on", "31/02/2021", "--note", "x"], 1),
        (["close", str(actions[1]), "--on", "24/09/2021"], 1),  # no note, no file
        (["close", "zzzz", "--on", "24/09/2021", "--note", "x"], 1),
        (["close", str(actions[1]), "--note", "x"], 2),  # --on missing
        (["reopen", str(actions[1]), "--reason", "nhầm"], 1),  # not closed
        (["reopen", prefix], 2),  # --reason missing
    ]:
        if code == 2:  # a usage error, as argparse ends it
            with pytest.raises(SystemExit) as ended:
                kiemtra([*base, *bad])
            assert ended.value.code == 2, bad
        else:
            assert kiemtra([*base, *bad]) == code, bad
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip(), bad
    assert kiemtra([*base, "reopen", prefix, "--reason", "Đóng nhầm"]) == 0
    capsys.readouterr()
    assert kiemtra([*base, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["open"] == 2
