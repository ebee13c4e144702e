"""quotes (versions), orders, dealers' sales settings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
MONEY = sa.Numeric(14, 2)


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("opportunity_id", UUID, sa.ForeignKey("opportunities.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("extra_discount", MONEY, nullable=False),
        sa.Column("list_total", MONEY, nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("cost_total", MONEY, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("approver_needed", sa.String(20)),
        sa.Column("decided_by", sa.String(64)),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True)),
        sa.Column("accepted_at", sa.DateTime(timezone=True)),
        sa.Column("order_id", UUID),
    )
    op.create_index(
        "ux_quotes_opportunity_version", "quotes", ["opportunity_id", "version"], unique=True
    )
    op.create_table(
        "orders",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("opportunity_id", UUID, sa.ForeignKey("opportunities.id"), nullable=False),
        sa.Column("quote_id", UUID, sa.ForeignKey("quotes.id"), nullable=False, unique=True),
        sa.Column("owner_user", sa.String(64), nullable=False),
        sa.Column("process", sa.String(20), nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("deposit", MONEY, nullable=False),
        sa.Column("steps_done", postgresql.JSONB, nullable=False),
        sa.Column("vin", sa.String(17)),
        sa.Column("delivered_on", sa.Date),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("refunded_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_orders_opportunity", "orders", ["opportunity_id"])
    op.create_table(
        "sales_settings",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("owner_org", sa.String(64), primary_key=True),
        sa.Column("discount_policy", postgresql.JSONB, nullable=False),
        sa.Column("order_process", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sales_settings")
    op.drop_table("orders")
    op.drop_table("quotes")
