"""notifications: inbox and preferences, with the outbox, inbox, org tree and staff copies

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from crm_notifications.adapters.tables import notification_preferences, notifications
from sqlalchemy.dialects.postgresql import ARRAY

from crm_common.db.migration_ops import (
    create_messaging_tables,
    create_policy_tables,
    drop_messaging_tables,
    drop_policy_tables,
    isolate_tenants,
)

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES = (
    "notifications",
    "notification_preferences",
    "org_directory",
    "sharing_levels",
    "staff",
)


def upgrade() -> None:
    create_messaging_tables()
    create_policy_tables()
    # The staff copy as it was then (0004 adds the names): not the shared table object, which
    # moves on with later revisions.
    op.create_table(
        "staff",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("roles", ARRAY(sa.String(40)), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_staff_tenant_org", "staff", ["tenant", "org_node"])
    bind = op.get_bind()
    notifications.create(bind)
    notification_preferences.create(bind)
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    bind = op.get_bind()
    notification_preferences.drop(bind)
    notifications.drop(bind)
    op.drop_table("staff")
    drop_policy_tables()
    drop_messaging_tables()
