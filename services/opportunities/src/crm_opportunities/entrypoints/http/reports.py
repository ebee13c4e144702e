"""HTTP API of the sales views: the pipeline board and the reports (funnel, forecast, stale
list, win/loss), each also as a CSV or XLSX file. Thin: parse, call one view, mask personal data,
shape the answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import ShortPage
from crm_common.runtime.table_files import FILE_RESPONSES, ReportFormat, table_file
from crm_opportunities.domain.periods import Granularity, Grouping, ReportPeriod
from crm_opportunities.entrypoints.http.report_files import (
    forecast_table,
    funnel_table,
    stale_table,
    win_loss_table,
)
from crm_opportunities.views import pipeline as views
from crm_opportunities.views.pipeline import (
    Forecast,
    Funnel,
    PipelineBoard,
    StaleOpportunity,
    WinLoss,
)

# One router for /opportunities/board and /reports/*: it must be included before the router
# that serves /opportunities/{id}, or "board" would be taken for an id.
router = APIRouter(tags=["sales views"])
OpportunityReader = Annotated[Principal, requires("opportunity.read")]
DateFrom = Annotated[date, Query(alias="from", description="First business day, inclusive")]
DateTo = Annotated[
    date, Query(alias="to", description="Last business day, inclusive; at most a year later")
]
GroupBy = Annotated[
    Grouping | None, Query(description="Rows per consultant, team, dealer or region")
]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks opportunity.read"}
}
_REPORT = {**_FORBIDDEN, **FILE_RESPONSES}
AsFile = Annotated[
    ReportFormat, Query(description="json, or csv/xlsx for a file of the same figures")
]


async def business_tz(request: Request) -> ZoneInfo:
    return ZoneInfo(request.app.state.settings.business_timezone)


BusinessTz = Annotated[ZoneInfo, Depends(business_tz)]


@router.get(
    "/opportunities/board",
    response_model=PipelineBoard,
    responses={**_FORBIDDEN, 404: {"description": "No such pipeline visible to the caller"}},
)
async def pipeline_board(
    principal: OpportunityReader,
    db: Database,
    now: Now,
    pipeline_id: Annotated[
        UUID | None, Query(description="Default: the caller's dealer's default pipeline")
    ] = None,
    cards: Annotated[
        int, Query(ge=1, le=views.MOST_CARDS, description="Cards shown per stage")
    ] = 20,
) -> PipelineBoard:
    """The pipeline view: its stages left to right, each with the count and amount of the open
    opportunities the caller may see and their first cards (stale ones flagged)."""
    board = await views.board(
        db, principal, pipeline_id=pipeline_id, cards_per_stage=cards, now=now
    )
    if board is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="pipeline not found")
    return board


@router.get("/reports/funnel", response_model=Funnel, responses=_REPORT)
async def funnel_report(
    principal: OpportunityReader,
    db: Database,
    tz: BusinessTz,
    date_from: DateFrom,
    date_to: DateTo,
    group_by: GroupBy = None,
    format: AsFile = ReportFormat.JSON,
) -> Funnel | Response:
    """Opportunities created in the period: per stage how many reached it, how many are open
    in it, and the share of those reaching a stage that reached the next. Figures of every
    dealer that shares at least figures with the caller."""
    period = ReportPeriod.of(date_from, date_to)
    funnel = await views.funnel(db, principal, period=period, business_tz=tz, grouping=group_by)
    if format is ReportFormat.JSON:
        return funnel
    name = f"funnel-{date_from}-{date_to}"
    return await table_file(funnel_table(funnel), name=name, title="funnel", format=format)


@router.get("/reports/forecast", response_model=Forecast, responses=_REPORT)
async def forecast_report(
    principal: OpportunityReader,
    db: Database,
    tz: BusinessTz,
    date_from: DateFrom,
    date_to: DateTo,
    period: Annotated[Granularity, Query(description="Buckets: calendar months or ISO weeks")] = (
        Granularity.MONTH
    ),
    group_by: GroupBy = None,
    format: AsFile = ReportFormat.JSON,
) -> Forecast | Response:
    """Weighted forecast per month or week: open amounts expected to close then, times
    their stage's win probability; amounts won then; planned collections due then, and how
    much of them was collected."""
    report_period = ReportPeriod.of(date_from, date_to)
    forecast = await views.forecast(
        db, principal, period=report_period, business_tz=tz, granularity=period, grouping=group_by
    )
    if format is ReportFormat.JSON:
        return forecast
    name = f"forecast-{date_from}-{date_to}"
    return await table_file(forecast_table(forecast), name=name, title="forecast", format=format)


@router.get("/reports/stale", response_model=list[StaleOpportunity], responses=_REPORT)
async def stale_report(
    principal: OpportunityReader,
    db: Database,
    now: Now,
    page: ShortPage,
    format: AsFile = ReportFormat.JSON,
) -> list[StaleOpportunity] | Response:
    """Open opportunities left in their stage longer than the stage's days-to-rot, most
    overdue first: records, so only those the caller may see as records, masked as agreed."""
    stale = await views.stale(db, principal, now=now, limit=page.limit, offset=page.offset)
    if format is ReportFormat.JSON:
        return stale
    name = f"stale-{now:%Y-%m-%d}-{page.offset}"
    return await table_file(stale_table(stale), name=name, title="stale", format=format)


@router.get("/reports/win-loss", response_model=WinLoss, responses=_REPORT)
async def win_loss_report(
    principal: OpportunityReader,
    db: Database,
    tz: BusinessTz,
    date_from: DateFrom,
    date_to: DateTo,
    group_by: GroupBy = None,
    format: AsFile = ReportFormat.JSON,
) -> WinLoss | Response:
    """Opportunities closed in the period: won and lost, win rate, lost reasons and the
    competitors (with their models) that won, most frequent first."""
    period = ReportPeriod.of(date_from, date_to)
    report = await views.win_loss(db, principal, period=period, business_tz=tz, grouping=group_by)
    if format is ReportFormat.JSON:
        return report
    name = f"win-loss-{date_from}-{date_to}"
    return await table_file(win_loss_table(report), name=name, title="win-loss", format=format)
