"""Rows of parts claims, found through the ticket's write policy (the dealer) or the partner
policy (the parts maker a claim names)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import visible_to_partner
from crm_service_desk.adapters.access import changeable_tickets, visible_tickets
from crm_service_desk.adapters.partner_store import PARTNER_DATA
from crm_service_desk.adapters.tables import parts_claims, tickets

c = parts_claims


def named_maker(partner: Principal) -> ColumnElement[bool]:
    """The claims naming the partner's org, as far as each dealer shares tickets with it."""
    return visible_to_partner(
        partner,
        PARTNER_DATA,
        tenant=c.c.tenant,
        owner_org=c.c.owner_org,
        partner_column=c.c.partner_id,
    )


def _with_ticket(query: Select[Any]) -> Select[Any]:
    return query.add_columns(tickets.c.number, tickets.c.vin, tickets.c.subject).join(
        tickets, tickets.c.id == c.c.ticket_id
    )


async def add_claim(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(c).values(**values))


async def claim_for_dealer(
    session: AsyncSession, principal: Principal, claim_id: UUID
) -> dict[str, Any] | None:
    """The claim, locked, if the caller may work its ticket."""
    query = (
        select(c)
        .join(tickets, tickets.c.id == c.c.ticket_id)
        .where(c.c.id == claim_id, changeable_tickets(principal))
        .with_for_update(of=c)
    )
    row = (await session.execute(query)).mappings().first()
    return None if row is None else dict(row)


async def claim_for_maker(
    session: AsyncSession, partner: Principal, claim_id: UUID
) -> dict[str, Any] | None:
    """The claim, locked, if it names the partner's org."""
    query = select(c).where(c.c.id == claim_id, named_maker(partner)).with_for_update()
    row = (await session.execute(query)).mappings().first()
    return None if row is None else dict(row)


async def save_claim(session: AsyncSession, claim_id: UUID, values: dict[str, Any]) -> None:
    await session.execute(update(c).where(c.c.id == claim_id).values(**values))


async def claims_of_ticket(
    session: AsyncSession, principal: Principal, ticket_id: UUID, *, limit: int, offset: int
) -> list[dict[str, Any]] | None:
    """None when the ticket is not visible to the caller."""
    visible = await session.execute(
        select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
    )
    if visible.first() is None:
        return None
    query = (
        _with_ticket(select(c))
        .where(c.c.ticket_id == ticket_id)
        .order_by(c.c.filed_at, c.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [dict(r) for r in (await session.execute(query)).mappings()]


async def claims_of_maker(
    session: AsyncSession, partner: Principal, *, status: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    query = _with_ticket(select(c)).where(named_maker(partner))
    if status is not None:
        query = query.where(c.c.status == status)
    query = query.order_by(c.c.filed_at.desc(), c.c.id).limit(limit).offset(offset)
    return [dict(r) for r in (await session.execute(query)).mappings()]


async def claim_row(session: AsyncSession, claim_id: UUID) -> dict[str, Any]:
    row = (await session.execute(_with_ticket(select(c)).where(c.c.id == claim_id))).mappings()
    return dict(row.one())
