"""The body of every service's Alembic env.py: async engine, shared tables included.

Each revision runs in its own transaction (a failure leaves the database at the last revision
that completed, and a revision may step out of its transaction for ``CREATE INDEX
CONCURRENTLY``, see ``migration_ops``), and a migrator holds a session advisory lock for the
whole upgrade: two migrators starting together (two replicas' start-up steps) run one after
the other, the second finding nothing left to do. Under the same lock, after the last revision,
the services' app and system roles get their rights on every table (``crm_common.db.roles``):
concurrent GRANTs on one object fail in PostgreSQL ("tuple concurrently updated")."""

from __future__ import annotations

import asyncio
import time

from alembic import context
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.db.roles import grant_service_roles
from crm_common.db.tables import messaging_metadata
from crm_common.db.tenancy import ACROSS_TENANTS_SERVER_SETTINGS
from crm_common.settings import get_settings

MIGRATION_LOCK = 0x63726D5F6D6967
"""Advisory lock key of migrations ("crm_mig"); advisory locks are per database."""


def run_migrations(service_metadata: MetaData) -> None:
    target = [service_metadata, messaging_metadata]
    if "database_url" in context.config.attributes:
        url = context.config.attributes["database_url"]
        app_role = context.config.attributes.get("app_role")
        system_role = context.config.attributes.get("system_role")
    else:  # the alembic command line
        settings = get_settings()
        url, app_role = settings.migration_database_url, settings.app_database_role
        system_role = settings.system_database_role
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def _run(connection: Connection) -> None:
        _take_migration_lock(connection)
        try:
            context.configure(
                connection=connection, target_metadata=target, transaction_per_migration=True
            )
            with context.begin_transaction():
                context.run_migrations()
            if app_role:
                grant_service_roles(connection, app_role, system_role)
                connection.commit()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()

    async def _run_async() -> None:
        engine = create_async_engine(
            url, connect_args={"server_settings": ACROSS_TENANTS_SERVER_SETTINGS}
        )
        async with engine.connect() as connection:
            await connection.run_sync(_run)
        await engine.dispose()

    asyncio.run(_run_async())


def _take_migration_lock(connection: Connection) -> None:
    """The session lock, waited for a short transaction at a time: a migrator blocked inside
    one transaction would hold a snapshot, which the other migrator's ``CREATE INDEX
    CONCURRENTLY`` waits for — a deadlock."""
    lock = text("SELECT pg_try_advisory_lock(:key)")
    while not connection.execute(lock, {"key": MIGRATION_LOCK}).scalar():
        connection.commit()
        time.sleep(_LOCK_POLL_SECONDS)
    connection.commit()  # the session lock outlives the transaction that took it


_LOCK_POLL_SECONDS = 0.2
