"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("item_id", sa.Uuid(), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_entries_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_entries_at"), ["at"], unique=False)

    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    op.create_table(
        "directives",
        sa.Column("number", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("source_complete", sa.Boolean(), nullable=False),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["directives.id"],
            name=op.f("fk_directives_supersedes_id_directives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directives")),
    )
    op.create_table(
        "kiemtra_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kiemtra_meta")),
    )
    op.create_table(
        "themes",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("label_vi", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
    )
    op.create_table(
        "units",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["units.id"], name=op.f("fk_units_parent_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "checklists",
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("directive_id", sa.Uuid(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["directive_id"], ["directives.id"], name=op.f("fk_checklists_directive_id_directives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklists")),
        sa.UniqueConstraint("slug", name=op.f("uq_checklists_slug")),
    )
    op.create_table(
        "checklist_versions",
        sa.Column("checklist_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["checklist_id"],
            ["checklists.id"],
            name=op.f("fk_checklist_versions_checklist_id_checklists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_versions")),
        sa.UniqueConstraint(
            "checklist_id", "version", name=op.f("uq_checklist_versions_checklist_id_version")
        ),
    )
    op.create_table(
        "assessments",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("assessor", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("kind IN ('tu-danh-gia', 'kiem-tra')", name=op.f("ck_assessments_kind")),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'reviewed')", name=op.f("ck_assessments_status")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_assessments_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["checklist_versions.id"],
            name=op.f("fk_assessments_version_id_checklist_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint(
            "unit_id",
            "version_id",
            "period",
            "kind",
            name=op.f("uq_assessments_unit_id_version_id_period_kind"),
        ),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "checklist_items",
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_incomplete", sa.Boolean(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.Column("answer_type", sa.String(length=20), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "answer_type IN ('status', 'number', 'yes-no', 'choice')",
            name=op.f("ck_checklist_items_answer_type"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["checklist_items.id"],
            name=op.f("fk_checklist_items_parent_id_checklist_items"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["checklist_versions.id"],
            name=op.f("fk_checklist_items_version_id_checklist_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_items")),
        sa.UniqueConstraint("version_id", "code", name=op.f("uq_checklist_items_version_id_code")),
    )
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_items_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "answers",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('dat', 'chua-dat', 'mot-phan', 'khong-ap-dung')",
            name=op.f("ck_answers_status"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_answers_assessment_id_assessments")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["checklist_items.id"], name=op.f("fk_answers_item_id_checklist_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint(
            "assessment_id", "item_id", name=op.f("uq_answers_assessment_id_item_id")
        ),
    )
    op.create_table(
        "corrective_actions",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_corrective_actions_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["checklist_items.id"],
            name=op.f("fk_corrective_actions_item_id_checklist_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrective_actions")),
        sa.UniqueConstraint(
            "assessment_id", "item_id", name=op.f("uq_corrective_actions_assessment_id_item_id")
        ),
    )
    op.create_table(
        "evidence_files",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_evidence_files_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["checklist_items.id"],
            name=op.f("fk_evidence_files_item_id_checklist_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_files_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "item_themes",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["checklist_items.id"],
            name=op.f("fk_item_themes_item_id_checklist_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_item_themes_theme_id_themes")
        ),
        sa.PrimaryKeyConstraint("item_id", "theme_id", name=op.f("pk_item_themes")),
    )


def downgrade() -> None:
    op.drop_table("item_themes")
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_files_assessment_id"))

    op.drop_table("evidence_files")
    op.drop_table("corrective_actions")
    op.drop_table("answers")
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_items_version_id"))

    op.drop_table("checklist_items")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_unit_id"))
        batch_op.drop_index(batch_op.f("ix_assessments_period"))

    op.drop_table("assessments")
    op.drop_table("checklist_versions")
    op.drop_table("checklists")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_parent_id"))

    op.drop_table("units")
    op.drop_table("themes")
    op.drop_table("kiemtra_meta")
    op.drop_table("directives")
    op.drop_table("devices")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_assessment_id"))

    op.drop_table("audit_entries")
