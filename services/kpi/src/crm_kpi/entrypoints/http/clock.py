"""The business day of a request: days are counted where the business runs, not in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Request

from crm_kpi.domain.facts import business_day


def now() -> datetime:
    return datetime.now(UTC)


def business_today(request: Request) -> date:
    return business_day(now(), request.app.state.settings.business_timezone)


async def _business_today(request: Request) -> date:
    return business_today(request)


BusinessToday = Annotated[date, Depends(_business_today)]
