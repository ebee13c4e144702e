"""deal facts: won, lost, delivered and cancelled deals with units, revenue and margin

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(14, 2)


def upgrade() -> None:
    op.create_table(
        "deal_facts",
        sa.Column("event_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("opportunity_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("order_id", postgresql.UUID(as_uuid=True)),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("consultant", sa.String(64)),
        sa.Column("team", sa.String(64)),
        sa.Column("model_code", sa.String(40)),
        sa.Column("lead_origin", sa.String(20)),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("revenue", MONEY, nullable=False),
        sa.Column("gross_margin", MONEY, nullable=False),
        sa.Column("msrp", MONEY, nullable=False),
        sa.Column("finance_attached", sa.Boolean, nullable=False),
        sa.Column("insurance_attached", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String(200)),
        sa.Column("competitor", sa.String(200)),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
    )
    op.create_index("ix_deal_facts_tenant_day_dealer", "deal_facts", ["tenant", "day", "dealer_id"])
    op.create_index("ix_deal_facts_order", "deal_facts", ["order_id"])
    op.create_index("ix_deal_facts_recorded", "deal_facts", ["recorded_at"])


def downgrade() -> None:
    op.drop_table("deal_facts")
