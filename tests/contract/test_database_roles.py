"""The services connect as an app role that may only read and write rows (crm_common.db.roles):
row-level security holds for it, and it can neither undo the database's protections (turn
row-level security off, drop a policy or the audit trigger, truncate past the policies) nor
change the schema. Every service's database, as its own migrations leave it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

from crm_common.testing.infrastructure import as_app_role

from .conftest import MigratedDatabases
from .test_migrations_match_tables import SERVICES

pytestmark = pytest.mark.integration

ROWS = {"SELECT", "INSERT", "UPDATE", "DELETE"}
NEVER = ("TRUNCATE", "REFERENCES", "TRIGGER")
RIGHTS_OF = {"alembic_version": set(), "personal_data_audit": {"SELECT", "INSERT"}}
"""Tables the app role has other rights on than ROWS."""


@asynccontextmanager
async def connected(
    url: str, *, tenants: str = "", all_tenants: bool = False
) -> AsyncIterator[asyncpg.Connection]:
    """A connection declaring its tenant scope as the services' pools do."""
    connection = await asyncpg.connect(
        url.replace("postgresql+asyncpg", "postgresql"),
        server_settings={"crm.tenants": tenants, "crm.all_tenants": "on" if all_tenants else "off"},
    )
    try:
        yield connection
    finally:
        await connection.close()


@pytest.mark.parametrize("service", SERVICES)
async def test_the_app_role_may_read_and_write_rows_only(
    service: str, migrated: MigratedDatabases
) -> None:
    owner_url = await migrated(service)
    async with connected(as_app_role(owner_url)) as app:
        powers = await app.fetchrow(
            """
            SELECT r.rolsuper OR r.rolbypassrls OR r.rolcreatedb OR r.rolcreaterole AS powers,
                   (SELECT d.datdba = r.oid FROM pg_database d
                     WHERE d.datname = current_database()) AS owns_database,
                   has_schema_privilege('public', 'CREATE') AS creates
              FROM pg_roles r WHERE r.rolname = current_user
            """
        )
        assert powers is not None
        assert dict(powers) == {"powers": False, "owns_database": False, "creates": False}
        tables = await app.fetch(
            """
            SELECT tablename, tableowner = current_user AS owned
              FROM pg_tables WHERE schemaname = 'public'
            """
        )
        assert tables, "the migrations made no tables"
        wrong = {}
        for table in tables:
            name = table["tablename"]
            granted = {
                right
                for right in [*ROWS, *NEVER]
                if await app.fetchval("SELECT has_table_privilege($1, $2)", name, right)
            }
            if table["owned"] or granted != RIGHTS_OF.get(name, ROWS):
                wrong[name] = (table["owned"], sorted(granted))
        assert wrong == {}
        for statement in (
            "CREATE TABLE smuggled (id int)",
            f"DROP TABLE {tables[0]['tablename']}",
            f"ALTER TABLE {tables[0]['tablename']} ADD COLUMN smuggled int",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await app.execute(statement)


@pytest.mark.parametrize("service", ["leads", "service-desk"])
async def test_the_app_role_cannot_undo_row_level_security_or_the_audit_log(
    service: str, migrated: MigratedDatabases
) -> None:
    owner_url = await migrated(service)
    async with connected(as_app_role(owner_url)) as app:
        tenant_table = "customers" if service == "leads" else "tickets"
        for statement in (
            f"ALTER TABLE {tenant_table} DISABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {tenant_table} NO FORCE ROW LEVEL SECURITY",
            f"DROP POLICY tenant_isolation ON {tenant_table}",
            f"TRUNCATE {tenant_table}",
            "DROP TRIGGER personal_data_audit_append_only ON personal_data_audit",
            "ALTER TABLE personal_data_audit DISABLE TRIGGER ALL",
            "UPDATE personal_data_audit SET actor = 'someone else'",
            "DELETE FROM personal_data_audit",
            "TRUNCATE personal_data_audit",
            "DELETE FROM alembic_version",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await app.execute(statement)


async def test_the_app_role_reads_and_writes_only_the_tenants_it_acts_for(
    migrated: MigratedDatabases,
) -> None:
    owner_url = await migrated("leads")
    ours, theirs = f"oem-{uuid.uuid4().hex[:8]}", f"oem-{uuid.uuid4().hex[:8]}"
    insert = (
        "INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)"
        " VALUES ($1, $2, 'dealer-a', $3, 'Zhang San', now())"
    )
    async with connected(owner_url, all_tenants=True) as owner:
        for tenant in (ours, theirs):
            await owner.execute(insert, uuid.uuid4(), tenant, f"139{uuid.uuid4().int % 10**8:08d}")
    async with connected(as_app_role(owner_url), tenants=ours) as app:
        seen = await app.fetch(
            "SELECT tenant FROM customers WHERE tenant = ANY($1::text[])", [ours, theirs]
        )
        assert [row["tenant"] for row in seen] == [ours]
        changed = await app.execute(
            "UPDATE customers SET name = 'changed' WHERE tenant = $1", theirs
        )
        assert changed == "UPDATE 0"
        deleted = await app.execute("DELETE FROM customers WHERE tenant = $1", theirs)
        assert deleted == "DELETE 0"
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="row-level security"):
            await app.execute(insert, uuid.uuid4(), theirs, "13900000000")
    async with connected(as_app_role(owner_url)) as undeclared:
        assert await undeclared.fetchval("SELECT count(*) FROM customers") == 0
    async with connected(owner_url, all_tenants=True) as owner:
        names = await owner.fetch(
            "SELECT name FROM customers WHERE tenant = ANY($1::text[])", [ours, theirs]
        )
        assert [row["name"] for row in names] == ["Zhang San", "Zhang San"]
