"""The body of every service's Alembic env.py: async engine, shared tables included."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.db.tables import messaging_metadata
from crm_common.db.tenancy import ACROSS_TENANTS_SERVER_SETTINGS
from crm_common.settings import get_settings


def run_migrations(service_metadata: MetaData) -> None:
    target = [service_metadata, messaging_metadata]
    url = (
        context.config.attributes.get("database_url")
        or get_settings().database_url.get_secret_value()
    )
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def _run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target)
        with context.begin_transaction():
            context.run_migrations()

    async def _run_async() -> None:
        engine = create_async_engine(
            url, connect_args={"server_settings": ACROSS_TENANTS_SERVER_SETTINGS}
        )
        async with engine.connect() as connection:
            await connection.run_sync(_run)
        await engine.dispose()

    asyncio.run(_run_async())
