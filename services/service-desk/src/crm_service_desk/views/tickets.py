"""Read side of the service desk: ticket lists, one ticket, its entries and history, scoped by
the shared policy. Rows carry ``shared_level`` (what the book shares with the caller) for
the entrypoints to mask personal data with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, RowMapping, Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.access import ticket_level, visible_tickets
from crm_service_desk.adapters.tables import (
    sla_policies,
    ticket_attachments,
    ticket_categories,
    ticket_entries,
    ticket_history,
    ticket_watchers,
    tickets,
)
from crm_service_desk.views.search import text_matches


@dataclass(frozen=True, slots=True)
class TicketFilter:
    status: str | None = None
    kind: str | None = None
    owner_user: str | None = None
    phone: str | None = None
    """E.164, as tickets keep it."""
    vin: str | None = None
    number: str | None = None
    customer_id: UUID | None = None
    watching: str | None = None
    """A user id: only the tickets that user watches."""
    text: str | None = None
    """Words of the subject, description or the customer's name, Chinese or English."""


def _conditions(principal: Principal, wanted: TicketFilter) -> list[ColumnElement[bool]]:
    t = tickets
    conditions: list[ColumnElement[bool]] = [visible_tickets(principal)]
    if wanted.status is not None:
        conditions.append(t.c.status == wanted.status)
    if wanted.kind is not None:
        conditions.append(t.c.kind == wanted.kind)
    if wanted.owner_user is not None:
        conditions.append(t.c.owner_user == wanted.owner_user)
    if wanted.phone is not None:
        conditions.append(and_(t.c.tenant == principal.tenant, t.c.customer_phone == wanted.phone))
    if wanted.vin is not None:
        conditions.append(and_(t.c.tenant == principal.tenant, t.c.vin == wanted.vin))
    if wanted.number is not None:
        conditions.append(t.c.number == wanted.number)
    if wanted.customer_id is not None:
        conditions.append(
            and_(t.c.tenant == principal.tenant, t.c.customer_id == wanted.customer_id)
        )
    if wanted.watching is not None:
        conditions.append(
            t.c.id.in_(
                select(ticket_watchers.c.ticket_id).where(
                    ticket_watchers.c.tenant == principal.tenant,
                    ticket_watchers.c.user_id == wanted.watching,
                )
            )
        )
    if wanted.text is not None:
        conditions.extend(text_matches(t.c.search_grams, t.c.search_text, wanted.text))
    return conditions


def ticket_list_query(
    principal: Principal, wanted: TicketFilter, *, limit: int, offset: int
) -> Select[Any]:
    """The statement of ``tickets_of`` (benchmarks explain it)."""
    return (
        select(tickets, ticket_level(principal).label("shared_level"))
        .where(*_conditions(principal, wanted))
        .order_by(tickets.c.opened_at.desc(), tickets.c.id)
        .limit(limit)
        .offset(offset)
    )


async def tickets_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    wanted: TicketFilter,
    *,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    query = ticket_list_query(principal, wanted, limit=limit, offset=offset)
    async with sessions() as session:
        return [dict(r) for r in (await session.execute(query)).mappings()]


async def ticket_for(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, ticket_id: UUID
) -> dict[str, Any] | None:
    query = select(tickets, ticket_level(principal).label("shared_level")).where(
        tickets.c.id == ticket_id, visible_tickets(principal)
    )
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else dict(row)


async def entries_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> Sequence[RowMapping] | None:
    """A page of the ticket's notes and replies in order; None when the ticket is not
    visible."""
    async with sessions() as session:
        visible = (
            await session.execute(
                select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
            )
        ).first()
        if visible is None:
            return None
        e = ticket_entries
        query = (
            select(e).where(e.c.ticket_id == ticket_id).order_by(e.c.id).limit(limit).offset(offset)
        )
        return (await session.execute(query)).mappings().all()


async def history_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> Sequence[RowMapping] | None:
    """A page of the ticket's changes in order; None when the ticket is not visible."""
    async with sessions() as session:
        visible = (
            await session.execute(
                select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
            )
        ).first()
        if visible is None:
            return None
        h = ticket_history
        query = (
            select(h).where(h.c.ticket_id == ticket_id).order_by(h.c.id).limit(limit).offset(offset)
        )
        return (await session.execute(query)).mappings().all()


async def watchers_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[str] | None:
    """A page of the ticket's watchers by user id; None when the ticket is not visible."""
    async with sessions() as session:
        visible = (
            await session.execute(
                select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
            )
        ).first()
        if visible is None:
            return None
        w = ticket_watchers
        query = (
            select(w.c.user_id)
            .where(w.c.ticket_id == ticket_id)
            .order_by(w.c.user_id)
            .limit(limit)
            .offset(offset)
        )
        return list((await session.execute(query)).scalars())


async def attachments_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> Sequence[RowMapping] | None:
    """A page of the ticket's files (what they are, not their content), oldest first; None
    when the ticket is not visible."""
    async with sessions() as session:
        visible = (
            await session.execute(
                select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
            )
        ).first()
        if visible is None:
            return None
        a = ticket_attachments
        query = (
            select(a)
            .where(a.c.ticket_id == ticket_id)
            .order_by(a.c.uploaded_at, a.c.id)
            .limit(limit)
            .offset(offset)
        )
        return (await session.execute(query)).mappings().all()


async def categories_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Sequence[RowMapping]:
    """The categories the caller's book uses: its own and those of the nodes above it (a page
    with ``limit``)."""
    c = ticket_categories
    async with sessions() as session:
        book = await repository.book_of(session, principal.tenant, principal.org_node)
        chain = await repository.org_chain(session, principal.tenant, book)
        query = (
            select(c)
            .where(c.c.tenant == principal.tenant, c.c.owner_org.in_(chain))
            .order_by(c.c.code, c.c.owner_org)
            .limit(limit)
            .offset(offset)
        )
        return (await session.execute(query)).mappings().all()


async def sla_policies_for(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> Sequence[RowMapping]:
    """A page of the SLA policies that apply to the caller's book: its own and those above
    it."""
    p = sla_policies
    async with sessions() as session:
        book = await repository.book_of(session, principal.tenant, principal.org_node)
        chain = await repository.org_chain(session, principal.tenant, book)
        query = (
            select(p)
            .where(p.c.tenant == principal.tenant, p.c.owner_org.in_(chain))
            .order_by(p.c.owner_org, p.c.category_id, p.c.priority)
            .limit(limit)
            .offset(offset)
        )
        return (await session.execute(query)).mappings().all()
