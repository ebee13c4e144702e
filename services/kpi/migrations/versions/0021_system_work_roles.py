"""system work across tenants only by the owner and the system role

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import (
    confine_system_work_to_its_roles,
    let_any_role_work_across_tenants,
)

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    confine_system_work_to_its_roles()


def downgrade() -> None:
    let_any_role_work_across_tenants()
