"""Start-up step: create the service database if missing, upgrade it to the latest revision and
grant the services' app and system roles their rights (``crm_common.db.roles``), all as the
owner role."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from crm_common.settings import Environment, Settings


async def ensure_database(settings: Settings) -> None:
    url = make_url(settings.migration_database_url)
    name = url.database
    if not name:
        raise ValueError("CRM_DATABASE_URL names no database")
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database="postgres",
    )
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            quoted = '"' + name.replace('"', '""') + '"'
            # Another process may create it meanwhile.
            with contextlib.suppress(asyncpg.DuplicateDatabaseError):
                await conn.execute(f"CREATE DATABASE {quoted}")
    finally:
        await conn.close()


def upgrade_to_head(settings: Settings, migrations_dir: Path) -> None:
    if settings.app_database_role is None and settings.env is Environment.PRODUCTION:
        raise ValueError(
            "migrating in production needs CRM_DATABASE_OWNER_URL, a role other than"
            " CRM_DATABASE_URL's: the services must not connect as the owner of their tables"
        )
    if settings.system_database_role is None and settings.env is Environment.PRODUCTION:
        raise ValueError(
            "migrating in production needs CRM_DATABASE_SYSTEM_URL, the workers' role: only it"
            " (and the owner) may act across tenants"
        )
    asyncio.run(ensure_database(settings))
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database_url"] = settings.migration_database_url
    config.attributes["app_role"] = settings.app_database_role
    config.attributes["system_role"] = settings.system_database_role
    command.upgrade(config, "head")
