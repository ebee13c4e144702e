"""The arithmetic of the sales views: report periods and their buckets, days in a stage and
staleness, the funnel's stage order and conversions, rankings. Pure; the clock is passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from crm_common.errors import InvalidInput

Name = TypeVar("Name", bound=str | None)

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(9998, 12, 31)
"""Beyond these a period's instants would not fit a timestamp in every time zone."""
MAX_PERIOD_DAYS = 366
"""A report covers at most one year (a leap year's 366 days)."""


class Granularity(StrEnum):
    MONTH = "month"
    WEEK = "week"


class Grouping(StrEnum):
    """Whose figures a report row holds."""

    CONSULTANT = "consultant"
    TEAM = "team"
    DEALER = "dealer"
    REGION = "region"


@dataclass(frozen=True)
class ReportPeriod:
    """Business days ``first_day`` to ``last_day``, both inclusive."""

    first_day: date
    last_day: date

    @classmethod
    def of(cls, first_day: date, last_day: date) -> ReportPeriod:
        if first_day < EARLIEST_DAY:
            raise InvalidInput(
                "from", f"reports start on {EARLIEST_DAY} at the earliest", location="query"
            )
        if last_day > LATEST_DAY:
            raise InvalidInput("to", f"reports end on {LATEST_DAY} at the latest", location="query")
        if last_day < first_day:
            raise InvalidInput("to", "'to' is before 'from'", location="query")
        if (last_day - first_day).days >= MAX_PERIOD_DAYS:
            raise InvalidInput(
                "to", f"a report covers at most {MAX_PERIOD_DAYS} days", location="query"
            )
        return cls(first_day, last_day)

    def instants(self, business_tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as instants: from the first day's midnight, up to (not including) the
        midnight after the last day, both in the business time zone."""
        start = datetime.combine(self.first_day, time(), business_tz)
        end = datetime.combine(self.last_day + timedelta(days=1), time(), business_tz)
        return start, end

    def buckets(self, granularity: Granularity) -> list[date]:
        """The first day of every month (or ISO week, from Monday) the period touches."""
        starts = []
        current = bucket_of(self.first_day, granularity)
        while current <= self.last_day:
            starts.append(current)
            current = _next_bucket(current, granularity)
        return starts


def bucket_of(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def _next_bucket(start: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def whole_days(since: datetime, now: datetime) -> int:
    """Full days elapsed (0 for a moment in the future, e.g. a clock a little ahead)."""
    return max(0, (now - since) // timedelta(days=1))


def is_stale(days_in_stage: int, rot_days: int | None) -> bool:
    """An opportunity rots once its days in the stage exceed the stage's days-to-rot; a stage
    without days-to-rot never rots."""
    return rot_days is not None and days_in_stage > rot_days


def merge_stage_orders(pipelines: Iterable[Sequence[str]]) -> list[str]:
    """One top-to-bottom order for the stages of several pipelines (the dealers' own pipelines
    differ): every stage after the stages any pipeline puts before it; among those free to go
    next, and where pipelines disagree, the first seen goes first."""
    first_seen: dict[str, int] = {}
    before: dict[str, set[str]] = {}
    for stages in pipelines:
        for index, code in enumerate(stages):
            first_seen.setdefault(code, len(first_seen))
            before.setdefault(code, set()).update(stages[:index])
    order: list[str] = []
    remaining = sorted(first_seen, key=first_seen.__getitem__)
    while remaining:
        placed = set(order)
        free = [code for code in remaining if before[code] <= placed]
        following = free[0] if free else remaining[0]
        order.append(following)
        remaining.remove(following)
    return order


@dataclass(frozen=True)
class StageConversion:
    stage: str
    reached: int
    """Opportunities that ever entered the stage."""
    converted: int | None
    """Of those, how many also entered the next stage (None for the last stage)."""

    @property
    def rate(self) -> float | None:
        if self.converted is None or self.reached == 0:
            return None
        return round(self.converted / self.reached, 4)


def conversions(
    order: Sequence[str], reached: Mapping[frozenset[str], int]
) -> list[StageConversion]:
    """Stage-to-stage conversion from how many opportunities reached each set of stages:
    the share of those that reached stage k which also reached stage k+1 (an opportunity
    that skipped stage k does not count for k's conversion)."""
    result = []
    for index, stage in enumerate(order):
        reached_stage = sum(n for stages, n in reached.items() if stage in stages)
        converted = None
        if index + 1 < len(order):
            following = order[index + 1]
            converted = sum(
                n for stages, n in reached.items() if stage in stages and following in stages
            )
        result.append(StageConversion(stage, reached_stage, converted))
    return result


def win_rate(won: int, lost: int) -> float | None:
    """Won among the decided (won or lost); None while nothing was decided."""
    decided = won + lost
    return round(won / decided, 4) if decided else None


def ranked(counts: Mapping[Name, int]) -> list[tuple[Name, int]]:
    """Most frequent first; equal counts by name, unnamed last."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))
