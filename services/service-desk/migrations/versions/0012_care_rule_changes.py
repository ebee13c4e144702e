"""care rules record who last changed or stopped them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("care_rules", sa.Column("changed_by", sa.String(length=64), nullable=True))
    op.add_column("care_rules", sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("care_rules", "changed_at")
    op.drop_column("care_rules", "changed_by")
