"""calls: part_of, the call a handed part (what a dealer's consultant handled after a transfer
from the hotline) belongs to — the part is a call of its own in the dealer's book

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("calls", sa.Column("part_of", postgresql.UUID(as_uuid=True), nullable=True))
    op.create_index(
        "ix_calls_part_of", "calls", ["part_of"], postgresql_where=sa.text("part_of IS NOT NULL")
    )


def downgrade() -> None:
    op.drop_index("ix_calls_part_of", table_name="calls")
    op.drop_column("calls", "part_of")
