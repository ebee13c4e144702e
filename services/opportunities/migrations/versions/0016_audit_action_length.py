"""room for a command's whole name in the personal-data audit's action

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import narrow_audit_action, widen_audit_action

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    widen_audit_action()


def downgrade() -> None:
    narrow_audit_action()
