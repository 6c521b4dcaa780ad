"""Alembic environment: always driven from ``models.opening`` with a connection passed in."""

from __future__ import annotations

from alembic import context

from models.entities import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for hand-run alembic commands
    raise RuntimeError("run migrations through models.opening.open_database()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
