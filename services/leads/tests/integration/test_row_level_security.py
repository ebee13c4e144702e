"""PostgreSQL row-level security, the second line behind the shared policy: a transaction sees
and writes only the tenants it declared, and one that declared none sees and writes nothing —
even a query that forgot the policy's filter."""

from __future__ import annotations

import asyncio
import contextvars
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tenancy import acting_for, acting_for_all_tenants
from crm_leads.adapters.tables import customers

from .conftest import TENANT

OTHER_TENANT = "oem-other"
NOW = datetime(2026, 11, 2, tzinfo=UTC)


def customer(tenant: str, phone: str) -> dict[str, object]:
    return {
        "id": uuid4(),
        "tenant": tenant,
        "owner_org": "dealer-a",
        "phone": phone,
        "name": "Li Lei",
        "created_at": NOW,
    }


async def tenants_seen(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Customers per tenant, read WITHOUT any tenant filter of our own."""
    async with sessions() as session:
        rows = await session.execute(
            select(customers.c.tenant, func.count()).group_by(customers.c.tenant)
        )
    return {tenant: count for tenant, count in rows}


async def add(sessions: async_sessionmaker[AsyncSession], *rows: dict[str, object]) -> None:
    async with sessions() as session, session.begin():
        await session.execute(insert(customers), list(rows))


@pytest.fixture
async def two_tenants(sessions: async_sessionmaker[AsyncSession]) -> None:
    with acting_for_all_tenants():
        await add(
            sessions,
            customer(TENANT, "+8613800000001"),
            customer(TENANT, "+8613800000002"),
            customer(OTHER_TENANT, "+8613800000003"),
        )


@pytest.mark.usefixtures("two_tenants")
async def test_a_transaction_acting_for_a_tenant_sees_only_that_tenants_rows(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    with acting_for([TENANT]):
        assert await tenants_seen(sessions) == {TENANT: 2}
    with acting_for([OTHER_TENANT]):
        assert await tenants_seen(sessions) == {OTHER_TENANT: 1}
    with acting_for([TENANT, OTHER_TENANT]):  # a consumer's batch with events of both
        assert await tenants_seen(sessions) == {TENANT: 2, OTHER_TENANT: 1}
    with acting_for_all_tenants():
        assert await tenants_seen(sessions) == {TENANT: 2, OTHER_TENANT: 1}


@pytest.mark.usefixtures("two_tenants")
async def test_a_transaction_that_declared_no_tenant_sees_and_writes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async def undeclared() -> tuple[dict[str, int], str]:
        seen = await tenants_seen(sessions)
        try:
            await add(sessions, customer(TENANT, "+8613800000009"))
        except DBAPIError as error:
            return seen, str(error.orig)
        return seen, "written"

    # A fresh context: no entry point declared a scope (the test session's default is gone).
    seen, write = await asyncio.create_task(undeclared(), context=contextvars.Context())
    assert seen == {}
    assert "row-level security" in write
    with acting_for_all_tenants():
        assert await tenants_seen(sessions) == {TENANT: 2, OTHER_TENANT: 1}


async def test_a_write_for_another_tenant_is_refused(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    with acting_for([TENANT]):
        await add(sessions, customer(TENANT, "+8613800000004"))
        with pytest.raises(DBAPIError, match="row-level security"):
            await add(sessions, customer(OTHER_TENANT, "+8613800000005"))
    with acting_for_all_tenants():
        assert await tenants_seen(sessions) == {TENANT: 1}
