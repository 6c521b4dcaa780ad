"""form keyings: double entry of paper forms typed in by hand

Each keying is one person's typing of one paper form (unit, checklist version, period,
kind), kept apart from the answers until a second keying has been compared with it and the
differences decided.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_keyings",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("keyer", sa.String(length=200), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("final", sa.JSON(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('tu-danh-gia', 'kiem-tra')", name=op.f("ck_form_keyings_kind")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_form_keyings_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["checklist_versions.id"],
            name=op.f("fk_form_keyings_version_id_checklist_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_keyings")),
    )
    op.create_index(op.f("ix_form_keyings_unit_id"), "form_keyings", ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_form_keyings_unit_id"), table_name="form_keyings")
    op.drop_table("form_keyings")
