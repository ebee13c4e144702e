"""PostgreSQL row-level security: the second line behind the shared policy.

The business tables of leads, opportunities, service-desk, kpi, call-center and notifications
admit a row only when its ``tenant`` is one the connection acts for (``crm.tenants``, a
comma-separated list): policy ``tenant_isolation``, for every role. System work across tenants
(``crm.all_tenants = on``) is admitted by a second policy, ``across_tenants``, that names the
roles allowed to do it: the tables' owner (migrations) and the services' system role (the
worker, rebuilds, outbox replays; ``crm_common.db.roles``). The api's app role is not among
them, so SQL it is tricked into running cannot reach another tenant's rows even by setting
``crm.all_tenants`` itself.

Both settings are declared here, on every connection taken from a service's pool, from a
context variable: the API sets it from the caller's token, consumers from their events'
envelopes, scheduled jobs and migrations explicitly. A connection taken with nothing declared
sees no rows and can write none (fail closed), so a query that forgot the policy still cannot
cross tenants.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine

ALL_TENANTS = "*"
"""The scope of system work (sweeps, rebuilds, migrations) that spans every tenant."""
ACROSS_TENANTS_SERVER_SETTINGS = {"crm.all_tenants": "on"}
"""For a connection made outside the services' pools for work across tenants: migrations'
back-fills, benchmarks filling their databases."""

_scope: ContextVar[str | None] = ContextVar("crm_tenant_scope", default=None)
# Session-level (not transaction-local): declared once per checkout, outside any transaction.
_DECLARE_SCOPE = (
    "SELECT set_config('crm.tenants', $1, false), set_config('crm.all_tenants', $2, false)"
)
# The settings are read in scalar subqueries: PostgreSQL computes those once per query, where
# a bare current_setting() in a policy runs for every row (twice as slow on a year of facts).
# The migrations create the policies from these texts: changing one needs a migration.
ISOLATION_PREDICATE = (
    "(tenant = ANY (CAST((SELECT string_to_array(current_setting('crm.tenants', true), ','))"
    " AS text[])))"
)
"""Policy ``tenant_isolation`` (every role): the rows of the tenants the connection acts for."""
ACROSS_TENANTS_PREDICATE = "((SELECT current_setting('crm.all_tenants', true) = 'on'))"
"""Policy ``across_tenants`` (the owner and the system role only): every row, for system work
that declared it."""


def isolation_statements(table: str) -> list[str]:
    """Row-level security on ``table`` (with a ``tenant`` column), forced for its owner too:
    the rows of the declared tenants for everyone, every row for system work by the role
    running these statements (the owner, which migrates). ``crm_common.db.roles`` adds the
    services' system role to ``across_tenants`` after each migration."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_isolation ON {table}"
        f" USING {ISOLATION_PREDICATE} WITH CHECK {ISOLATION_PREDICATE}",
        f"CREATE POLICY across_tenants ON {table} TO CURRENT_USER"
        f" USING {ACROSS_TENANTS_PREDICATE} WITH CHECK {ACROSS_TENANTS_PREDICATE}",
    ]


def act_for_tenant(tenant: str) -> None:
    """From here on in this task (an API request), transactions act for ``tenant`` only."""
    _scope.set(tenant)


@contextmanager
def acting_for(tenants: Iterable[str]) -> Iterator[None]:
    """Transactions inside the block act for these tenants (a consumer's batch of events)."""
    token = _scope.set(",".join(sorted(set(tenants))))
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def acting_for_all_tenants() -> Iterator[None]:
    """System work across tenants (a scheduled sweep); the code inside scopes its own rows."""
    token = _scope.set(ALL_TENANTS)
    try:
        yield
    finally:
        _scope.reset(token)


def scope_connections(engine: AsyncEngine) -> None:
    """Every connection taken from the engine's pool first declares the tenant scope of the code
    taking it — ORM sessions and Core connections alike, one round trip per checkout.

    That round trip is also the pool's liveness check (the engine has no pre-ping): a
    connection found dead is discarded and the pool hands out another one."""
    event.listen(engine.sync_engine, "checkout", _declare_scope)


# What a connection that died while pooled (database restarted, backend terminated) raises.
_GONE = (
    OSError,
    TimeoutError,
    asyncpg.exceptions.InterfaceError,
    asyncpg.exceptions.InternalClientError,  # its protocol broke off mid-statement
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
)


def _declare_scope(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    scope = _scope.get()
    # Always both: what the connection's previous user declared must not survive.
    tenants, everyone = ("", "on") if scope == ALL_TENANTS else (scope or "", "off")
    try:
        dbapi_connection.run_async(lambda driver: driver.execute(_DECLARE_SCOPE, tenants, everyone))
    except _GONE as gone:
        raise DisconnectionError(f"pooled connection is gone: {gone}") from gone
