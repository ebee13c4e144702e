"""HTTP API of parts claims (零部件索赔): the dealer files them on a ticket, the parts maker
named answers."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.db import UnitOfWork
from crm_common.runtime.paging import ShortPage
from crm_service_desk.application import parts_claims as commands
from crm_service_desk.domain.parts_claims import ClaimStatus
from crm_service_desk.entrypoints.http.dependencies import (
    CONFLICT,
    FORBIDDEN,
    NOT_FOUND,
    Database,
    Now,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.partners import PartnerReader, PartnerUpdater
from crm_service_desk.entrypoints.http.schemas import (
    PartsClaimAnswer,
    PartsClaimIn,
    PartsClaimRefiling,
)
from crm_service_desk.views import parts_claims as views
from crm_service_desk.views.parts_claims import PartsClaimPublic

router = APIRouter(tags=["parts claims"])
_CLAIM_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such claim the caller may act on"}
}


@router.post(
    "/tickets/{ticket_id}/parts-claims",
    status_code=status.HTTP_201_CREATED,
    response_model=PartsClaimPublic,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def file_claim(
    ticket_id: UUID, body: PartsClaimIn, principal: TicketWorker, db: Database, now: Now
) -> PartsClaimPublic:
    """Claim a faulty part of the ticket's repair from its maker (publishes
    ``service-desk.PartsClaimUpdated``, status ``filed``)."""
    claim = await commands.file_claim(
        ticket_id,
        partner_id=body.partner_id,
        part_number=body.part_number,
        quantity=body.quantity,
        description=body.description,
        actor=principal,
        uow=UnitOfWork(db),
        now=now,
    )
    return views.claim_public(claim)


@router.get(
    "/tickets/{ticket_id}/parts-claims",
    response_model=list[PartsClaimPublic],
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def claims_of_ticket(
    ticket_id: UUID,
    principal: TicketReader,
    db: Database,
    page: ShortPage,
) -> list[PartsClaimPublic]:
    claims = await views.claims_of_ticket(
        db, principal, ticket_id, limit=page.limit, offset=page.offset
    )
    if claims is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return claims


@router.post(
    "/parts-claims/{claim_id}/refiling",
    response_model=PartsClaimPublic,
    responses={**FORBIDDEN, **_CLAIM_NOT_FOUND, **CONFLICT},
)
async def file_again(
    claim_id: UUID, body: PartsClaimRefiling, principal: TicketWorker, db: Database, now: Now
) -> PartsClaimPublic:
    """The information the maker asked for: the claim is filed again (409 unless it asked)."""
    claim = await commands.file_again(
        claim_id, body.information, principal, UnitOfWork(db), now=now
    )
    return views.claim_public(claim)


@router.get("/partner/parts-claims", response_model=list[PartsClaimPublic], responses=FORBIDDEN)
async def claims_of_maker(
    principal: PartnerReader,
    db: Database,
    page: ShortPage,
    claim_status: Annotated[
        Literal["filed", "accepted", "rejected", "more_information"] | None,
        Query(alias="status"),
    ] = None,
) -> list[PartsClaimPublic]:
    """The claims naming the caller's parts maker org, newest first."""
    return await views.claims_of_maker(
        db, principal, status=claim_status, limit=page.limit, offset=page.offset
    )


@router.post(
    "/partner/parts-claims/{claim_id}/answer",
    response_model=PartsClaimPublic,
    responses={**FORBIDDEN, **_CLAIM_NOT_FOUND, **CONFLICT},
)
async def answer_claim(
    claim_id: UUID, body: PartsClaimAnswer, principal: PartnerUpdater, db: Database, now: Now
) -> PartsClaimPublic:
    """Accept, reject or ask for more information (409 for a claim not waiting for an
    answer); publishes ``PartsClaimUpdated``."""
    claim = await commands.answer_claim(
        claim_id, ClaimStatus(body.status), body.answer, principal, UnitOfWork(db), now=now
    )
    return views.claim_public(claim)
