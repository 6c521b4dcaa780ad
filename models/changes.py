"""What changed since the last bundle export, by this database's change sequence.

Every audit entry moves its unit or assessment to the next number of a local counter
(``ChangeMark``, kept by a trigger). An export remembers the highest number it saw, and the
next "since the last export" takes the records marked above it. No clock is read, so a
laptop whose clock was years ahead, then corrected, still exports the answer given today.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.db import get_meta, set_meta
from models.entities import ChangeMark

LAST_EXPORT_SEQ = "last_bundle_export_seq"


def current_seq(session: Session) -> int:
    """The number of the latest change made in (or merged into) this database."""
    return session.scalar(select(func.max(ChangeMark.seq))) or 0


def marked_since(session: Session, entity: str, seq: int) -> set[uuid.UUID]:
    """Records of ``entity`` ("unit", "assessment") changed after change number ``seq``."""
    return set(
        session.scalars(
            select(ChangeMark.record_id).where(ChangeMark.entity == entity, ChangeMark.seq > seq)
        )
    )


def last_export_seq(session: Session) -> int | None:
    """The change number the last export reached, or None if nothing was exported yet."""
    value = get_meta(session, LAST_EXPORT_SEQ)
    return int(value) if value and value.isdigit() else None


def remember_export(session: Session, seq: int) -> None:
    set_meta(session, LAST_EXPORT_SEQ, str(seq))
