"""calls: handed_to and handed_to_org, the agent of another org node (a dealer's consultant) a
transfer handed the call to, and that node — whose book the call is then in too

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("calls", sa.Column("handed_to", sa.String(64), nullable=True))
    op.add_column("calls", sa.Column("handed_to_org", sa.String(64), nullable=True))
    op.create_index(
        "ix_calls_handed_to",
        "calls",
        ["tenant", "handed_to_org", "started_at"],
        postgresql_where=sa.text("handed_to IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_calls_handed_to", table_name="calls")
    op.drop_column("calls", "handed_to_org")
    op.drop_column("calls", "handed_to")
