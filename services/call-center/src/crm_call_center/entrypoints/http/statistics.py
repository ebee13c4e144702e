"""Call statistics of a day, per queue and per agent, from the phone system's call records."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request

from crm_call_center import views
from crm_call_center.entrypoints.http.schemas import CallStatistics
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now

router = APIRouter(prefix="/call-statistics", tags=["statistics"])
DEFAULT_SERVICE_LEVEL_SECONDS = 20
"""The threshold of calls no queue took (a queue's own default too)."""


@router.get("", response_model=CallStatistics)
async def day_statistics(
    request: Request,
    principal: Annotated[Principal, requires("call.read")],
    db: Database,
    now: Now,
    day: date | None = None,
) -> CallStatistics:
    """The calls of one business day (default: today) the caller may see — an agent their own,
    a supervisor or manager their scope's — per queue, agent, dealer (the org node whose calls
    they are) and hour they started: offered, answered, abandoned, answer and abandon rates,
    service level, average speed of answer and handle time, outbound calls, the time staffed
    and occupancy (of an agent, a queue's members, a dealer's agents, the agents within the
    hour). Calls still going on are not counted yet."""
    tz = ZoneInfo(request.app.state.settings.business_timezone)
    chosen = day or now.astimezone(tz).date()
    start = datetime.combine(chosen, time(0), tzinfo=tz)
    found = await views.call_statistics(
        db,
        principal,
        start=start,
        end=start + timedelta(days=1),
        now=now,
        business_tz=tz.key,
        default_service_level_seconds=DEFAULT_SERVICE_LEVEL_SECONDS,
    )
    return CallStatistics.model_validate(
        {
            "day": chosen,
            "time_zone": tz.key,
            "queues": found.queues,
            "agents": found.agents,
            "dealers": found.dealers,
            "hours": found.hours,
            "queues_truncated": found.queues_truncated,
            "agents_truncated": found.agents_truncated,
            "dealers_truncated": found.dealers_truncated,
        },
        from_attributes=True,
    )
