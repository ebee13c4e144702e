"""sharing agreements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sharing_agreements",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("data_type", sa.String(20), primary_key=True),
        sa.Column("direction", sa.String(30), primary_key=True),
        sa.Column("dealer_id", sa.String(64), primary_key=True),
        sa.Column("partner_id", sa.String(64), primary_key=True),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


def downgrade() -> None:
    op.drop_table("sharing_agreements")
