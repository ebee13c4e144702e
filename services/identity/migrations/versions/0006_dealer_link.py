"""a dealer deployment's link: users kept for a dealer's deployment, the org tree as a copy

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # HQ keeps the users a dealer's own deployment created (they log in there, never here).
    op.add_column("users", sa.Column("deployment", sa.String(64)))
    # A dealer's identity follows HQ's tree from its events, which arrive in order per node
    # only: a node may come before its parent. HQ's api still refuses a parent it does not know.
    op.drop_constraint("org_nodes_parent_id_fkey", "org_nodes", type_="foreignkey")


def downgrade() -> None:
    op.create_foreign_key(
        "org_nodes_parent_id_fkey", "org_nodes", "org_nodes", ["parent_id"], ["id"]
    )
    op.drop_column("users", "deployment")
