"""predictive lead scoring: each book's model versions with their quality, and open leads' scores
and top factors

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lead_score_models",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("converted", sa.Integer(), nullable=False),
        sa.Column("lost", sa.Integer(), nullable=False),
        sa.Column("held_out_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_out_leads", sa.Integer(), nullable=False),
        sa.Column("auc", sa.Float(), nullable=False),
        sa.Column("brier", sa.Float(), nullable=False),
        sa.Column("calibration", postgresql.JSONB(), nullable=False),
        sa.Column("in_use", sa.Boolean(), nullable=False),
        sa.Column("parameters", postgresql.JSONB(), nullable=False),
    )
    op.create_index(
        "ux_lead_score_models_version",
        "lead_score_models",
        ["tenant", "owner_org", "version"],
        unique=True,
    )
    op.create_table(
        "lead_scores",
        sa.Column(
            "lead_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("leads.id"), primary_key=True
        ),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column(
            "model_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("lead_score_models.id"),
            nullable=False,
        ),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("factors", postgresql.JSONB(), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lead_scores_model", "lead_scores", ["model_id"])
    isolate_tenants("lead_score_models", "lead_scores")


def downgrade() -> None:
    op.drop_table("lead_scores")
    op.drop_table("lead_score_models")
