"""customer opportunities: opened, won and lost opportunities of leads' customers

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_opportunities",
        sa.Column("opportunity_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_customer_opportunities_customer",
        "customer_opportunities",
        ["customer_id", "status"],
    )


def downgrade() -> None:
    op.drop_table("customer_opportunities")
