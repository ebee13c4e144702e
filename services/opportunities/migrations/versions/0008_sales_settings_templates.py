"""dealers' letterhead and quote validity; quote templates

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sales_settings", sa.Column("letterhead", postgresql.JSONB))
    op.add_column(
        "sales_settings",
        sa.Column("quote_valid_days", sa.Integer, nullable=False, server_default=sa.text("7")),
    )
    op.create_table(
        "quote_templates",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("configuration", postgresql.JSONB),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("extra_discount", sa.Numeric(14, 2), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quote_templates_book", "quote_templates", ["tenant", "owner_org"])


def downgrade() -> None:
    op.drop_table("quote_templates")
    op.drop_column("sales_settings", "quote_valid_days")
    op.drop_column("sales_settings", "letterhead")
