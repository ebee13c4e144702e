"""HTTP API of pools (公海): what waits in them, and their rules."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, ShortPage
from crm_leads.application import pools as pools_app
from crm_leads.domain.lead import LeadSource
from crm_leads.entrypoints.http.schemas import PoolMembers, PoolSettings
from crm_leads.views import pools as views
from crm_leads.views.pools import PooledLead, PoolFilter, PoolOrder, PoolPublic, PoolReport

router = APIRouter(prefix="/pools", tags=["pools"])
PoolReader = Annotated[Principal, requires("lead.read")]
PoolManager = Annotated[Principal, requires("pool.manage")]
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such pool visible to the caller"},
}


@router.get("", response_model=list[PoolPublic], responses={403: _ERRORS[403]})
async def list_pools(
    principal: PoolReader,
    db: Database,
    page: Page,
) -> list[PoolPublic]:
    """Pools the caller may claim from, and the pools of the org nodes the caller manages, by
    book and name, a page at a time."""
    return await views.pools_for(db, principal, limit=page.limit, offset=page.offset)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PoolPublic,
    responses={403: _ERRORS[403]},
)
async def open_pool(
    body: PoolSettings, principal: PoolManager, db: Database, now: Now
) -> PoolPublic:
    """Open another pool of the caller's book (e.g. assign-only for sensitive leads)."""
    pool = await pools_app.open_pool(
        name=body.name,
        kind=body.kind,
        auto_assignment=body.auto_assignment,
        rules=body.rules,
        actor=principal,
        uow=UnitOfWork(db),
        now=now,
    )
    return PoolPublic(
        id=pool.id,
        owner_org=pool.owner_org,
        name=pool.name,
        kind=pool.kind,
        auto_assignment=pool.auto_assignment,
        is_default=False,
        rules=pool.rules,
    )


@router.put("/{pool_id}/members", status_code=status.HTTP_204_NO_CONTENT, responses=_ERRORS)
async def set_members(
    pool_id: UUID, body: PoolMembers, principal: PoolManager, db: Database
) -> None:
    """Replace the pool's members: they alone claim from it and receive its automatic
    assignments, in proportion to their weights (a pool without members is open to all
    consultants below its org node); their levels rank them for "to a more senior
    consultant" (``POST /leads/{id}/assign`` with ``strategy: more_senior``)."""
    await pools_app.set_members(
        pool_id,
        [(m.user_id, m.weight, m.level) for m in body.members],
        actor=principal,
        uow=UnitOfWork(db),
    )


@router.get("/{pool_id}/report", response_model=PoolReport, responses=_ERRORS)
async def pool_report(
    pool_id: UUID,
    principal: PoolManager,
    db: Database,
    now: Now,
    window_days: Annotated[int, Query(ge=1, le=365)] = 30,
) -> PoolReport:
    """Fairness (spread of leads per consultant, time in pool, recycle rate) and the
    anti-collusion evidence (pairs feeding each other released leads, ping-pong leads). For
    managers of the pool's book only: a pool merely open to the caller (e.g. a region's pool
    seen from a dealer) answers 404, its consultants and flags being other books' staff."""
    if await views.managed_pool(db, principal, pool_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="pool not found")
    return await views.pool_report(db, pool_id, window_days=window_days, now=now)


@router.get("/{pool_id}/leads", response_model=list[PooledLead], responses=_ERRORS)
async def leads_in_pool(
    pool_id: UUID,
    principal: PoolReader,
    db: Database,
    now: Now,
    page: ShortPage,
    region: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=64)]] | None,
        Query(max_length=50, description="The region node the customer is in (any of these)"),
    ] = None,
    vehicle_interest: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Words the vehicle interest contains"),
    ] = None,
    source: Annotated[list[LeadSource] | None, Query(max_length=20)] = None,
    grade: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=20)]] | None, Query(max_length=20)
    ] = None,
    min_age_days: Annotated[
        int | None, Query(ge=0, le=3650, description="Came in at least this many days ago")
    ] = None,
    max_age_days: Annotated[
        int | None, Query(ge=0, le=3650, description="Came in at most this many days ago")
    ] = None,
    sort: PoolOrder = PoolOrder.RECENTLY_RELEASED,
) -> list[PooledLead]:
    """The public sea of the pool, personal data masked until someone claims the lead;
    narrowed to what fits the member (every criterion given must hold; repeat a parameter for
    any of several values) and sorted as they ask, ties newest first."""
    if min_age_days is not None and max_age_days is not None and min_age_days > max_age_days:
        raise InvalidInput("min_age_days", "min_age_days is more than max_age_days")
    if await views.pool_for(db, principal, pool_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="pool not found")
    return await views.leads_in_pool(
        db,
        principal,
        pool_id,
        limit=page.limit,
        offset=page.offset,
        now=now,
        narrowed=PoolFilter(
            regions=region or (),
            vehicle_interest=vehicle_interest,
            sources=[s.value for s in source or ()],
            grades=grade or (),
            min_age_days=min_age_days,
            max_age_days=max_age_days,
        ),
        order=sort,
    )


@router.put("/{pool_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_ERRORS)
async def configure(
    pool_id: UUID, body: PoolSettings, principal: PoolManager, db: Database
) -> None:
    """Set how the pool works: claim or assign-only, automatic assignment, and its rules
    (claim limits, protection period, recycle and anti-collusion rules)."""
    await pools_app.configure_pool(
        pool_id,
        name=body.name,
        kind=body.kind,
        auto_assignment=body.auto_assignment,
        rules=body.rules,
        actor=principal,
        uow=UnitOfWork(db),
    )
