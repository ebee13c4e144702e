"""The arithmetic of call statistics: rates and service level over the offered calls, averages
over the calls they apply to, nothing to divide by → None; staffed time split by hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from crm_call_center.domain.statistics import (
    CallTotals,
    StaffedSpan,
    call_stats,
    occupancy,
    staffed_by_hour,
)


def totals(**values: int) -> CallTotals:
    base = dict.fromkeys(CallTotals.__dataclass_fields__, 0)
    return CallTotals(**{**base, **values})


def test_rates_and_service_level_are_shares_of_the_offered_calls() -> None:
    stats = call_stats(
        totals(offered=8, answered=6, abandoned=2, answered_in_time=5, answered_wait_seconds=57)
    )
    assert (stats.answer_rate, stats.abandon_rate, stats.service_level) == (75.0, 25.0, 62.5)
    assert stats.average_speed_of_answer == 9.5


def test_handle_time_is_per_call_handled_inbound_or_outbound() -> None:
    stats = call_stats(totals(offered=1, answered=1, handled=3, handle_seconds=400, outbound=4))
    assert stats.average_handle_seconds == 133.3
    assert stats.outbound == 4


def test_nothing_offered_or_handled_gives_no_figure_rather_than_zero() -> None:
    stats = call_stats(totals(outbound=2))
    assert stats.answer_rate is None
    assert stats.service_level is None
    assert stats.average_speed_of_answer is None
    assert stats.average_handle_seconds is None


def test_staffed_time_is_split_at_each_hour_where_the_business_runs() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    nine = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    spans = [
        StaffedSpan("a", nine + timedelta(minutes=30), nine + timedelta(hours=2, minutes=15)),
        StaffedSpan("b", nine, nine + timedelta(minutes=10)),
        StaffedSpan("a", nine + timedelta(hours=3), nine + timedelta(hours=3)),
    ]
    assert staffed_by_hour(spans, shanghai) == {
        ("a", 9): 1800,
        ("a", 10): 3600,
        ("a", 11): 900,
        ("b", 9): 600,
    }


def test_occupancy_is_at_most_full_and_none_when_nobody_was_staffed() -> None:
    assert occupancy(90, 300) == 30.0
    assert occupancy(400, 300) == 100.0
    assert occupancy(90, 0) is None
