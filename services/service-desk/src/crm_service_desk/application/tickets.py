"""Commands on tickets: one unit of work each, events through the outbox.

Handlers take the time (``now``) so tests drive the clock; the rules live in
``crm_service_desk.domain``. A ticket the caller may not change answers like one that does
not exist (404); a state that does not allow the command answers 409."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.call_center.v1 import CallTicketRequested
from crm_common.contracts.events.service_desk.v1 import (
    CallAttached,
    TicketClosed,
    TicketReassigned,
    TicketReopened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.access import changeable_tickets
from crm_service_desk.application.agreements import use_visit_of
from crm_service_desk.application.ports import CustomerDirectory, CustomerMatch
from crm_service_desk.domain.escalation import Ladder, next_escalation_at
from crm_service_desk.domain.service_levels import targets_for
from crm_service_desk.domain.sla import BusinessCalendar
from crm_service_desk.domain.tickets import (
    Appointment,
    Channel,
    Customer,
    EntryKind,
    Links,
    Priority,
    Ticket,
    TicketKind,
    Vehicle,
    WaitingFor,
    normalise_phone,
    normalise_vin,
    open_ticket,
)


class TicketNotFound(LookupError):
    """No such ticket that the caller may act on (answered 404, whether it exists or not)."""


@dataclass(frozen=True, slots=True)
class OpenTicket:
    subject: str
    kind: TicketKind = TicketKind.SERVICE_REQUEST
    channel: Channel = Channel.WALK_IN
    category: str | None = None
    """A category code of the caller's book (or of a node above it)."""
    priority: Priority | None = None
    """None: the category's default priority, else normal."""
    description: str = ""
    customer_name: str | None = None
    phone: str | None = None
    vin: str | None = None
    vehicle_model: str | None = None
    links: Links = field(default_factory=Links)
    assignee: str | None = None
    """None: the caller works it."""


@dataclass(frozen=True, slots=True)
class BookRules:
    """What a book's tickets follow: its calendar and escalation ladder."""

    calendar: BusinessCalendar
    ladder: Ladder


async def book_rules(uow: UnitOfWork, tenant: str, book: str, timezone: str) -> BookRules:
    chain = await repository.org_chain(uow.session, tenant, book)
    return BookRules(
        await repository.calendar_for(uow.session, tenant, chain, timezone),
        await repository.ladder_for(uow.session, tenant, chain),
    )


async def find_customer(
    directory: CustomerDirectory, phone: str | None, token: str | None
) -> CustomerMatch | None:
    """Asked before the transaction: a remote call never holds a database transaction open."""
    if phone is None:
        return None
    return await directory.lookup_by_phone(normalise_phone(phone), token)


async def open_new_ticket(
    command: OpenTicket,
    actor: Principal,
    uow: UnitOfWork,
    *,
    match: CustomerMatch | None,
    now: datetime,
    timezone: str,
) -> Ticket:
    """Opens the ticket in the caller's book; publishes ``TicketOpened`` (version 2).
    ``match``: the customer leads knows by the phone (``find_customer``)."""
    phone = None if command.phone is None else normalise_phone(command.phone)
    vin = None if command.vin is None else normalise_vin(command.vin)
    name = command.customer_name
    if name is None and match is not None and match.name_in_full:
        name = match.name
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        owner, team = actor.user_id, actor.org_node
        if command.assignee is not None and command.assignee != actor.user_id:
            assignee_team = await repository.staff_member(
                uow.session, actor.tenant, command.assignee, book
            )
            if assignee_team is None:
                raise InvalidInput("assignee", "no such active user in this book")
            owner, team = command.assignee, assignee_team
        return await open_in(
            uow,
            command,
            tenant=actor.tenant,
            book=book,
            opened_by=actor.user_id,
            owner=owner,
            owner_team=team,
            customer=Customer(None if match is None else match.customer_id, name, phone),
            vin=vin,
            lead_id=None if match is None else match.lead_id,
            now=now,
            timezone=timezone,
        )


async def open_in(
    uow: UnitOfWork,
    command: OpenTicket,
    *,
    tenant: str,
    book: str,
    opened_by: str,
    owner: str | None,
    owner_team: str | None,
    customer: Customer,
    vin: str | None,
    lead_id: UUID | None,
    now: datetime,
    timezone: str,
    survey_response_id: UUID | None = None,
) -> Ticket:
    """Opens a ticket inside the caller's transaction (a command's, or a consumer's): the
    book's category, SLA targets, calendar and ladder apply; ``TicketOpened`` is published."""
    session = uow.session
    chain = await repository.org_chain(session, tenant, book)
    category_id, category_code, priority = None, None, command.priority
    path: list[Any] = []
    if command.category is not None:
        path = await repository.category_path(session, tenant, chain, command.category)
        if not path:
            raise InvalidInput("category", f"unknown category {command.category!r}")
        category_id, category_code = path[0]["id"], path[0]["code"]
        priority = priority or Priority(path[0]["default_priority"])
    priority = priority or Priority.NORMAL
    policies = await repository.sla_policies_of(session, tenant, chain)
    targets = targets_for(
        policies, category_path=[r["id"] for r in path], priority=priority, org_chain=chain
    )
    rules = await book_rules(uow, tenant, book, timezone)
    ticket = open_ticket(
        tenant=tenant,
        owner_org=book,
        number=await repository.next_number(session),
        kind=command.kind,
        channel=command.channel,
        category_id=category_id,
        priority=priority,
        subject=command.subject,
        description=command.description,
        customer=customer,
        vehicle=Vehicle(vin, command.vehicle_model),
        links=Links(
            lead_id=command.links.lead_id or lead_id,
            opportunity_id=command.links.opportunity_id,
            order_id=command.links.order_id,
            call_id=command.links.call_id,
        ),
        created_by=opened_by,
        owner_user=owner,
        owner_team=owner_team,
        targets=targets,
        calendar=rules.calendar,
        now=now,
    )
    ticket.survey_response_id = survey_response_id
    ticket.next_escalation_at = next_escalation_at(ticket, rules.ladder, rules.calendar)
    await repository.add_ticket(session, ticket)
    await repository.add_history(
        session, ticket, actor=opened_by, action="opened", at=now, detail={"owner": owner}
    )
    await uow.publish_about(
        [_opened(ticket, category_code)], tenant=tenant, owner_org=book, actor=opened_by
    )
    return ticket


def about_ticket(ticket: Ticket, *, at: datetime) -> dict[str, Any]:
    """What every event about a ticket says of it."""
    return {
        "ticket_id": ticket.id,
        "number": ticket.number,
        "dealer_id": ticket.owner_org,
        "kind": ticket.kind.value,
        "at": at,
    }


def _opened(ticket: Ticket, category_code: str | None) -> TicketOpenedV2:
    return TicketOpenedV2(
        **about_ticket(ticket, at=ticket.opened_at),
        channel=ticket.channel.value,
        category=category_code,
        priority=ticket.priority.value,
        customer_id=ticket.customer.customer_id,
        vin=ticket.vehicle.vin,
        owner_user=ticket.owner_user,
        opened_by=ticket.created_by,
        resolve_due_at=ticket.resolve_due_at,
        survey_response_id=ticket.survey_response_id,
        call_id=ticket.links.call_id,
    )


async def _publish(uow: UnitOfWork, ticket: Ticket, actor: Principal, *events: EventData) -> None:
    await uow.publish_about(
        events, tenant=ticket.tenant, owner_org=ticket.owner_org, actor=actor.user_id
    )


async def changing(uow: UnitOfWork, ticket_id: UUID, actor: Principal) -> Ticket:
    """The ticket, locked, if it lies within the caller's own write scope."""
    ticket = await repository.ticket_for_change(uow.session, ticket_id, changeable_tickets(actor))
    if ticket is None:
        raise TicketNotFound("ticket not found")
    return ticket


async def _reschedule(uow: UnitOfWork, ticket: Ticket, rules: BookRules) -> None:
    ticket.next_escalation_at = next_escalation_at(ticket, rules.ladder, rules.calendar)
    await repository.save_ticket(uow.session, ticket)


async def reassign(
    ticket_id: UUID, assignee: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Ticket:
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        team = await repository.staff_member(uow.session, ticket.tenant, assignee, ticket.owner_org)
        if team is None:
            raise InvalidInput("assignee", "no such active user in the ticket's book")
        previous = ticket.assign(assignee, team, now)
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="reassigned",
            at=now,
            detail={"from": previous, "to": assignee},
        )
        await _publish(
            uow,
            ticket,
            actor,
            TicketReassigned(
                **about_ticket(ticket, at=now),
                owner_user=assignee,
                previous_owner=previous,
                assigned_by=actor.user_id,
            ),
        )
    return ticket


async def add_entry(
    ticket_id: UUID,
    kind: EntryKind,
    body: str,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    timezone: str,
) -> int:
    """A note (internal) or a reply (to the customer: the first one is the first response)."""
    if not body.strip():
        raise InvalidInput("body", "an entry needs some text")
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        if kind is EntryKind.REPLY:
            rules = await book_rules(uow, ticket.tenant, ticket.owner_org, timezone)
            ticket.record_reply(now, rules.calendar)
            await _reschedule(uow, ticket, rules)
        return await repository.add_entry(
            uow.session,
            ticket=ticket,
            kind=kind.value,
            body=body.strip(),
            author=actor.user_id,
            author_org=actor.org_node,
            at=now,
        )


async def hold(
    ticket_id: UUID, waiting_for: WaitingFor, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Ticket:
    """Waiting for the customer or a partner: the SLA clock stands until ``resume``."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        ticket.wait_for(waiting_for, now)
        ticket.next_escalation_at = None
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="waiting",
            at=now,
            detail={"for": waiting_for.value},
        )
    return ticket


async def resume(
    ticket_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime, timezone: str
) -> Ticket:
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        rules = await book_rules(uow, ticket.tenant, ticket.owner_org, timezone)
        ticket.resume(now, rules.calendar)
        await _reschedule(uow, ticket, rules)
        await repository.add_history(
            uow.session, ticket, actor=actor.user_id, action="resumed", at=now
        )
    return ticket


async def resolve(
    ticket_id: UUID,
    resolution: str,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    timezone: str,
) -> Ticket:
    if not resolution.strip():
        raise InvalidInput("resolution", "say how it was resolved")
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        rules = await book_rules(uow, ticket.tenant, ticket.owner_org, timezone)
        due = ticket.resolve_due_at
        on_time = ticket.resolve(resolution.strip(), now, rules.calendar)
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="resolved",
            at=now,
            detail={"on_time": on_time},
        )
        await use_visit_of(uow, ticket, actor.user_id, now=now, timezone=timezone)
        await _publish(
            uow,
            ticket,
            actor,
            TicketResolved(
                **about_ticket(ticket, at=now),
                resolved_by=actor.user_id,
                resolve_due_at=due,
                on_time=on_time,
            ),
        )
    return ticket


async def close(
    ticket_id: UUID,
    customer_satisfied: bool | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Ticket:
    """Closed after resolution, with the customer's confirmation when they gave it."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        ticket.close(now, customer_satisfied=customer_satisfied)
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="closed",
            at=now,
            detail={"customer_satisfied": customer_satisfied},
        )
        await _publish(
            uow,
            ticket,
            actor,
            TicketClosed(
                **about_ticket(ticket, at=now),
                closed_by=actor.user_id,
                customer_confirmed=customer_satisfied is not None,
            ),
        )
    return ticket


async def reopen(
    ticket_id: UUID,
    reason: str,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    timezone: str,
) -> Ticket:
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        rules = await book_rules(uow, ticket.tenant, ticket.owner_org, timezone)
        ticket.reopen(now, rules.calendar)
        await _reschedule(uow, ticket, rules)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="reopened",
            at=now,
            detail={"reason": reason},
        )
        await _publish(
            uow,
            ticket,
            actor,
            TicketReopened(
                **about_ticket(ticket, at=now),
                reopened_by=actor.user_id,
                reason=reason,
            ),
        )
    return ticket


async def merge(
    ticket_id: UUID, into: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Ticket:
    """``ticket_id`` duplicates ``into``: closed into it, its watchers moved. Both are locked
    in id order so two opposite merges cannot deadlock."""
    async with uow:
        first, second = sorted([ticket_id, into])
        locked = {first: await changing(uow, first, actor)}
        if second != first:
            locked[second] = await changing(uow, second, actor)
        duplicate, survivor = locked[ticket_id], locked[into]
        duplicate.merge_into(survivor, now)
        await repository.save_ticket(uow.session, duplicate)
        await repository.move_watchers(uow.session, duplicate, survivor)
        await repository.add_history(
            uow.session,
            duplicate,
            actor=actor.user_id,
            action="merged",
            at=now,
            detail={"into": str(survivor.id), "number": survivor.number},
        )
        await repository.add_history(
            uow.session,
            survivor,
            actor=actor.user_id,
            action="merged_in",
            at=now,
            detail={"from": str(duplicate.id), "number": duplicate.number},
        )
        await _publish(
            uow,
            duplicate,
            actor,
            TicketClosed(
                ticket_id=duplicate.id,
                number=duplicate.number,
                dealer_id=duplicate.owner_org,
                kind=duplicate.kind.value,
                at=now,
                closed_by=actor.user_id,
                customer_confirmed=False,
                merged_into=survivor.id,
            ),
        )
    return survivor


async def schedule(
    ticket_id: UUID, appointment: Appointment, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Ticket:
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        ticket.schedule(appointment, now)
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="scheduled",
            at=now,
            detail={"starts_at": appointment.starts_at.isoformat(), "minutes": appointment.minutes},
        )
    return ticket


async def record_complaint_handling(
    ticket_id: UUID,
    *,
    responsible_user: str | None,
    root_cause: str | None,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
) -> Ticket:
    """A complaint's responsible owner (staff of the book) and root cause."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        if responsible_user is not None and (
            await repository.staff_member(
                uow.session, ticket.tenant, responsible_user, ticket.owner_org
            )
            is None
        ):
            raise InvalidInput("responsible_user", "no such active user in the ticket's book")
        ticket.record_complaint_handling(
            now, responsible_user=responsible_user, root_cause=root_cause
        )
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="complaint_handling",
            at=now,
            detail={"responsible_user": responsible_user, "root_cause": root_cause},
        )
    return ticket


async def watch(
    ticket_id: UUID, user_id: str, actor: Principal, uow: UnitOfWork, *, watching: bool
) -> bool:
    """Adds (or removes) a watcher: the caller, or staff of the ticket's book. False when
    nothing changed."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        if (
            watching
            and user_id != actor.user_id
            and await repository.staff_member(uow.session, ticket.tenant, user_id, ticket.owner_org)
            is None
        ):
            raise InvalidInput("user_id", "no such active user in the ticket's book")
        if watching:
            return await repository.add_watcher(uow.session, ticket, user_id)
        return await repository.remove_watcher(uow.session, ticket, user_id)


async def ticket_from_call(
    uow: UnitOfWork, event: Envelope[CallTicketRequested], *, timezone: str
) -> Ticket:
    """A call the call center asks a ticket for: added to the open ticket it names if that is
    in the call's book (a note with what the customer said, the call linked if the ticket has
    none yet, ``CallAttached`` for the call's record), else a new ticket, channel phone, in
    the call's book — worked by the agent when they work in that book, else unassigned.
    Inside the consumer's inbox transaction."""
    asked = event.data
    tenant, session = event.tenant, uow.session
    book = await repository.book_of(session, tenant, asked.dealer_id)
    note = f"Phone call {asked.call_id} ({asked.direction}): {asked.notes}"
    refused = None
    if asked.attach_to is not None:
        ticket = await repository.ticket_in_book(session, tenant, book, asked.attach_to)
        if ticket is not None and ticket.is_open:
            await repository.add_entry(
                session,
                ticket=ticket,
                kind=EntryKind.NOTE.value,
                body=note,
                author=asked.requested_by,
                author_org=asked.dealer_id,
                at=asked.at,
            )
            if ticket.links.call_id is None:
                ticket.links = replace(ticket.links, call_id=str(asked.call_id))
                await repository.save_ticket(session, ticket)
            await repository.add_history(
                session,
                ticket,
                actor=asked.requested_by,
                action="call_attached",
                at=asked.at,
                detail={"call_id": str(asked.call_id)},
            )
            # The call's record learns its ticket from this, as from a ticket opened for it.
            await uow.publish_about(
                [
                    CallAttached(
                        **about_ticket(ticket, at=asked.at),
                        call_id=str(asked.call_id),
                        attached_by=asked.requested_by,
                    )
                ],
                tenant=tenant,
                owner_org=ticket.owner_org,
                actor=asked.requested_by,
            )
            return ticket
        refused = str(asked.attach_to)
    team = None
    if asked.agent_user is not None:
        team = await repository.staff_member(session, tenant, asked.agent_user, book)
    ticket = await open_in(
        uow,
        OpenTicket(
            subject=asked.subject,
            kind=TicketKind(asked.ticket_kind),
            channel=Channel.PHONE,
            description=note,
            links=Links(lead_id=asked.lead_id, call_id=str(asked.call_id)),
        ),
        tenant=tenant,
        book=book,
        opened_by=asked.requested_by,
        owner=asked.agent_user if team is not None else None,
        owner_team=team,
        customer=Customer(asked.customer_id, None, normalise_phone(asked.customer_phone)),
        vin=None,
        lead_id=asked.lead_id,
        now=asked.at,
        timezone=timezone,
    )
    if refused is not None:
        await repository.add_history(
            session,
            ticket,
            actor=asked.requested_by,
            action="attach_refused",
            at=asked.at,
            detail={"ticket_id": refused, "why": "not an open ticket of the call's book"},
        )
    return ticket
