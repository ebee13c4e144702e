"""customer files merged into another (one person, two files)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "customers",
        sa.Column("merged_into", postgresql.UUID(as_uuid=True), sa.ForeignKey("customers.id")),
    )


def downgrade() -> None:
    op.drop_column("customers", "merged_into")
