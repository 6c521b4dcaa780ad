"""The domain as SQLAlchemy 2 typed ORM classes.

Every row that can travel between machines has a UUID key, created/updated times in UTC
and the id of the device that last changed it. Shipped checklists get deterministic UUIDs
(see ``models.catalog``) so the same checklist has the same ids on every machine.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ANSWER_STATUSES = ("dat", "chua-dat", "mot-phan", "khong-ap-dung")
ASSESSMENT_KINDS = ("tu-danh-gia", "kiem-tra")
ASSESSMENT_STATUSES = ("draft", "submitted", "reviewed")
ANSWER_TYPES = ("status", "number", "yes-no", "choice")
ITEM_ROLES = ("requirement", "heading", "information")
ROUND_STATUSES = ("open", "closed")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored and returned in UTC, timezone-aware on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Each entity maps one table; SQLAlchemy types it as any FromClause (no insert()).
    __table__: ClassVar[Table]


class Travelling:
    """Columns of a row that can move between machines."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Device(Base):
    """A PC or laptop that changed data; rows remember the last device that touched them."""

    __tablename__ = "devices"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    first_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Theme(Base):
    __tablename__ = "themes"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_vi: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Directive(Travelling, Base):
    __tablename__ = "directives"
    number: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(100))
    issuer: Mapped[str] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(200))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    date_note: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    source_text: Mapped[str] = mapped_column(Text)
    source_complete: Mapped[bool] = mapped_column(Boolean, default=True)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("directives.id"))


class Checklist(Travelling, Base):
    __tablename__ = "checklists"
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    directive_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("directives.id"))
    origin: Mapped[str] = mapped_column(String(20), default="shipped")

    directive: Mapped[Directive] = relationship()
    versions: Mapped[list[ChecklistVersion]] = relationship(
        back_populates="checklist", order_by="ChecklistVersion.version"
    )


class ChecklistVersion(Travelling, Base):
    __tablename__ = "checklist_versions"
    __table_args__ = (UniqueConstraint("checklist_id", "version"),)
    checklist_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklists.id"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="published")
    content_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    checklist: Mapped[Checklist] = relationship(back_populates="versions")
    items: Mapped[list[ChecklistItem]] = relationship(
        back_populates="version", order_by="ChecklistItem.position"
    )


item_themes = Table(
    "item_themes",
    Base.metadata,
    Column("item_id", ForeignKey("checklist_items.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id"), primary_key=True),
)


class ChecklistItem(Travelling, Base):
    """One requirement of a checklist version; ``position`` orders the whole tree flat."""

    __tablename__ = "checklist_items"
    __table_args__ = (
        UniqueConstraint("version_id", "code"),
        CheckConstraint(
            "answer_type IN ('status', 'number', 'yes-no', 'choice')", name="answer_type"
        ),
    )
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_versions.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checklist_items.id"))
    position: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(40), default="")
    requirement: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_incomplete: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_type: Mapped[str] = mapped_column(String(20), default="status")
    choices: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # Migration 0005. NULL in rows from older bundles reads as the default (a requirement
    # addressed to everyone); see ``models.item_scope``.
    role: Mapped[str | None] = mapped_column(String(20))
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    addressees: Mapped[str | None] = mapped_column(Text)
    addressed_bodies: Mapped[str | None] = mapped_column(Text)
    critical_reason: Mapped[str | None] = mapped_column(Text)

    version: Mapped[ChecklistVersion] = relationship(back_populates="items")
    themes: Mapped[list[Theme]] = relationship(secondary=item_themes, order_by=Theme.position)


class Unit(Travelling, Base):
    __tablename__ = "units"
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), index=True)
    address: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


round_checklists = Table(
    "round_checklists",
    Base.metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("checklist_id", ForeignKey("checklists.id"), primary_key=True),
)

round_units = Table(
    "round_units",
    Base.metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("units.id"), primary_key=True, index=True),
)


class Round(Travelling, Base):
    """What an office asks of whom and by when: checklists, period, kind, expected units.

    The expected units are kept as a list (``round_units``), taken from the office's pick or
    from its rule (every unit of ``unit_kind`` under ``area_id``) when the round is made, so
    a round's figures do not change when a unit is added later.
    """

    __tablename__ = "rounds"
    __table_args__ = (
        CheckConstraint("kind IN ('tu-danh-gia', 'kiem-tra')", name="kind"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
    )
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(20), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    area_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    unit_kind: Mapped[str | None] = mapped_column(String(100))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Assessment(Travelling, Base):
    """One unit × checklist version × period × kind."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("unit_id", "version_id", "period", "kind"),
        CheckConstraint("kind IN ('tu-danh-gia', 'kiem-tra')", name="kind"),
        CheckConstraint("status IN ('draft', 'submitted', 'reviewed')", name="status"),
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_versions.id"))
    period: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    assessor: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    round_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rounds.id"), index=True)

    unit: Mapped[Unit] = relationship()
    version: Mapped[ChecklistVersion] = relationship()


class Answer(Travelling, Base):
    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("assessment_id", "item_id"),
        CheckConstraint(
            "status IS NULL OR status IN ('dat', 'chua-dat', 'mot-phan', 'khong-ap-dung')",
            name="status",
        ),
    )
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_items.id"))
    status: Mapped[str | None] = mapped_column(String(20))
    value_number: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)


class CorrectiveAction(Travelling, Base):
    __tablename__ = "corrective_actions"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id"),)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_items.id"))
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class ActionClosure(Travelling, Base):
    """The closing of a corrective action: when the work was done, who closed it, and what
    shows it (a note, a file kept in the evidence store under its SHA-256).

    Kept apart from the action because the inspection that required it is locked and its
    content hash covers ``done_on``: a closure is outside every assessment's hash, so
    closing an action months later never breaks the verification of the inspection.
    """

    __tablename__ = "action_closures"
    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("corrective_actions.id", ondelete="CASCADE"), unique=True
    )
    closed_on: Mapped[dt.date] = mapped_column(Date)
    closed_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(300))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)


class EvidenceFile(Travelling, Base):
    """A file attached to an answer, stored in the data folder under its SHA-256."""

    __tablename__ = "evidence_files"
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_items.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """One change, never edited or deleted: old and new value, who, when, which device."""

    __tablename__ = "audit_entries"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    item_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)


class ChangeMark(Base):
    """Where a record stands in this database's own change sequence; never travels.

    A local counter, not a clock, says what changed since the last bundle export: a field
    laptop's clock may be years off or be set back. One row per unit or assessment (an
    assessment stands for its answers, actions and evidence), moved to the next number by
    a trigger on every audit entry written, whichever code writes it (migration 0004; a
    batch migration that recreates ``audit_entries`` must create the trigger again).
    """

    __tablename__ = "change_marks"
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer, index=True)


class Setting(Base):
    """Small key/value facts about this database (not user preferences)."""

    __tablename__ = "kiemtra_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FormKeying(Travelling, Base):
    """One person's typing-in of one paper form, kept apart from the answers until checked.

    Double entry, as survey offices key paper data: two people key the same form without
    seeing each other's keying; where they differ, a person looks at the paper and decides;
    only then are the answers written. ``answers`` holds what this person typed (item code
    -> answer key, or null for a row left empty); ``final`` what was decided, once resolved.
    """

    __tablename__ = "form_keyings"
    __table_args__ = (CheckConstraint("kind IN ('tu-danh-gia', 'kiem-tra')", name="kind"),)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_versions.id"))
    period: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    keyer: Mapped[str] = mapped_column(String(200))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    final: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
