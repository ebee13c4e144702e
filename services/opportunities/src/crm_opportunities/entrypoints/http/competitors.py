"""HTTP API of competitors (竞争对手): the managed list and its models, the competitors an open
opportunity meets, and the win/loss report by competitor and model (also as a file)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page
from crm_common.runtime.table_files import FILE_RESPONSES, ReportFormat, table_file
from crm_opportunities.application import competitors as competitors_app
from crm_opportunities.domain.competition import MAX_IN_PLAY, MAX_MODELS, InPlay
from crm_opportunities.domain.periods import ReportPeriod
from crm_opportunities.entrypoints.http.report_files import competition_table
from crm_opportunities.entrypoints.http.reports import AsFile, BusinessTz, DateFrom, DateTo
from crm_opportunities.entrypoints.http.schemas import Request
from crm_opportunities.views import competitors as views
from crm_opportunities.views.competitors import (
    CompetitionReport,
    CompetitorPublic,
    CompetitorsInPlayPublic,
)

router = APIRouter(tags=["competitors"])
Reader = Annotated[Principal, requires("opportunity.read")]
Worker = Annotated[Principal, requires("opportunity.work")]
ListManager = Annotated[Principal, requires("pipeline.manage")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Nothing of that id the caller may act on"}
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Listed already, or the opportunity is closed"}
}

ModelName = Annotated[str, Field(min_length=1, max_length=100)]


class CompetitorCreate(Request):
    name: str = Field(min_length=1, max_length=200)
    models: list[ModelName] = Field(default_factory=list, max_length=MAX_MODELS)


class CompetitorUpdate(CompetitorCreate):
    active: bool = Field(
        default=True, description="false retires it: no longer offered for new opportunities"
    )


class CompetitorChoice(Request):
    competitor_id: UUID
    models: list[ModelName] = Field(
        default_factory=list,
        max_length=MAX_MODELS,
        description="Which of its models the customer weighs (none: not known yet)",
    )


class CompetitorsInPlay(Request):
    competitors: list[CompetitorChoice] = Field(max_length=MAX_IN_PLAY)


@router.get("/competitors", response_model=list[CompetitorPublic], responses=_FORBIDDEN)
async def list_competitors(
    principal: Reader,
    db: Database,
    page: Page,
    retired: Annotated[bool, Query(description="Also the retired ones")] = False,
) -> list[CompetitorPublic]:
    """The competitors the caller's book may name (its own list and the lists of the nodes
    above it, HQ's among them), and those of the books whose figures the caller sees."""
    return await views.competitors_for(
        db, principal, retired=retired, limit=page.limit, offset=page.offset
    )


@router.post(
    "/competitors",
    status_code=status.HTTP_201_CREATED,
    response_model=CompetitorPublic,
    responses={**_FORBIDDEN, **_CONFLICT},
)
async def add_competitor(
    body: CompetitorCreate, principal: ListManager, db: Database, now: Now
) -> CompetitorPublic:
    """Put a competitor and its models on the list of the caller's book (a dealer's, or for
    HQ staff HQ's, which every dealer uses)."""
    competitor_id = await competitors_app.add_competitor(
        body.name, body.models, principal, UnitOfWork(db), now=now
    )
    return await _competitor(db, principal, competitor_id)


@router.put(
    "/competitors/{competitor_id}",
    response_model=CompetitorPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def change_competitor(
    competitor_id: UUID, body: CompetitorUpdate, principal: ListManager, db: Database, now: Now
) -> CompetitorPublic:
    """Rename it, change its models or retire it (the opportunities that met it keep it)."""
    await competitors_app.change_competitor(
        competitor_id,
        name=body.name,
        models=body.models,
        active=body.active,
        actor=principal,
        uow=UnitOfWork(db),
        now=now,
    )
    return await _competitor(db, principal, competitor_id)


async def _competitor(db: Database, principal: Principal, competitor_id: UUID) -> CompetitorPublic:
    found = await views.competitor_for(db, principal, competitor_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="competitor not found")
    return found


@router.put(
    "/opportunities/{opportunity_id}/competitors",
    response_model=CompetitorsInPlayPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def record_competitors_in_play(
    opportunity_id: UUID, body: CompetitorsInPlay, principal: Worker, db: Database, now: Now
) -> CompetitorsInPlayPublic:
    """The competitors the open opportunity meets, from its dealer's list, and which of their
    models (the whole list: it replaces the last one; an empty list clears it)."""
    await competitors_app.record_competitors_in_play(
        opportunity_id,
        [InPlay(c.competitor_id, tuple(c.models)) for c in body.competitors],
        principal,
        UnitOfWork(db),
        now=now,
    )
    return await _in_play(db, principal, opportunity_id)


@router.get(
    "/opportunities/{opportunity_id}/competitors",
    response_model=CompetitorsInPlayPublic,
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def competitors_in_play(
    opportunity_id: UUID, principal: Reader, db: Database
) -> CompetitorsInPlayPublic:
    return await _in_play(db, principal, opportunity_id)


async def _in_play(
    db: Database, principal: Principal, opportunity_id: UUID
) -> CompetitorsInPlayPublic:
    found = await views.in_play_on(db, principal, opportunity_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="opportunity not found")
    return found


@router.get(
    "/reports/competitors",
    response_model=CompetitionReport,
    responses={**_FORBIDDEN, **FILE_RESPONSES},
)
async def competition_report(
    principal: Reader,
    db: Database,
    tz: BusinessTz,
    date_from: DateFrom,
    date_to: DateTo,
    format: AsFile = ReportFormat.JSON,
) -> CompetitionReport | Response:
    """Win/loss by competitor and model: per competitor (and per model of it), the open deals
    it is in play on now, the deals won in the period while it was in play, and those lost to
    it (the loss names it, or it was in play and the loss names nobody); the win rate against
    it. Most contested first."""
    period = ReportPeriod.of(date_from, date_to)
    report = await views.competition(db, principal, period=period, business_tz=tz)
    if format is ReportFormat.JSON:
        return report
    name = f"competitors-{date_from}-{date_to}"
    return await table_file(
        competition_table(report), name=name, title="competitors", format=format
    )
