"""row-level security: every table with a tenant admits only the transaction's tenants

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows of the tables without a tenant column (import chunks, pool members, commission lines…)
# are reached only through a parent listed here.
TENANT_TABLES = (
    "campaigns",
    "customer_identifiers",
    "customer_opportunities",
    "customers",
    "follow_ups",
    "lead_history",
    "lead_imports",
    "leads",
    "org_directory",
    "personal_data_audit",
    "pools",
    "receptions",
    "sharing_levels",
    "staff",
)


def upgrade() -> None:
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    share_tenants(*TENANT_TABLES)
