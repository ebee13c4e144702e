"""HTTP API of tickets: thin — parse, call one command or view, shape the answer."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Path, Query, Response, status

from crm_common.db import UnitOfWork
from crm_common.runtime.paging import Page, ShortPage
from crm_service_desk.application import ticket_reads
from crm_service_desk.application import tickets as commands
from crm_service_desk.domain.tickets import (
    Appointment,
    Channel,
    Links,
    Ticket,
    TicketKind,
    normalise_phone,
    normalise_vin,
)
from crm_service_desk.entrypoints.http.dependencies import (
    CONFLICT,
    FORBIDDEN,
    NOT_FOUND,
    BearerToken,
    BusinessTimezone,
    Database,
    Directory,
    Now,
    TicketManager,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import (
    AppointmentIn,
    Closure,
    ComplaintHandling,
    EntryAdded,
    EntryCreate,
    Hold,
    Merge,
    QuickTicket,
    Reassignment,
    Reopening,
    Resolution,
    TicketCreate,
)
from crm_service_desk.views import tickets as views
from crm_service_desk.views.tickets import (
    AppointmentOut,
    ComplaintOut,
    CustomerOut,
    EntryPublic,
    HistoryEntry,
    LinksOut,
    TicketPublic,
    VehicleOut,
)

router = APIRouter(prefix="/tickets", tags=["tickets"])
_ANSWERS = {**FORBIDDEN, **NOT_FOUND, **CONFLICT}


def of_ticket(ticket: Ticket) -> TicketPublic:
    """The caller just acted on the ticket within their own write scope: full data."""
    complaint = ticket.complaint
    return TicketPublic(
        id=ticket.id,
        number=ticket.number,
        owner_org=ticket.owner_org,
        owner_user=ticket.owner_user,
        kind=ticket.kind,
        channel=ticket.channel,
        category_id=ticket.category_id,
        priority=ticket.priority,
        status=ticket.status.value,
        waiting_for=ticket.waiting_for,
        subject=ticket.subject,
        description=ticket.description,
        customer=CustomerOut(
            customer_id=ticket.customer.customer_id,
            name=ticket.customer.name,
            phone=ticket.customer.phone,
        ),
        vehicle=VehicleOut(vin=ticket.vehicle.vin, model=ticket.vehicle.model),
        links=LinksOut(
            lead_id=ticket.links.lead_id,
            opportunity_id=ticket.links.opportunity_id,
            order_id=ticket.links.order_id,
            call_id=ticket.links.call_id,
        ),
        created_by=ticket.created_by,
        opened_at=ticket.opened_at,
        updated_at=ticket.updated_at or ticket.opened_at,
        first_responded_at=ticket.first_responded_at,
        response_due_at=ticket.response_due_at,
        resolve_due_at=ticket.resolve_due_at,
        resolved_at=ticket.resolved_at,
        resolution=ticket.resolution,
        closed_at=ticket.closed_at,
        merged_into=ticket.merged_into,
        raised_to_org=ticket.raised_to_org,
        escalation_steps=list(ticket.escalation_steps),
        appointment=None
        if ticket.appointment is None
        else AppointmentOut(
            starts_at=ticket.appointment.starts_at,
            minutes=ticket.appointment.minutes,
            place=ticket.appointment.place,
        ),
        complaint=None
        if complaint is None
        else ComplaintOut(
            responsible_user=complaint.responsible_user,
            root_cause=complaint.root_cause,
            customer_confirmed_at=complaint.customer_confirmed_at,
            customer_satisfied=complaint.customer_satisfied,
        ),
        partner_org=ticket.partner_org,
        partner_status=ticket.partner_status,
        may_change=True,
    )


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=TicketPublic, responses=FORBIDDEN
)
async def open_ticket(
    body: TicketCreate,
    principal: TicketWorker,
    db: Database,
    directory: Directory,
    token: BearerToken,
    timezone: BusinessTimezone,
    now: Now,
) -> TicketPublic:
    """Open a ticket in the caller's book (publishes ``service-desk.TicketOpened``). With a
    ``phone``, leads' customer directory names the customer file (as far as the caller may
    see it); an unknown ``category`` code or ``assignee`` answers 422."""
    match = await commands.find_customer(directory, body.phone, token)
    ticket = await commands.open_new_ticket(
        commands.OpenTicket(
            subject=body.subject,
            kind=body.kind,
            channel=body.channel,
            category=body.category,
            priority=body.priority,
            description=body.description,
            customer_name=body.customer_name,
            phone=body.phone,
            vin=body.vin,
            vehicle_model=body.vehicle_model,
            links=Links(**body.links.model_dump()),
            assignee=body.assignee,
        ),
        principal,
        UnitOfWork(db),
        match=match,
        now=now,
        timezone=timezone,
    )
    return of_ticket(ticket)


@router.post(
    "/quick", status_code=status.HTTP_201_CREATED, response_model=TicketPublic, responses=FORBIDDEN
)
async def quick_entry(
    body: QuickTicket,
    principal: TicketWorker,
    db: Database,
    directory: Directory,
    token: BearerToken,
    timezone: BusinessTimezone,
    now: Now,
) -> TicketPublic:
    """Quick entry (one call, the minimum): a phone ticket for the customer leads knows by
    that phone, worked by the caller."""
    match = await commands.find_customer(directory, body.phone, token)
    ticket = await commands.open_new_ticket(
        commands.OpenTicket(
            subject=body.subject, kind=body.kind, channel=Channel.PHONE, phone=body.phone
        ),
        principal,
        UnitOfWork(db),
        match=match,
        now=now,
        timezone=timezone,
    )
    return of_ticket(ticket)


@router.get("", response_model=list[TicketPublic], responses=FORBIDDEN)
async def list_tickets(
    principal: TicketReader,
    db: Database,
    page: ShortPage,
    ticket_status: Annotated[
        str | None, Query(alias="status", pattern="^(open|waiting|resolved|closed|merged)$")
    ] = None,
    kind: TicketKind | None = None,
    owner_user: Annotated[str | None, Query(max_length=64)] = None,
    phone: Annotated[str | None, Query(min_length=5, max_length=32)] = None,
    vin: Annotated[str | None, Query(min_length=17, max_length=17)] = None,
    number: Annotated[str | None, Query(max_length=20)] = None,
    customer_id: UUID | None = None,
    watching: Annotated[bool, Query(description="Only the tickets the caller watches")] = False,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Words of the subject, text or name"),
    ] = None,
) -> list[TicketPublic]:
    """The tickets the caller may see, newest first; personal data masked where the caller
    may not see it in full. Search by the customer's phone, the VIN, the ticket number, the
    customer file, or free text (Chinese or English)."""
    wanted = views.TicketFilter(
        status=ticket_status,
        kind=None if kind is None else kind.value,
        owner_user=owner_user,
        phone=None if phone is None else normalise_phone(phone, "phone", "query"),
        vin=None if vin is None else normalise_vin(vin, "vin", "query"),
        number=number,
        customer_id=customer_id,
        watching=principal.user_id if watching else None,
        text=q,
    )
    return await views.tickets_of(db, principal, wanted, limit=page.limit, offset=page.offset)


@router.get("/{ticket_id}", response_model=TicketPublic, responses={**FORBIDDEN, **NOT_FOUND})
async def get_ticket(ticket_id: UUID, principal: TicketReader, db: Database) -> TicketPublic:
    ticket = await ticket_reads.ticket_shown(
        db, principal, ticket_id, endpoint="GET /tickets/{ticket_id}"
    )
    if ticket is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return ticket


@router.post("/{ticket_id}/reassignment", response_model=TicketPublic, responses=_ANSWERS)
async def reassign_ticket(
    ticket_id: UUID, body: Reassignment, principal: TicketManager, db: Database, now: Now
) -> TicketPublic:
    """Give the ticket to another user of its book (publishes ``TicketReassigned``)."""
    ticket = await commands.reassign(ticket_id, body.assignee, principal, UnitOfWork(db), now=now)
    return of_ticket(ticket)


@router.post(
    "/{ticket_id}/entries",
    status_code=status.HTTP_201_CREATED,
    response_model=EntryAdded,
    responses=_ANSWERS,
)
async def add_entry(
    ticket_id: UUID,
    body: EntryCreate,
    principal: TicketWorker,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> EntryAdded:
    """An internal note, or a reply to the customer (the first reply meets the first-response
    target; a reply to a closed ticket answers 409)."""
    entry_id = await commands.add_entry(
        ticket_id, body.kind, body.body, principal, UnitOfWork(db), now=now, timezone=timezone
    )
    return EntryAdded(id=entry_id)


@router.get(
    "/{ticket_id}/entries", response_model=list[EntryPublic], responses={**FORBIDDEN, **NOT_FOUND}
)
async def list_entries(
    ticket_id: UUID,
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[EntryPublic]:
    """The ticket's notes and replies, oldest first, a page at a time."""
    entries = await views.entries_of(db, principal, ticket_id, limit=page.limit, offset=page.offset)
    if entries is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return entries


@router.get(
    "/{ticket_id}/history", response_model=list[HistoryEntry], responses={**FORBIDDEN, **NOT_FOUND}
)
async def ticket_history(
    ticket_id: UUID,
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[HistoryEntry]:
    """Who did what and when, and which rule (escalation steps name theirs), oldest first, a
    page at a time."""
    history = await views.history_of(db, principal, ticket_id, limit=page.limit, offset=page.offset)
    if history is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return history


@router.post("/{ticket_id}/hold", response_model=TicketPublic, responses=_ANSWERS)
async def hold_ticket(
    ticket_id: UUID, body: Hold, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """Waiting for the customer or a partner: the SLA clock stands."""
    ticket = await commands.hold(ticket_id, body.waiting_for, principal, UnitOfWork(db), now=now)
    return of_ticket(ticket)


@router.post("/{ticket_id}/resume", response_model=TicketPublic, responses=_ANSWERS)
async def resume_ticket(
    ticket_id: UUID, principal: TicketWorker, db: Database, timezone: BusinessTimezone, now: Now
) -> TicketPublic:
    ticket = await commands.resume(ticket_id, principal, UnitOfWork(db), now=now, timezone=timezone)
    return of_ticket(ticket)


@router.post("/{ticket_id}/resolution", response_model=TicketPublic, responses=_ANSWERS)
async def resolve_ticket(
    ticket_id: UUID,
    body: Resolution,
    principal: TicketWorker,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> TicketPublic:
    """Resolved (publishes ``TicketResolved`` with whether it was on time); a complaint needs
    its responsible owner and root cause first (409)."""
    ticket = await commands.resolve(
        ticket_id, body.resolution, principal, UnitOfWork(db), now=now, timezone=timezone
    )
    return of_ticket(ticket)


@router.post("/{ticket_id}/closure", response_model=TicketPublic, responses=_ANSWERS)
async def close_ticket(
    ticket_id: UUID, body: Closure, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """Close a resolved ticket, with the customer's confirmation when they gave it."""
    ticket = await commands.close(
        ticket_id, body.customer_satisfied, principal, UnitOfWork(db), now=now
    )
    return of_ticket(ticket)


@router.post("/{ticket_id}/reopening", response_model=TicketPublic, responses=_ANSWERS)
async def reopen_ticket(
    ticket_id: UUID,
    body: Reopening,
    principal: TicketWorker,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> TicketPublic:
    ticket = await commands.reopen(
        ticket_id, body.reason, principal, UnitOfWork(db), now=now, timezone=timezone
    )
    return of_ticket(ticket)


@router.post("/{ticket_id}/merge", response_model=TicketPublic, responses=_ANSWERS)
async def merge_ticket(
    ticket_id: UUID, body: Merge, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """This ticket duplicates ``into``: it is closed into it; the answer is the survivor."""
    ticket = await commands.merge(ticket_id, body.into, principal, UnitOfWork(db), now=now)
    return of_ticket(ticket)


@router.post("/{ticket_id}/appointment", response_model=TicketPublic, responses=_ANSWERS)
async def schedule_ticket(
    ticket_id: UUID, body: AppointmentIn, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """Book the service visit (预约) for the ticket: its slot and place."""
    ticket = await commands.schedule(
        ticket_id,
        Appointment(body.starts_at, body.minutes, body.place),
        principal,
        UnitOfWork(db),
        now=now,
    )
    return of_ticket(ticket)


@router.put("/{ticket_id}/complaint", response_model=TicketPublic, responses=_ANSWERS)
async def handle_complaint(
    ticket_id: UUID, body: ComplaintHandling, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """A complaint's responsible owner and root cause (409 for other kinds of ticket)."""
    ticket = await commands.record_complaint_handling(
        ticket_id,
        responsible_user=body.responsible_user,
        root_cause=body.root_cause,
        actor=principal,
        uow=UnitOfWork(db),
        now=now,
    )
    return of_ticket(ticket)


@router.get("/{ticket_id}/watchers", response_model=list[str], responses={**FORBIDDEN, **NOT_FOUND})
async def list_watchers(
    ticket_id: UUID,
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[str]:
    """The users watching the ticket, by user id, a page at a time."""
    watchers = await views.watchers_of(
        db, principal, ticket_id, limit=page.limit, offset=page.offset
    )
    if watchers is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return watchers


@router.put(
    "/{ticket_id}/watchers/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def add_watcher(
    ticket_id: UUID,
    user_id: Annotated[str, Path(max_length=64)],
    principal: TicketWorker,
    db: Database,
) -> Response:
    """The user (the caller, or staff of the ticket's book) follows the ticket."""
    await commands.watch(ticket_id, user_id, principal, UnitOfWork(db), watching=True)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{ticket_id}/watchers/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def remove_watcher(
    ticket_id: UUID,
    user_id: Annotated[str, Path(max_length=64)],
    principal: TicketWorker,
    db: Database,
) -> Response:
    await commands.watch(ticket_id, user_id, principal, UnitOfWork(db), watching=False)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
