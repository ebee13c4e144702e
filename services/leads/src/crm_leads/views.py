"""Read side of leads: scoped by the shared policy, never by hand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, RowMapping, Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to
from crm_leads.adapters.access import (
    in_pools_open_to,
    lead_level,
    pools_open_to,
    visible_leads,
)
from crm_leads.adapters.tables import lead_history, leads, pools

Sessions = async_sessionmaker[AsyncSession]


def _with_shared_level(principal: Principal) -> Select[*tuple[Any, ...]]:
    return select(leads, lead_level(principal).label("shared_level"))


async def lead_for(sessions: Sessions, principal: Principal, lead_id: UUID) -> RowMapping | None:
    query = _with_shared_level(principal).where(leads.c.id == lead_id, visible_leads(principal))
    async with sessions() as session:
        return (await session.execute(query)).mappings().first()


async def leads_of(
    sessions: Sessions, principal: Principal, *, status: str | None, limit: int, offset: int
) -> Sequence[RowMapping]:
    """The leads the caller may see (a consultant: their private sea), newest first."""
    query = _with_shared_level(principal).where(visible_leads(principal))
    if status is not None:
        query = query.where(leads.c.status == status)
    query = query.order_by(leads.c.created_at.desc(), leads.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        return (await session.execute(query)).mappings().all()


async def history_of(
    sessions: Sessions, principal: Principal, lead_id: UUID
) -> Sequence[RowMapping] | None:
    """None when the lead is not visible to the caller."""
    async with sessions() as session:
        visible = await session.execute(
            select(leads.c.id).where(leads.c.id == lead_id, visible_leads(principal))
        )
        if visible.first() is None:
            return None
        query = (
            select(lead_history)
            .where(lead_history.c.lead_id == lead_id)
            .order_by(lead_history.c.id)
        )
        return (await session.execute(query)).mappings().all()


def _pools_visible_to(principal: Principal) -> ColumnElement[bool]:
    """Pools the caller may claim from, and pools of the org nodes the caller manages."""
    managed = visible_to(
        principal, DataType.LEAD, tenant=pools.c.tenant, owner_org=pools.c.owner_org
    )
    return pools_open_to(principal) | managed


async def pools_for(sessions: Sessions, principal: Principal) -> Sequence[RowMapping]:
    query = (
        select(pools).where(_pools_visible_to(principal)).order_by(pools.c.owner_org, pools.c.name)
    )
    async with sessions() as session:
        return (await session.execute(query)).mappings().all()


async def pool_for(sessions: Sessions, principal: Principal, pool_id: UUID) -> RowMapping | None:
    query = select(pools).where(pools.c.id == pool_id, _pools_visible_to(principal))
    async with sessions() as session:
        return (await session.execute(query)).mappings().first()


async def leads_in_pool(
    sessions: Sessions, principal: Principal, pool_id: UUID, *, limit: int, offset: int
) -> Sequence[RowMapping]:
    """The public sea of one pool, most recently released first."""
    query = (
        select(leads)
        .where(leads.c.pool_id == pool_id, leads.c.status == "open")
        .where(in_pools_open_to(principal) | visible_leads(principal))
        .order_by(leads.c.released_at.desc().nulls_last(), leads.c.created_at.desc(), leads.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        return (await session.execute(query)).mappings().all()
