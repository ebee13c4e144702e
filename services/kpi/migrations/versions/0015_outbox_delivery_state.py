"""outbox: retry time, parking and relay leases

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import add_outbox_delivery_state, drop_outbox_delivery_state

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_outbox_delivery_state()


def downgrade() -> None:
    drop_outbox_delivery_state()
