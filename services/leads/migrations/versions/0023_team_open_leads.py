"""a claim's count of its claimant's department's open leads reads an index by owner_team

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from crm_common.db.migration_ops import create_index_concurrently

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Without it the count walked every open lead of the tenant (by ix_leads_tenant_owner_org)
    # on every claim: cheap in a benchmark, not in a dealer group's hundreds of thousands.
    create_index_concurrently(
        "ix_leads_team_open",
        "leads",
        ["tenant", "owner_team"],
        where="status IN ('open', 'loss_pending')",
    )


def downgrade() -> None:
    op.drop_index("ix_leads_team_open", table_name="leads")
