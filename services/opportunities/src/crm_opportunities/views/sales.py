"""Read side of quotes and orders: a quote, its versions, an order — as far as the caller may
see their opportunity — and the caller's dealer's quote templates and sales settings."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.sales_repository import (
    order_of,
    quote_of,
    settings_of,
    template_of,
)
from crm_opportunities.adapters.sales_tables import orders, quote_templates, quotes
from crm_opportunities.adapters.tables import opportunities
from crm_opportunities.domain.catalog import QuoteTemplate
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.quote import Quote
from crm_opportunities.domain.sales_settings import SalesSettings

Sessions = async_sessionmaker[AsyncSession]


@dataclass(frozen=True, slots=True)
class StoredQuoteTemplate:
    id: UUID
    template: QuoteTemplate


async def quote_for(sessions: Sessions, principal: Principal, quote_id: UUID) -> Quote | None:
    async with sessions() as session:
        row = (
            (
                await session.execute(
                    select(quotes)
                    .join(opportunities, opportunities.c.id == quotes.c.opportunity_id)
                    .where(quotes.c.id == quote_id, visible_opportunities(principal))
                )
            )
            .mappings()
            .first()
        )
    return None if row is None else quote_of(row)


async def quote_versions(
    sessions: Sessions, principal: Principal, opportunity_id: UUID, *, limit: int, offset: int
) -> list[Quote] | None:
    """A page of the versions of the opportunity's quote, newest first; None when the caller
    may not see the opportunity."""
    async with sessions() as session:
        visible = (
            await session.execute(
                select(opportunities.c.id).where(
                    opportunities.c.id == opportunity_id, visible_opportunities(principal)
                )
            )
        ).first()
        if visible is None:
            return None
        rows = (
            await session.execute(
                select(quotes)
                .where(quotes.c.opportunity_id == opportunity_id)
                .order_by(quotes.c.version.desc())
                .limit(limit)
                .offset(offset)
            )
        ).mappings()
        return [quote_of(row) for row in rows]


async def order_for(sessions: Sessions, principal: Principal, order_id: UUID) -> Order | None:
    async with sessions() as session:
        row = (
            (
                await session.execute(
                    select(orders)
                    .join(opportunities, opportunities.c.id == orders.c.opportunity_id)
                    .where(orders.c.id == order_id, visible_opportunities(principal))
                )
            )
            .mappings()
            .first()
        )
    return None if row is None else order_of(row)


async def quote_templates_of(
    sessions: Sessions, principal: Principal, *, limit: int, offset: int
) -> list[StoredQuoteTemplate]:
    """A page of the caller's dealer's quote templates (their own node's above dealers),
    oldest first."""
    async with sessions() as session:
        dealer = await dealer_of(session, principal.tenant, principal.org_node)
        rows = (
            await session.execute(
                select(quote_templates)
                .where(
                    quote_templates.c.tenant == principal.tenant,
                    quote_templates.c.owner_org == (dealer or principal.org_node),
                )
                .order_by(quote_templates.c.created_at, quote_templates.c.id)
                .limit(limit)
                .offset(offset)
            )
        ).mappings()
        return [StoredQuoteTemplate(row["id"], template_of(row)) for row in rows]


async def sales_settings_for(sessions: Sessions, principal: Principal) -> SalesSettings:
    """The caller's dealer's discount limits, order process and quote print settings (the
    defaults until the dealer sets them; the defaults above dealers)."""
    async with sessions() as session:
        dealer = await dealer_of(session, principal.tenant, principal.org_node)
        if dealer is None:
            return SalesSettings()
        return await settings_of(session, principal.tenant, dealer)
