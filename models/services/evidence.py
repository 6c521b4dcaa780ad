"""Evidence files: storing one under its hash (for an answer, for a closed corrective
action), attaching one to an answer, and taking one off (a wrong photo attached in the field).

Removing only detaches: the stored copy stays in the data folder under its hash (another answer,
a backup or a bundle may name the same file), and the audit trail keeps its name and hash.
"""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from models.archive import plain_file_name
from models.audit import Editor, record_change
from models.content_hash import evidence_path
from models.entities import Assessment, EvidenceFile
from models.errors import InvalidInput, LockedError, NotFound
from models.services import writes
from models.services.answers import answer_for_edit

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """A file copied into the evidence store: what a record needs to name it."""

    sha256: str
    file_name: str  # a plain file name: it travels in bundles
    media_type: str
    size: int


def store_evidence_file(file: Path) -> StoredFile:
    """Copy a file into the data folder under its SHA-256 (once: the same bytes are kept
    once whatever names them); too large or unreadable is ``InvalidInput``."""
    try:
        size = file.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise InvalidInput(
                f"Tệp quá lớn ({size // 1_048_576} MB; tối đa 50 MB).",
                f"The file is too large ({size // 1_048_576} MB; 50 MB at most).",
            )
        digest = hashlib.sha256()
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        sha = digest.hexdigest()
        target = evidence_path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            shutil.copyfile(file, partial)
            partial.replace(target)
    except OSError as exc:
        raise InvalidInput(
            f"Không đọc được tệp '{file}': {exc}", f"Cannot read the file '{file}': {exc}"
        ) from exc
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return StoredFile(sha, plain_file_name(file.name), media_type, size)


@writes
def attach_evidence(
    session: Session,
    editor: Editor,
    assessment_id: uuid.UUID,
    item_id: uuid.UUID,
    file: Path,
    *,
    commit: bool = True,
    reason: str | None = None,
) -> uuid.UUID:
    """Copy a file into the data folder under its SHA-256 and attach it to the item
    (``reason`` says where it came from in the audit trail, e.g. a scanned form)."""
    answer_for_edit(session, editor, assessment_id, item_id)
    stored = store_evidence_file(file)
    sha = stored.sha256
    evidence = EvidenceFile(
        id=uuid.uuid4(),
        assessment_id=assessment_id,
        item_id=item_id,
        sha256=sha,
        file_name=stored.file_name,
        media_type=stored.media_type,
        size=stored.size,
        device_id=editor.device_id,
    )
    session.add(evidence)
    session.flush()
    record_change(
        session,
        editor,
        action="evidence",
        entity="evidence_file",
        entity_id=evidence.id,
        assessment_id=assessment_id,
        item_id=item_id,
        new={"file_name": evidence.file_name, "sha256": sha},
        reason=reason,
    )
    if commit:
        session.commit()
    return evidence.id


@writes
def remove_evidence(session: Session, editor: Editor, evidence_id: uuid.UUID) -> None:
    """Detach one evidence file from a draft assessment's answer, with its audit entry."""
    evidence = session.get(EvidenceFile, evidence_id)
    if evidence is None:
        raise NotFound(
            "Không tìm thấy tệp minh chứng (có thể đã được gỡ).",
            "The evidence file was not found (it may have been removed already).",
        )
    assessment = session.get(Assessment, evidence.assessment_id)
    if assessment is None or assessment.status != "draft":
        raise LockedError(
            "Bài đánh giá đã nộp và bị khoá; hãy mở lại (kèm lý do) để gỡ tệp.",
            "The assessment is submitted and locked; reopen it (with a reason) to remove files.",
        )
    record_change(
        session,
        editor,
        action="evidence",
        entity="evidence_file",
        entity_id=evidence.id,
        assessment_id=evidence.assessment_id,
        item_id=evidence.item_id,
        old={"file_name": evidence.file_name, "sha256": evidence.sha256},
        new=None,
    )
    session.delete(evidence)
    session.commit()
