"""The daily sales meeting figures (每日销售例会) per consultant, as JSON, CSV or XLSX."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database
from crm_common.runtime.paging import MOST_REPORT_ROWS, Page, WholeReport
from crm_common.runtime.table_files import FILE_RESPONSES, XLSX, ReportFormat, table_file
from crm_kpi.application.reports import report_file, reports_for
from crm_kpi.domain.reports import ReportKind, report_table, subtotals
from crm_kpi.entrypoints.http.routes import check_range
from crm_kpi.views import figures as views

router = APIRouter(prefix="/kpi/reports", tags=["reports"])


class ConsultantLine(BaseModel):
    dealer_id: str
    consultant: str
    team: str | None = Field(description="The team the consultant works in; None: the dealer")
    receptions: int = Field(description="Showroom visits recorded (接待)")
    callbacks: int = Field(description="Calls recorded (回访)")
    test_drives: int
    claimed: int = Field(description="Leads taken from the pool")
    graded: dict[str, int] = Field(description="Assessments per intent grade (意向/潜在 counts)")
    upgraded: int = Field(description="Follow-ups that raised the grade")
    converted: int
    lost: int
    won_units: int
    conversion_rate: float | None = Field(description="Conversions per reception and callback")


class SubtotalLine(BaseModel):
    level: Literal["team", "dealer"]
    node: str = Field(description="The team, or the dealer (department)")
    dealer_id: str
    consultants: int
    counts: dict[str, int] = Field(
        description="receptions, callbacks, test_drives, claimed, upgraded, converted, lost, "
        "won_units summed"
    )
    graded: dict[str, int]
    conversion_rate: float | None


MAX_SALES_MEETING_LINES = MOST_REPORT_ROWS
"""Consultant lines one sales-meeting answer carries (HQ's whole tenant is a few thousand)."""


class SalesMeeting(BaseModel):
    date_from: date
    date_to: date
    lines: list[ConsultantLine] = Field(max_length=MAX_SALES_MEETING_LINES)
    subtotals: list[SubtotalLine] = Field(
        max_length=2 * MAX_SALES_MEETING_LINES,
        description="Each team's lines summed, then each dealer's (all its consultants): a"
        " team and a dealer per line at most",
    )


@router.get(
    "/sales-meeting",
    response_model=SalesMeeting,
    responses={
        **FILE_RESPONSES,
        403: {"description": "The role lacks kpi.read"},
        404: {"description": "dealer_id names a dealer the caller may not see"},
        422: {
            "description": "A bad range, or more consultant lines than one answer carries"
            f" ({MAX_SALES_MEETING_LINES}): ask per dealer or for fewer days"
        },
    },
)
async def sales_meeting_figures(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: Annotated[date, Query(alias="from", description="First business day, inclusive")],
    date_to: Annotated[date, Query(alias="to", description="Last business day, inclusive")],
    dealer_id: Annotated[str | None, Query(max_length=64)] = None,
    format: ReportFormat = ReportFormat.JSON,
) -> SalesMeeting | Response:
    """Receptions, callbacks, test drives, claims, intent assessments, upgrades, conversions,
    losses and units won per consultant: what the morning meeting goes through. A consultant
    gets their own line; managers their dealer's; HQ and regions the dealers sharing figures."""
    check_range(date_from, date_to)
    await views.require_dealer_in_sight(db, principal, dealer_id)
    lines = await views.sales_meeting_figures(
        db,
        views.figures_visible_to(principal),
        date_from=date_from,
        date_to=date_to,
        dealer_id=dealer_id,
        report=WholeReport(
            most=MAX_SALES_MEETING_LINES,
            narrow_by="dealer_id",
            how="ask per dealer (dealer_id) or for fewer days",
        ),
    )
    if format is ReportFormat.JSON:
        return SalesMeeting(
            date_from=date_from,
            date_to=date_to,
            lines=[
                ConsultantLine(
                    dealer_id=f.dealer_id,
                    consultant=f.consultant,
                    team=f.team,
                    receptions=f.receptions,
                    callbacks=f.callbacks,
                    test_drives=f.test_drives,
                    claimed=f.claimed,
                    graded=f.graded,
                    upgraded=f.upgraded,
                    converted=f.converted,
                    lost=f.lost,
                    won_units=f.won_units,
                    conversion_rate=f.conversion_rate(),
                )
                for f in lines
            ],
            subtotals=[
                SubtotalLine(
                    level="team" if t.level == "team" else "dealer",
                    node=t.node,
                    dealer_id=t.dealer_id,
                    consultants=t.consultants,
                    counts=t.counts,
                    graded=t.graded,
                    conversion_rate=t.conversion_rate(),
                )
                for t in subtotals(lines)
            ],
        )
    return await table_file(
        report_table(lines),
        name=f"sales-meeting-{date_from}-{date_to}",
        title="sales meeting",
        format=format,
    )


class GeneratedReport(BaseModel):
    id: UUID
    dealer_id: str
    kind: ReportKind
    period_start: date
    period_end: date
    lines: int = Field(description="Consultant lines in the report")
    generated_at: datetime


@router.get(
    "",
    response_model=list[GeneratedReport],
    responses={403: {"description": "The role lacks kpi.read"}},
)
async def generated_reports(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    page: Page,
    kind: ReportKind | None = None,
) -> list[GeneratedReport]:
    """The daily, weekly and monthly sales meeting reports the worker generated when each
    period ended, for the dealers the caller may see figures of; newest first, a page at a
    time."""
    return [
        GeneratedReport(
            id=r.id,
            dealer_id=r.dealer_id,
            kind=r.kind,
            period_start=r.period_start,
            period_end=r.period_end,
            lines=r.lines,
            generated_at=r.generated_at,
        )
        for r in await reports_for(db, principal, kind, limit=page.limit, offset=page.offset)
    ]


@router.get(
    "/{report_id}/file",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}, XLSX: {}}, "description": "The report's file"},
        403: {"description": "The role lacks kpi.read"},
        404: {"description": "No such report visible to the caller"},
    },
)
async def generated_report_file(
    report_id: UUID,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    format: Literal["csv", "xlsx"] = "csv",
) -> Response:
    name, content = await report_file(db, principal, report_id, xlsx=format == "xlsx")
    return Response(
        content,
        media_type=XLSX if format == "xlsx" else "text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
