from crm_common.db.alembic_env import run_migrations
from crm_kpi.adapters import (  # noqa: F401  (registers their tables)
    assessment_tables,
    commission_tables,
    expense_tables,
    kpi_tables,
    target_tables,
)
from crm_kpi.adapters.tables import metadata

run_migrations(metadata)
