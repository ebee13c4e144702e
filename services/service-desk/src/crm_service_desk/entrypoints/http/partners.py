"""HTTP API of partner jobs: a dealer sends a ticket's job to a repair or service partner;
the partner sees the jobs naming it (the customer masked unless shared in full) and reports
its progress."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.paging import ShortPage
from crm_service_desk.application import partners as commands
from crm_service_desk.application.ticket_reads import job_shown
from crm_service_desk.domain.tickets import PartnerStatus
from crm_service_desk.entrypoints.http.dependencies import (
    CONFLICT,
    FORBIDDEN,
    NOT_FOUND,
    BusinessTimezone,
    Database,
    Now,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import PartnerJobRequest, PartnerProgress
from crm_service_desk.entrypoints.http.tickets import of_ticket
from crm_service_desk.views import partners as views
from crm_service_desk.views.partners import PartnerJobPublic
from crm_service_desk.views.tickets import (
    TicketPublic,
)

router = APIRouter(tags=["partners"])
PartnerReader = Annotated[Principal, requires("partner.read")]
PartnerUpdater = Annotated[Principal, requires("partner.update")]
_JOB_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such job naming the caller's org"}
}


@router.post(
    "/tickets/{ticket_id}/partner-job",
    response_model=TicketPublic,
    responses={**FORBIDDEN, **NOT_FOUND, **CONFLICT},
)
async def send_to_partner(
    ticket_id: UUID, body: PartnerJobRequest, principal: TicketWorker, db: Database, now: Now
) -> TicketPublic:
    """Send the ticket's job to a repair or service partner (with instructions, kept as an
    internal note the partner reads with the job)."""
    ticket = await commands.send_to_partner(
        ticket_id, body.partner_org, body.instructions, principal, UnitOfWork(db), now=now
    )
    return of_ticket(ticket)


@router.get("/partner/jobs", response_model=list[PartnerJobPublic], responses=FORBIDDEN)
async def list_jobs(
    principal: PartnerReader,
    db: Database,
    page: ShortPage,
    partner_status: Annotated[PartnerStatus | None, Query(alias="status")] = None,
) -> list[PartnerJobPublic]:
    """The jobs naming the caller's partner org, newest first."""
    return await views.jobs_of_partner(
        db,
        principal,
        partner_status=None if partner_status is None else partner_status.value,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/partner/jobs/{ticket_id}",
    response_model=PartnerJobPublic,
    responses={**FORBIDDEN, **_JOB_NOT_FOUND},
)
async def get_job(ticket_id: UUID, principal: PartnerReader, db: Database) -> PartnerJobPublic:
    job = await job_shown(db, principal, ticket_id, endpoint="GET /partner/jobs/{ticket_id}")
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="job not found")
    return job


@router.post(
    "/partner/jobs/{ticket_id}/progress",
    response_model=PartnerJobPublic,
    responses={**FORBIDDEN, **_JOB_NOT_FOUND, **CONFLICT},
)
async def report_progress(
    ticket_id: UUID,
    body: PartnerProgress,
    principal: PartnerUpdater,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> PartnerJobPublic:
    """Accept or decline the job, then in progress and done (409 for a step that does not
    follow); a note goes on the ticket for the dealer's staff."""
    await commands.record_progress(
        ticket_id, body.status, body.note, principal, UnitOfWork(db), now=now, timezone=timezone
    )
    job = await job_shown(
        db, principal, ticket_id, endpoint="POST /partner/jobs/{ticket_id}/progress"
    )
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="job not found")
    return job
