"""Service agreements (保养套餐, extended warranty): a dealer (or HQ, for the network's own
programmes) registers what a vehicle or customer bought; tickets then show whether the work
is covered (``crm_service_desk.views.agreements``), and a resolved service visit a
maintenance package covers uses up one of its visits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import agreement_store, repository
from crm_service_desk.domain.agreements import AgreementKind, check_terms, coverage, visit_to_use
from crm_service_desk.domain.tickets import Ticket, TicketKind, normalise_vin


@dataclass(frozen=True, slots=True)
class NewAgreement:
    kind: AgreementKind
    name: str
    valid_from: date
    valid_until: date
    vin: str | None = None
    customer_id: UUID | None = None
    categories: tuple[str, ...] = field(default=())
    """Category codes of the book or above it; empty: any work."""
    max_km: int | None = None
    visits: int | None = None


async def register_agreement(
    command: NewAgreement, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> dict[str, Any]:
    """An agreement sold by the caller's book (422 naming the field for bad terms or an
    unknown category)."""
    vin = None if command.vin is None else normalise_vin(command.vin, "vin")
    check_terms(
        valid_from=command.valid_from,
        valid_until=command.valid_until,
        vin=vin,
        customer_id=command.customer_id,
    )
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, book)
        unknown = await agreement_store.unknown_categories(
            uow.session, actor.tenant, chain, command.categories
        )
        if unknown:
            raise InvalidInput("categories", f"unknown categories {unknown}")
        return await agreement_store.add_agreement(
            uow.session,
            {
                "id": uuid4(),
                "tenant": actor.tenant,
                "owner_org": book,
                "kind": command.kind.value,
                "name": command.name,
                "vin": vin,
                "customer_id": command.customer_id,
                "categories": list(dict.fromkeys(command.categories)),
                "valid_from": command.valid_from,
                "valid_until": command.valid_until,
                "max_km": command.max_km,
                "visits": command.visits,
                "visits_used": 0,
                "created_by": actor.user_id,
                "created_at": now,
            },
        )


async def use_visit_of(
    uow: UnitOfWork, ticket: Ticket, actor: str, *, now: datetime, timezone: str
) -> None:
    """A service visit done (its ticket resolved): when an agreement with a number of visits
    covers it, one visit is used up — once per ticket, however often it is resolved again.
    With none left the work is simply not covered (the coverage says why) and nothing is
    counted. Inside the resolution's transaction; the agreements are locked, so two visits
    resolved at once never use the same last visit."""
    if ticket.kind is not TicketKind.SERVICE_REQUEST:
        return
    vin, customer_id = ticket.vehicle.vin, ticket.customer.customer_id
    if vin is None and customer_id is None:
        return
    session = uow.session
    chain = await repository.org_chain(session, ticket.tenant, ticket.owner_org)
    rows = await agreement_store.agreements_of(
        session, ticket.tenant, chain, vin=vin, customer_id=customer_id, lock=True
    )
    if not rows:
        return
    agreements = [agreement_store.agreement_of(row) for row in rows]
    used = await agreement_store.visit_of_ticket(session, ticket.id)
    found = coverage(
        agreements,
        category_path=await agreement_store.category_codes(session, ticket.category_id),
        on=now.astimezone(ZoneInfo(timezone)).date(),
        mileage_km=await agreement_store.mileage_of(session, ticket.tenant, vin),
        visit_used_of=used,
    )
    agreement = visit_to_use(agreements, found, visit_used_of=used)
    if agreement is None or agreement.visits is None:
        return
    await agreement_store.use_visit(
        session,
        {
            "ticket_id": ticket.id,
            "agreement_id": agreement.id,
            "tenant": ticket.tenant,
            "owner_org": ticket.owner_org,
            "used_by": actor,
            "used_at": now,
        },
    )
    await repository.add_history(
        session,
        ticket,
        actor=actor,
        action="agreement_visit_used",
        at=now,
        detail={
            "agreement_id": str(agreement.id),
            "agreement": agreement.name,
            "visits_left": agreement.visits - agreement.visits_used - 1,
        },
    )
