"""Rounds ("đợt", "kỳ báo cáo"): what an office asks of which units, for which period, by when.

A round names its checklists, its period, its kind (self-assessment or inspection) and the
units expected to answer. Assessments started for one of its checklists, its period and its
kind belong to it. The expected units are stored as a list when the round is made (from the
office's pick, or from a rule: every unit of a kind under an area), so that what a round
expected does not change behind the office's back when units are added later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.entities import (
    ASSESSMENT_KINDS,
    Answer,
    Assessment,
    Checklist,
    ChecklistVersion,
    CorrectiveAction,
    EvidenceFile,
    Round,
    Unit,
    round_checklists,
    round_units,
    utcnow,
)
from models.errors import InvalidInput, LockedError, NotFound
from models.periods import parse_period
from models.services import writes
from models.text import collapse_spaces
from models.validation import REASON, ROUND_NAME


@dataclass(frozen=True)
class RoundInfo:
    """A round as plain values (no ORM object leaves this module)."""

    id: uuid.UUID
    name: str
    kind: str
    period: str
    due_on: dt.date | None
    status: str
    checklists: tuple[str, ...]  # slugs
    expected: int
    area_id: uuid.UUID | None
    unit_kind: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "name": self.name,
            "kind": self.kind,
            "period": self.period,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "status": self.status,
            "checklists": list(self.checklists),
            "expected": self.expected,
            "area_id": str(self.area_id) if self.area_id else None,
            "unit_kind": self.unit_kind,
        }


def _clean_name(name: str) -> str:
    return ROUND_NAME.clean(name)


def _checklist_ids(session: Session, slugs: list[str]) -> list[uuid.UUID]:
    if not slugs:
        raise InvalidInput("Đợt cần ít nhất một danh mục.", "A round needs at least one checklist.")
    found = dict(
        session.execute(select(Checklist.slug, Checklist.id).where(Checklist.slug.in_(slugs))).all()
    )
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise NotFound(
            f"Không có danh mục: {', '.join(missing)}.", f"No such checklist: {', '.join(missing)}."
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


def units_under(
    session: Session, area_id: uuid.UUID | None, unit_kind: str | None
) -> list[uuid.UUID]:
    """Every unit that is not archived, under ``area_id`` (at any depth; all units if None),
    of ``unit_kind`` (any kind if None), in name order."""
    rows = session.execute(
        select(Unit.id, Unit.parent_id, Unit.kind, Unit.name).where(Unit.archived_at.is_(None))
    ).all()
    if area_id is not None and not any(row.id == area_id for row in rows):
        raise NotFound(f"Không tìm thấy đơn vị {area_id}.", f"Unit {area_id} not found.")
    children: dict[uuid.UUID | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    if area_id is None:
        chosen = list(rows)
    else:
        chosen, stack = [], list(children.get(area_id, []))
        while stack:
            row = stack.pop()
            chosen.append(row)
            stack.extend(children.get(row.id, []))
    return [
        row.id
        for row in sorted(chosen, key=lambda r: r.name)
        if unit_kind is None or row.kind == unit_kind
    ]


def _check_units(session: Session, unit_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    unique = list(dict.fromkeys(unit_ids))
    if not unique:
        raise InvalidInput(
            "Đợt cần ít nhất một đơn vị phải báo cáo.", "A round needs at least one expected unit."
        )
    known = set(session.scalars(select(Unit.id).where(Unit.id.in_(unique))))
    missing = [str(u) for u in unique if u not in known]
    if missing:
        raise NotFound(
            f"Không tìm thấy đơn vị: {', '.join(missing)}.",
            f"Units not found: {', '.join(missing)}.",
        )
    return unique


@writes
def create_round(
    session: Session,
    editor: Editor,
    *,
    name: str,
    checklists: list[str],
    period: str,
    kind: str = "tu-danh-gia",
    due_on: dt.date | None = None,
    units: list[uuid.UUID] | None = None,
    area_id: uuid.UUID | None = None,
    unit_kind: str | None = None,
) -> uuid.UUID:
    """Make a round; its expected units are ``units`` if given, else the rule's units.

    Assessments that already exist for its checklists, period and kind join it.
    """
    if kind not in ASSESSMENT_KINDS:
        raise InvalidInput(
            f"Hình thức '{kind}' không hợp lệ (tu-danh-gia hoặc kiem-tra).",
            f"Unknown kind '{kind}' (tu-danh-gia or kiem-tra).",
        )
    cleaned = _clean_name(name)
    period_key = parse_period(period).key
    checklist_ids = _checklist_ids(session, checklists)
    expected = _check_units(
        session, units if units is not None else units_under(session, area_id, unit_kind)
    )
    row = Round(
        id=uuid.uuid4(),
        name=cleaned,
        kind=kind,
        period=period_key,
        due_on=due_on,
        status="open",
        area_id=area_id,
        unit_kind=unit_kind,
        device_id=editor.device_id,
    )
    session.add(row)
    session.flush()
    session.execute(
        insert(round_checklists), [{"round_id": row.id, "checklist_id": c} for c in checklist_ids]
    )
    session.execute(insert(round_units), [{"round_id": row.id, "unit_id": u} for u in expected])
    _adopt_assessments(session, row.id)
    record_change(
        session,
        editor,
        action="create",
        entity="round",
        entity_id=row.id,
        new={
            "name": cleaned,
            "kind": kind,
            "period": period_key,
            "due_on": due_on.isoformat() if due_on else None,
            "checklists": checklists,
            "units": [str(u) for u in expected],
        },
    )
    return row.id


def _adopt_assessments(session: Session, round_id: uuid.UUID) -> None:
    """Attach the assessments of the round's checklists, period and kind that have no round."""
    row = session.get(Round, round_id)
    assert row is not None
    version_ids = select(ChecklistVersion.id).where(
        ChecklistVersion.checklist_id.in_(
            select(round_checklists.c.checklist_id).where(round_checklists.c.round_id == round_id)
        )
    )
    session.execute(
        Assessment.__table__.update()
        .where(
            Assessment.round_id.is_(None),
            Assessment.period == row.period,
            Assessment.kind == row.kind,
            Assessment.version_id.in_(version_ids),
        )
        .values(round_id=round_id)
    )


def round_for(
    session: Session, checklist_id: uuid.UUID, period: str, kind: str
) -> uuid.UUID | None:
    """The round an assessment of this checklist, period and kind belongs to (the open one
    first, then the newest), or None."""
    return session.scalar(
        select(Round.id)
        .join(round_checklists, round_checklists.c.round_id == Round.id)
        .where(
            round_checklists.c.checklist_id == checklist_id,
            Round.period == period,
            Round.kind == kind,
        )
        .order_by((Round.status == "open").desc(), Round.created_at.desc())
        .limit(1)
    )


def get_round(session: Session, round_id: uuid.UUID) -> Round:
    row = session.get(Round, round_id)
    if row is None:
        raise NotFound(f"Không tìm thấy đợt {round_id}.", f"Round {round_id} not found.")
    return row


def find_round(session: Session, text: str) -> uuid.UUID:
    """A round named by its id, the start of its id (at least 6 characters) or its exact name."""
    raw = text.strip()
    try:
        return get_round(session, uuid.UUID(raw)).id
    except ValueError:
        pass
    by_name = list(session.scalars(select(Round.id).where(Round.name == collapse_spaces(raw))))
    if len(by_name) == 1:
        return by_name[0]
    if len(raw) >= 6 and all(c in "0123456789abcdef-" for c in raw.lower()):
        prefix = raw.lower().replace("-", "")
        matches = [r for r in session.scalars(select(Round.id)) if r.hex.startswith(prefix)]
        if len(matches) == 1:
            return matches[0]
    raise NotFound(
        f"Không tìm thấy đợt '{text}' (hoặc có nhiều đợt trùng tên).",
        f"No round '{text}' (or several rounds share that name).",
    )


def round_info(session: Session, round_id: uuid.UUID) -> RoundInfo:
    return list_rounds(session, only=round_id)[0]


def list_rounds(session: Session, *, only: uuid.UUID | None = None) -> list[RoundInfo]:
    """Rounds, newest period first."""
    query = select(Round).order_by(Round.period.desc(), Round.name)
    if only is not None:
        query = query.where(Round.id == only)
    rows = list(session.scalars(query))
    if only is not None and not rows:
        raise NotFound(f"Không tìm thấy đợt {only}.", f"Round {only} not found.")
    slugs: dict[uuid.UUID, list[str]] = {}
    for round_id, slug in session.execute(
        select(round_checklists.c.round_id, Checklist.slug)
        .join(Checklist, Checklist.id == round_checklists.c.checklist_id)
        .order_by(Checklist.slug)
    ):
        slugs.setdefault(round_id, []).append(slug)
    counts: dict[uuid.UUID, int] = dict(
        session.execute(
            select(round_units.c.round_id, func.count()).group_by(round_units.c.round_id)
        ).all()
    )
    return [
        RoundInfo(
            id=r.id,
            name=r.name,
            kind=r.kind,
            period=r.period,
            due_on=r.due_on,
            status=r.status,
            checklists=tuple(slugs.get(r.id, [])),
            expected=counts.get(r.id, 0),
            area_id=r.area_id,
            unit_kind=r.unit_kind,
        )
        for r in rows
    ]


def expected_units(session: Session, round_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.scalars(select(round_units.c.unit_id).where(round_units.c.round_id == round_id))
    )


@writes
def update_round(
    session: Session,
    editor: Editor,
    round_id: uuid.UUID,
    *,
    name: str | None = None,
    due_on: dt.date | None | bool = False,
    add_units: list[uuid.UUID] = (),  # type: ignore[assignment]
    remove_units: list[uuid.UUID] = (),  # type: ignore[assignment]
) -> None:
    """Rename, change the due date (``None`` clears it), or change the expected units.

    A unit that has already answered in the round cannot be removed from it.
    """
    row = get_round(session, round_id)
    old: dict[str, object] = {}
    new: dict[str, object] = {}
    if name is not None and _clean_name(name) != row.name:
        old["name"], new["name"] = row.name, _clean_name(name)
        row.name = _clean_name(name)
    if due_on is not False and due_on != row.due_on:
        old["due_on"] = row.due_on.isoformat() if row.due_on else None
        new["due_on"] = due_on.isoformat() if isinstance(due_on, dt.date) else None
        row.due_on = due_on if isinstance(due_on, dt.date) else None
    current = set(expected_units(session, round_id))
    adding = (
        [u for u in _check_units(session, list(add_units)) if u not in current] if add_units else []
    )
    removing = [u for u in dict.fromkeys(remove_units) if u in current]
    if removing:
        answered = set(
            session.scalars(
                select(Assessment.unit_id).where(
                    Assessment.round_id == round_id, Assessment.unit_id.in_(removing)
                )
            )
        )
        if answered:
            raise InvalidInput(
                "Không thể bỏ đơn vị đã có bài đánh giá trong đợt khỏi đợt.",
                "A unit that already has an assessment in the round cannot be removed from it.",
            )
        if len(current) - len(removing) + len(adding) < 1:
            raise InvalidInput(
                "Đợt cần ít nhất một đơn vị phải báo cáo.",
                "A round needs at least one expected unit.",
            )
        session.execute(
            delete(round_units).where(
                round_units.c.round_id == round_id, round_units.c.unit_id.in_(removing)
            )
        )
        new["removed_units"] = [str(u) for u in removing]
    if adding:
        session.execute(insert(round_units), [{"round_id": round_id, "unit_id": u} for u in adding])
        new["added_units"] = [str(u) for u in adding]
    if not new:
        return
    row.updated_at, row.device_id = utcnow(), editor.device_id
    record_change(
        session, editor, action="update", entity="round", entity_id=round_id, old=old, new=new
    )


@writes
def set_round_status(session: Session, editor: Editor, round_id: uuid.UUID, status: str) -> None:
    """Close a round (no new assessments start in it) or open it again."""
    if status not in ("open", "closed"):
        raise InvalidInput(f"Trạng thái '{status}' không hợp lệ.", f"Unknown status '{status}'.")
    row = get_round(session, round_id)
    if row.status == status:
        return
    record_change(
        session,
        editor,
        action="close" if status == "closed" else "reopen",
        entity="round",
        entity_id=round_id,
        old={"status": row.status},
        new={"status": status},
    )
    row.status = status
    row.closed_at = utcnow() if status == "closed" else None
    row.updated_at, row.device_id = utcnow(), editor.device_id


def check_open(session: Session, round_id: uuid.UUID) -> None:
    if get_round(session, round_id).status != "open":
        raise LockedError(
            "Đợt đã đóng; hãy mở lại đợt để bắt đầu bài mới trong đợt.",
            "The round is closed; open it again to start a new assessment in it.",
        )


@writes
def delete_draft(
    session: Session, editor: Editor, assessment_id: uuid.UUID, reason: str = ""
) -> None:
    """Delete an assessment started by mistake. Only a draft can go; a submitted one stays
    (reopen it if it must change). The audit trail keeps what was deleted."""
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound(
            f"Không tìm thấy bài đánh giá {assessment_id}.",
            f"Assessment {assessment_id} not found.",
        )
    if assessment.status != "draft":
        raise LockedError(
            "Chỉ xoá được bài đang làm; bài đã nộp không thể xoá.",
            "Only an assessment in progress can be deleted; a submitted one cannot.",
        )
    answered = session.scalar(
        select(func.count()).select_from(Answer).where(Answer.assessment_id == assessment_id)
    )
    record_change(
        session,
        editor,
        action="delete",
        entity="assessment",
        entity_id=assessment_id,
        assessment_id=assessment_id,
        old={
            "unit_id": str(assessment.unit_id),
            "version_id": str(assessment.version_id),
            "period": assessment.period,
            "kind": assessment.kind,
            "assessor": assessment.assessor,
            "answers": answered,
        },
        reason=REASON.clean_optional(reason),
    )
    for table in (Answer, CorrectiveAction, EvidenceFile):
        session.execute(delete(table).where(table.assessment_id == assessment_id))
    session.execute(delete(Assessment).where(Assessment.id == assessment_id))
