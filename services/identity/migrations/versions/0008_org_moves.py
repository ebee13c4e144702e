"""org_moves: who moved which node of the org tree, from where to where, when

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "org_moves",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("org_id", sa.String(64), nullable=False),
        sa.Column("from_parent", sa.String(64), nullable=False),
        sa.Column("to_parent", sa.String(64), nullable=False),
        sa.Column("from_path", sa.String(1000), nullable=False),
        sa.Column("to_path", sa.String(1000), nullable=False),
        sa.Column("moved_by", sa.String(64), nullable=False),
        sa.Column(
            "moved_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_org_moves_tenant_org", "org_moves", ["tenant", "org_id"])


def downgrade() -> None:
    op.drop_table("org_moves")
