"""Read side of leads: scoped by the shared policy, never by hand."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, level_shared_with, visible_to
from crm_leads.adapters.tables import leads


async def lead_for(
    session_factory: async_sessionmaker[AsyncSession], principal: Principal, lead_id: UUID
) -> RowMapping | None:
    query = select(
        leads,
        level_shared_with(principal, DataType.LEAD, owner_org=leads.c.owner_org).label(
            "shared_level"
        ),
    ).where(
        leads.c.id == lead_id,
        visible_to(principal, DataType.LEAD, tenant=leads.c.tenant, owner_org=leads.c.owner_org),
    )
    async with session_factory() as session:
        return (await session.execute(query)).mappings().first()
