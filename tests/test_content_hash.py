"""One content hash: the database, a bundle and the demo data hash an assessment alike."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from models.bundle import read_bundle
from models.bundle_export import export_bundle
from models.bundle_merge import verify_bundle_content
from models.catalog import get_version
from models.content_hash import bundle_mismatches, content_hash, evidence_path, hash_assessment
from models.demo import generate_demo
from models.entities import Assessment, ChecklistItem, EvidenceFile
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.evidence import attach_evidence
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit


def test_the_canonical_form_never_changes():
    """Hashes stored by earlier versions of the program must still match."""
    ids = [uuid.UUID(f"00000000-0000-4000-8000-0000000000{tail}") for tail in ("a1", "b1", "c1")]
    codes = {uuid.UUID(int=n): str(n) for n in (1, 2, 3)}
    digest = hash_assessment(
        {
            "id": ids[0],
            "unit_id": ids[1],
            "version_id": ids[2],
            "period": "2021-W39",
            "kind": "tu-danh-gia",
            "assessor": "Lê Thị Hà",
        },
        [
            {"item_id": uuid.UUID(int=3), "status": "mot-phan", "note": "", "value_number": 2.5},
            {"item_id": uuid.UUID(int=1), "status": "dat", "note": ""},
            {"item_id": uuid.UUID(int=2), "status": "chua-dat", "note": "Chưa có sổ theo dõi"},
        ],
        [
            {
                "item_id": uuid.UUID(int=2),
                "what": "Lập sổ theo dõi",
                "who": "Trần Văn Bình",
                "due_on": dt.date(2021, 10, 8),
                "done_on": None,
            }
        ],
        [{"item_id": uuid.UUID(int=2), "sha256": "ab" * 32}],
        codes,
    )
    assert digest == "47701ba34f5c229d09d1b2cc74373085ea13429d18d47029ed7db36654566c9d"


def test_submit_verify_and_bundle_hash_the_same_content(database, editor, tmp_path):
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Thủy sản Quan Lạn", "htx")
        version = get_version(session, "451-cv-lmhtx-2021")
        assessment = svc.start_assessment(
            session, editor, unit, version.id, "Tuần 39/2021", assessor="Lê Thị Hà"
        )
        item = dict(
            session.execute(
                select(ChecklistItem.code, ChecklistItem.id).where(
                    ChecklistItem.version_id == version.id
                )
            ).all()
        )
        record_answer(session, editor, assessment, item["1"], "dat")
        record_answer(session, editor, assessment, item["2"], "chua-dat")
        set_note(session, editor, assessment, item["2"], "Chưa có sổ theo dõi")
        set_corrective_action(
            session, editor, assessment, item["2"], "Lập sổ", "Trần Văn Bình", dt.date(2021, 10, 8)
        )
        photo = tmp_path / "ảnh sổ.jpg"
        photo.write_bytes(b"\xff\xd8 a photo")
        attach_evidence(session, editor, assessment, item["2"], photo)
        stored = svc.submit_assessment(session, editor, assessment)
        assert content_hash(session, assessment) == stored
        assert svc.verify_assessment(session, assessment)
    (sha,) = read_sha(database)
    assert evidence_path(sha).read_bytes() == photo.read_bytes()

    bundle_path = export_bundle_file(database, tmp_path)
    records = read_bundle(bundle_path).records
    assert [row["content_hash"] for row in records["assessments"]] == [stored]
    assert bundle_mismatches(records) == []
    # The same records with one note changed no longer match what was submitted.
    for row in records["answers"]:
        if row["note"]:
            row["note"] = "Đã có sổ theo dõi"
    assert bundle_mismatches(records) == [assessment]
    assert verify_bundle_content(read_bundle(bundle_path)) == []


def read_sha(database):
    with database.session() as session:
        return list(session.scalars(select(EvidenceFile.sha256)))


def export_bundle_file(database, tmp_path):
    path = tmp_path / "field.ktb"
    export_bundle(database, path)
    return path


def test_every_submitted_demo_assessment_verifies(database, tmp_path):
    generate_demo(database, units=12, seed=3)
    with database.session() as session:
        submitted = list(
            session.execute(
                select(Assessment.id, Assessment.content_hash).where(
                    Assessment.content_hash.is_not(None)
                )
            )
        )
        assert len(submitted) > 20
        for assessment_id, stored in submitted:
            assert content_hash(session, assessment_id) == stored
    bundle_path = export_bundle_file(database, tmp_path)
    assert bundle_mismatches(read_bundle(bundle_path).records) == []
