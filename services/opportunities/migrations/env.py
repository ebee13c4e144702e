from crm_common.db.alembic_env import run_migrations
from crm_opportunities.adapters import catalog_tables, sales_tables  # noqa: F401  (registers tables)
from crm_opportunities.adapters.tables import metadata

run_migrations(metadata)
