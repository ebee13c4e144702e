"""The business day of a request: days are counted where the business runs, not in UTC."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from crm_common.runtime.dependencies import Now
from crm_kpi.domain.facts import business_day


async def _business_today(request: Request, now: Now) -> date:
    return business_day(now, request.app.state.settings.business_timezone)


BusinessToday = Annotated[date, Depends(_business_today)]
