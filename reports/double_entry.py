"""Writing a double-keyed paper form: the settled answers through the form import's own path.

``models.keying`` keeps the two keyings and what was settled; here the settled answers go in
like an Excel form's (the same version and unit checks, all or nothing, a later office
change a conflict), each change audited "nhập hai lần từ phiếu giấy", and both keyings are
marked resolved in the same transaction.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from models.audit import Editor
from models.db import Database
from models.entities import ChecklistVersion, Unit
from models.errors import NotFound
from models.keying import FormKey, mark_resolved, settled_answers
from models.periods import parse_period
from models.queries.items import version_items
from reports.form_changes import FormReport
from reports.form_identity import FormIdentity
from reports.form_import import apply_form
from reports.form_values import FormValues, Line

REASON = "nhập hai lần từ phiếu giấy"


def apply_keyings(
    database: Database,
    editor: Editor,
    key: FormKey,
    decisions: dict[str, str | None],
    *,
    prefer: str = "office",
) -> FormReport:
    """Write the form as settled, or raise (``FormRejected``, ``InvalidInput``) with nothing
    written."""
    key = FormKey(key.unit_id, key.version_id, parse_period(key.period).key, key.kind)
    with database.session() as session:
        final = settled_answers(session, key, decisions)
        values = _values(session, key, final)

    def resolve(session: Session, assessment_id: uuid.UUID, item_ids: dict[str, uuid.UUID]) -> int:
        mark_resolved(session, key, final)
        return 1

    return apply_form(
        database,
        Path(f"{key.unit_id}-{key.period}"),
        editor,
        prefer=prefer,
        values=values,
        reason=REASON,
        also=resolve,
    )


def _values(session: Session, key: FormKey, final: dict[str, str | None]) -> FormValues:
    version = session.get(ChecklistVersion, key.version_id)
    unit = session.get(Unit, key.unit_id)
    if version is None or unit is None:
        raise NotFound("Không tìm thấy danh mục hoặc đơn vị.", "Checklist or unit not found.")
    codes = [item.code for item in version_items(session, version.id)]
    identity = FormIdentity(
        version.checklist.slug,
        version.version,
        str(version.id),
        version.content_hash,
        str(unit.id),
        unit.name,
        key.period,
        key.kind,
        {code: number for number, code in enumerate(codes, 1)},
        None,  # typed from paper printed at some time: any answer already here is a conflict
    )
    values = FormValues(identity, unit=unit.name)
    for number, code in enumerate(codes, 1):
        values.lines.append(Line(code, number, final.get(code), ""))
    return values
