"""Each service's migrations build exactly the tables its code declares: a column, index or
table added to one and not the other fails here, not in production."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData

from crm_common.db import create_engine
from crm_common.db.tables import messaging_metadata
from crm_common.settings import Settings

from .conftest import MigratedDatabases

pytestmark = pytest.mark.integration
SERVICES = [
    "identity",
    "leads",
    "opportunities",
    "service-desk",
    "call-center",
    "kpi",
    "notifications",
]


def declared_tables(service: str) -> MetaData:
    """The service's tables as its running code knows them (wiring it imports every table)."""
    package = f"crm_{service.replace('-', '_')}"
    importlib.import_module(f"{package}.bootstrap")
    metadata: MetaData = importlib.import_module(f"{package}.adapters.tables").metadata
    return metadata


@pytest.mark.parametrize("service", SERVICES)
async def test_migrations_build_the_declared_tables(
    service: str, migrated: MigratedDatabases
) -> None:
    url = await migrated(service)
    engine = create_engine(Settings(env="test", database_url=url))
    metadata = declared_tables(service)

    def differences(connection: Any) -> list[Any]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        found = compare_metadata(context, [metadata, messaging_metadata])
        # A shared table a service has no use for (identity keeps no copy of its own org
        # tree) is not drift; a shared table it has must match.
        unused = {
            d[1].name
            for d in found
            if d[0] == "add_table" and d[1].name in messaging_metadata.tables
        }
        return [
            d
            for d in found
            if not (d[0] == "add_table" and d[1].name in unused)
            and not (d[0] == "add_index" and d[1].table.name in unused)
        ]

    try:
        async with engine.connect() as connection:
            drift = await connection.run_sync(differences)
    finally:
        await engine.dispose()
    assert drift == [], f"{service}: migrations and tables differ: {drift}"
