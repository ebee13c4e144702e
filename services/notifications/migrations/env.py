from crm_notifications.adapters.tables import metadata

from crm_common.db.alembic_env import run_migrations

run_migrations(metadata)
