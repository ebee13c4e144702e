"""policy tables: the service's copies of the org tree and the sharing agreements

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import create_policy_tables, drop_policy_tables

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_policy_tables()


def downgrade() -> None:
    drop_policy_tables()
