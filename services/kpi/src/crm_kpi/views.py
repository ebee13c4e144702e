"""Read side of kpi: figures scoped by the shared policy."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.tables import lead_activity_facts, lead_facts

ACTIVITIES = (
    "claimed",
    "released",
    "followed_up",
    "upgraded",
    "converted",
    "lost",
    "distributed",
    "returned",
)


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


async def daily_lead_activity(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
) -> dict[tuple[str, date], dict[str, int]]:
    """Claims, releases, follow-ups, upgrades, conversions and losses per dealer and day."""
    facts = lead_activity_facts
    query = (
        select(facts.c.dealer_id, facts.c.day, facts.c.activity, func.count().label("n"))
        .where(
            visible_to(
                principal,
                DataType.KPI,
                tenant=facts.c.tenant,
                owner_org=facts.c.owner_org,
                need=SharingLevel.AGGREGATE,
            ),
            facts.c.day.between(date_from, date_to),
            facts.c.activity.in_(ACTIVITIES),
        )
        .group_by(facts.c.dealer_id, facts.c.day, facts.c.activity)
    )
    if dealer_id is not None:
        query = query.where(facts.c.dealer_id == dealer_id)
    counts: dict[tuple[str, date], dict[str, int]] = {}
    async with session_factory() as session:
        for r in await session.execute(query):
            counts.setdefault((r.dealer_id, r.day), dict.fromkeys(ACTIVITIES, 0))[r.activity] = r.n
    return counts
