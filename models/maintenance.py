"""Looking after a database: what it holds and whether it is sound."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models import __version__, paths
from models.db import Database, current_revision
from models.entities import (
    Answer,
    Assessment,
    AuditEntry,
    ChecklistVersion,
    CorrectiveAction,
    Unit,
)
from models.services.assessments import verify_assessment


def database_info(database: Database, session: Session) -> dict[str, Any]:
    def count(entity: Any) -> int:
        return session.scalar(select(func.count()).select_from(entity)) or 0

    return {
        "program_version": __version__,
        "database": str(database.path)
        if database.path
        else database.engine.url.render_as_string(hide_password=True),
        "backend": database.engine.dialect.name,
        "size_bytes": database.path.stat().st_size if database.path else None,
        "schema_revision": current_revision(database.engine),
        "device_id": str(database.device.id),
        "device_name": database.device.name,
        "data_folder": str(paths.data_dir()),
        "checklist_versions": count(ChecklistVersion),
        "units": count(Unit),
        "assessments": count(Assessment),
        "answers": count(Answer),
        "corrective_actions": count(CorrectiveAction),
        "audit_entries": count(AuditEntry),
    }


def check_database(database: Database, session: Session) -> list[str]:
    """Everything wrong with the database, as bilingual lines; empty when it is sound."""
    problems: list[str] = []
    if database.is_sqlite:
        result = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            problems.extend(f"integrity_check: {line}" for line in result[:20])
        for row in session.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"Khoá ngoại hỏng / broken foreign key: {tuple(row)}")
    for assessment_id in session.scalars(
        select(Assessment.id).where(Assessment.content_hash.is_not(None))
    ):
        if not verify_assessment(session, assessment_id):
            problems.append(
                f"Bài đánh giá {assessment_id} không khớp mã băm đã lưu khi nộp / "
                f"assessment {assessment_id} does not match its submitted hash"
            )
    return problems
