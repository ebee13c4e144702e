"""HTTP API of service agreements (保养套餐, extended warranty) and a ticket's coverage."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.db import UnitOfWork
from crm_common.runtime.paging import ShortPage
from crm_service_desk.application import agreements as commands
from crm_service_desk.domain.tickets import normalise_vin
from crm_service_desk.entrypoints.http.dependencies import (
    FORBIDDEN,
    NOT_FOUND,
    BusinessTimezone,
    Database,
    Now,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import AgreementIn
from crm_service_desk.views import agreements as views
from crm_service_desk.views.agreements import AgreementPublic, CoveragePublic

router = APIRouter(tags=["service agreements"])


@router.post(
    "/service-agreements",
    status_code=status.HTTP_201_CREATED,
    response_model=AgreementPublic,
    responses=FORBIDDEN,
)
async def register_agreement(
    body: AgreementIn, principal: TicketWorker, db: Database, now: Now
) -> AgreementPublic:
    """A maintenance package or extended warranty the caller's book sold for a vehicle (VIN)
    or a customer: valid between two days, for some categories of work or any, up to a
    mileage, with a number of visits."""
    row = await commands.register_agreement(
        commands.NewAgreement(
            kind=body.kind,
            name=body.name,
            valid_from=body.valid_from,
            valid_until=body.valid_until,
            vin=body.vin,
            customer_id=body.customer_id,
            categories=tuple(body.categories),
            max_km=body.max_km,
            visits=body.visits,
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    return AgreementPublic.model_validate(row)


@router.get("/service-agreements", response_model=list[AgreementPublic], responses=FORBIDDEN)
async def list_agreements(
    principal: TicketReader,
    db: Database,
    page: ShortPage,
    vin: Annotated[str | None, Query(min_length=17, max_length=17)] = None,
    customer_id: UUID | None = None,
) -> list[AgreementPublic]:
    """A vehicle's or a customer's agreements that the caller's book honours (its own and
    those of the nodes above it), oldest first; name one of them (none: an empty list)."""
    return await views.agreements_for(
        db,
        principal,
        vin=None if vin is None else normalise_vin(vin, "vin", "query"),
        customer_id=customer_id,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/tickets/{ticket_id}/coverage",
    response_model=CoveragePublic,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def ticket_coverage(
    ticket_id: UUID, principal: TicketReader, db: Database, timezone: BusinessTimezone, now: Now
) -> CoveragePublic:
    """Whether the ticket's work is covered today by an agreement of its vehicle or customer
    (the first that covers it), or why not."""
    found = await views.coverage_of_ticket(
        db, principal, ticket_id, on=now.astimezone(ZoneInfo(timezone)).date()
    )
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return found
