"""rounds: what an office asks of whom and by when; assessments attached to their round

Existing assessments are grouped by checklist, period and kind, and each group becomes a
round whose expected units are the units that reported in it. The round's id is derived
from the group (uuid5), so two machines migrating the same data make the same round and
their bundles merge instead of duplicating it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The namespace of round ids derived from (checklist, period, kind); never change it.
ROUND_NAMESPACE = uuid.UUID("5d0c2f4e-7a51-4d8e-9a57-2f0b8c1e6a10")
KIND_WORDS = {"tu-danh-gia": "Tự đánh giá", "kiem-tra": "Kiểm tra"}


def _period_label(key: str) -> str:
    if "-W" in key:
        year, week = key.split("-W")
        return f"Tuần {int(week)}/{year}"
    try:
        return dt.date.fromisoformat(key).strftime("%d/%m/%Y")
    except ValueError:
        return key


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("area_id", sa.Uuid(), nullable=True),
        sa.Column("unit_kind", sa.String(length=100), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("kind IN ('tu-danh-gia', 'kiem-tra')", name=op.f("ck_rounds_kind")),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_rounds_status")),
        sa.ForeignKeyConstraint(["area_id"], ["units.id"], name=op.f("fk_rounds_area_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rounds_period"), ["period"], unique=False)
    op.create_table(
        "round_checklists",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("checklist_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checklist_id"],
            ["checklists.id"],
            name=op.f("fk_round_checklists_checklist_id_checklists"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_round_checklists_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "checklist_id", name=op.f("pk_round_checklists")),
    )
    op.create_table(
        "round_units",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_round_units_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_round_units_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("round_id", "unit_id", name=op.f("pk_round_units")),
    )
    with op.batch_alter_table("round_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_units_unit_id"), ["unit_id"], unique=False)
    # A plain ADD COLUMN (not a batch copy): recreating `assessments` would trip the foreign
    # keys of answers that point at it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE assessments ADD COLUMN round_id CHAR(32) "
            "CONSTRAINT fk_assessments_round_id_rounds REFERENCES rounds (id)"
        )
    else:
        op.add_column("assessments", sa.Column("round_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(
            op.f("fk_assessments_round_id_rounds"), "assessments", "rounds", ["round_id"], ["id"]
        )
    op.create_index(op.f("ix_assessments_round_id"), "assessments", ["round_id"], unique=False)
    _attach_existing_assessments()


def _attach_existing_assessments() -> None:
    bind = op.get_bind()
    assessments = sa.table(
        "assessments",
        sa.column("id", sa.Uuid()),
        sa.column("unit_id", sa.Uuid()),
        sa.column("version_id", sa.Uuid()),
        sa.column("period", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("round_id", sa.Uuid()),
    )
    versions = sa.table(
        "checklist_versions",
        sa.column("id", sa.Uuid()),
        sa.column("checklist_id", sa.Uuid()),
        sa.column("title", sa.String()),
    )
    checklists = sa.table(
        "checklists", sa.column("id", sa.Uuid()), sa.column("directive_id", sa.Uuid())
    )
    directives = sa.table(
        "directives",
        sa.column("id", sa.Uuid()),
        sa.column("number", sa.String()),
        sa.column("kind", sa.String()),
    )
    rounds = sa.table(
        "rounds",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("period", sa.String()),
        sa.column("status", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    round_checklists = sa.table(
        "round_checklists", sa.column("round_id", sa.Uuid()), sa.column("checklist_id", sa.Uuid())
    )
    round_units = sa.table(
        "round_units", sa.column("round_id", sa.Uuid()), sa.column("unit_id", sa.Uuid())
    )
    rows = bind.execute(
        sa.select(
            assessments.c.id,
            assessments.c.unit_id,
            assessments.c.period,
            assessments.c.kind,
            versions.c.checklist_id,
            directives.c.number,
            directives.c.kind.label("directive_kind"),
        )
        .join(versions, versions.c.id == assessments.c.version_id)
        .join(checklists, checklists.c.id == versions.c.checklist_id)
        .join(directives, directives.c.id == checklists.c.directive_id)
    ).all()
    groups: dict[tuple[uuid.UUID, str, str], list[tuple[uuid.UUID, uuid.UUID]]] = {}
    names: dict[tuple[uuid.UUID, str, str], str] = {}
    for row in rows:
        key = (row.checklist_id, row.period, row.kind)
        groups.setdefault(key, []).append((row.id, row.unit_id))
        directive = " ".join(part for part in (row.directive_kind, row.number) if part)
        names[key] = f"{KIND_WORDS[row.kind]} {directive} — {_period_label(row.period)}"
    now = dt.datetime.now(dt.UTC)
    for (checklist_id, period, kind), members in sorted(groups.items(), key=str):
        round_id = uuid.uuid5(ROUND_NAMESPACE, f"{checklist_id}|{period}|{kind}")
        bind.execute(
            rounds.insert().values(
                id=round_id,
                name=names[(checklist_id, period, kind)][:300],
                kind=kind,
                period=period,
                status="open",
                created_at=now,
                updated_at=now,
            )
        )
        bind.execute(round_checklists.insert().values(round_id=round_id, checklist_id=checklist_id))
        unit_ids = sorted({unit_id for _, unit_id in members})
        bind.execute(round_units.insert(), [{"round_id": round_id, "unit_id": u} for u in unit_ids])
        bind.execute(
            assessments.update()
            .where(assessments.c.id.in_([assessment_id for assessment_id, _ in members]))
            .values(round_id=round_id)
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_assessments_round_id"), table_name="assessments")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE assessments DROP COLUMN round_id")
    else:
        op.drop_constraint(
            op.f("fk_assessments_round_id_rounds"), "assessments", type_="foreignkey"
        )
        op.drop_column("assessments", "round_id")
    with op.batch_alter_table("round_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_units_unit_id"))
    op.drop_table("round_units")
    op.drop_table("round_checklists")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rounds_period"))
    op.drop_table("rounds")
