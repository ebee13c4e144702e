"""What leaderboards are computed from, in PostgreSQL: the deal facts (Redis keeps the boards,
``adapters.leaderboards``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.tables import deal_facts
from crm_kpi.domain.leaderboards import ALL_DEALERS, Metric, month_of


async def board_scores(
    session: AsyncSession, tenant: str, month: str, metric: Metric, dealer_id: str
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Per consultant of ``dealer_id`` (or per dealer for ``*``): won in the month minus the
    won figures of orders cancelled in the month (the clawback lands when it happens)."""
    first, last = month_of(month)
    won = deal_facts.alias("won")
    cancelled = deal_facts.alias("cancelled")
    member = won.c.dealer_id if dealer_id == ALL_DEALERS else won.c.consultant
    team = literal("") if dealer_id == ALL_DEALERS else won.c.team
    value = won.c[metric.value]
    scope = [won.c.tenant == tenant]
    if dealer_id != ALL_DEALERS:
        scope.append(won.c.dealer_id == dealer_id)
    sold = select(member.label("member"), team.label("team"), value.label("value")).where(
        *scope, won.c.outcome == "won", won.c.day.between(first, last)
    )
    undone = (
        select(member.label("member"), team.label("team"), (-value).label("value"))
        .select_from(
            cancelled.join(
                won, and_(won.c.order_id == cancelled.c.order_id, won.c.outcome == "won")
            )
        )
        .where(
            *scope,
            cancelled.c.outcome == "cancelled",
            cancelled.c.day.between(first, last),
        )
    )
    facts = union_all(sold, undone).subquery()
    rows = await session.execute(
        select(facts.c.member, func.max(facts.c.team), func.sum(facts.c.value))
        .where(facts.c.member.is_not(None))
        .group_by(facts.c.member)
    )
    scores: dict[str, Decimal] = {}
    teams: dict[str, str] = {}
    for name, team_of, total in rows:
        scores[name] = Decimal(total)
        if team_of:
            teams[name] = team_of
    return scores, teams


async def dealer_months_recorded(
    session: AsyncSession, since: datetime | None
) -> set[tuple[str, str, str]]:
    """(tenant, dealer, month) of the facts recorded since ``since`` (every one, for None)."""
    query = select(deal_facts.c.tenant, deal_facts.c.dealer_id, deal_facts.c.day).distinct()
    if since is not None:
        query = query.where(deal_facts.c.recorded_at >= since)
    return {(t, d, f"{day:%Y-%m}") for t, d, day in await session.execute(query)}


async def database_now(session: AsyncSession) -> datetime:
    """The database's clock: what ``recorded_at`` is stamped with."""
    now: datetime = (await session.execute(select(func.now()))).scalar_one()
    return now


async def visible_dealers(session: AsyncSession, principal: Principal) -> set[str]:
    """The dealers whose figures the caller may see (at least in aggregate)."""
    rows = await session.execute(
        select(org_directory.c.id).where(
            org_directory.c.tenant == principal.tenant,
            org_directory.c.id == org_directory.c.dealer_id,
            visible_to(
                principal,
                DataType.KPI,
                tenant=org_directory.c.tenant,
                owner_org=org_directory.c.id,
                need=SharingLevel.AGGREGATE,
            ),
        )
    )
    return set(rows.scalars())
