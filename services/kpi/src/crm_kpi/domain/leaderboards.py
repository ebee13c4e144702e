"""Leaderboards (排行榜): consultants of a dealer and dealers of the OEM ranked by what they sold
in a business month. Pure: keys, periods and ranking."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from crm_common.errors import InvalidInput


class Metric(StrEnum):
    UNITS = "units"
    REVENUE = "revenue"
    GROSS_MARGIN = "gross_margin"


ALL_DEALERS = "*"


def month_of(value: str) -> tuple[date, date]:
    """``2026-11`` → the first and last day of that month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    except ValueError:
        raise InvalidInput("month", "expected YYYY-MM", location="query") from None


def board_key(
    namespace: str, tenant: str, month: str, metric: Metric, dealer_id: str = ALL_DEALERS
) -> str:
    """One sorted set per tenant, month, metric and dealer (``*``: the board of dealers), under
    the deployment's namespace (deployments and test runs may share one Redis)."""
    return f"{namespace}kpi:leaderboard:{tenant}:{month}:{metric.value}:{dealer_id}"


def watermark_key(namespace: str) -> str:
    return f"{namespace}kpi:leaderboard:watermark"


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    member: str
    score: Decimal


def ranking(scores: Mapping[str, Decimal]) -> list[Ranked]:
    """Highest first; equal scores share a rank and the next rank skips (1, 2, 2, 4); ties in
    member order so the list is stable."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    ranked: list[Ranked] = []
    for position, (member, score) in enumerate(ordered, start=1):
        rank = ranked[-1].rank if ranked and ranked[-1].score == score else position
        ranked.append(Ranked(rank, member, score))
    return ranked
