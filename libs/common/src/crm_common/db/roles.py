"""The two database roles of a service: the owner, which migrates, and the app role, which the
api and worker connect as.

Row-level security and the audit log's append-only trigger bind a role only as long as it
cannot undo them: a table's owner may turn its policies off, drop its triggers or truncate it
(TRUNCATE ignores row-level security). So the owner only migrates, and after each upgrade
grants the app role what the services do — read, insert, update and delete rows, draw
sequence numbers — and nothing else: no TRUNCATE, REFERENCES or TRIGGER, no DDL, nothing on
Alembic's bookkeeping, and the audit log read and appended only.
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


def grant_app_role(connection: Connection, role: str) -> None:
    """Give ``role`` exactly the rights the services need on every table and sequence of the
    database as the migrations left it (run after each upgrade, so new tables are covered),
    in the caller's transaction."""
    exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role})
    if not exists:
        raise RuntimeError(
            f"the services' database role {role!r} (CRM_DATABASE_URL) does not exist: create"
            " it (LOGIN, no other attribute) before migrating — deploy/local/infra.sh,"
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


async def check_database_role(engine: AsyncEngine, settings: Settings) -> None:
    """At start of an api or worker: a role that bypasses row-level security or owns the
    service's tables or database could undo the protections. Said loudly; refused in
    production."""
    try:
        async with engine.connect() as connection:
            powers = (await connection.execute(text(_ROLE_POWERS))).one_or_none()
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
    if not problems:
        return
    message = "the service's database role " + "; and ".join(problems)
    if settings.env is Environment.PRODUCTION:
        raise RuntimeError(message)
    log.error(message)
