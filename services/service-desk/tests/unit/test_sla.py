"""The SLA clock in business time: working hours, nights, weekends, holidays, make-up working
days and pauses, on a clock the test sets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_service_desk.domain.service_levels import DEFAULT_TARGETS, SlaPolicy, targets_for
from crm_service_desk.domain.sla import BusinessCalendar, SlaClock, SlaTargets
from crm_service_desk.domain.tickets import Priority
from crm_service_desk.entrypoints.http.schemas import Calendar as CalendarIn

SHANGHAI = ZoneInfo("Asia/Shanghai")
NINE_TO_SIX = ((time(9), time(18)),)
# Monday to Friday 09:00-18:00; 2026-10-01..07 National Day holidays; Saturday 2026-10-10 is
# a make-up working day (调休), 09:00-12:00.
CALENDAR = BusinessCalendar(
    SHANGHAI,
    dict.fromkeys(range(5), NINE_TO_SIX),
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    working_days={date(2026, 10, 10): ((time(9), time(12)),)},
)


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def test_within_one_working_day() -> None:
    # Monday 2026-11-02 10:00 + 4 h = 14:00 the same day.
    assert CALENDAR.add(local(2, 10), timedelta(hours=4)) == local(2, 14).astimezone(UTC)


def test_across_the_night() -> None:
    # Monday 16:00 + 4 h: 2 h on Monday, 2 h from Tuesday 09:00.
    assert CALENDAR.add(local(2, 16), timedelta(hours=4)) == local(3, 11)


def test_across_the_weekend() -> None:
    # Friday 2026-11-06 17:00 + 2 h: 1 h on Friday, 1 h on Monday 2026-11-09.
    assert CALENDAR.add(local(6, 17), timedelta(hours=2)) == local(9, 10)


def test_opened_at_night_starts_counting_next_morning() -> None:
    assert CALENDAR.add(local(2, 23), timedelta(hours=1)) == local(3, 10)
    assert CALENDAR.add(local(7, 11), timedelta(hours=1)) == local(9, 10)  # a Saturday


def test_holidays_are_skipped_and_make_up_days_count() -> None:
    # Wednesday 2026-09-30 17:00 + 5 h: 1 h on the 30th, the holidays (1st-7th, Thursday to
    # Wednesday) skipped, Thursday 8th 09:00-13:00.
    assert CALENDAR.add(local(30, 17, month=9), timedelta(hours=5)) == local(8, 13, month=10)
    # Friday 9th 17:00 + 3 h: 1 h Friday, the make-up Saturday 10th 09:00-11:00.
    assert CALENDAR.add(local(9, 17, month=10), timedelta(hours=3)) == local(10, 11, month=10)


def test_several_due_times_from_one_start_in_one_walk() -> None:
    """The ladder's steps at 75 %, 100 %, 150 %... of a target: each as ``add`` finds it, in
    the order asked, across nights, the National Day holidays and the make-up Saturday."""
    hours = [timedelta(hours=h) for h in (27, 0, 9, 40.5, 9, 13.5, 1)]
    for start in (local(30, 17, month=9), local(9, 23, month=10), local(2, 10)):
        expected = [CALENDAR.add(start, duration) for duration in hours]
        assert CALENDAR.add_each(start, hours) == expected
    assert CALENDAR.add_each(local(2, 10), []) == []
    assert CALENDAR.add_each(local(2, 23), [timedelta(0)]) == [local(3, 9)]


def test_between_counts_only_working_time() -> None:
    assert CALENDAR.between(local(6, 17), local(9, 10)) == timedelta(hours=2)
    assert CALENDAR.between(local(9, 10), local(6, 17)) == timedelta(0)
    assert CALENDAR.between(local(7, 0), local(8, 23)) == timedelta(0)


def test_a_pause_stops_the_clock_and_shifts_the_due_time() -> None:
    clock = SlaClock(started_at=local(2, 9))
    target = timedelta(hours=8)
    assert clock.due(CALENDAR, target) == local(2, 17)
    clock.pause(local(2, 11))  # waiting for the customer from Monday 11:00
    assert clock.due(CALENDAR, target) is None
    clock.resume(CALENDAR, local(3, 10))  # back Tuesday 10:00: 8 working hours stood
    assert clock.paused == timedelta(hours=8)
    assert clock.due(CALENDAR, target) == local(3, 16)
    assert clock.used(CALENDAR, local(3, 16)) == target


def test_used_time_while_paused_stays_where_it_stood() -> None:
    clock = SlaClock(started_at=local(2, 9))
    clock.pause(local(2, 12))
    assert clock.used(CALENDAR, local(4, 12)) == timedelta(hours=3)


def test_fraction_of_the_target() -> None:
    clock = SlaClock(started_at=local(2, 9))
    assert clock.at_fraction(CALENDAR, timedelta(hours=8), 75) == local(2, 15)
    # 16 working hours: Monday 09:00-18:00 and Tuesday 09:00-16:00.
    assert clock.at_fraction(CALENDAR, timedelta(hours=8), 200) == local(3, 16)


def test_a_calendar_without_working_time_is_refused_not_searched_for_ever() -> None:
    closed = BusinessCalendar(SHANGHAI, {})
    with pytest.raises(InvalidInput):
        closed.add(local(2, 9), timedelta(hours=1))


def test_a_window_must_open_before_it_closes() -> None:
    with pytest.raises(InvalidInput):
        BusinessCalendar(SHANGHAI, {0: ((time(18), time(9)),)})


def test_lunch_break_windows() -> None:
    split = BusinessCalendar(SHANGHAI, {0: ((time(13), time(17)), (time(8, 30), time(12)))})
    assert split.add(local(2, 11), timedelta(hours=2)) == local(2, 14)


CATEGORY, PARENT = UUID(int=1), UUID(int=2)


def policy(org: str, category: UUID | None, priority: Priority | None, minutes: int) -> SlaPolicy:
    return SlaPolicy(org, category, priority, minutes, minutes * 10)


def test_the_most_specific_policy_wins() -> None:
    policies = [
        policy("hq", None, None, 100),
        policy("hq", CATEGORY, Priority.HIGH, 5),
        policy("dealer", None, Priority.HIGH, 50),
        policy("dealer", PARENT, None, 40),
    ]
    chain = ["dealer", "region", "hq"]
    # The dealer's own rule wins over a more specific rule of HQ; within the dealer, the
    # parent category beats the priority-only rule.
    assert targets_for(
        policies, category_path=[CATEGORY, PARENT], priority=Priority.HIGH, org_chain=chain
    ) == SlaTargets(timedelta(minutes=40), timedelta(minutes=400))
    assert targets_for(
        policies, category_path=[], priority=Priority.HIGH, org_chain=chain
    ) == SlaTargets(timedelta(minutes=50), timedelta(minutes=500))
    assert targets_for(
        policies, category_path=[CATEGORY], priority=Priority.HIGH, org_chain=["other", "hq"]
    ) == SlaTargets(timedelta(minutes=5), timedelta(minutes=50))
    assert (
        targets_for([], category_path=[], priority=Priority.LOW, org_chain=chain)
        == DEFAULT_TARGETS[Priority.LOW]
    )


def test_a_policy_target_must_be_positive() -> None:
    with pytest.raises(InvalidInput) as error:
        SlaPolicy("dealer", None, None, 0, 10)
    assert error.value.field == "first_response_minutes"


def test_a_calendar_s_days_are_capped_where_they_are_written() -> None:
    """The calendar is answered as it was written: its days' windows and make-up days are
    bounded on the way in."""
    window = {"opens": "08:00", "closes": "09:00"}
    with pytest.raises(ValidationError, match="at most 10 items"):
        CalendarIn.model_validate({"weekly": {"0": [window] * 11}})
    many_days = {str(date(2026, 1, 1) + timedelta(days=n)): [window] for n in range(401)}
    with pytest.raises(ValidationError, match="at most 400 items"):
        CalendarIn.model_validate({"weekly": {}, "working_days": many_days})
    assert len(CalendarIn.model_validate({"weekly": {"0": [window] * 10}}).weekly["0"]) == 10
