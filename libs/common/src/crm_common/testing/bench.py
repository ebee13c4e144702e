"""What every benchmark under bench/ needs: a fresh database of its own on the local
PostgreSQL (the one `deploy/local/infra.sh` runs), migrated like a service's — as the owner,
granting the app and system roles their rights — and percentiles. Services a benchmark starts
connect as those roles (``service_database_env``), as ./platform runs them."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import asyncpg

from crm_common.db.tenancy import ACROSS_TENANTS_SERVER_SETTINGS
from crm_common.testing.infrastructure import as_app_role, as_system_role
from crm_common.testing.processes import package_of

PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}


def bench_database_url(database: str) -> str:
    """As the owner: what migrates, and what a benchmark fills and inspects its rows with."""
    return (
        f"postgresql+asyncpg://{PG['user']}:{PG['password']}@{PG['host']}:{PG['port']}/{database}"
    )


def app_role_url(database: str) -> str:
    """As the services' app role: what an api runs its requests with, in a process a
    benchmark starts or in the benchmark's own."""
    return as_app_role(bench_database_url(database))


def system_role_url(database: str) -> str:
    """As the services' system role: what a worker's sweeps, jobs and relay run with."""
    return as_system_role(bench_database_url(database))


def service_database_env(database: str) -> dict[str, str]:
    """The database settings of a service a benchmark starts: its api as the app role, its
    worker as the system role (``crm_common.db.roles``)."""
    return {
        "CRM_DATABASE_URL": app_role_url(database),
        "CRM_DATABASE_SYSTEM_URL": system_role_url(database),
    }


async def fresh_database(database: str, *, migrate_as: str | None = None) -> str:
    """Drops and creates ``database``; with ``migrate_as`` (a service name) migrates it like
    that service's, as the owner granting the services' roles their rights. Returns its URL as
    the owner."""
    conn = await asyncpg.connect(database="postgres", **PG)
    try:
        await until_left(conn, database)
        await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    url = bench_database_url(database)
    if migrate_as is not None:
        env = {
            **os.environ,
            "CRM_ENV": "test",
            "CRM_SERVICE_NAME": migrate_as,
            **service_database_env(database),
            "CRM_DATABASE_OWNER_URL": url,
        }
        migrate = [sys.executable, "-m", package_of(migrate_as), "migrate"]
        await asyncio.to_thread(subprocess.run, migrate, env=env, check=True, capture_output=True)
    return url


async def until_left(conn: asyncpg.Connection, database: str, seconds: float = 60.0) -> None:
    """Waits for the processes of a previous run to leave ``database``: the owner may not
    terminate the app and system roles' sessions (DROP ... WITH (FORCE) then fails)."""
    for _ in range(int(seconds * 4)):
        others = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
        if not others:
            return
        await asyncio.sleep(0.25)


async def connect_across_tenants(database: str) -> asyncpg.Connection:
    """A connection that fills or inspects a benchmark's database across tenants, as system work
    does: row-level security shows a connection that declares no tenant no row."""
    return await asyncpg.connect(
        database=database, server_settings=ACROSS_TENANTS_SERVER_SETTINGS, **PG
    )


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank ``p``th percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]
