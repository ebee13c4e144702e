"""the staff copy keeps each user's display name (identity.UserChanged version 2)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import name_staff, unname_staff

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    name_staff()


def downgrade() -> None:
    unname_staff()
