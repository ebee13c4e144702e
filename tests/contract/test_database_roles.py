"""The apis connect as an app role, the workers as a system role, that may only read and write
rows (crm_common.db.roles): row-level security holds for them, and they can neither undo the
database's protections (turn row-level security off, drop a policy or the audit trigger,
truncate past the policies) nor change the schema; only the system role (and the owner) may act
across tenants. Every service's database, as its own migrations leave it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

from crm_common.db import create_engine
from crm_common.db.roles import check_database_role
from crm_common.settings import Environment, Settings
from crm_common.testing.infrastructure import SYSTEM_ROLE, as_app_role, as_system_role

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


@pytest.mark.parametrize("role", ["app", "system"])
@pytest.mark.parametrize("service", SERVICES)
async def test_the_services_roles_may_read_and_write_rows_only(
    service: str, role: str, migrated: MigratedDatabases
) -> None:
    owner_url = await migrated(service)
    url = as_app_role(owner_url) if role == "app" else as_system_role(owner_url)
    async with connected(url) as app:
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


@pytest.mark.parametrize("role", ["app", "system"])
@pytest.mark.parametrize("service", ["leads", "service-desk"])
async def test_the_services_roles_cannot_undo_row_level_security_or_the_audit_log(
    service: str, role: str, migrated: MigratedDatabases
) -> None:
    owner_url = await migrated(service)
    url = as_app_role(owner_url) if role == "app" else as_system_role(owner_url)
    async with connected(url) as app:
        tenant_table = "customers" if service == "leads" else "tickets"
        for statement in (
            f"ALTER TABLE {tenant_table} DISABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {tenant_table} NO FORCE ROW LEVEL SECURITY",
            f"DROP POLICY tenant_isolation ON {tenant_table}",
            f"ALTER POLICY across_tenants ON {tenant_table} TO PUBLIC",
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


async def _two_tenants(owner_url: str) -> tuple[str, str]:
    """A customer in each of two new tenants, written by the owner as system work."""
    ours, theirs = f"oem-{uuid.uuid4().hex[:8]}", f"oem-{uuid.uuid4().hex[:8]}"
    async with connected(owner_url, all_tenants=True) as owner:
        for tenant in (ours, theirs):
            await owner.execute(
                "INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)"
                " VALUES ($1, $2, 'dealer-a', $3, 'Li Si', now())",
                uuid.uuid4(),
                tenant,
                f"138{uuid.uuid4().int % 10**8:08d}",
            )
    return ours, theirs


async def test_the_app_role_cannot_switch_itself_to_every_tenant(
    migrated: MigratedDatabases,
) -> None:
    """SQL smuggled into an api request may set crm.all_tenants as it likes: the app role still
    sees, changes and adds rows of the tenants it acts for only."""
    owner_url = await migrated("leads")
    ours, theirs = await _two_tenants(owner_url)
    both = [ours, theirs]
    async with connected(as_app_role(owner_url), tenants=ours, all_tenants=True) as app:
        await app.execute("SET crm.all_tenants = on")
        await app.execute("SELECT set_config('crm.all_tenants', 'on', false)")
        seen = await app.fetch("SELECT tenant FROM customers WHERE tenant = ANY($1)", both)
        assert [row["tenant"] for row in seen] == [ours]
        changed = await app.execute("UPDATE customers SET name = 'x' WHERE tenant = $1", theirs)
        assert changed == "UPDATE 0"
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="row-level security"):
            await app.execute(
                "INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)"
                " VALUES ($1, $2, 'dealer-a', '13900000001', 'x', now())",
                uuid.uuid4(),
                theirs,
            )
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app.execute(f"SET ROLE {SYSTEM_ROLE}")
    async with connected(as_app_role(owner_url), all_tenants=True) as undeclared:
        assert await undeclared.fetchval("SELECT count(*) FROM customers") == 0


async def test_the_system_role_acts_across_tenants_only_when_it_declares_so(
    migrated: MigratedDatabases,
) -> None:
    owner_url = await migrated("leads")
    ours, theirs = await _two_tenants(owner_url)
    both = [ours, theirs]
    query = "SELECT tenant FROM customers WHERE tenant = ANY($1) ORDER BY tenant"
    async with connected(as_system_role(owner_url), all_tenants=True) as sweep:
        assert [row["tenant"] for row in await sweep.fetch(query, both)] == sorted(both)
    async with connected(as_system_role(owner_url), tenants=ours) as consumer:
        assert [row["tenant"] for row in await consumer.fetch(query, both)] == [ours]
    async with connected(as_system_role(owner_url)) as undeclared:
        assert await undeclared.fetch(query, both) == []


async def test_the_public_forms_find_only_what_their_key_names(
    migrated: MigratedDatabases,
) -> None:
    """The campaign form and the survey link name no tenant: the owner's lookup functions give
    the app role the one book a right key names, nothing for a wrong one."""
    leads = await migrated("leads")
    campaign, tenant = uuid.uuid4(), f"oem-{uuid.uuid4().hex[:8]}"
    async with connected(leads, all_tenants=True) as owner:
        await owner.execute(
            "INSERT INTO campaigns (id, tenant, owner_org, name, key_hash, active, created_by,"
            " created_at) VALUES ($1, $2, 'dealer-a', 'spring', 'right', true, 'u', now())",
            campaign,
            tenant,
        )
    async with connected(as_app_role(leads)) as app:
        lookup = "SELECT book_tenant, book_org FROM campaign_form_book($1, $2)"
        assert [tuple(r) for r in await app.fetch(lookup, campaign, "right")] == [
            (tenant, "dealer-a")
        ]
        assert await app.fetch(lookup, campaign, "wrong") == []
        assert await app.fetchval("SELECT count(*) FROM campaigns") == 0
    desk = await migrated("service-desk")
    async with connected(as_app_role(desk)) as app:
        assert await app.fetchval("SELECT survey_link_tenant($1)", b"x" * 32) is None


@pytest.mark.parametrize(
    ("role", "system_work", "refusal"),
    [
        ("app", False, None),
        ("system", True, None),
        ("system", False, "may act for every tenant"),
        ("app", True, "may not act across tenants"),
    ],
)
async def test_an_api_or_worker_with_the_other_role_refuses_to_start_in_production(
    role: str, system_work: bool, refusal: str | None, migrated: MigratedDatabases
) -> None:
    owner_url = await migrated("leads")
    url = as_app_role(owner_url) if role == "app" else as_system_role(owner_url)
    settings = Settings(env="test", database_url=url)
    engine = create_engine(settings)
    production = settings.model_copy(update={"env": Environment.PRODUCTION})
    try:
        if refusal is None:
            await check_database_role(engine, production, system_work=system_work)
        else:
            with pytest.raises(RuntimeError, match=refusal):
                await check_database_role(engine, production, system_work=system_work)
    finally:
        await engine.dispose()
