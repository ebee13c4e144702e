"""notifications: inbox and preferences, with the outbox, inbox, org tree and staff copies

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op
from crm_notifications.adapters.tables import notification_preferences, notifications

from crm_common.db.migration_ops import (
    create_messaging_tables,
    create_policy_tables,
    drop_messaging_tables,
    drop_policy_tables,
    isolate_tenants,
)
from crm_common.db.tables import staff

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
    bind = op.get_bind()
    staff.create(bind)
    notifications.create(bind)
    notification_preferences.create(bind)
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    bind = op.get_bind()
    notification_preferences.drop(bind)
    notifications.drop(bind)
    staff.drop(bind)
    drop_policy_tables()
    drop_messaging_tables()
