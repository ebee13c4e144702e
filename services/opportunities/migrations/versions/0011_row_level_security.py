"""row-level security: every table with a tenant admits only the transaction's tenants

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows of the tables without a tenant column (import chunks, pool members, commission lines…)
# are reached only through a parent listed here.
TENANT_TABLES = (
    "activities",
    "catalog_versions",
    "dealer_pricing",
    "evaluations",
    "opportunities",
    "orders",
    "org_directory",
    "partner_applications",
    "personal_data_audit",
    "pipelines",
    "planned_collections",
    "questionnaires",
    "quote_templates",
    "quotes",
    "sales_settings",
    "sharing_levels",
    "staff",
    "stage_history",
    "test_drives",
    "trade_ins",
)


def upgrade() -> None:
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    share_tenants(*TENANT_TABLES)
