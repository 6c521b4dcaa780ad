"""What a filled-in form would change, and where it meets a later change made in the office.

A form remembers the answers it was made from (``reports.form_identity``). Where the office
changed an answer or a note after that and the form says otherwise, the form is not simply
newer: it is a conflict, kept out of the changes, and the office's value stays unless the
person chooses the form's. A form that does not know its base (a blank form, or one of
format 1) knows of no answer at all, so every answer already here is such a conflict.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Answer, Assessment
from reports.form_identity import base_token
from reports.form_values import FormValues, Problem


@dataclass(frozen=True)
class Change:
    code: str
    row: int
    field: str  # "answer" or "note"
    old: str | None
    new: str

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "row": self.row,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass
class FormConflict:
    """An item whose answer (or note) the office changed after the form was made, and which
    the form sets to something else."""

    code: str
    row: int
    field: str  # "answer" or "note"
    office: str | None
    form: str
    kept: str = "office"  # or "form", once applied

    @property
    def key(self) -> str:
        return f"{self.code}/{self.field}"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "code": self.code,
            "row": self.row,
            "field": self.field,
            "office": self.office,
            "form": self.form,
            "kept": self.kept,
        }


@dataclass
class FormReport:
    """What a form says and what importing it does (or would do)."""

    file: str
    checklist: str | None = None
    version: int | None = None
    unit: str | None = None
    period: str | None = None
    assessment_id: str | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    conflicts: list[FormConflict] = field(default_factory=list)
    unchanged: int = 0
    blank: int = 0
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "applied": self.applied,
            "checklist": self.checklist,
            "version": self.version,
            "unit": self.unit,
            "period": self.period,
            "assessment_id": self.assessment_id,
            "problems": [p.as_json() for p in self.problems],
            "changes": [c.as_json() for c in self.changes],
            "conflicts": [c.as_json() for c in self.conflicts],
            "unchanged": self.unchanged,
            "blank": self.blank,
        }


def compare(
    session: Session,
    report: FormReport,
    values: FormValues,
    unit_id: uuid.UUID | None,
    period: str | None,
    item_ids: dict[str, uuid.UUID],
) -> None:
    """Fill ``report`` with what the form's lines would change here, what the office changed
    since the form was made (conflicts), and what is already as the form says."""
    identity = values.identity
    existing = session.execute(
        select(Assessment.id, Assessment.status).where(
            Assessment.unit_id == unit_id,
            Assessment.version_id == uuid.UUID(identity.version_id),
            Assessment.period == period,
            Assessment.kind == identity.kind,
        )
    ).one_or_none()
    answers: dict[uuid.UUID, tuple[str | None, str]] = {}
    if existing is not None:
        report.assessment_id = str(existing.id)
        answers = {
            item: (status, note)
            for item, status, note in session.execute(
                select(Answer.item_id, Answer.status, Answer.note).where(
                    Answer.assessment_id == existing.id
                )
            )
        }
    for line in values.lines:
        old_status, old_note = answers.get(item_ids[line.code], (None, ""))
        if line.answer is None and not line.note:
            report.blank += 1
            continue
        # Where the office's value is not the one the form was made from, the office moved
        # on since: a conflict, not a change (an unknown base knows of no value at all).
        base = identity.base_of(line.code) or ("", "")
        now = base_token(old_status, old_note).partition(":")
        if line.answer is not None and line.answer != old_status:
            if now[0] != base[0]:
                report.conflicts.append(
                    FormConflict(line.code, line.row, "answer", old_status, line.answer)
                )
            else:
                report.changes.append(
                    Change(line.code, line.row, "answer", old_status, line.answer)
                )
        elif line.answer is not None:
            report.unchanged += 1
        if line.note and line.note != old_note:
            if now[2] != base[1]:
                report.conflicts.append(
                    FormConflict(line.code, line.row, "note", old_note or None, line.note)
                )
            else:
                report.changes.append(
                    Change(line.code, line.row, "note", old_note or None, line.note)
                )
    if (report.changes or report.conflicts) and existing is not None and existing.status != "draft":
        report.problems.append(
            Problem(
                None,
                None,
                "Bài đánh giá của kỳ này đã nộp và bị khoá; hãy mở lại trước khi nhập.",
                "This period's assessment is submitted and locked; reopen it before importing.",
            )
        )
