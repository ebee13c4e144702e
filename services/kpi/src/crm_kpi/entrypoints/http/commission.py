"""Commission over HTTP: plans, targets, runs, statements and their review, and the estimate
of an open quote (for the opportunities UI)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page
from crm_kpi.application import commission as commands
from crm_kpi.domain.commission import LEAD_ORIGINS, MOST_VERSIONS, PlanVersion, ReviewStep
from crm_kpi.entrypoints.http.clock import BusinessToday
from crm_kpi.entrypoints.http.commission_schemas import (
    MONTH,
    DealerRunPublic,
    Dispute,
    EstimateLine,
    EstimatePublic,
    PlanCreate,
    PlanPublic,
    PlanVersionCreate,
    PlanVersionPublic,
    ReviewPublic,
    RunCreate,
    TargetPublic,
    TargetSet,
)
from crm_kpi.views import commission as views
from crm_kpi.views.commission import (
    Statements,
    StatementWithLines,
)

router = APIRouter(prefix="/kpi", tags=["commission"])
Month = Annotated[str, Path(pattern=MONTH, description="YYYY-MM")]
NOT_VISIBLE: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such record the caller may see"}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Not at the step this action belongs to"}
}


def _version(v: PlanVersion) -> PlanVersionPublic:
    return PlanVersionPublic(
        version=v.version,
        effective_from=v.effective_from,
        effective_to=v.effective_to,
        rules=v.rules,
    )


def _plan(plan: commands.Plan) -> PlanPublic:
    return PlanPublic(
        id=plan.id,
        dealer_id=plan.dealer_id,
        name=plan.name,
        currency=plan.currency,
        versions=[_version(v) for v in plan.versions],
    )


@router.post(
    "/commission/plans",
    status_code=201,
    response_model=PlanPublic,
    responses={**NOT_VISIBLE, 409: {"description": "The dealer has a plan already"}},
)
async def create_plan(
    principal: Annotated[Principal, requires("commission.manage")],
    db: Database,
    body: PlanCreate,
    now: Now,
) -> PlanPublic:
    """A dealer's commission plan with its first version (one plan per dealer)."""
    plan = await commands.create_plan(
        UnitOfWork(db),
        principal,
        dealer_id=body.dealer_id,
        name=body.name,
        currency=body.currency,
        effective_from=body.effective_from,
        rules=body.rules,
        now=now,
    )
    return _plan(plan)


@router.get("/commission/plans", response_model=list[PlanPublic])
async def list_plans(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    page: Page,
) -> list[PlanPublic]:
    """The plans (all versions) of the dealers whose records the caller may read, by dealer,
    a page at a time."""
    plans = await commands.visible_plans(db, principal, limit=page.limit, offset=page.offset)
    return [_plan(p) for p in plans]


@router.post(
    "/commission/plans/{plan_id}/versions",
    status_code=201,
    response_model=PlanVersionPublic,
    responses={
        **NOT_VISIBLE,
        409: {
            "description": "Must start after the latest version; or the plan keeps"
            f" {MOST_VERSIONS} versions already"
        },
    },
)
async def add_plan_version(
    principal: Annotated[Principal, requires("commission.manage")],
    db: Database,
    plan_id: UUID,
    body: PlanVersionCreate,
    now: Now,
) -> PlanVersionPublic:
    version = await commands.add_plan_version(
        UnitOfWork(db),
        principal,
        plan_id,
        effective_from=body.effective_from,
        rules=body.rules,
        now=now,
    )
    return _version(version)


@router.put(
    "/targets/consultants/{user_id}/{month}",
    response_model=TargetPublic,
    responses=NOT_VISIBLE,
)
async def set_consultant_target(
    principal: Annotated[Principal, requires("target.manage")],
    db: Database,
    user_id: Annotated[str, Path(min_length=1, max_length=64)],
    month: Month,
    body: TargetSet,
    now: Now,
) -> TargetPublic:
    """The units a consultant should sell in the month: the basis of commission attainment.
    Without one, the plan's no-target band applies."""
    dealer = await commands.set_consultant_target(
        UnitOfWork(db),
        principal,
        user_id=user_id,
        month=month,
        units=body.units,
        dealer_id=body.dealer_id,
        now=now,
    )
    return TargetPublic(dealer_id=dealer, user_id=user_id, month=month, units=body.units)


@router.post(
    "/commission/runs",
    status_code=201,
    response_model=DealerRunPublic,
    responses={**NOT_VISIBLE, 409: {"description": "No plan, or the month has issued statements"}},
)
async def run_commission(
    principal: Annotated[Principal, requires("commission.manage")],
    db: Database,
    body: RunCreate,
    now: Now,
) -> DealerRunPublic:
    """Computes the dealer's month: replaces its statements not yet issued (their review starts
    again); refused once one of them is issued."""
    async with db() as session:
        dealer = await commands.managed_dealer(session, principal, body.dealer_id)
    [run] = await commands.run_commission(
        db,
        tenant=principal.tenant,
        month=body.month,
        dealers=[dealer],
        run_by=principal.user_id,
        now=now,
    )
    assert run.run_id is not None  # a closed month raised MonthIssued
    return DealerRunPublic(
        dealer_id=run.dealer_id,
        run_id=run.run_id,
        statements=run.statements,
        lines=run.lines,
        total=run.total,
    )


@router.get("/commission/statements", response_model=Statements)
async def list_statements(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    month: Annotated[str, Query(pattern=MONTH, description="YYYY-MM")],
    page: Page,
) -> Statements:
    """A consultant sees their own statement; managers their dealer's; HQ and regions get the
    totals per dealer (and statements only of dealers sharing their KPI records in full).
    ``limit`` and ``offset`` page both lists."""
    return await views.month_statements(db, principal, month, limit=page.limit, offset=page.offset)


@router.get(
    "/commission/statements/{statement_id}",
    response_model=StatementWithLines,
    responses=NOT_VISIBLE,
)
async def read_statement(
    principal: Annotated[Principal, requires("kpi.read")], db: Database, statement_id: UUID
) -> StatementWithLines:
    """The statement with its lines, each citing its deal and the plan rule behind it."""
    found = await views.statement_with_lines(db, principal, statement_id)
    if found is None:
        raise commands.StatementNotFound("statement not found")
    return found


async def _review(
    db: async_sessionmaker[AsyncSession],
    principal: Principal,
    statement_id: UUID,
    step: ReviewStep,
    now: datetime,
    note: str | None = None,
) -> ReviewPublic:
    status = await commands.review_statement(
        UnitOfWork(db), principal, statement_id, step, note=note, now=now
    )
    return ReviewPublic(id=statement_id, status=status)


@router.post(
    "/commission/statements/{statement_id}/acknowledgement",
    response_model=ReviewPublic,
    responses={**NOT_VISIBLE, **CONFLICT},
)
async def acknowledge(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    statement_id: UUID,
    now: Now,
) -> ReviewPublic:
    """The consultant it pays agrees with the statement."""
    return await _review(db, principal, statement_id, ReviewStep.ACKNOWLEDGE, now)


@router.post(
    "/commission/statements/{statement_id}/dispute",
    response_model=ReviewPublic,
    responses={**NOT_VISIBLE, **CONFLICT},
)
async def dispute(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    statement_id: UUID,
    body: Dispute,
    now: Now,
) -> ReviewPublic:
    """The consultant it pays disputes it, saying what is wrong."""
    return await _review(db, principal, statement_id, ReviewStep.DISPUTE, now, body.note)


@router.post(
    "/commission/statements/{statement_id}/approval",
    response_model=ReviewPublic,
    responses={**NOT_VISIBLE, **CONFLICT},
)
async def approve(
    principal: Annotated[Principal, requires("commission.approve")],
    db: Database,
    statement_id: UUID,
    now: Now,
) -> ReviewPublic:
    """The sales manager approves an acknowledged (or disputed, after looking into it) statement."""
    return await _review(db, principal, statement_id, ReviewStep.APPROVE, now)


@router.post(
    "/commission/statements/{statement_id}/issue",
    response_model=ReviewPublic,
    responses={**NOT_VISIBLE, **CONFLICT},
)
async def issue(
    principal: Annotated[Principal, requires("commission.issue")],
    db: Database,
    statement_id: UUID,
    now: Now,
) -> ReviewPublic:
    """Finance issues an approved statement (publishes CommissionStatementIssued)."""
    return await _review(db, principal, statement_id, ReviewStep.ISSUE, now)


@router.get(
    "/commission/estimate",
    response_model=EstimatePublic,
    responses={409: {"description": "No plan in force"}},
)
async def estimate(
    today: BusinessToday,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    gross_margin: Annotated[Decimal, Query(max_digits=14, decimal_places=2)],
    model_code: Annotated[str | None, Query(max_length=40)] = None,
    finance_attached: bool = False,
    insurance_attached: bool = False,
    lead_origin: Annotated[str | None, Query(pattern="^(" + "|".join(LEAD_ORIGINS) + ")$")] = None,
) -> EstimatePublic:
    """What one unit of an open quote would add to the calling consultant's month, under the plan
    version in force today and in their attainment band so far."""
    result = await commands.estimate_for_quote(
        db,
        principal,
        model_code=model_code,
        gross_margin=gross_margin,
        lead_origin=lead_origin,
        finance_attached=finance_attached,
        insurance_attached=insurance_attached,
        today=today,
    )
    return EstimatePublic(
        plan_id=result.plan_id,
        plan_version=result.plan_version,
        units_this_month=result.units,
        target_units=result.target_units,
        attainment_percent=result.attainment_percent,
        band=result.band,
        lines=[
            EstimateLine(kind=line.kind, rule=line.rule, amount=line.amount)
            for line in result.lines
        ],
        total=result.total,
    )
