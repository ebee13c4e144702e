"""row-level security: every table with a tenant admits only the transaction's tenants

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows of the tables without a tenant column (import chunks, pool members, commission lines…)
# are reached only through a parent listed here.
TENANT_TABLES = (
    "collection_facts",
    "commission_plans",
    "commission_runs",
    "commission_statements",
    "deal_facts",
    "generated_reports",
    "kpi_definitions",
    "lead_activity_facts",
    "lead_facts",
    "model_product_lines",
    "org_directory",
    "sharing_levels",
    "targets",
)


def upgrade() -> None:
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    share_tenants(*TENANT_TABLES)
