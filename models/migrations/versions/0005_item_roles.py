"""item roles and addressees: who an item asks something of, and whether it is asked at all

Each checklist item gets a role (requirement, heading, information), an optional date
after which it is no longer asked, the unit kinds and named bodies it is addressed to, and
the reason it is critical. Existing items keep NULL, which reads as before: a requirement
addressed to every unit.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("addressees", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("addressed_bodies", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("critical_reason", sa.Text(), nullable=True))


COLUMNS = ("critical_reason", "addressed_bodies", "addressees", "valid_until", "role")


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN in place (SQLite 3.35+): a batch copy would drop the table
    # that answers point at, which foreign keys refuse.
    for column in COLUMNS:
        op.execute(f"ALTER TABLE checklist_items DROP COLUMN {column}")
