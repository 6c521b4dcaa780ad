"""change marks: a local change sequence instead of clocks for "since the last export"

Each unit and assessment gets a row holding the number of its latest change in this
database's own sequence; a trigger on ``audit_entries`` moves it on with every change,
whichever code writes the entry. Existing records are marked 1, or 2 when the old rule
(changed after the time of the last export) would have exported them, and the last export
is then recorded as number 1, so the first export after the upgrade carries what it would
have carried before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_LAST_EXPORT = "last_bundle_export"  # the time of the last export (before 0004)
LAST_EXPORT_SEQ = "last_bundle_export_seq"

SQLITE_TRIGGER = """
CREATE TRIGGER tr_audit_entries_change_mark AFTER INSERT ON audit_entries
BEGIN
    INSERT INTO change_marks (record_id, entity, seq)
    VALUES (
        COALESCE(NEW.assessment_id, NEW.entity_id),
        CASE WHEN NEW.assessment_id IS NULL THEN NEW.entity ELSE 'assessment' END,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_marks)
    )
    ON CONFLICT (record_id) DO UPDATE SET seq = excluded.seq, entity = excluded.entity;
END
"""
POSTGRESQL_TRIGGER = (
    "CREATE SEQUENCE change_marks_counter",
    """
CREATE FUNCTION kiemtra_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO change_marks (record_id, entity, seq)
    VALUES (
        COALESCE(NEW.assessment_id, NEW.entity_id),
        CASE WHEN NEW.assessment_id IS NULL THEN NEW.entity ELSE 'assessment' END,
        nextval('change_marks_counter')
    )
    ON CONFLICT (record_id) DO UPDATE SET seq = EXCLUDED.seq, entity = EXCLUDED.entity;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER tr_audit_entries_change_mark AFTER INSERT ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION kiemtra_mark_change()",
)


def upgrade() -> None:
    op.create_table(
        "change_marks",
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_change_marks")),
    )
    op.create_index(op.f("ix_change_marks_seq"), "change_marks", ["seq"], unique=False)
    _mark_existing_records()
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_TRIGGER:
            op.execute(statement)
        op.execute("SELECT setval('change_marks_counter', 2)")
    else:
        op.execute(SQLITE_TRIGGER)


def _mark_existing_records() -> None:
    bind = op.get_bind()
    meta = sa.table("kiemtra_meta", sa.column("key", sa.String()), sa.column("value", sa.Text()))
    marks = sa.table(
        "change_marks",
        sa.column("record_id", sa.Uuid()),
        sa.column("entity", sa.String()),
        sa.column("seq", sa.Integer()),
    )
    audit = sa.table(
        "audit_entries",
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("entity_id", sa.Uuid()),
        sa.column("assessment_id", sa.Uuid()),
    )
    last = bind.scalar(sa.select(meta.c.value).where(meta.c.key == OLD_LAST_EXPORT))
    since = _moment(last)
    changed: set[object] = set()
    for entity, table_name in (("unit", "units"), ("assessment", "assessments")):
        table = sa.table(
            table_name, sa.column("id", sa.Uuid()), sa.column("updated_at", sa.DateTime(True))
        )
        rows = bind.execute(sa.select(table.c.id, table.c.updated_at)).all()
        if since is not None:
            changed |= {key for key, updated in rows if updated and _utc(updated) > since}
        for start in range(0, len(rows), 500):
            bind.execute(
                marks.insert(),
                [
                    {"record_id": key, "entity": entity, "seq": 1}
                    for key, _ in rows[start : start + 500]
                ],
            )
    if since is None:
        return
    for assessment_id, entity_id in bind.execute(
        sa.select(audit.c.assessment_id, audit.c.entity_id).where(audit.c.at > since)
    ):
        changed.add(assessment_id if assessment_id is not None else entity_id)
    keys = sorted(changed, key=str)
    for start in range(0, len(keys), 500):
        bind.execute(
            marks.update().where(marks.c.record_id.in_(keys[start : start + 500])).values(seq=2)
        )
    bind.execute(meta.insert().values(key=LAST_EXPORT_SEQ, value="1"))


def _moment(text: str | None) -> dt.datetime | None:
    try:
        return _utc(dt.datetime.fromisoformat(text)) if text else None
    except ValueError:
        return None  # never written by hand; an unreadable time exports everything once


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER tr_audit_entries_change_mark ON audit_entries")
        op.execute("DROP FUNCTION kiemtra_mark_change()")
        op.execute("DROP SEQUENCE change_marks_counter")
    else:
        op.execute("DROP TRIGGER tr_audit_entries_change_mark")
    op.drop_index(op.f("ix_change_marks_seq"), table_name="change_marks")
    op.drop_table("change_marks")
    op.execute(f"DELETE FROM kiemtra_meta WHERE key = '{LAST_EXPORT_SEQ}'")
