"""finance and insurance applications with partners

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.create_table(
        "partner_applications",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("opportunity_id", UUID, sa.ForeignKey("opportunities.id"), nullable=False),
        sa.Column("quote_id", UUID, sa.ForeignKey("quotes.id"), nullable=False),
        sa.Column("order_id", UUID),
        sa.Column("partner_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("product_code", sa.String(40), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_partner_applications_quote_product",
        "partner_applications",
        ["quote_id", "partner_id", "product_code"],
        unique=True,
    )
    op.create_index(
        "ix_partner_applications_partner_status",
        "partner_applications",
        ["tenant", "partner_id", "status"],
    )


def downgrade() -> None:
    op.drop_table("partner_applications")
