"""Every table holding a tenant's rows in leads, opportunities, service-desk, kpi, call-center
and notifications has row-level security forced with the shared tenant policies — the declared
tenants' rows for everyone, every row only for system work by the owner and the system role —:
a table added without them fails here."""

from __future__ import annotations

import asyncpg
import pytest

from crm_common.testing.infrastructure import SYSTEM_ROLE

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
                   pg_get_expr(p.polwithcheck, p.polrelid) AS check,
                   p.polroles = '{0}' AS everyone,
                   pg_get_expr(a.polqual, a.polrelid) AS across_qual,
                   pg_get_expr(a.polwithcheck, a.polrelid) AS across_check,
                   ARRAY(SELECT r.rolname::text FROM pg_roles r WHERE r.oid = ANY (a.polroles)
                          ORDER BY r.rolname) AS across_roles
              FROM pg_class c
              LEFT JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_isolation'
              LEFT JOIN pg_policy a ON a.polrelid = c.oid AND a.polname = 'across_tenants'
             WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            """
        )
        owner = await connection.fetchval("SELECT current_user")
    finally:
        await connection.close()
    found = {r["relname"]: r for r in rows}
    assert tenant_tables <= found.keys()

    def isolated(table: str) -> bool:
        row = found[table]
        policy = f"{row['qual']} {row['check']}" if row["qual"] and row["check"] else ""
        across = (
            f"{row['across_qual']} {row['across_check']}"
            if row["across_qual"] and row["across_check"]
            else ""
        )
        return bool(
            row["relrowsecurity"]
            and row["relforcerowsecurity"]
            and row["everyone"]
            and policy.count("crm.tenants") == 2
            and "crm.all_tenants" not in policy
            and across.count("crm.all_tenants") == 2
            and row["across_roles"] == sorted([owner, SYSTEM_ROLE])
        )

    assert [t for t in sorted(tenant_tables) if not isolated(t)] == []
