"""sales expenses a dealer records (the sales-expense KPI)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
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
        "sales_expenses",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("consultant", sa.String(64)),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sales_expenses_book_day", "sales_expenses", ["tenant", "owner_org", "day"])
    isolate_tenants("sales_expenses")


def downgrade() -> None:
    op.drop_table("sales_expenses")
