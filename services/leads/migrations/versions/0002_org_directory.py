"""org directory: the service's copy of the org tree

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import create_org_directory, drop_org_directory

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_org_directory()


def downgrade() -> None:
    drop_org_directory()
