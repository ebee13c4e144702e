from crm_common.db.alembic_env import run_migrations
from crm_kpi.adapters import commission_tables  # noqa: F401  (registers its tables)
from crm_kpi.adapters.tables import metadata

run_migrations(metadata)
