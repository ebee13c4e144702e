"""ordered routing rules of a book, and the rule (and campaign) behind each lead's arrival

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "routing_rules",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("conditions", postgresql.JSONB(), nullable=False),
        sa.Column("target", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_routing_rules_book", "routing_rules", ["tenant", "owner_org", "position"])
    isolate_tenants("routing_rules")
    op.add_column(
        "pools",
        sa.Column("routing_version", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.add_column("leads", sa.Column("campaign_id", postgresql.UUID(as_uuid=True)))
    op.add_column("leads", sa.Column("routing_rule_id", postgresql.UUID(as_uuid=True)))
    # History names a routing rule as routing:<its id>; widening a varchar rewrites nothing.
    op.alter_column("lead_history", "rule", type_=sa.String(64), existing_type=sa.String(40))


def downgrade() -> None:
    op.alter_column("lead_history", "rule", type_=sa.String(40), existing_type=sa.String(64))
    op.drop_column("leads", "routing_rule_id")
    op.drop_column("leads", "campaign_id")
    op.drop_column("pools", "routing_version")
    op.drop_table("routing_rules")
