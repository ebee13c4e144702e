"""Read side of customer segmentation: the customers the caller may count (at the aggregate
level: figures, no records), grouped by what the segmentation rules read
(``crm_leads.domain.segments``) — orders, delivery, value — from the customers' files."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Numeric, cast, exists, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_leads.adapters.tables import (
    customer_links,
    customer_timeline,
    customer_vehicles,
    customers,
    leads,
)
from crm_leads.domain.segments import CustomerGroup, Segments, Thresholds, segment
from crm_leads.views.customer_files import current_lead


async def customer_groups(
    session: AsyncSession,
    principal: Principal,
    thresholds: Thresholds,
    *,
    since: datetime | None,
    dealer_id: str | None,
) -> list[CustomerGroup]:
    t, links = customer_timeline, customer_links
    cancelled = customer_timeline.alias("cancelled")
    customer_of = func.coalesce(t.c.customer_id, links.c.customer_id)
    wins = (
        select(
            customer_of.label("customer_id"),
            func.count().label("orders"),
            func.sum(cast(t.c.details["revenue"].astext, Numeric(14, 2))).label("value"),
        )
        .select_from(t.outerjoin(links, links.c.subject_id == t.c.subject_id))
        .where(
            t.c.tenant == principal.tenant,
            t.c.kind == "deal_won",
            ~exists().where(
                cancelled.c.tenant == t.c.tenant,
                cancelled.c.kind == "order_cancelled",
                cancelled.c.record_id == t.c.record_id,
            ),
        )
        .group_by(customer_of)
    )
    if since is not None:
        wins = wins.where(t.c.at >= since)
    won = wins.subquery("won")
    orders = func.least(func.coalesce(won.c.orders, 0), thresholds.frequent_orders)
    delivered = exists().where(
        customer_vehicles.c.customer_id == customers.c.id,
        customer_vehicles.c.delivered_on.is_not(None),
    )
    high = func.coalesce(won.c.value, 0) >= thresholds.high_value
    query = (
        select(
            customers.c.owner_org,
            orders.label("orders"),
            delivered.label("delivered"),
            high.label("high_value"),
            func.count().label("customers"),
            func.coalesce(func.sum(won.c.value), 0).label("value"),
        )
        .select_from(
            customers.join(leads, leads.c.id == current_lead()).outerjoin(
                won, won.c.customer_id == customers.c.id
            )
        )
        .where(
            customers.c.tenant == principal.tenant,
            customers.c.merged_into.is_(None),
            visible_to(
                principal,
                DataType.LEAD,
                tenant=leads.c.tenant,
                owner_org=leads.c.owner_org,
                owner_user=leads.c.owner_user,
                owner_team=leads.c.owner_team,
                need=SharingLevel.AGGREGATE,
            ),
        )
        # By position: the expressions carry parameters, which PostgreSQL would not match.
        .group_by(text("1, 2, 3, 4"))
    )
    if dealer_id is not None:
        query = query.where(customers.c.owner_org == dealer_id)
    return [
        CustomerGroup(
            dealer_id=row.owner_org,
            orders=row.orders,
            delivered=row.delivered,
            high_value=row.high_value,
            customers=row.customers,
            value=Decimal(row.value),
        )
        for row in await session.execute(query)
    ]


async def regions_of(session: AsyncSession, tenant: str, books: list[str]) -> dict[str, str | None]:
    """The region each book lies in (None: none known)."""
    d = org_directory
    rows = await session.execute(
        select(d.c.id, d.c.path).where(d.c.tenant == tenant, d.c.id.in_(books))
    )
    paths: dict[str, str] = {node: path for node, path in rows}
    on_paths = {node for path in paths.values() for node in path.split("/") if node}
    regions = set(
        (
            await session.execute(
                select(d.c.id).where(
                    d.c.tenant == tenant, d.c.kind == "region", d.c.id.in_(on_paths)
                )
            )
        ).scalars()
    )
    return {
        book: next((n for n in paths.get(book, "").split("/") if n in regions), None)
        for book in books
    }


async def segments_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    thresholds: Thresholds,
    *,
    since: datetime | None,
    dealer_id: str | None,
) -> tuple[list[Segments], list[Segments], Segments]:
    """Per dealer, per region and in all, over the customers the caller may count."""
    async with sessions() as session:
        groups = await customer_groups(
            session, principal, thresholds, since=since, dealer_id=dealer_id
        )
        regions = await regions_of(session, principal.tenant, sorted({g.dealer_id for g in groups}))
    return segment(groups, regions, thresholds)
