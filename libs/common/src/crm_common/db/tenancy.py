"""PostgreSQL row-level security: the second line behind the shared policy.

The business tables of leads, opportunities, service-desk and kpi admit a row only when its
``tenant`` is one the connection acts for (``crm.tenants``, a comma-separated list) or when it
runs system work across tenants (``crm.all_tenants = on``). Both are declared here, on every
connection taken from a service's pool, from a context variable: the API sets it from the
caller's token, consumers from their events' envelopes, scheduled jobs and migrations
explicitly. A connection taken with nothing declared sees no rows and can write none (fail
closed), so a query that forgot the policy still cannot cross tenants.
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
# The migrations create the policies from this text: changing it needs a migration.
ISOLATION_PREDICATE = (
    "((SELECT current_setting('crm.all_tenants', true) = 'on')"
    " OR tenant = ANY (CAST((SELECT string_to_array(current_setting('crm.tenants', true), ','))"
    " AS text[])))"
)


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
