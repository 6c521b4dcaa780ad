"""Units (hợp tác xã, doanh nghiệp, cơ quan, trường học…) as a tree: province → district → unit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.entities import Answer, Assessment, Round, Unit, round_units, utcnow
from models.errors import InvalidInput, NotFound
from models.services import writes
from models.text import fold
from models.validation import UNIT_ADDRESS, UNIT_CONTACT, UNIT_NAME, UNIT_PHONE
from models.vocabulary import UNIT_KINDS


@dataclass(frozen=True)
class UnitInfo:
    id: uuid.UUID
    name: str
    kind: str
    parent_id: uuid.UUID | None
    archived: bool
    address: str | None = None
    contact_person: str | None = None
    phone: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "name": self.name,
            "kind": self.kind,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "archived": self.archived,
            "address": self.address,
            "contact_person": self.contact_person,
            "phone": self.phone,
        }


def _info(unit: Unit) -> UnitInfo:
    return UnitInfo(
        unit.id,
        unit.name,
        unit.kind,
        unit.parent_id,
        unit.archived_at is not None,
        unit.address,
        unit.contact_person,
        unit.phone,
    )


def _kind(kind: str) -> str:
    key = fold(kind).replace(" ", "-")
    if key in UNIT_KINDS:
        return key
    for known, labels in UNIT_KINDS.items():
        if fold(kind) in (fold(labels[0]), fold(labels[1])):
            return known
    raise InvalidInput(
        f"Loại đơn vị '{kind}' không hợp lệ; dùng một trong: {', '.join(UNIT_KINDS)}.",
        f"Unknown unit kind '{kind}'; use one of: {', '.join(UNIT_KINDS)}.",
    )


def get_unit(session: Session, unit_id: uuid.UUID) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị {unit_id}.", f"Unit {unit_id} not found.")
    return unit


@writes
def create_unit(
    session: Session,
    editor: Editor,
    name: str,
    kind: str,
    parent_id: uuid.UUID | None = None,
    *,
    address: str | None = None,
    contact_person: str | None = None,
    phone: str | None = None,
    commit: bool = True,
) -> uuid.UUID:
    name = UNIT_NAME.clean(name)
    address = UNIT_ADDRESS.clean_optional(address)
    contact_person = UNIT_CONTACT.clean_optional(contact_person)
    phone = UNIT_PHONE.clean_optional(phone)
    if parent_id is not None:
        get_unit(session, parent_id)
    unit = Unit(
        id=uuid.uuid4(),
        name=name,
        kind=_kind(kind),
        parent_id=parent_id,
        address=address,
        contact_person=contact_person,
        phone=phone,
        device_id=editor.device_id,
    )
    session.add(unit)
    session.flush()
    record_change(
        session,
        editor,
        action="create",
        entity="unit",
        entity_id=unit.id,
        new={
            "name": unit.name,
            "kind": unit.kind,
            "parent_id": str(parent_id) if parent_id else None,
        },
    )
    if commit:
        session.commit()
    return unit.id


@writes
def rename_unit(session: Session, editor: Editor, unit_id: uuid.UUID, name: str) -> None:
    unit = get_unit(session, unit_id)
    old, unit.name = unit.name, UNIT_NAME.clean(name)
    unit.device_id = editor.device_id
    record_change(
        session, editor, action="rename", entity="unit", entity_id=unit.id, old=old, new=unit.name
    )
    session.commit()


@writes
def move_unit(
    session: Session, editor: Editor, unit_id: uuid.UUID, new_parent_id: uuid.UUID | None
) -> None:
    unit = get_unit(session, unit_id)
    ancestor = new_parent_id
    while ancestor is not None:
        if ancestor == unit_id:
            raise InvalidInput(
                "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị con của nó.",
                "A unit cannot be moved under itself or one of its children.",
            )
        ancestor = get_unit(session, ancestor).parent_id
    old, unit.parent_id = unit.parent_id, new_parent_id
    unit.device_id = editor.device_id
    record_change(
        session,
        editor,
        action="move",
        entity="unit",
        entity_id=unit.id,
        old=str(old) if old else None,
        new=str(new_parent_id) if new_parent_id else None,
    )
    session.commit()


@writes
def archive_unit(
    session: Session, editor: Editor, unit_id: uuid.UUID, archived: bool = True
) -> None:
    unit = get_unit(session, unit_id)
    old = unit.archived_at is not None
    unit.archived_at = utcnow() if archived else None
    unit.device_id = editor.device_id
    record_change(
        session,
        editor,
        action="archive" if archived else "unarchive",
        entity="unit",
        entity_id=unit.id,
        old=old,
        new=archived,
    )
    session.commit()


@writes
def delete_unit(session: Session, editor: Editor, unit_id: uuid.UUID) -> None:
    """Delete a unit that has never been assessed; a unit with answers can only be archived."""
    unit = get_unit(session, unit_id)
    if session.scalar(select(exists().where(Unit.parent_id == unit_id))):
        raise InvalidInput(
            "Đơn vị còn đơn vị con; hãy chuyển hoặc xoá chúng trước.",
            "The unit still has child units; move or delete them first.",
        )
    has_answers = session.scalar(
        select(exists().where(Answer.assessment_id == Assessment.id, Assessment.unit_id == unit_id))
    )
    if has_answers:
        raise InvalidInput(
            "Đơn vị đã có câu trả lời nên không thể xoá; hãy lưu trữ đơn vị.",
            "The unit has answers and cannot be deleted; archive it instead.",
        )
    for assessment in session.scalars(select(Assessment).where(Assessment.unit_id == unit_id)):
        session.delete(assessment)
    # A unit never assessed leaves the rounds that expected it (and stops being an area).
    session.execute(delete(round_units).where(round_units.c.unit_id == unit_id))
    session.execute(update(Round).where(Round.area_id == unit_id).values(area_id=None))
    record_change(
        session,
        editor,
        action="delete",
        entity="unit",
        entity_id=unit.id,
        old={"name": unit.name, "kind": unit.kind},
    )
    session.delete(unit)
    session.commit()


def list_units(session: Session, *, include_archived: bool = False) -> list[UnitInfo]:
    query = select(Unit).order_by(Unit.name)
    if not include_archived:
        query = query.where(Unit.archived_at.is_(None))
    return [_info(unit) for unit in session.scalars(query)]


def search_units(session: Session, text: str, *, include_archived: bool = False) -> list[UnitInfo]:
    """Units whose name contains ``text``, ignoring diacritics ("hop tac" finds "Hợp tác")."""
    key = fold(text)
    return [
        u for u in list_units(session, include_archived=include_archived) if key in fold(u.name)
    ]
