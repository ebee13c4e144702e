"""Call statistics of a queue or an agent over a period, from the phone system's call records.

- offered: inbound calls that reached the queue (or rang the agent);
- answered: those connected to an agent; abandoned: the caller hung up while waiting;
- answer rate and abandon rate: of the offered calls;
- service level: the offered calls answered within the queue's threshold (seconds of waiting),
  as a share of all offered calls — abandoned ones count against it;
- average speed of answer: the wait of the answered calls;
- average handle time: talk, hold and wrap-up of every call handled (inbound answered and
  outbound connected), per call handled;
- occupancy: handle time as a share of the time staffed (ready, on a call or wrapping up, as
  the agents declared it) — of an agent; of a queue (its calls over its members' time), a
  dealer (its calls over its agents' time) and an hour (the calls started in it over the
  time the agents were staffed in it). An agent in two queues is staffed for both.

Percentages are 0-100 with one decimal; a figure with nothing to divide by is None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class CallTotals:
    offered: int
    answered: int
    abandoned: int
    answered_in_time: int
    """Answered within the service level's threshold."""
    answered_wait_seconds: int
    handled: int
    """Calls with a conversation: inbound answered and outbound connected."""
    handle_seconds: int
    """Talk, hold and wrap-up seconds of the calls handled."""
    outbound: int
    outbound_connected: int


@dataclass(frozen=True, slots=True)
class CallStats:
    offered: int
    answered: int
    abandoned: int
    answer_rate: float | None
    abandon_rate: float | None
    service_level: float | None
    average_speed_of_answer: float | None
    average_handle_seconds: float | None
    handled: int
    outbound: int
    outbound_connected: int


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _average(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def call_stats(totals: CallTotals) -> CallStats:
    return CallStats(
        offered=totals.offered,
        answered=totals.answered,
        abandoned=totals.abandoned,
        answer_rate=_percent(totals.answered, totals.offered),
        abandon_rate=_percent(totals.abandoned, totals.offered),
        service_level=_percent(totals.answered_in_time, totals.offered),
        average_speed_of_answer=_average(totals.answered_wait_seconds, totals.answered),
        average_handle_seconds=_average(totals.handle_seconds, totals.handled),
        handled=totals.handled,
        outbound=totals.outbound,
        outbound_connected=totals.outbound_connected,
    )


def occupancy(handle_seconds: int, staffed_seconds: int) -> float | None:
    """At most 100: calls handled while the agent had not declared themselves ready (a
    click-to-dial while on a break) do not make them more than fully occupied."""
    if not staffed_seconds:
        return None
    return min(100.0, round(100 * handle_seconds / staffed_seconds, 1))


@dataclass(frozen=True, slots=True)
class StaffedSpan:
    """An agent staffed (ready, on a call or wrapping up) from ``since`` until ``until``."""

    agent_user: str
    since: datetime
    until: datetime


def staffed_by_hour(spans: Iterable[StaffedSpan], tz: ZoneInfo) -> dict[tuple[str, int], int]:
    """Seconds each agent was staffed in each hour of the day (0-23 where the business runs):
    a span across the hour is split at it."""
    seconds: dict[tuple[str, int], float] = {}
    for span in spans:
        at = span.since.astimezone(tz)
        until = span.until.astimezone(tz)
        while at < until:
            next_hour = at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            upto = min(next_hour, until)
            key = (span.agent_user, at.hour)
            seconds[key] = seconds.get(key, 0.0) + (upto - at).total_seconds()
            at = upto
    return {key: round(total) for key, total in seconds.items()}
