from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.errors import InvalidInput
from crm_common.runtime.http import database
from crm_kpi import views

router = APIRouter(prefix="/kpi", tags=["kpi"])
Database = Annotated[async_sessionmaker[AsyncSession], Depends(database)]
MAX_RANGE_DAYS = 366


class DailyLeadCount(BaseModel):
    dealer_id: str
    day: date
    leads: int


class DailyLeadCounts(BaseModel):
    date_from: date
    date_to: date
    total: int
    rows: list[DailyLeadCount]


@router.get(
    "/leads/daily",
    response_model=DailyLeadCounts,
    responses={403: {"description": "The role lacks kpi.read"}},
)
async def lead_counts_per_dealer_and_day(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: Annotated[date, Query(alias="from", description="First business day, inclusive")],
    date_to: Annotated[date, Query(alias="to", description="Last business day, inclusive")],
    dealer_id: Annotated[str | None, Query(max_length=64)] = None,
) -> DailyLeadCounts:
    """Leads created per dealer and business day, limited to what the caller may see."""
    if date_to < date_from:
        raise InvalidInput("to", "'to' is before 'from'", location="query")
    if (date_to - date_from).days >= MAX_RANGE_DAYS:
        raise InvalidInput("to", f"range exceeds {MAX_RANGE_DAYS} days", location="query")
    rows = await views.daily_lead_counts(
        db, principal, date_from=date_from, date_to=date_to, dealer_id=dealer_id
    )
    return DailyLeadCounts(
        date_from=date_from,
        date_to=date_to,
        total=sum(n for _, _, n in rows),
        rows=[DailyLeadCount(dealer_id=d, day=day, leads=n) for d, day, n in rows],
    )
