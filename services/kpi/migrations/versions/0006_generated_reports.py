"""generated reports: daily, weekly and monthly sales meeting files per dealer

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "generated_reports",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("csv", sa.LargeBinary, nullable=False),
        sa.Column("xlsx", sa.LargeBinary, nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_generated_reports_period",
        "generated_reports",
        ["tenant", "owner_org", "kind", "period_start"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_table("generated_reports")
