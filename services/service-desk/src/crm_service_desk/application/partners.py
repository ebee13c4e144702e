"""Jobs for repair and service partners: a dealer sends a ticket's job to a partner; the
partner accepts or declines it, reports progress and when it is done, each step a note on the
ticket, a line of its history and a ``PartnerJobUpdated`` event. When the ticket was waiting
for the partner, a declined or finished job sets its SLA clock running again."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts.events.service_desk.v1 import PartnerJobUpdated
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import partner_store, repository
from crm_service_desk.application.tickets import (
    TicketNotFound,
    about_ticket,
    book_rules,
    changing,
)
from crm_service_desk.domain.escalation import next_escalation_at
from crm_service_desk.domain.tickets import (
    PARTNER_DONE_WITH,
    EntryKind,
    PartnerStatus,
    Ticket,
    TicketStatus,
    WaitingFor,
)


async def send_to_partner(
    ticket_id: UUID,
    partner_org: str,
    instructions: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Ticket:
    """The job of a ticket the caller works goes to a partner org (422 naming ``partner_org``
    for a node that is not one; 409 while another partner has it)."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        if not await partner_store.is_partner(uow.session, ticket.tenant, partner_org):
            raise InvalidInput("partner_org", f"{partner_org!r} is not a partner org")
        ticket.send_to_partner(partner_org, now)
        await repository.save_ticket(uow.session, ticket)
        instructions = (instructions or "").strip() or None
        # The partner reads the instructions with the job (from this line); the dealer's
        # staff read them as a note of the ticket.
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="sent_to_partner",
            at=now,
            detail={"partner": partner_org, "instructions": instructions},
        )
        if instructions:
            await repository.add_entry(
                uow.session,
                ticket=ticket,
                kind=EntryKind.NOTE.value,
                body=instructions,
                author=actor.user_id,
                author_org=actor.org_node,
                at=now,
            )
        await _announce(uow, ticket, partner_org, PartnerStatus.SENT, actor, now)
    return ticket


async def _announce(
    uow: UnitOfWork,
    ticket: Ticket,
    partner_org: str,
    status: PartnerStatus,
    actor: Principal,
    now: datetime,
) -> None:
    await uow.publish_about(
        [
            PartnerJobUpdated(
                **about_ticket(ticket, at=now),
                partner_id=partner_org,
                status=status.value,
                by=actor.user_id,
            )
        ],
        tenant=ticket.tenant,
        owner_org=ticket.owner_org,
        actor=actor.user_id,
    )


async def record_progress(
    ticket_id: UUID,
    status: PartnerStatus,
    note: str | None,
    partner: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    timezone: str,
) -> Ticket:
    """The partner's step on a job that names it (404 for any other ticket, 409 for a step
    that does not follow)."""
    async with uow:
        ticket = await repository.ticket_for_change(
            uow.session, ticket_id, partner_store.jobs_of(partner)
        )
        if ticket is None:
            raise TicketNotFound("job not found")
        ticket.record_partner_progress(status, now)
        waited = ticket.status is TicketStatus.WAITING and ticket.waiting_for is WaitingFor.PARTNER
        if waited and status in PARTNER_DONE_WITH:
            rules = await book_rules(uow, ticket.tenant, ticket.owner_org, timezone)
            ticket.resume(now, rules.calendar)
            ticket.next_escalation_at = next_escalation_at(ticket, rules.ladder, rules.calendar)
        await repository.save_ticket(uow.session, ticket)
        await repository.add_history(
            uow.session,
            ticket,
            actor=partner.user_id,
            action="partner_progress",
            at=now,
            detail={"partner": partner.org_node, "status": status.value},
        )
        if note and note.strip():
            await repository.add_entry(
                uow.session,
                ticket=ticket,
                kind=EntryKind.NOTE.value,
                body=note.strip(),
                author=partner.user_id,
                author_org=partner.org_node,
                at=now,
            )
        await _announce(uow, ticket, partner.org_node, status, partner, now)
    return ticket
