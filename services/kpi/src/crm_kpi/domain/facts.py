"""How events become facts. Pure rules, no I/O."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def business_day(moment: datetime, timezone: str) -> date:
    """The calendar day a moment falls on where the business runs (not UTC)."""
    if moment.tzinfo is None:
        raise ValueError("business_day needs an aware datetime")
    return moment.astimezone(ZoneInfo(timezone)).date()
