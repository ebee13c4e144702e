"""Read side of the service desk: ticket lists, one ticket, its entries and history, scoped by
the shared policy; the customer's personal data masked below the full level by the one rule
every ticket of this read side follows (``_shown``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    and_,
    false,
    func,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import SharingLevel, name_seen_at, personal_data_level, phone_seen_at
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.access import (
    changeable_tickets,
    raised_to_me,
    ticket_level,
    visible_books,
    visible_owners,
    visible_tickets,
)
from crm_service_desk.adapters.tables import (
    sla_policies,
    ticket_attachments,
    ticket_categories,
    ticket_entries,
    ticket_history,
    ticket_watchers,
    tickets,
)
from crm_service_desk.domain.tickets import (
    Channel,
    EntryKind,
    PartnerStatus,
    Priority,
    TicketKind,
    WaitingFor,
)
from crm_service_desk.views.search import text_matches

Sessions = async_sessionmaker[AsyncSession]


class CustomerOut(BaseModel):
    customer_id: UUID | None
    name: str | None = Field(description="Masked unless the caller may see it in full")
    phone: str | None = Field(description="Masked unless the caller may see it in full")


class VehicleOut(BaseModel):
    vin: str | None
    model: str | None


class LinksOut(BaseModel):
    lead_id: UUID | None
    opportunity_id: UUID | None
    order_id: UUID | None
    call_id: str | None


class AppointmentOut(BaseModel):
    starts_at: datetime
    minutes: int
    place: str | None


class ComplaintOut(BaseModel):
    responsible_user: str | None
    root_cause: str | None
    customer_confirmed_at: datetime | None
    customer_satisfied: bool | None


class TicketPublic(BaseModel):
    id: UUID
    number: str
    owner_org: str
    owner_user: str | None
    kind: TicketKind
    channel: Channel
    category_id: UUID | None
    priority: Priority
    status: str
    waiting_for: WaitingFor | None
    subject: str
    description: str
    customer: CustomerOut
    vehicle: VehicleOut
    links: LinksOut
    created_by: str
    opened_at: datetime
    updated_at: datetime
    first_responded_at: datetime | None
    response_due_at: datetime | None = Field(description="First-response target, while open")
    resolve_due_at: datetime | None = Field(description="Resolution target, while the clock runs")
    resolved_at: datetime | None
    resolution: str | None
    closed_at: datetime | None
    merged_into: UUID | None
    raised_to_org: str | None = Field(description="Where the escalation ladder raised it")
    escalation_steps: list[str]
    appointment: AppointmentOut | None
    complaint: ComplaintOut | None
    partner_org: str | None
    partner_status: PartnerStatus | None = None
    may_change: bool = Field(
        description="The caller may work it (with ticket.manage): it lies in their own write "
        "scope or the escalation ladder raised it to their node; otherwise they only read it"
    )


class EntryPublic(BaseModel):
    id: int
    kind: EntryKind
    body: str
    author: str
    at: datetime


class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    rule: str | None
    detail: dict[str, object]


class CategoryPublic(BaseModel):
    id: UUID
    owner_org: str
    parent_id: UUID | None
    code: str
    name: str
    default_priority: Priority
    active: bool


class SlaPolicyPublic(BaseModel):
    owner_org: str
    category_id: UUID | None
    priority: Priority | None
    first_response_minutes: int | None
    resolution_minutes: int | None


class AttachmentPublic(BaseModel):
    id: UUID
    ticket_id: UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


@dataclass(frozen=True, slots=True)
class ShownTicket:
    ticket: TicketPublic
    """Its personal data masked where the caller's read is masked."""
    level: SharingLevel
    """How much of its personal data the caller sees (what an audit of the read records)."""


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
    """What the caller asks for, besides which tickets they may see."""
    t = tickets
    conditions: list[ColumnElement[bool]] = []
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


NEWEST_FIRST = (tickets.c.opened_at.desc(), tickets.c.id.desc())
"""The list's order: a book's (tenant, owner_org, opened_at, id) index walked backwards gives
it as it is, so a walk stops at a page instead of sorting the whole book."""


def _newest(query: Select[Any], enough: int) -> Select[Any]:
    return query.order_by(*NEWEST_FIRST).limit(enough)


def _page_candidates(
    principal: Principal, wanted: list[ColumnElement[bool]], enough: int
) -> Select[Any]:
    """The ids that may make the page: in each visible book (per kind of ticket) its newest
    ``enough`` matches — the book's (tenant, owner_org, opened_at) index walked newest first,
    stopping there — or, in the own and team scopes, the caller's and their team's newest
    ``enough``; and the newest ``enough`` raised to the caller. A free-text match is no
    index's business under row-level security (LIKE and @> are not leakproof), so a search
    reads a book or a team only until it has a page, instead of all of it."""
    t = tickets
    walks: list[Select[Any]] = []
    branches = visible_books(principal)
    if branches is not None:
        for kinds, books in branches:
            book = select(func.unnest(books).label("node")).distinct().subquery("book")
            walk = _newest(
                select(t.c.id, t.c.opened_at).where(
                    t.c.tenant == principal.tenant, t.c.owner_org == book.c.node, kinds, *wanted
                ),
                enough,
            ).lateral("walk")
            walks.append(select(walk.c.id, walk.c.opened_at).select_from(book.join(walk, true())))
    else:
        # The own and team scopes: the caller's tickets and their team's, each walked apart.
        for owned in visible_owners(principal) or []:
            walks.append(_newest(select(t.c.id, t.c.opened_at).where(owned, *wanted), enough))
    walks.append(
        _newest(select(t.c.id, t.c.opened_at).where(raised_to_me(principal), *wanted), enough)
    )
    # A ticket raised to the caller's node may be in one of their books too: once.
    found = select(union_all(*walks).subquery("found")).distinct().subquery("candidate")
    return select(found.c.id).order_by(found.c.opened_at.desc(), found.c.id.desc()).limit(enough)


def _as_seen(principal: Principal) -> tuple[ColumnElement[Any], ...]:
    """What a ticket is to the caller besides its columns: how much of it they read, and
    whether they may change it (the same condition every command finds its ticket by)."""
    return (
        ticket_level(principal).label("shared_level"),
        # SQL's three-valued logic: a ticket raised nowhere compares to NULL, not false.
        func.coalesce(changeable_tickets(principal), false()).label("may_change"),
    )


def ticket_list_query(
    principal: Principal, wanted: TicketFilter, *, limit: int, offset: int
) -> Select[Any]:
    """The statement of ``tickets_of`` (benchmarks explain it): a page of the candidates of
    each book (or owner, in the own and team scopes) the caller sees (``_page_candidates``),
    each checked again by the one visibility rule."""
    conditions = _conditions(principal, wanted)
    candidates = _page_candidates(principal, conditions, limit + offset)
    return (
        select(tickets, *_as_seen(principal))
        .where(visible_tickets(principal), tickets.c.id.in_(candidates))
        .order_by(*NEWEST_FIRST)
        .limit(limit)
        .offset(offset)
    )


def _shown(principal: Principal, row: RowMapping) -> ShownTicket:
    """The ticket as the caller may see it: the customer's name and phone masked below the
    full level."""
    level = personal_data_level(
        principal,
        owner_user=row["owner_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    complaint = None
    if row["kind"] == TicketKind.COMPLAINT:
        complaint = ComplaintOut(
            responsible_user=row["responsible_user"],
            root_cause=row["root_cause"],
            customer_confirmed_at=row["customer_confirmed_at"],
            customer_satisfied=row["customer_satisfied"],
        )
    appointment = None
    if row["appointment_at"] is not None:
        appointment = AppointmentOut(
            starts_at=row["appointment_at"],
            minutes=row["appointment_minutes"],
            place=row["appointment_place"],
        )
    ticket = TicketPublic.model_validate(
        {
            **row,
            "customer": CustomerOut(
                customer_id=row["customer_id"],
                name=name_seen_at(level, row["customer_name"]),
                phone=phone_seen_at(level, row["customer_phone"]),
            ),
            "vehicle": VehicleOut(vin=row["vin"], model=row["vehicle_model"]),
            "links": LinksOut(
                lead_id=row["lead_id"],
                opportunity_id=row["opportunity_id"],
                order_id=row["order_id"],
                call_id=row["call_id"],
            ),
            "appointment": appointment,
            "complaint": complaint,
        }
    )
    return ShownTicket(ticket, level)


async def tickets_of(
    sessions: Sessions, principal: Principal, wanted: TicketFilter, *, limit: int, offset: int
) -> list[TicketPublic]:
    """The tickets the caller may see, newest first, masked as they may see them."""
    query = ticket_list_query(principal, wanted, limit=limit, offset=offset)
    async with sessions() as session:
        # The walk's cost is estimated for whole books (the planner cannot know it stops at a
        # page), which sets PostgreSQL compiling it (JIT, ~2 s) for a read of milliseconds.
        await session.execute(text("SET LOCAL jit = off"))
        rows = (await session.execute(query)).mappings().all()
    return [_shown(principal, row).ticket for row in rows]


async def ticket_for(
    sessions: Sessions, principal: Principal, ticket_id: UUID
) -> ShownTicket | None:
    """The ticket as the caller may see it; None when they may not see it at all."""
    query = select(tickets, *_as_seen(principal)).where(
        tickets.c.id == ticket_id, visible_tickets(principal)
    )
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else _shown(principal, row)


async def _is_visible(session: AsyncSession, principal: Principal, ticket_id: UUID) -> bool:
    visible = await session.execute(
        select(tickets.c.id).where(tickets.c.id == ticket_id, visible_tickets(principal))
    )
    return visible.first() is not None


async def entries_of(
    sessions: Sessions,
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[EntryPublic] | None:
    """A page of the ticket's notes and replies in order; None when the ticket is not
    visible."""
    async with sessions() as session:
        if not await _is_visible(session, principal, ticket_id):
            return None
        e = ticket_entries
        query = (
            select(e).where(e.c.ticket_id == ticket_id).order_by(e.c.id).limit(limit).offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [EntryPublic.model_validate(row) for row in rows]


async def history_of(
    sessions: Sessions,
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[HistoryEntry] | None:
    """A page of the ticket's changes in order; None when the ticket is not visible."""
    async with sessions() as session:
        if not await _is_visible(session, principal, ticket_id):
            return None
        h = ticket_history
        query = (
            select(h).where(h.c.ticket_id == ticket_id).order_by(h.c.id).limit(limit).offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [HistoryEntry.model_validate(row) for row in rows]


async def watchers_of(
    sessions: Sessions,
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[str] | None:
    """A page of the ticket's watchers by user id; None when the ticket is not visible."""
    async with sessions() as session:
        if not await _is_visible(session, principal, ticket_id):
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
    sessions: Sessions,
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[AttachmentPublic] | None:
    """A page of the ticket's files (what they are, not their content), oldest first; None
    when the ticket is not visible."""
    async with sessions() as session:
        if not await _is_visible(session, principal, ticket_id):
            return None
        a = ticket_attachments
        query = (
            select(a)
            .where(a.c.ticket_id == ticket_id)
            .order_by(a.c.uploaded_at, a.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [AttachmentPublic.model_validate(row) for row in rows]


async def categories_for(
    sessions: Sessions,
    principal: Principal,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[CategoryPublic]:
    """The categories the caller's book uses: its own and those of the nodes above it (a page
    with ``limit``)."""
    c = ticket_categories
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        query = (
            select(c)
            .where(c.c.tenant == principal.tenant, c.c.owner_org.in_(chain))
            .order_by(c.c.code, c.c.owner_org)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [CategoryPublic.model_validate(row) for row in rows]


async def sla_policies_for(
    sessions: Sessions, principal: Principal, *, limit: int, offset: int
) -> list[SlaPolicyPublic]:
    """A page of the SLA policies that apply to the caller's book: its own and those above
    it."""
    p = sla_policies
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        query = (
            select(p)
            .where(p.c.tenant == principal.tenant, p.c.owner_org.in_(chain))
            .order_by(p.c.owner_org, p.c.category_id, p.c.priority)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [SlaPolicyPublic.model_validate(row) for row in rows]
