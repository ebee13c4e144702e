"""staff: identity's users as kpi needs them (consultants' targets name managed consultants)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("roles", ARRAY(sa.String(40)), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_staff_tenant_org", "staff", ["tenant", "org_node"])
    isolate_tenants("staff")


def downgrade() -> None:
    share_tenants("staff")
    op.drop_table("staff")
