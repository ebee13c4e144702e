"""competitors: a book's managed list of competitors and their models, and the competitors an
opportunity meets

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "competitors",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("models", ARRAY(sa.String(100)), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("true")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_competitors_book_name",
        "competitors",
        ["tenant", "owner_org", sa.text("lower(name)")],
        unique=True,
    )
    op.create_table(
        "opportunity_competitors",
        sa.Column(
            "opportunity_id",
            UUID(as_uuid=True),
            sa.ForeignKey("opportunities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "competitor_id",
            UUID(as_uuid=True),
            sa.ForeignKey("competitors.id"),
            primary_key=True,
        ),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("models", ARRAY(sa.String(100)), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_opportunity_competitors_competitor", "opportunity_competitors", ["competitor_id"]
    )
    isolate_tenants("competitors", "opportunity_competitors")


def downgrade() -> None:
    op.drop_table("opportunity_competitors")
    op.drop_table("competitors")
