"""a team's tickets newest first: a team lead (the team data scope) sees the tickets their
team's members own (``owner_team``), and no index had that column — their list read every
ticket of the tenant. Partial: a ticket worked by nobody's team is never looked up by it

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from crm_common.db.migration_ops import create_index_concurrently

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_index_concurrently(
        "ix_tickets_team",
        "tickets",
        ["tenant", "owner_team", "opened_at", "id"],
        where="owner_team IS NOT NULL",
    )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_tickets_team", table_name="tickets", postgresql_concurrently=True)
