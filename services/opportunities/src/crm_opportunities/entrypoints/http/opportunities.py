"""HTTP API of opportunities: thin — parse, call one command or query, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, ShortPage
from crm_opportunities.application import credit_splits, queries
from crm_opportunities.application import opportunities as commands
from crm_opportunities.entrypoints.http.schemas import (
    ActivityCreate,
    CreditSplitDecision,
    CreditSplitProposal,
    LossReport,
    OpportunityCreate,
    PipelineCreate,
    PipelinePublic,
    Reassignment,
    Recorded,
    StageMove,
    StagePublic,
    TestDriveCreate,
    TradeInCreate,
)
from crm_opportunities.views import pipeline as views
from crm_opportunities.views.opportunities import (
    OpportunityDetail,
    OpportunityPublic,
    opportunities_of,
)

router = APIRouter(tags=["opportunities"])
Reader = Annotated[Principal, requires("opportunity.read")]
Worker = Annotated[Principal, requires("opportunity.work")]
Manager = Annotated[Principal, requires("opportunity.assign")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such opportunity visible to the caller"},
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Closed, or a stage gate is not met (the detail says which)"}
}


@router.post(
    "/opportunities",
    status_code=status.HTTP_201_CREATED,
    response_model=OpportunityPublic,
    responses={403: {"description": "The role lacks opportunity.work"}},
)
async def open_opportunity(body: OpportunityCreate, actor: Worker, db: Database, now: Now) -> Any:
    """Opens an opportunity owned by the caller (most open from a converted lead instead)."""
    opened = await commands.open_opportunity(
        commands.OpenOpportunity(
            customer_name=body.customer_name,
            phone=body.phone,
            vehicle_interest=body.vehicle_interest,
            model_code=body.model_code,
            amount=body.amount,
            expected_close_on=body.expected_close_on,
        ),
        actor,
        UnitOfWork(db),
        now=now,
    )
    return await queries.opportunity_shown(db, actor, opened.id)


@router.get(
    "/opportunities",
    response_model=list[OpportunityPublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_opportunities(
    actor: Reader,
    db: Database,
    page: ShortPage,
    status_is: Annotated[str | None, Query(alias="status", pattern="^(open|won|lost)$")] = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    owner_user: Annotated[str | None, Query(max_length=64)] = None,
) -> list[OpportunityPublic]:
    """Newest first, as far as the caller may see (masked where they may not see in full)."""
    return await opportunities_of(
        db,
        actor,
        status=status_is,
        stage=stage,
        owner_user=owner_user,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/opportunities/{opportunity_id}", response_model=OpportunityDetail, responses=_NOT_FOUND
)
async def get_opportunity(opportunity_id: UUID, actor: Reader, db: Database) -> Any:
    """With its stage history (who moved it when) and the activities recorded; the read of
    personal data is audited."""
    return await queries.opportunity_shown(db, actor, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/stage",
    response_model=OpportunityDetail,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def move_to_stage(
    opportunity_id: UUID, body: StageMove, actor: Worker, db: Database, now: Now
) -> Any:
    """Forward (once the stages' required activities are recorded) or back."""
    await commands.move_to_stage(opportunity_id, body.stage, actor, UnitOfWork(db), now=now)
    return await queries.opportunity_shown(db, actor, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/activities",
    status_code=status.HTTP_201_CREATED,
    response_model=Recorded,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def record_activity(
    opportunity_id: UUID, body: ActivityCreate, actor: Worker, db: Database, now: Now
) -> Recorded:
    activity_id = await commands.record_activity(
        opportunity_id, body.kind, body.note, actor, UnitOfWork(db), now=now
    )
    return Recorded(id=activity_id)


@router.post(
    "/opportunities/{opportunity_id}/test-drives",
    status_code=status.HTTP_201_CREATED,
    response_model=Recorded,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def record_test_drive(
    opportunity_id: UUID, body: TestDriveCreate, actor: Worker, db: Database, now: Now
) -> Recorded:
    """A test drive (试驾): the licence must have been checked."""
    test_drive_id = await commands.record_test_drive(
        opportunity_id,
        commands.TestDrive(
            model_code=body.model_code,
            licence_number=body.licence_number,
            licence_checked=body.licence_checked,
            started_at=body.started_at,
            ended_at=body.ended_at,
            vehicle_vin=body.vehicle_vin,
            rating=body.rating,
            feedback=body.feedback,
        ),
        actor,
        UnitOfWork(db),
        now=now,
    )
    return Recorded(id=test_drive_id)


@router.post(
    "/opportunities/{opportunity_id}/loss",
    response_model=OpportunityDetail,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def report_lost(
    opportunity_id: UUID, body: LossReport, actor: Worker, db: Database, now: Now
) -> Any:
    """Lost (战败), with the reason and the competitor."""
    await commands.report_lost(
        opportunity_id,
        body.reason,
        body.competitor,
        body.competitor_model,
        actor,
        UnitOfWork(db),
        now=now,
    )
    return await queries.opportunity_shown(db, actor, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/reassignment",
    response_model=OpportunityDetail,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def reassign(
    opportunity_id: UUID, body: Reassignment, actor: Manager, db: Database, now: Now
) -> Any:
    """A manager gives it to another active consultant of the dealer."""
    await commands.reassign(opportunity_id, body.to_user, actor, UnitOfWork(db), now=now)
    return await queries.opportunity_shown(db, actor, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/trade-ins",
    status_code=status.HTTP_201_CREATED,
    response_model=Recorded,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def appraise_trade_in(
    opportunity_id: UUID, body: TradeInCreate, actor: Worker, db: Database, now: Now
) -> Recorded:
    """The customer's car appraised for a trade-in (二手置换)."""
    trade_in_id = await commands.appraise_trade_in(
        opportunity_id,
        commands.TradeIn(
            make=body.make,
            model=body.model,
            year=body.year,
            mileage_km=body.mileage_km,
            vin=body.vin,
            appraised_value=body.appraised_value,
        ),
        actor,
        UnitOfWork(db),
        now=now,
    )
    return Recorded(id=trade_in_id)


@router.post(
    "/pipelines",
    status_code=status.HTTP_201_CREATED,
    response_model=Recorded,
    responses={403: {"description": "The role lacks pipeline.manage"}},
)
async def define_pipeline(
    body: PipelineCreate,
    actor: Annotated[Principal, requires("pipeline.manage")],
    db: Database,
    now: Now,
) -> Recorded:
    """The dealer's own stages (probabilities, required activities, rot days), from now on its
    default; opportunities already open keep the pipeline they are in. Defined at HQ or a
    region, it is the template the dealers below start from and may adopt."""
    pipeline_id = await commands.define_pipeline(
        body.name, body.pipeline(), actor, UnitOfWork(db), now=now
    )
    return Recorded(id=pipeline_id)


@router.post(
    "/pipelines/{pipeline_id}/adoption",
    status_code=status.HTTP_201_CREATED,
    response_model=Recorded,
    responses={
        403: {"description": "The role lacks pipeline.manage"},
        404: {"description": "No such template of the dealer's region or HQ"},
    },
)
async def adopt_pipeline_template(
    pipeline_id: UUID,
    actor: Annotated[Principal, requires("pipeline.manage")],
    db: Database,
    now: Now,
) -> Recorded:
    """The dealer makes a copy of its region's or HQ's template its default pipeline."""
    adopted = await commands.adopt_pipeline_template(pipeline_id, actor, UnitOfWork(db), now=now)
    return Recorded(id=adopted)


@router.get(
    "/pipelines",
    response_model=list[PipelinePublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_pipelines(
    actor: Reader,
    db: Database,
    now: Now,
    page: Page,
) -> list[PipelinePublic]:
    """The caller's dealer's pipelines (created from the nearest template, or the built-in one,
    until the dealer configures its own), oldest first, then the templates above it, nearest
    first; HQ's and a region's own templates. A page at a time."""
    listed = await queries.pipelines_for(
        actor, UnitOfWork(db), now=now, limit=page.limit, offset=page.offset
    )
    return [
        PipelinePublic(
            id=p.id,
            owner_org=p.owner_org,
            name=p.name,
            is_default=p.is_default,
            is_template=p.is_template,
            stages=[StagePublic.model_validate(stage, from_attributes=True) for stage in p.stages],
        )
        for p in listed
    ]


@router.put(
    "/opportunities/{opportunity_id}/credit-split",
    response_model=views.CreditSplitView,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def propose_credit_split(
    opportunity_id: UUID, body: CreditSplitProposal, actor: Worker, db: Database, now: Now
) -> Any:
    """Share the deal's credit with co-selling consultants (shares summing to 100, the owner
    among them); it counts once a manager approves it."""
    await credit_splits.propose_credit_split(
        opportunity_id,
        [credit_splits.ProposedShare(s.user_id, s.share_percent) for s in body.shares],
        actor,
        UnitOfWork(db),
        now=now,
    )
    return await _credit_split(db, actor, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/credit-split/decision",
    response_model=views.CreditSplitView,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def decide_credit_split(
    opportunity_id: UUID, body: CreditSplitDecision, actor: Manager, db: Database, now: Now
) -> Any:
    """A manager approves or rejects the proposed split (409 once decided)."""
    await credit_splits.decide_credit_split(
        opportunity_id, body.approved, body.note, actor, UnitOfWork(db), now=now
    )
    return await _credit_split(db, actor, opportunity_id)


@router.get(
    "/opportunities/{opportunity_id}/co-sellers",
    response_model=list[views.CoSeller],
    responses=_NOT_FOUND,
)
async def co_sellers(
    opportunity_id: UUID, actor: Worker, db: Database, page: Page
) -> list[views.CoSeller]:
    """The colleagues a split of the deal's credit may name (``PUT …/credit-split``): the
    active consultants of its dealer, the owner among them, by name, a page at a time."""
    found = await views.co_sellers(db, actor, opportunity_id, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "opportunity not found")
    return found


@router.get(
    "/opportunities/{opportunity_id}/credit-split",
    response_model=views.CreditSplitView,
    responses=_NOT_FOUND,
)
async def credit_split(opportunity_id: UUID, actor: Reader, db: Database) -> Any:
    return await _credit_split(db, actor, opportunity_id)


async def _credit_split(
    db: Database, actor: Principal, opportunity_id: UUID
) -> views.CreditSplitView:
    found = await views.credit_split(db, actor, opportunity_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no credit split for this opportunity")
    return found
