from crm_common.db.alembic_env import run_migrations
from crm_service_desk.adapters.tables import metadata

run_migrations(metadata)
