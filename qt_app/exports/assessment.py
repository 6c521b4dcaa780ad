"""Export the assessment open in the window to one file (PDF, Excel or Word), named after its
unit and period. The writing is ``reports.batch.write_one``; this module only asks where."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from models.db import Database
from models.errors import KnownError
from models.queries.assessments import assessment_header
from qt_app.i18n import language
from qt_app.messages import show_error
from reports import output_format
from reports.batch import safe_name, write_one


def export_assessment(
    parent: QWidget | None, database: Database, assessment_id: uuid.UUID | str
) -> Path | None:
    """Ask for a file name (PDF, Excel or Word) and write the assessment there."""
    assessment_id = uuid.UUID(str(assessment_id))
    with database.session() as session:
        header = assessment_header(session, assessment_id)
    suggested = safe_name(f"{header.unit_name} - {header.period}") if header else "danh-gia"
    filters = "PDF (*.pdf);;Excel (*.xlsx);;Word (*.docx)"
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("reports", "Xuất bài đánh giá"),
        f"{suggested}.pdf",
        filters,
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".pdf", ".xlsx", ".docx"):
        path = path.with_suffix(next((f".{f}" for f in ("xlsx", "docx") if f in chosen), ".pdf"))
    try:
        with database.session() as session:
            write_one(session, assessment_id, path, output_format(path, None))
    except KnownError as exc:
        show_error(parent, exc.message(language()))
        return None
    return path
