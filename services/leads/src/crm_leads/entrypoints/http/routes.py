"""HTTP API of leads: thin — parse, call one command or view, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, Paging, ShortPage, page_of
from crm_leads.application import distribution, handlers, lead_reads
from crm_leads.application.handlers import CreateLead, RecordFollowUp
from crm_leads.domain.customer_identifiers import id_number_key
from crm_leads.domain.grades import SCHEMES
from crm_leads.domain.lead import Lead
from crm_leads.entrypoints.http.schemas import (
    Conversion,
    Distribution,
    DistributionRejection,
    DrawEntered,
    FollowUpCreate,
    FollowUpRecorded,
    GradePublic,
    LeadAssignment,
    LeadAttached,
    LeadCreate,
    LeadGrades,
    LeadRelease,
    LossDecision,
    LossReport,
    PoolMove,
)
from crm_leads.views import leads as views
from crm_leads.views.leads import (
    AuditEntryPublic,
    HistoryEntry,
    LeadOrder,
    LeadPublic,
    ScoredLead,
)

router = APIRouter(prefix="/leads", tags=["leads"])
LeadCreator = Annotated[Principal, requires("lead.create")]
LeadReader = Annotated[Principal, requires("lead.read")]
LeadClaimer = Annotated[Principal, requires("lead.claim")]
LeadWorker = Annotated[Principal, requires("lead.work")]
LeadManager = Annotated[Principal, requires("lead.assign")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such lead visible to the caller"}
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The lead's state or a pool rule does not allow it (the detail says why)"}
}


async def _id_number_key(request: Request) -> bytes | None:
    return id_number_key(request.app.state.settings.personal_data_hash_key)


IdNumberKey = Annotated[bytes | None, Depends(_id_number_key)]


async def business_tz(request: Request) -> ZoneInfo:
    # async: FastAPI runs a plain-def dependency in its thread pool, a thread hop per request.
    return ZoneInfo(request.app.state.settings.business_timezone)


def _as_submitted(lead: Lead) -> LeadPublic:
    """A new lead echoes what its creator just sent (audited as its creation)."""
    return LeadPublic.model_validate(lead, from_attributes=True)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=LeadPublic,
    responses={
        **_FORBIDDEN,
        200: {"model": LeadAttached, "description": "Known customer: attached to its lead"},
    },
)
async def register_lead(
    body: LeadCreate,
    principal: LeadCreator,
    db: Database,
    key: IdNumberKey,
    now: Now,
    tz: Annotated[ZoneInfo, Depends(business_tz)],
) -> LeadPublic | JSONResponse:
    """Record a lead in the caller's book (their dealer); publishes ``leads.LeadCreated``.

    A customer this dealer already works (same phone, or same value of one of the dealer's
    deduplication keys, see ``/dedup-keys``) is not duplicated: the answer is 200 with the
    lead it was attached to and who owns it."""
    registration = await handlers.create_lead(
        CreateLead(
            customer_name=body.customer_name,
            phone=body.phone,
            source=body.source,
            vehicle_interest=body.vehicle_interest,
            region_hint=body.region_hint,
            identifiers=body.identifiers(key),
        ),
        principal,
        UnitOfWork(db),
        via="POST /leads",
        now=now,
        business_tz=tz,
    )
    lead = registration.lead
    if registration.attached:
        owner = lead.owner_user
        attached = LeadAttached(
            attached_to=lead.id,
            owner_user=owner,
            status=lead.status.value,
            message="this customer is already worked by "
            + (owner if owner is not None else "nobody yet: it waits in the pool"),
        )
        return JSONResponse(
            status_code=status.HTTP_200_OK, content=attached.model_dump(mode="json")
        )
    return _as_submitted(lead)


@router.get("", response_model=list[ScoredLead], responses=_FORBIDDEN)
async def list_leads(
    principal: LeadReader,
    db: Database,
    page: ShortPage,
    lead_status: Annotated[str | None, Query(alias="status", max_length=20)] = None,
    escalated: Annotated[
        bool,
        Query(
            description="Only the leads escalated for stalling in their grade and not "
            "reassigned since, longest escalated first: the managers' reassignment list"
        ),
    ] = False,
    nurture: Annotated[
        bool,
        Query(
            description="Only the leads on the nurture list (handed to marketing), longest "
            "there first: the list its owner works and the managers watch"
        ),
    ] = False,
    sort: Annotated[
        LeadOrder,
        Query(description="newest first, or by score: highest first, no score yet last"),
    ] = LeadOrder.NEWEST,
) -> list[ScoredLead]:
    """The leads the caller may see, newest first or by score: a consultant's private sea, a
    manager's dealer. Each with its score (the worker's model of the lead's book, see
    ``/lead-scoring/models``). Personal data masked where the caller may not see it in full."""
    return await views.leads_of(
        db,
        principal,
        status=lead_status,
        limit=page.limit,
        offset=page.offset,
        awaiting_reassignment=escalated,
        order=sort,
        nurture=nurture,
    )


@router.get("/{lead_id}", response_model=LeadPublic, responses={**_FORBIDDEN, **_NOT_FOUND})
async def get_lead(lead_id: UUID, principal: LeadReader, db: Database) -> LeadPublic:
    shown = await lead_reads.lead_shown(db, principal, lead_id, endpoint="GET /leads/{lead_id}")
    if shown is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="lead not found")
    return shown


@router.post(
    "/{lead_id}/claim",
    response_model=LeadPublic,
    responses={
        **_FORBIDDEN,
        **_NOT_FOUND,
        **_CONFLICT,
        202: {"model": DrawEntered, "description": "The lead goes by lottery: you entered"},
    },
)
async def claim_lead(
    lead_id: UUID, principal: LeadClaimer, db: Database, request: Request, now: Now
) -> LeadPublic | JSONResponse:
    """Take a lead from a pool open to you (领取); 409 when someone else was first, during
    your protection period, or over a claim limit. A just-released lead of a pool with blind
    release goes by lottery: the answer is 202 and the draw decides."""
    outcome = await lead_reads.claim_answered(
        lead_id,
        principal,
        db,
        now=now,
        business_tz=await business_tz(request),
        endpoint="POST /leads/{lead_id}/claim",
    )
    if isinstance(outcome, handlers.DrawEntry):
        entered = DrawEntered(lead_id=outcome.lead_id, draw_until=outcome.draw_until)
        return JSONResponse(
            status_code=status.HTTP_202_ACCEPTED, content=entered.model_dump(mode="json")
        )
    return outcome


@router.post(
    "/{lead_id}/assign",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def assign_lead(
    lead_id: UUID, body: LeadAssignment, principal: LeadManager, db: Database, now: Now
) -> LeadPublic:
    """Name the consultant who works the lead (分配), from the pool or from another owner;
    or, with ``strategy: more_senior``, let the lead's pool choose a more senior one (its
    least loaded member above the owner's level: 409 when there is none)."""
    lead = await handlers.assign_lead(
        lead_id,
        body.user_id,
        principal,
        UnitOfWork(db),
        now=now,
        reason=body.reason,
        strategy=body.strategy,
    )
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/assign")


@router.post(
    "/{lead_id}/release",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def release_lead(
    lead_id: UUID, body: LeadRelease, principal: LeadReader, db: Database, now: Now
) -> LeadPublic:
    """Give the lead back to its pool (the owner), or take it back (a manager)."""
    lead = await handlers.release_lead(
        lead_id, principal, UnitOfWork(db), now=now, reason=body.reason
    )
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/release")


@router.post(
    "/{lead_id}/follow-ups",
    status_code=status.HTTP_201_CREATED,
    response_model=FollowUpRecorded,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def record_follow_up(
    lead_id: UUID, body: FollowUpCreate, principal: LeadWorker, db: Database, now: Now
) -> FollowUpRecorded:
    """A visit, call, test drive or message; re-grades the lead and resets its recycle clock."""
    lead, follow_up_id = await handlers.record_follow_up(
        lead_id,
        RecordFollowUp(
            kind=body.kind,
            outcome=body.outcome,
            grade=body.grade,
            next_step=body.next_step,
            call_seconds=body.call_seconds,
            verified=body.verified,
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    return FollowUpRecorded(
        follow_up_id=follow_up_id,
        lead=await lead_reads.command_answer(
            db, principal, lead, "POST /leads/{lead_id}/follow-ups"
        ),
    )


@router.post(
    "/{lead_id}/loss",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def report_lost(
    lead_id: UUID, body: LossReport, principal: LeadWorker, db: Database, now: Now
) -> LeadPublic:
    """Report the lead lost (战败) with the reason; a manager approves or rejects it."""
    lead = await handlers.report_lost(lead_id, body.reason, principal, UnitOfWork(db), now=now)
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/loss")


@router.post(
    "/{lead_id}/loss/decision",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def decide_loss(
    lead_id: UUID, body: LossDecision, principal: LeadManager, db: Database, now: Now
) -> LeadPublic:
    """Approve (closes the lead, publishes ``leads.LeadLost``) or reject a loss report."""
    lead = await handlers.decide_loss(lead_id, body.approved, principal, UnitOfWork(db), now=now)
    return await lead_reads.command_answer(
        db, principal, lead, "POST /leads/{lead_id}/loss/decision"
    )


@router.post(
    "/{lead_id}/convert",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def convert_lead(
    lead_id: UUID, body: Conversion, principal: LeadWorker, db: Database, now: Now
) -> LeadPublic:
    """Convert to an opportunity: publishes ``leads.LeadConverted`` for opportunities."""
    lead = await handlers.convert_lead(
        lead_id, body.vehicle_interest, principal, UnitOfWork(db), now=now
    )
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/convert")


@router.post(
    "/{lead_id}/lock",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def lock_customer(lead_id: UUID, principal: LeadWorker, db: Database, now: Now) -> LeadPublic:
    """Lock the customer against recycling (the owner; within the pool's cap of locks)."""
    return await lead_reads.command_answer(
        db,
        principal,
        await handlers.lock_customer(lead_id, principal, UnitOfWork(db), now=now),
        "POST /leads/{lead_id}/lock",
    )


@router.post(
    "/{lead_id}/unlock",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def unlock_customer(
    lead_id: UUID, principal: LeadReader, db: Database, now: Now
) -> LeadPublic:
    """Unlock the customer (the owner or a manager): recycle rules apply again."""
    return await lead_reads.command_answer(
        db,
        principal,
        await handlers.unlock_customer(lead_id, principal, UnitOfWork(db), now=now),
        "POST /leads/{lead_id}/unlock",
    )


@router.post(
    "/{lead_id}/move",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def move_to_pool(
    lead_id: UUID, body: PoolMove, principal: LeadManager, db: Database, now: Now
) -> LeadPublic:
    """Move a waiting lead to another pool of its book (e.g. an assign-only pool for a
    sensitive lead); that pool's rules and assignment strategy apply from now on."""
    lead = await handlers.move_to_pool(lead_id, body.pool_id, principal, UnitOfWork(db), now=now)
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/move")


@router.post(
    "/{lead_id}/distribute",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def distribute_lead(
    lead_id: UUID,
    body: Distribution,
    principal: Annotated[Principal, requires("lead.distribute")],
    db: Database,
    now: Now,
) -> LeadPublic:
    """Send a pooled HQ/region lead to a dealer (线索下发): the named dealer, or the one routing
    picks by the customer's region and the dealers' spare capacity."""
    lead = await distribution.distribute_lead(
        lead_id, body.dealer_id, principal, UnitOfWork(db), now=now
    )
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/distribute")


@router.post(
    "/{lead_id}/reject-distribution",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def reject_distribution(
    lead_id: UUID, body: DistributionRejection, principal: LeadManager, db: Database, now: Now
) -> LeadPublic:
    """The dealer sends a distributed lead back to the pool it came from, with the reason."""
    lead = await distribution.reject_distribution(
        lead_id, body.reason, principal, UnitOfWork(db), now=now
    )
    return await lead_reads.command_answer(
        db, principal, lead, "POST /leads/{lead_id}/reject-distribution"
    )


@router.get(
    "/{lead_id}/history",
    response_model=list[HistoryEntry],
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def lead_history(
    lead_id: UUID,
    principal: LeadReader,
    db: Database,
    page: Page,
) -> list[HistoryEntry]:
    """Every transition, oldest first, a page at a time: who claimed, assigned, released (and
    by which rule), when and why."""
    entries = await views.history_of(db, principal, lead_id, limit=page.limit, offset=page.offset)
    if entries is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="lead not found")
    return entries


@router.get(
    "/{lead_id}/grades",
    response_model=LeadGrades,
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def lead_grades(lead_id: UUID, principal: LeadReader, db: Database) -> LeadGrades:
    """The grades a follow-up may give the lead: its pool's scheme (the pool it waits in, or,
    while a consultant owns it, the pool it came from), hottest first."""
    scheme = await views.grades_of(db, principal, lead_id)
    if scheme is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="lead not found")
    return LeadGrades(
        scheme=scheme.name,
        built_in=scheme.name in SCHEMES,
        grades=[
            GradePublic(code=g.code, label=g.label, cadence_days=g.cadence_days, rank=g.rank)
            for g in scheme.grades
        ],
    )


@router.get(
    "/{lead_id}/audit",
    response_model=list[AuditEntryPublic],
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def personal_data_audit_of_lead(
    lead_id: UUID,
    principal: Annotated[Principal, requires("audit.read")],
    db: Database,
    page: Annotated[Paging, page_of(default=200, most=200)],
) -> list[AuditEntryPublic]:
    """Who read or changed the lead's personal data, when and through which endpoint (the
    entries of books whose records the caller sees in full), oldest first, a page at a time.
    A lead the caller may not see answers 404, as everywhere."""
    entries = await views.audit_of(db, principal, lead_id, limit=page.limit, offset=page.offset)
    if entries is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="lead not found")
    return entries
