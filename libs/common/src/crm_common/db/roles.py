"""The three database roles of a service: the owner, which migrates; the app role, which the
api connects as; the system role, which the worker (and rebuilds, outbox replays) connects as.

Row-level security and the audit log's append-only trigger bind a role only as long as it
cannot undo them: a table's owner may turn its policies off, drop its triggers or truncate it
(TRUNCATE ignores row-level security). So the owner only migrates, and after each upgrade
grants the app and system roles what the services do — read, insert, update and delete rows,
draw sequence numbers — and nothing else: no TRUNCATE, REFERENCES or TRIGGER, no DDL, nothing
on Alembic's bookkeeping, and the audit log read and appended only.

The two differ in one thing: row-level security lets the system role (and the owner) act for
every tenant when it declares system work (policy ``across_tenants``, ``crm_common.db.tenancy``);
the app role sees only the tenants its requests declare, whatever it sets. So SQL smuggled into
an api request cannot read across tenants; sweeps, the relay and consumers run in the worker.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from crm_common.settings import Environment, Settings

log = logging.getLogger(__name__)

APPEND_ONLY_TABLES = ("personal_data_audit",)
"""Tables the services add to and read, never change (their trigger refuses it too)."""
MIGRATIONS_TABLE = "alembic_version"


def grant_service_roles(connection: Connection, app_role: str, system_role: str | None) -> None:
    """Give the app role (and the system role) exactly the rights the services need on every
    table and sequence of the database as the migrations left it, and let the system role work
    across tenants beside the owner (run after each upgrade, so new tables are covered), in the
    caller's transaction."""
    if system_role == app_role:
        raise RuntimeError(
            f"the system role (CRM_DATABASE_SYSTEM_URL) must not be the api's app role {app_role!r}"
            " (CRM_DATABASE_URL): the api could then read every tenant's rows"
        )
    _grant_rows(connection, app_role, "CRM_DATABASE_URL")
    if system_role is not None:
        _grant_rows(connection, system_role, "CRM_DATABASE_SYSTEM_URL")
    _let_work_across_tenants(connection, system_role)


def _grant_rows(connection: Connection, role: str, setting: str) -> None:
    exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role})
    if not exists:
        raise RuntimeError(
            f"the services' database role {role!r} ({setting}) does not exist: create it (LOGIN,"
            " no other attribute) before migrating — deploy/local/infra.sh,"
            " deploy/postgres/initdb and deploy/k8s do"
        )
    quote = connection.dialect.identifier_preparer.quote
    grantee = quote(role)
    database = quote(connection.scalar(text("SELECT current_database()")))
    statements = [
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {grantee}",
        f"GRANT USAGE ON SCHEMA public TO {grantee}",
        # Revoked first: what an earlier grant or a hand gave beyond the list goes.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {grantee}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {grantee}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {grantee}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {grantee}",
    ]
    present = set(
        connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).all()
    )
    if MIGRATIONS_TABLE in present:
        statements.append(f"REVOKE ALL ON {MIGRATIONS_TABLE} FROM {grantee}")
    statements += [
        f"REVOKE UPDATE, DELETE ON {quote(table)} FROM {grantee}"
        for table in APPEND_ONLY_TABLES
        if table in present
    ]
    for statement in statements:
        connection.execute(text(statement))


def _let_work_across_tenants(connection: Connection, system_role: str | None) -> None:
    """Policy ``across_tenants`` of every table names the owner and the system role: set only
    where it names others (an ALTER POLICY locks the table, and every replica's start-up runs
    this)."""
    quote = connection.dialect.identifier_preparer.quote
    wanted = sorted({connection.scalar(text("SELECT current_user")), *filter(None, [system_role])})
    policies = connection.execute(
        text(
            """
            SELECT c.relname AS table_name,
                   ARRAY(SELECT r.rolname::text FROM pg_roles r WHERE r.oid = ANY (p.polroles)
                          ORDER BY r.rolname) AS roles
              FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
             WHERE p.polname = 'across_tenants' AND c.relnamespace = 'public'::regnamespace
            """
        )
    ).all()
    roles = ", ".join(quote(role) for role in wanted)
    for policy in policies:
        if sorted(policy.roles) != wanted:
            connection.execute(
                text(f"ALTER POLICY across_tenants ON {quote(policy.table_name)} TO {roles}")
            )


# What makes a role able to undo the database's protections: bypassing row-level security,
# owning a table (or the database, whose owner owns the public schema and may drop anything
# in it).
_ROLE_POWERS = """
SELECT r.rolsuper OR r.rolbypassrls AS bypasses,
       EXISTS (SELECT 1 FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = r.oid
                  AND c.relkind IN ('r', 'p')) AS owns_tables,
       (SELECT d.datdba = r.oid FROM pg_database d WHERE d.datname = current_database())
           AS owns_database
  FROM pg_roles r
 WHERE r.rolname = current_user
"""


# Whether the role may act for every tenant: policy across_tenants names it (or a role it
# belongs to, or everyone), in a database that has the policy.
_ACROSS_TENANTS = """
SELECT EXISTS (SELECT 1 FROM pg_policy WHERE polname = 'across_tenants') AS isolated,
       EXISTS (SELECT 1 FROM pg_policy p, unnest(p.polroles) AS r(oid)
                WHERE p.polname = 'across_tenants'
                  AND (r.oid = 0 OR pg_has_role(current_user, r.oid, 'MEMBER'))) AS across
"""


async def check_database_role(
    engine: AsyncEngine, settings: Settings, *, system_work: bool = False
) -> None:
    """At start of an api or worker: a role that bypasses row-level security or owns the
    service's tables or database could undo the protections; an api's role that may act for
    every tenant could read them all; a worker's role (``system_work``) that may not would find
    no rows to sweep. Said loudly; refused in production."""
    try:
        async with engine.connect() as connection:
            powers = (await connection.execute(text(_ROLE_POWERS))).one_or_none()
            tenancy = (await connection.execute(text(_ACROSS_TENANTS))).one()
    except (SQLAlchemyError, OSError):
        return  # the database is not up yet; readiness reports it
    if powers is None:
        return
    problems = []
    if powers.bypasses:
        problems.append(
            "bypasses row-level security (superuser or BYPASSRLS): tenant isolation rests on"
            " the application's policy alone"
        )
    if powers.owns_tables or powers.owns_database:
        problems.append(
            "owns the service's tables or database: it could turn row-level security off or"
            " drop the audit trigger; connect as the app role (CRM_DATABASE_URL) and migrate as"
            " the owner (CRM_DATABASE_OWNER_URL)"
        )
    if tenancy.isolated and not system_work and tenancy.across:
        problems.append(
            "may act for every tenant (row-level security's across_tenants policy names it):"
            " the api must connect as the app role (CRM_DATABASE_URL), which sees only the"
            " tenants its callers declare; system work's role is CRM_DATABASE_SYSTEM_URL"
        )
    if tenancy.isolated and system_work and not tenancy.across:
        problems.append(
            "may not act across tenants: scheduled work, the relay and rebuilds would find no"
            " rows; connect the worker as the system role (CRM_DATABASE_SYSTEM_URL) that"
            " `migrate` names in the across_tenants policies"
        )
    if not problems:
        return
    message = "the service's database role " + "; and ".join(problems)
    if settings.env is Environment.PRODUCTION:
        raise RuntimeError(message)
    log.error(message)
