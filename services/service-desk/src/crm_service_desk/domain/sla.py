"""Service-level targets measured in business time (a dealer's working hours and holidays),
with the clock stopped while the ticket waits for the customer or a partner. Pure: every
function takes the times it works on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crm_common.errors import InvalidInput

Window = tuple[time, time]

_SEARCH_DAYS = 3660
"""How far ahead a due time is looked for: a calendar with no working time in ten years is
refused rather than searched for ever."""


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """When a dealer works: windows per weekday (0 Monday … 6 Sunday; a missing day is
    closed), holidays (closed whatever the weekday) and make-up working days (调休: a weekend
    day worked, with its own windows)."""

    timezone: ZoneInfo
    weekly: Mapping[int, Sequence[Window]]
    holidays: frozenset[date] = frozenset()
    working_days: Mapping[date, Sequence[Window]] = field(default_factory=dict)
    _days: dict[date, tuple[tuple[datetime, datetime], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """The days' windows as computed once: the escalation sweep asks a book's calendar about
    the same days for thousands of tickets."""

    def __post_init__(self) -> None:
        for day, windows in [*self.weekly.items(), *self.working_days.items()]:
            for opens, closes in windows:
                if not opens < closes:
                    raise InvalidInput("calendar", f"{day}: a window must open before it closes")

    def windows_on(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The day's working windows as aware datetimes, in order."""
        known = self._days.get(day)
        if known is not None:
            return known
        if day in self.working_days:
            windows = self.working_days[day]
        elif day in self.holidays:
            windows = ()
        else:
            windows = self.weekly.get(day.weekday(), ())
        found = tuple(
            (
                datetime.combine(day, opens, self.timezone),
                datetime.combine(day, closes, self.timezone),
            )
            for opens, closes in sorted(windows)
        )
        self._days[day] = found
        return found

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The moment ``duration`` of working time after ``start`` has passed."""
        return self.add_each(start, [duration])[0]

    def add_each(self, start: datetime, durations: Sequence[timedelta]) -> list[datetime]:
        """``add`` for several durations from one start, in one walk through the calendar
        (a ticket's ladder asks for each of its steps' due times at once)."""
        if not durations:
            return []
        by_length = sorted(range(len(durations)), key=lambda i: durations[i])
        found: list[datetime] = [start] * len(durations)
        nearest = 0
        elapsed = timedelta(0)
        day = start.astimezone(self.timezone).date()
        for _ in range(_SEARCH_DAYS):
            for opens, closes in self.windows_on(day):
                begin = max(opens, start)
                if begin >= closes:
                    continue
                available = closes - begin
                while nearest < len(by_length):
                    remaining = durations[by_length[nearest]] - elapsed
                    if remaining > available:
                        break
                    found[by_length[nearest]] = (begin + max(remaining, timedelta(0))).astimezone(
                        UTC
                    )
                    nearest += 1
                if nearest == len(by_length):
                    return found
                elapsed += available
            day += timedelta(days=1)
        raise InvalidInput("calendar", "the calendar has no working time within ten years")

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end`` (zero when ``end`` is not after ``start``)."""
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        day = start.astimezone(self.timezone).date()
        last = end.astimezone(self.timezone).date()
        while day <= last:
            for opens, closes in self.windows_on(day):
                begin, finish = max(opens, start), min(closes, end)
                if finish > begin:
                    total += finish - begin
            day += timedelta(days=1)
        return total


def standard_calendar(timezone: str = "Asia/Shanghai") -> BusinessCalendar:
    """Monday to Saturday 08:30-17:30 (a 4S store's service department); no holidays known."""
    hours = ((time(8, 30), time(17, 30)),)
    return BusinessCalendar(ZoneInfo(timezone), dict.fromkeys(range(6), hours))


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """Business time allowed until the first reply to the customer and until resolution."""

    first_response: timedelta | None
    resolution: timedelta | None


@dataclass(slots=True)
class SlaClock:
    """The ticket's clock: started when it was opened, stopped while it waits."""

    started_at: datetime
    paused_since: datetime | None = None
    paused: timedelta = timedelta(0)
    """Business time spent waiting so far (not counted against the targets)."""

    def due(self, calendar: BusinessCalendar, target: timedelta | None) -> datetime | None:
        """When ``target`` is reached; None without a target or while the clock stands."""
        if target is None or self.paused_since is not None:
            return None
        return calendar.add(self.started_at, target + self.paused)

    def due_each(
        self, calendar: BusinessCalendar, targets: Sequence[timedelta]
    ) -> list[datetime] | None:
        """``due`` of several targets at once; None while the clock stands."""
        if self.paused_since is not None:
            return None
        return calendar.add_each(self.started_at, [target + self.paused for target in targets])

    def at_fraction(
        self, calendar: BusinessCalendar, target: timedelta, percent: int
    ) -> datetime | None:
        """When ``percent`` of ``target`` is used up (100: breach; more: past it)."""
        return self.due(calendar, target * percent / 100)

    def pause(self, now: datetime) -> None:
        if self.paused_since is None:
            self.paused_since = now

    def resume(self, calendar: BusinessCalendar, now: datetime) -> None:
        if self.paused_since is not None:
            self.paused += calendar.between(self.paused_since, now)
            self.paused_since = None

    def used(self, calendar: BusinessCalendar, now: datetime) -> timedelta:
        """Business time counted against the targets up to ``now``."""
        end = self.paused_since if self.paused_since is not None else now
        return calendar.between(self.started_at, end) - self.paused
