"""tiered assessment: scoring forms and assessments with their review

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment_forms",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("tier", sa.String(20), nullable=False),
        sa.Column("criteria", postgresql.JSONB(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_assessment_forms_tenant", "assessment_forms", ["tenant", "created_at"])
    op.create_table(
        "assessments",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("form_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("subject_user", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("scores", postgresql.JSONB(), nullable=False),
        sa.Column("total", sa.Numeric(5, 2), nullable=False),
        sa.Column("comment", sa.Text()),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("scored_by", sa.String(64), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vp", sa.String(64)),
        sa.Column("vp_note", sa.Text()),
        sa.Column("vp_at", sa.DateTime(timezone=True)),
        sa.Column("hr", sa.String(64)),
        sa.Column("hr_note", sa.Text()),
        sa.Column("hr_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ux_assessments_subject_period",
        "assessments",
        ["tenant", "form_id", "subject_user", "period"],
        unique=True,
    )
    isolate_tenants("assessment_forms", "assessments")


def downgrade() -> None:
    op.drop_table("assessments")
    op.drop_table("assessment_forms")
