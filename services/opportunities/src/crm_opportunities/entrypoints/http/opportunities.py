"""HTTP API of opportunities: thin — parse, call one command or query, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.policy import (
    DataType,
    SharingLevel,
    level_shared_with,
    mask_name,
    mask_phone,
    personal_data_level,
)
from crm_common.policy.audit import record_personal_data_access
from crm_common.policy.directory import dealer_of
from crm_common.runtime.dependencies import Database, Now
from crm_opportunities.adapters import repository
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.tables import activities, opportunities, pipelines, stage_history
from crm_opportunities.application import credit_splits
from crm_opportunities.application import opportunities as commands
from crm_opportunities.entrypoints.http.schemas import (
    ActivityCreate,
    CreditSplitDecision,
    CreditSplitProposal,
    LossReport,
    OpportunityCreate,
    OpportunityDetail,
    OpportunityPublic,
    PipelineCreate,
    PipelinePublic,
    Reassignment,
    Recorded,
    StageHistoryEntry,
    StageMove,
    StagePublic,
    TestDriveCreate,
    TradeInCreate,
)
from crm_opportunities.views import pipeline as views

router = APIRouter(tags=["opportunities"])
Reader = Annotated[Principal, requires("opportunity.read")]
Worker = Annotated[Principal, requires("opportunity.work")]
Manager = Annotated[Principal, requires("opportunity.assign")]
PERSONAL_FIELDS = ("customer_name", "phone")
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such opportunity visible to the caller"},
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Closed, or a stage gate is not met (the detail says which)"}
}


def _shown(principal: Principal, row: Any) -> OpportunityPublic:
    level = personal_data_level(
        principal,
        owner_user=row["owner_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    values = {k: row[k] for k in OpportunityPublic.model_fields if k in row}
    if level < SharingLevel.FULL:
        values["customer_name"] = mask_name(row["customer_name"])
        values["phone"] = mask_phone(row["phone"]) if row["phone"] else None
    return OpportunityPublic.model_validate(values)


def _shared_level(principal: Principal) -> Any:
    return level_shared_with(principal, DataType.OPPORTUNITY, owner_org=opportunities.c.owner_org)


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
    return await _one(db, actor, opened.id)


@router.get(
    "/opportunities",
    response_model=list[OpportunityPublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_opportunities(
    actor: Reader,
    db: Database,
    status_is: Annotated[str | None, Query(alias="status", pattern="^(open|won|lost)$")] = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    owner_user: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[OpportunityPublic]:
    """Newest first, as far as the caller may see (masked where they may not see in full)."""
    query = (
        select(opportunities, _shared_level(actor).label("shared_level"))
        .where(visible_opportunities(actor))
        .order_by(opportunities.c.created_at.desc(), opportunities.c.id)
        .limit(limit)
        .offset(offset)
    )
    for column, value in (("status", status_is), ("stage", stage), ("owner_user", owner_user)):
        if value is not None:
            query = query.where(opportunities.c[column] == value)
    async with db() as session:
        rows = (await session.execute(query)).mappings().all()
    return [_shown(actor, row) for row in rows]


async def _one(db: async_sessionmaker[AsyncSession], actor: Principal, opportunity_id: UUID) -> Any:
    async with db() as session, session.begin():
        row = (
            (
                await session.execute(
                    select(opportunities, _shared_level(actor).label("shared_level")).where(
                        opportunities.c.id == opportunity_id, visible_opportunities(actor)
                    )
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            raise commands.OpportunityNotFound("opportunity not found")
        shown = _shown(actor, row)
        await record_personal_data_access(
            session,
            actor,
            action="read",
            resource_type=DataType.OPPORTUNITY,
            resource_id=str(opportunity_id),
            owner_org=row["owner_org"],
            fields=PERSONAL_FIELDS,
            level=personal_data_level(
                actor,
                owner_user=row["owner_user"],
                owner_org=row["owner_org"],
                shared=SharingLevel(row["shared_level"]),
            ),
            endpoint="GET /opportunities/{id}",
        )
        history = [
            StageHistoryEntry.model_validate(dict(h))
            for h in (
                await session.execute(
                    select(
                        stage_history.c.from_stage,
                        stage_history.c.to_stage,
                        stage_history.c.changed_by,
                        stage_history.c.changed_at,
                    )
                    .where(stage_history.c.opportunity_id == opportunity_id)
                    .order_by(stage_history.c.id)
                )
            ).mappings()
        ]
        kinds = sorted(
            (
                await session.execute(
                    select(activities.c.kind)
                    .where(activities.c.opportunity_id == opportunity_id)
                    .distinct()
                )
            ).scalars()
        )
    return OpportunityDetail(**shown.model_dump(), history=history, activities=kinds)


@router.get(
    "/opportunities/{opportunity_id}", response_model=OpportunityDetail, responses=_NOT_FOUND
)
async def get_opportunity(opportunity_id: UUID, actor: Reader, db: Database) -> Any:
    """With its stage history (who moved it when) and the activities recorded; the read of
    personal data is audited."""
    return await _one(db, actor, opportunity_id)


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
    return await _one(db, actor, opportunity_id)


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
    return await _one(db, actor, opportunity_id)


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
    return await _one(db, actor, opportunity_id)


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
async def list_pipelines(actor: Reader, db: Database, now: Now) -> list[PipelinePublic]:
    """The caller's dealer's pipelines (created from the nearest template, or the built-in one,
    until the dealer configures its own) and the templates above it; HQ's and a region's own
    templates."""
    async with db() as session, session.begin():
        dealer = await dealer_of(session, actor.tenant, actor.org_node)
        templates = []
        if dealer is not None:
            await repository.default_pipeline(session, actor.tenant, dealer, now)
            templates = await repository.templates_for(session, actor.tenant, dealer)
        owner = dealer or actor.org_node
        rows = (
            await session.execute(
                select(pipelines)
                .where(pipelines.c.tenant == actor.tenant, pipelines.c.owner_org == owner)
                .order_by(pipelines.c.created_at)
            )
        ).mappings()
        own = [
            PipelinePublic(
                id=r["id"],
                owner_org=r["owner_org"],
                name=r["name"],
                is_default=r["is_default"],
                is_template=dealer is None and r["is_default"],
                stages=[StagePublic.model_validate(s) for s in r["stages"]],
            )
            for r in rows
        ]
        return own + [
            PipelinePublic(
                id=t["id"],
                owner_org=t["owner_org"],
                name=t["name"],
                is_default=False,
                is_template=True,
                stages=[StagePublic.model_validate(s) for s in t["stages"]],
            )
            for t in templates
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
    "/opportunities/{opportunity_id}/credit-split",
    response_model=views.CreditSplitView,
    responses=_NOT_FOUND,
)
async def credit_split(opportunity_id: UUID, actor: Reader, db: Database) -> Any:
    return await _credit_split(db, actor, opportunity_id)


async def _credit_split(
    db: async_sessionmaker[AsyncSession], actor: Principal, opportunity_id: UUID
) -> views.CreditSplitView:
    async with db() as session, session.begin():
        found = await views.credit_split(session, actor, opportunity_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no credit split for this opportunity")
    return found
