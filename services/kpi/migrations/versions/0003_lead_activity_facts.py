"""lead activity facts: claims, releases, follow-ups, conversions and losses per day

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lead_activity_facts",
        sa.Column("event_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("lead_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("consultant", sa.String(64)),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("detail", sa.String(40)),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_lead_activity_facts_tenant_day_dealer",
        "lead_activity_facts",
        ["tenant", "day", "dealer_id"],
    )


def downgrade() -> None:
    op.drop_table("lead_activity_facts")
