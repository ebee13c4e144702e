"""Read side of customer care: the rules that apply to the caller's book and the actions
taken for the customers the caller may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.tables import care_actions, care_rules


async def rules_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The care rules of the caller's book and the nodes above it, oldest first (a page of
    them with ``limit``)."""
    r = care_rules
    async with sessions() as session:
        book = await repository.book_of(session, principal.tenant, principal.org_node)
        chain = await repository.org_chain(session, principal.tenant, book)
        query = (
            select(r)
            .where(r.c.tenant == principal.tenant, r.c.owner_org.in_(chain))
            .order_by(r.c.created_at, r.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [dict(row) for row in (await session.execute(query)).mappings()]


async def actions_of(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[dict[str, Any]]:
    a = care_actions
    query = (
        select(a)
        .where(visible_to(principal, DataType.CUSTOMER, tenant=a.c.tenant, owner_org=a.c.owner_org))
        .order_by(a.c.fired_at.desc(), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        return [dict(row) for row in (await session.execute(query)).mappings()]
