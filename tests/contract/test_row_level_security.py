"""Every table holding a tenant's rows in leads, opportunities, service-desk, kpi, call-center
and notifications has row-level security forced with the shared tenant policy: a table added
without it fails here."""

from __future__ import annotations

import asyncpg
import pytest

from .conftest import MigratedDatabases
from .test_migrations_match_tables import declared_tables

pytestmark = pytest.mark.integration
ISOLATED_SERVICES = [
    "leads",
    "opportunities",
    "service-desk",
    "kpi",
    "call-center",
    "notifications",
]


@pytest.mark.parametrize("service", ISOLATED_SERVICES)
async def test_every_tenant_table_is_isolated(service: str, migrated: MigratedDatabases) -> None:
    url = await migrated(service)
    tenant_tables = {t.name for t in declared_tables(service).sorted_tables if "tenant" in t.c}
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        rows = await connection.fetch(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   pg_get_expr(p.polqual, p.polrelid) AS qual,
                   pg_get_expr(p.polwithcheck, p.polrelid) AS check
              FROM pg_class c
              LEFT JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_isolation'
             WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            """
        )
    finally:
        await connection.close()
    found = {r["relname"]: r for r in rows}
    assert tenant_tables <= found.keys()

    def isolated(table: str) -> bool:
        row = found[table]
        policy = f"{row['qual']} {row['check']}" if row["qual"] and row["check"] else ""
        return bool(
            row["relrowsecurity"]
            and row["relforcerowsecurity"]
            and policy.count("crm.tenants") == 2
            and policy.count("crm.all_tenants") == 2
        )

    assert [t for t in sorted(tenant_tables) if not isolated(t)] == []
