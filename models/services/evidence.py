"""Taking an evidence file off an answer (a wrong photo attached in the field).

Attaching lives with the other answer changes in ``models.services.assessments``. Removing
only detaches: the stored copy stays in the data folder under its hash (another answer,
a backup or a bundle may name the same file), and the audit trail keeps its name and hash.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.entities import Assessment, EvidenceFile
from models.errors import LockedError, NotFound
from models.services import writes


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
