"""The campaigns a manager sees, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to
from crm_leads.adapters.tables import campaigns


@dataclass(frozen=True, slots=True)
class Campaign:
    id: UUID
    name: str
    owner_org: str
    active: bool
    created_at: datetime


async def campaigns_visible_to(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[Campaign]:
    """A page of the campaigns the caller may see, newest first."""
    c = campaigns
    query = (
        select(c.c.id, c.c.name, c.c.owner_org, c.c.active, c.c.created_at)
        .where(visible_to(principal, DataType.LEAD, tenant=c.c.tenant, owner_org=c.c.owner_org))
        .order_by(c.c.created_at.desc(), c.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        return [Campaign(*row) for row in await session.execute(query)]
