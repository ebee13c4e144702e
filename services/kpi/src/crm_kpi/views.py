"""Read side of kpi: figures scoped by the shared policy."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.tables import lead_facts


async def daily_lead_counts(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
) -> list[tuple[str, date, int]]:
    query = (
        select(lead_facts.c.dealer_id, lead_facts.c.day, func.count().label("leads"))
        .where(
            visible_to(
                principal,
                DataType.KPI,
                tenant=lead_facts.c.tenant,
                owner_org=lead_facts.c.owner_org,
                need=SharingLevel.AGGREGATE,
            ),
            lead_facts.c.day.between(date_from, date_to),
        )
        .group_by(lead_facts.c.dealer_id, lead_facts.c.day)
        .order_by(lead_facts.c.day, lead_facts.c.dealer_id)
    )
    if dealer_id is not None:
        query = query.where(lead_facts.c.dealer_id == dealer_id)
    async with session_factory() as session:
        return [(r.dealer_id, r.day, r.leads) for r in await session.execute(query)]
