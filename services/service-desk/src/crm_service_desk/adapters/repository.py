"""Loading and storing tickets and the configuration they follow: thin, one statement per
need. Org nodes and staff come from this service's copies of identity's data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, delete, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_common.policy.directory import dealer_of
from crm_common.policy.staff import staff_in_book
from crm_service_desk.adapters.tables import (
    business_calendars,
    escalation_ladders,
    sla_policies,
    ticket_categories,
    ticket_entries,
    ticket_history,
    ticket_numbers,
    ticket_watchers,
    tickets,
)
from crm_service_desk.domain.escalation import (
    DEFAULT_LADDER,
    Action,
    Ladder,
    OrgChain,
    Step,
    Target,
)
from crm_service_desk.domain.search import grams
from crm_service_desk.domain.service_levels import SlaPolicy
from crm_service_desk.domain.sla import BusinessCalendar, SlaClock, SlaTargets, standard_calendar
from crm_service_desk.domain.tickets import (
    Appointment,
    Channel,
    Complaint,
    Customer,
    Links,
    PartnerStatus,
    Priority,
    Ticket,
    TicketKind,
    TicketStatus,
    Vehicle,
    WaitingFor,
)

# --- the org tree and staff ------------------------------------------------------------------


async def book_of(session: AsyncSession, tenant: str, org_node: str) -> str:
    """The book a node's tickets go into: its dealer, or the node itself above dealers."""
    return await dealer_of(session, tenant, org_node) or org_node


async def org_chain(session: AsyncSession, tenant: str, org_node: str) -> list[str]:
    """The node and every node above it, nearest first (just the node when unknown)."""
    path = (
        await session.execute(
            select(org_directory.c.path).where(
                org_directory.c.tenant == tenant, org_directory.c.id == org_node
            )
        )
    ).scalar_one_or_none()
    if path is None:
        return [org_node]
    return list(reversed([node for node in path.strip("/").split("/") if node]))


async def books_above(session: AsyncSession, tenant: str, org_node: str) -> list[str]:
    """The book of the node (``book_of``) and every node above it, nearest first: whose
    configuration (categories, SLAs, rules, designs) and agreements the book uses."""
    return await org_chain(session, tenant, await book_of(session, tenant, org_node))


async def escalation_chain(session: AsyncSession, tenant: str, book: str) -> OrgChain:
    """Where the ladder raises a ticket of ``book``: its dealer, the region above the dealer,
    the tenant's root (HQ)."""
    chain = await org_chain(session, tenant, book)
    dealer = await dealer_of(session, tenant, book)
    above_dealer = chain[chain.index(dealer) + 1 :] if dealer in chain else chain[1:]
    return OrgChain(
        dealer=dealer,
        region=above_dealer[0] if len(above_dealer) > 1 else None,
        hq=chain[-1] if len(chain) > 1 else None,
    )


async def staff_member(session: AsyncSession, tenant: str, user_id: str, book: str) -> str | None:
    """The org node of an active user working in ``book`` (the dealer or the node itself)."""
    member = await staff_in_book(session, tenant, user_id, book)
    return None if member is None else member.org_node


# --- configuration -----------------------------------------------------------------------------


async def category_path(
    session: AsyncSession, tenant: str, chain: Sequence[str], code: str
) -> list[RowMapping]:
    """The category with ``code`` defined by the nearest node of ``chain``, then its parents,
    nearest first; empty when no node of the chain defines it."""
    c = ticket_categories
    rows = (
        (
            await session.execute(
                select(c).where(
                    c.c.tenant == tenant, c.c.owner_org.in_(chain), c.c.code == code, c.c.active
                )
            )
        )
        .mappings()
        .all()
    )
    if not rows:
        return []
    found = min(rows, key=lambda r: chain.index(r["owner_org"]))
    path = [found]
    while path[-1]["parent_id"] is not None and len(path) < MAX_CATEGORY_DEPTH:
        parent = (
            (await session.execute(select(c).where(c.c.id == path[-1]["parent_id"])))
            .mappings()
            .one()
        )
        path.append(parent)
    return path


MAX_CATEGORY_DEPTH = 10


async def add_category(session: AsyncSession, values: dict[str, Any]) -> bool:
    """False when the node already has a category with that code."""
    result = await session.execute(
        pg_insert(ticket_categories)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(ticket_categories.c.id)
    )
    return result.first() is not None


async def category_of_chain(
    session: AsyncSession, tenant: str, chain: Sequence[str], category_id: UUID
) -> RowMapping | None:
    c = ticket_categories
    return (
        (
            await session.execute(
                select(c).where(
                    c.c.tenant == tenant, c.c.owner_org.in_(chain), c.c.id == category_id
                )
            )
        )
        .mappings()
        .first()
    )


async def sla_policies_of(
    session: AsyncSession, tenant: str, chain: Sequence[str]
) -> list[SlaPolicy]:
    p = sla_policies
    rows = await session.execute(select(p).where(p.c.tenant == tenant, p.c.owner_org.in_(chain)))
    return [
        SlaPolicy(
            owner_org=r.owner_org,
            category_id=r.category_id,
            priority=None if r.priority is None else Priority(r.priority),
            first_response_minutes=r.first_response_minutes,
            resolution_minutes=r.resolution_minutes,
        )
        for r in rows
    ]


async def set_sla_policies(
    session: AsyncSession, tenant: str, owner_org: str, policies: Sequence[SlaPolicy]
) -> None:
    """Replaces the node's policies (those of the nodes above it stay)."""
    p = sla_policies
    await session.execute(delete(p).where(p.c.tenant == tenant, p.c.owner_org == owner_org))
    if policies:
        await session.execute(
            insert(p),
            [
                {
                    "id": uuid4(),
                    "tenant": tenant,
                    "owner_org": owner_org,
                    "category_id": policy.category_id,
                    "priority": None if policy.priority is None else policy.priority.value,
                    "first_response_minutes": policy.first_response_minutes,
                    "resolution_minutes": policy.resolution_minutes,
                }
                for policy in policies
            ],
        )


def calendar_from_row(row: RowMapping | Any) -> BusinessCalendar:
    def windows(raw: Sequence[Sequence[str]]) -> tuple[tuple[time, time], ...]:
        return tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in raw)

    return BusinessCalendar(
        timezone=ZoneInfo(row["timezone"]),
        weekly={int(day): windows(w) for day, w in row["weekly"].items()},
        holidays=frozenset(date.fromisoformat(d) for d in row["holidays"]),
        working_days={date.fromisoformat(d): windows(w) for d, w in row["working_days"].items()},
    )


def calendar_to_row(calendar: BusinessCalendar) -> dict[str, Any]:
    def windows(ws: Sequence[tuple[time, time]]) -> list[list[str]]:
        return [[a.isoformat("minutes"), b.isoformat("minutes")] for a, b in ws]

    return {
        "timezone": calendar.timezone.key,
        "weekly": {str(day): windows(w) for day, w in sorted(calendar.weekly.items())},
        "holidays": sorted(d.isoformat() for d in calendar.holidays),
        "working_days": {
            d.isoformat(): windows(w) for d, w in sorted(calendar.working_days.items())
        },
    }


async def calendar_for(
    session: AsyncSession, tenant: str, chain: Sequence[str], default_timezone: str
) -> BusinessCalendar:
    """The nearest node's calendar, else the standard one in the business time zone."""
    b = business_calendars
    rows = (
        (await session.execute(select(b).where(b.c.tenant == tenant, b.c.owner_org.in_(chain))))
        .mappings()
        .all()
    )
    if not rows:
        return standard_calendar(default_timezone)
    return calendar_from_row(min(rows, key=lambda r: chain.index(r["owner_org"])))


async def set_calendar(
    session: AsyncSession, tenant: str, owner_org: str, calendar: BusinessCalendar
) -> None:
    values = calendar_to_row(calendar)
    await session.execute(
        pg_insert(business_calendars)
        .values(tenant=tenant, owner_org=owner_org, **values)
        .on_conflict_do_update(
            index_elements=[business_calendars.c.tenant, business_calendars.c.owner_org],
            set_=values,
        )
    )


def ladder_from_row(row: RowMapping | Any | None) -> Ladder:
    if row is None:
        return DEFAULT_LADDER
    return Ladder(
        tuple(
            Step(s["name"], Target(s["target"]), int(s["percent"]), Action(s["action"]))
            for s in row["steps"]
        ),
        team_lead=row["team_lead"],
    )


def ladder_to_row(ladder: Ladder) -> dict[str, Any]:
    return {
        "steps": [
            {
                "name": s.name,
                "target": s.target.value,
                "percent": s.percent,
                "action": s.action.value,
            }
            for s in ladder.steps
        ],
        "team_lead": ladder.team_lead,
    }


async def ladder_for(session: AsyncSession, tenant: str, chain: Sequence[str]) -> Ladder:
    e = escalation_ladders
    rows = (
        (await session.execute(select(e).where(e.c.tenant == tenant, e.c.owner_org.in_(chain))))
        .mappings()
        .all()
    )
    return ladder_from_row(min(rows, key=lambda r: chain.index(r["owner_org"])) if rows else None)


async def set_ladder(session: AsyncSession, tenant: str, owner_org: str, ladder: Ladder) -> None:
    values = ladder_to_row(ladder)
    await session.execute(
        pg_insert(escalation_ladders)
        .values(tenant=tenant, owner_org=owner_org, **values)
        .on_conflict_do_update(
            index_elements=[escalation_ladders.c.tenant, escalation_ladders.c.owner_org],
            set_=values,
        )
    )


# --- tickets -----------------------------------------------------------------------------------


async def next_number(session: AsyncSession) -> str:
    value = (await session.execute(select(ticket_numbers.next_value()))).scalar_one()
    return f"SD-{value:08d}"


def _row_of(ticket: Ticket) -> dict[str, Any]:
    complaint = ticket.complaint
    appointment = ticket.appointment
    return {
        "owner_org": ticket.owner_org,
        "owner_user": ticket.owner_user,
        "owner_team": ticket.owner_team,
        "kind": ticket.kind.value,
        "channel": ticket.channel.value,
        "category_id": ticket.category_id,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "waiting_for": None if ticket.waiting_for is None else ticket.waiting_for.value,
        "subject": ticket.subject,
        "description": ticket.description,
        "customer_id": ticket.customer.customer_id,
        "customer_name": ticket.customer.name,
        "customer_phone": ticket.customer.phone,
        "vin": ticket.vehicle.vin,
        "vehicle_model": ticket.vehicle.model,
        "lead_id": ticket.links.lead_id,
        "opportunity_id": ticket.links.opportunity_id,
        "order_id": ticket.links.order_id,
        "call_id": ticket.links.call_id,
        "updated_at": ticket.updated_at or ticket.opened_at,
        "paused_since": ticket.clock.paused_since,
        "paused": ticket.clock.paused,
        "first_response_target": ticket.targets.first_response,
        "resolution_target": ticket.targets.resolution,
        "first_responded_at": ticket.first_responded_at,
        "response_due_at": ticket.response_due_at,
        "resolve_due_at": ticket.resolve_due_at,
        "resolved_at": ticket.resolved_at,
        "resolution": ticket.resolution,
        "closed_at": ticket.closed_at,
        "merged_into": ticket.merged_into,
        "raised_to_org": ticket.raised_to_org,
        "escalation_steps": list(ticket.escalation_steps),
        "next_escalation_at": ticket.next_escalation_at,
        "appointment_at": None if appointment is None else appointment.starts_at,
        "appointment_minutes": None if appointment is None else appointment.minutes,
        "appointment_place": None if appointment is None else appointment.place,
        "partner_org": ticket.partner_org,
        "partner_status": None if ticket.partner_status is None else ticket.partner_status.value,
        "survey_response_id": ticket.survey_response_id,
        "responsible_user": None if complaint is None else complaint.responsible_user,
        "root_cause": None if complaint is None else complaint.root_cause,
        "customer_confirmed_at": None if complaint is None else complaint.customer_confirmed_at,
        "customer_satisfied": None if complaint is None else complaint.customer_satisfied,
        "search_grams": grams(
            f"{ticket.subject} {ticket.description} {ticket.customer.name or ''}"
        ),
    }


def ticket_from_row(r: RowMapping | Any) -> Ticket:
    kind = TicketKind(r["kind"])
    return Ticket(
        id=r["id"],
        number=r["number"],
        tenant=r["tenant"],
        owner_org=r["owner_org"],
        kind=kind,
        channel=Channel(r["channel"]),
        category_id=r["category_id"],
        priority=Priority(r["priority"]),
        subject=r["subject"],
        description=r["description"],
        customer=Customer(r["customer_id"], r["customer_name"], r["customer_phone"]),
        vehicle=Vehicle(r["vin"], r["vehicle_model"]),
        links=Links(r["lead_id"], r["opportunity_id"], r["order_id"], r["call_id"]),
        created_by=r["created_by"],
        opened_at=r["opened_at"],
        clock=SlaClock(r["opened_at"], r["paused_since"], r["paused"]),
        targets=SlaTargets(r["first_response_target"], r["resolution_target"]),
        status=TicketStatus(r["status"]),
        owner_user=r["owner_user"],
        owner_team=r["owner_team"],
        waiting_for=None if r["waiting_for"] is None else WaitingFor(r["waiting_for"]),
        first_responded_at=r["first_responded_at"],
        response_due_at=r["response_due_at"],
        resolve_due_at=r["resolve_due_at"],
        resolved_at=r["resolved_at"],
        resolution=r["resolution"],
        closed_at=r["closed_at"],
        merged_into=r["merged_into"],
        raised_to_org=r["raised_to_org"],
        escalation_steps=list(r["escalation_steps"]),
        next_escalation_at=r["next_escalation_at"],
        appointment=None
        if r["appointment_at"] is None
        else Appointment(r["appointment_at"], r["appointment_minutes"], r["appointment_place"]),
        complaint=Complaint(
            r["responsible_user"],
            r["root_cause"],
            r["resolution"],
            r["customer_confirmed_at"],
            r["customer_satisfied"],
        )
        if kind is TicketKind.COMPLAINT
        else None,
        partner_org=r["partner_org"],
        partner_status=None if r["partner_status"] is None else PartnerStatus(r["partner_status"]),
        survey_response_id=r["survey_response_id"],
        updated_at=r["updated_at"],
    )


async def add_ticket(session: AsyncSession, ticket: Ticket) -> None:
    await session.execute(
        insert(tickets).values(
            id=ticket.id,
            number=ticket.number,
            tenant=ticket.tenant,
            created_by=ticket.created_by,
            opened_at=ticket.opened_at,
            **_row_of(ticket),
        )
    )


async def save_ticket(session: AsyncSession, ticket: Ticket) -> None:
    await session.execute(
        update(tickets).where(tickets.c.id == ticket.id).values(**_row_of(ticket))
    )


async def ticket_for_change(
    session: AsyncSession, ticket_id: UUID, allowed: ColumnElement[bool]
) -> Ticket | None:
    """The ticket, locked for the command, if ``allowed`` admits it."""
    row = (
        (
            await session.execute(
                select(tickets).where(tickets.c.id == ticket_id, allowed).with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else ticket_from_row(row)


async def add_entry(
    session: AsyncSession,
    *,
    ticket: Ticket,
    kind: str,
    body: str,
    author: str,
    author_org: str,
    at: Any,
) -> int:
    result = await session.execute(
        insert(ticket_entries)
        .values(
            ticket_id=ticket.id,
            tenant=ticket.tenant,
            kind=kind,
            body=body,
            author=author,
            author_org=author_org,
            at=at,
        )
        .returning(ticket_entries.c.id)
    )
    entry_id: int = result.scalar_one()
    return entry_id


async def add_history(
    session: AsyncSession,
    ticket: Ticket,
    *,
    actor: str,
    action: str,
    at: Any,
    rule: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    await session.execute(
        insert(ticket_history).values(
            ticket_id=ticket.id,
            tenant=ticket.tenant,
            at=at,
            actor=actor,
            action=action,
            rule=rule,
            detail=detail or {},
        )
    )


async def add_watcher(session: AsyncSession, ticket: Ticket, user_id: str) -> bool:
    result = await session.execute(
        pg_insert(ticket_watchers)
        .values(ticket_id=ticket.id, user_id=user_id, tenant=ticket.tenant)
        .on_conflict_do_nothing()
        .returning(ticket_watchers.c.user_id)
    )
    return result.first() is not None


async def remove_watcher(session: AsyncSession, ticket: Ticket, user_id: str) -> bool:
    result = await session.execute(
        delete(ticket_watchers)
        .where(ticket_watchers.c.ticket_id == ticket.id, ticket_watchers.c.user_id == user_id)
        .returning(ticket_watchers.c.user_id)
    )
    return result.first() is not None


async def move_watchers(session: AsyncSession, source: Ticket, survivor: Ticket) -> None:
    """The duplicate's watchers watch the ticket it was merged into instead."""
    w = ticket_watchers
    await session.execute(
        pg_insert(w)
        .from_select(
            ["ticket_id", "user_id", "tenant"],
            select(literal(survivor.id, w.c.ticket_id.type), w.c.user_id, w.c.tenant).where(
                w.c.ticket_id == source.id
            ),
        )
        .on_conflict_do_nothing()
    )
    await session.execute(delete(w).where(w.c.ticket_id == source.id))


# --- the escalation sweep ----------------------------------------------------------------------


async def claim_due_tickets(session: AsyncSession, now: datetime, limit: int) -> list[Ticket]:
    """Open tickets whose next escalation step is due, locked; rows another worker holds are
    skipped (it is escalating them), so several sweeps share the work without waiting. The
    search keys stay behind: the sweep neither reads nor writes them."""
    rows = await session.execute(
        select(*(c for c in tickets.c if c.name not in _SEARCH_COLUMNS))
        .where(tickets.c.next_escalation_at <= now)
        .order_by(tickets.c.next_escalation_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [ticket_from_row(r) for r in rows.mappings()]


_SEARCH_COLUMNS = frozenset({"search_grams", "search_text"})

# The swept tickets' new state, one statement for the batch (the arrays in the same order).
_ESCALATED = text(
    """
    UPDATE tickets SET owner_user = v.owner_user, raised_to_org = v.raised_to_org,
           escalation_steps = ARRAY(SELECT jsonb_array_elements_text(CAST(v.steps AS jsonb))),
           next_escalation_at = v.next_at, updated_at = v.updated_at
    FROM unnest(
        CAST(:ids AS uuid[]), CAST(:owners AS text[]), CAST(:raised_to AS text[]),
        CAST(:steps AS text[]), CAST(:next_at AS timestamptz[]),
        CAST(:updated_at AS timestamptz[])
    ) AS v(id, owner_user, raised_to_org, steps, next_at, updated_at)
    WHERE tickets.id = v.id
    """
)
# Their history rows, one statement, in the order given.
_HISTORY = text(
    """
    INSERT INTO ticket_history (ticket_id, tenant, at, actor, action, rule, detail)
    SELECT h.ticket_id, h.tenant, h.at, h.actor, h.action, h.rule, CAST(h.detail AS jsonb)
    FROM unnest(
        CAST(:ticket_ids AS uuid[]), CAST(:tenants AS text[]), CAST(:ats AS timestamptz[]),
        CAST(:actors AS text[]), CAST(:actions AS text[]), CAST(:rules AS text[]),
        CAST(:details AS text[])
    ) WITH ORDINALITY AS h(ticket_id, tenant, at, actor, action, rule, detail, n)
    ORDER BY h.n
    """
)


async def save_escalated(
    session: AsyncSession, escalated: Sequence[Ticket], history: Sequence[dict[str, Any]]
) -> None:
    """The swept tickets' new state and their history rows, one statement each for the batch
    (a statement per row was most of the sweep's time at a million open tickets)."""
    if escalated:
        await session.execute(
            _ESCALATED,
            {
                "ids": [t.id for t in escalated],
                "owners": [t.owner_user for t in escalated],
                "raised_to": [t.raised_to_org for t in escalated],
                # Arrays of arrays cannot be unnested row by row: each as a JSON list.
                "steps": [json.dumps(t.escalation_steps) for t in escalated],
                "next_at": [t.next_escalation_at for t in escalated],
                "updated_at": [t.updated_at for t in escalated],
            },
        )
    if history:
        await session.execute(
            _HISTORY,
            {
                "ticket_ids": [h["ticket_id"] for h in history],
                "tenants": [h["tenant"] for h in history],
                "ats": [h["at"] for h in history],
                "actors": [h["actor"] for h in history],
                "actions": [h["action"] for h in history],
                "rules": [h["rule"] for h in history],
                "details": [json.dumps(h["detail"]) for h in history],
            },
        )


async def ticket_in_book(
    session: AsyncSession, tenant: str, book: str, ticket_id: UUID
) -> Ticket | None:
    """A ticket of the book, locked: what a call of the book may be added to."""
    row = (
        (
            await session.execute(
                select(tickets)
                .where(
                    tickets.c.id == ticket_id,
                    tickets.c.tenant == tenant,
                    tickets.c.owner_org == book,
                )
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else ticket_from_row(row)
