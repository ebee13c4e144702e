from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.errors import InvalidInput
from crm_common.runtime.dependencies import Database
from crm_common.runtime.paging import WholeReport
from crm_kpi.views import figures as views
from crm_kpi.views.figures import SalesGrouping

router = APIRouter(prefix="/kpi", tags=["kpi"])
MAX_RANGE_DAYS = 366
MOST_DAILY_ROWS = 20_000
"""Rows (a dealer's day) a daily answer carries: HQ's month of 500 dealers is 15,000."""


def _daily(how: str) -> WholeReport:
    return WholeReport(most=MOST_DAILY_ROWS, narrow_by="from", how=how)


class DailyLeadCount(BaseModel):
    dealer_id: str
    day: date
    leads: int = Field(description="Leads created")
    claimed: int = 0
    released: int = 0
    followed_up: int = 0
    upgraded: int = Field(default=0, description="Follow-ups that raised the intent grade")
    converted: int = 0
    lost: int = 0
    distributed: int = Field(default=0, description="Leads HQ or a region sent to the dealer")
    returned: int = Field(default=0, description="Distributed leads that went back up")


class DailyLeadCounts(BaseModel):
    date_from: date
    date_to: date
    total: int
    rows: list[DailyLeadCount] = Field(
        max_length=MOST_DAILY_ROWS,
        description=f"A row per dealer and day: more than {MOST_DAILY_ROWS:,} are refused",
    )


@router.get(
    "/leads/daily",
    response_model=DailyLeadCounts,
    responses={
        403: {"description": "The role lacks kpi.read"},
        404: {"description": "dealer_id names a dealer the caller may not see"},
        422: {"description": f"A bad range, or more than {MOST_DAILY_ROWS:,} rows"},
    },
)
async def lead_counts_per_dealer_and_day(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: Annotated[date, Query(alias="from", description="First business day, inclusive")],
    date_to: Annotated[date, Query(alias="to", description="Last business day, inclusive")],
    dealer_id: Annotated[str | None, Query(max_length=64)] = None,
) -> DailyLeadCounts:
    """Leads created, claimed, released, followed up, upgraded, converted and lost per dealer
    and business day (the daily sales-meeting figures), limited to what the caller may see."""
    check_range(date_from, date_to)
    await views.require_dealer_in_sight(db, principal, dealer_id)
    report = _daily("ask per dealer (dealer_id) or for fewer days")
    created = await views.daily_lead_counts(
        db, principal, date_from=date_from, date_to=date_to, dealer_id=dealer_id, report=report
    )
    activity = await views.daily_lead_activity(
        db, principal, date_from=date_from, date_to=date_to, dealer_id=dealer_id, report=report
    )
    leads = {(d, day): n for d, day, n in created}
    keys = sorted(report.whole(leads.keys() | activity.keys()), key=lambda k: (k[1], k[0]))
    return DailyLeadCounts(
        date_from=date_from,
        date_to=date_to,
        total=sum(leads.values()),
        rows=[
            DailyLeadCount(
                dealer_id=d, day=day, leads=leads.get((d, day), 0), **activity.get((d, day), {})
            )
            for d, day in keys
        ],
    )


class DailySales(BaseModel):
    dealer_id: str | None = Field(description="The dealer (per=dealer), else null")
    region_id: str | None = Field(
        default=None, description="The node the dealers hang from (per=region), else null"
    )
    day: date
    won_units: int = Field(description="Vehicles sold: deals won (orders signed)")
    revenue: Decimal = Field(description="Effective revenue of the deals won")
    gross_margin: Decimal
    lost: int = Field(description="Opportunities lost (战败)")
    delivered: int = Field(description="Vehicles handed over")
    cancelled_units: int = Field(description="Won deals whose order was cancelled this day")
    cancelled_revenue: Decimal
    cancelled_gross_margin: Decimal
    net_units: int = Field(description="won_units minus cancelled_units")


class DailySalesFigures(BaseModel):
    date_from: date
    date_to: date
    won_units: int
    net_units: int
    net_revenue: Decimal = Field(description="Revenue won minus revenue of cancelled orders")
    rows: list[DailySales] = Field(
        max_length=MOST_DAILY_ROWS,
        description=f"A row per dealer (region) and day: more than {MOST_DAILY_ROWS:,} are refused",
    )


@router.get(
    "/sales/daily",
    response_model=DailySalesFigures,
    responses={
        403: {"description": "The role lacks kpi.read"},
        404: {"description": "dealer_id names a dealer the caller may not see"},
        422: {"description": f"A bad range, or more than {MOST_DAILY_ROWS:,} rows"},
    },
)
async def sales_per_dealer_and_day(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: Annotated[date, Query(alias="from", description="First business day, inclusive")],
    date_to: Annotated[date, Query(alias="to", description="Last business day, inclusive")],
    dealer_id: Annotated[str | None, Query(max_length=64)] = None,
    per: Annotated[
        SalesGrouping,
        Query(description="Rows per dealer, per region (the node above the dealers) or in total"),
    ] = SalesGrouping.DEALER,
) -> DailySalesFigures:
    """Deals won (units, revenue, gross margin), lost, delivered and cancelled per dealer (or
    region, or in total) and business day, limited to what the caller may see (other dealers'
    at the aggregate level). HQ's year per dealer is ~70,000 rows: ask per region or in total."""
    check_range(date_from, date_to)
    await views.require_dealer_in_sight(db, principal, dealer_id)
    sales = await views.daily_sales(
        db,
        principal,
        date_from=date_from,
        date_to=date_to,
        dealer_id=dealer_id,
        per=per,
        report=_daily("ask per region or in total (per), per dealer (dealer_id) or for fewer days"),
    )
    rows = [
        DailySales(
            dealer_id=member if per is SalesGrouping.DEALER else None,
            region_id=member if per is SalesGrouping.REGION else None,
            day=day,
            **asdict(figures),
            net_units=figures.won_units - figures.cancelled_units,
        )
        for (member, day), figures in sorted(
            sales.items(), key=lambda item: (item[0][1], item[0][0] or "")
        )
    ]
    return DailySalesFigures(
        date_from=date_from,
        date_to=date_to,
        won_units=sum(r.won_units for r in rows),
        net_units=sum(r.net_units for r in rows),
        net_revenue=sum((r.revenue - r.cancelled_revenue for r in rows), Decimal(0)),
        rows=rows,
    )


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise InvalidInput("to", "'to' is before 'from'", location="query")
    if (date_to - date_from).days >= MAX_RANGE_DAYS:
        raise InvalidInput("to", f"range exceeds {MAX_RANGE_DAYS} days", location="query")
