"""The arithmetic of the sales views: periods, buckets, staleness, funnel order and
conversion, win rate, rankings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_common.errors import InvalidInput
from crm_opportunities.domain.periods import (
    Granularity,
    ReportPeriod,
    StageConversion,
    conversions,
    is_stale,
    merge_stage_orders,
    ranked,
    whole_days,
    win_rate,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_period_ends_on_or_after_its_first_day() -> None:
    with pytest.raises(InvalidInput) as error:
        ReportPeriod.of(date(2026, 10, 2), date(2026, 10, 1))
    assert error.value.field == "to"
    assert error.value.location == "query"
    assert ReportPeriod.of(date(2026, 10, 1), date(2026, 10, 1)).last_day == date(2026, 10, 1)


def test_a_period_covers_at_most_a_year() -> None:
    assert ReportPeriod.of(date(2024, 1, 1), date(2024, 12, 31))  # a leap year: 366 days
    assert ReportPeriod.of(date(2025, 3, 1), date(2026, 3, 1))  # 366 days
    with pytest.raises(InvalidInput) as error:
        ReportPeriod.of(date(2025, 3, 1), date(2026, 3, 2))
    assert error.value.field == "to"


def test_a_period_runs_from_midnight_to_midnight_in_the_business_time_zone() -> None:
    start, end = ReportPeriod.of(date(2026, 10, 1), date(2026, 10, 31)).instants(SHANGHAI)
    assert start == datetime(2026, 9, 30, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)


def test_months_touched_by_a_period_start_on_the_first() -> None:
    period = ReportPeriod.of(date(2026, 11, 15), date(2027, 2, 1))
    assert period.buckets(Granularity.MONTH) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_weeks_touched_by_a_period_start_on_monday() -> None:
    # 2026-11-01 is a Sunday: its week began on Monday 2026-10-26.
    period = ReportPeriod.of(date(2026, 11, 1), date(2026, 11, 16))
    assert period.buckets(Granularity.WEEK) == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]


def test_days_count_only_when_whole() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert whole_days(now - timedelta(days=7, hours=23), now) == 7
    assert whole_days(now - timedelta(days=8), now) == 8
    assert whole_days(now + timedelta(minutes=5), now) == 0


def test_an_opportunity_rots_once_its_days_in_stage_exceed_the_stage_s_days_to_rot() -> None:
    assert not is_stale(7, 7)
    assert is_stale(8, 7)
    assert not is_stale(400, None)


def test_stage_orders_of_several_pipelines_keep_each_pipeline_s_order() -> None:
    dealer_a = ["reception", "test_drive", "quote", "order"]
    dealer_b = ["reception", "needs_analysis", "test_drive", "quote", "negotiation", "order"]
    assert merge_stage_orders([dealer_a, dealer_b]) == [
        "reception",
        "needs_analysis",
        "test_drive",
        "quote",
        "negotiation",
        "order",
    ]


def test_where_pipelines_disagree_the_first_seen_order_wins() -> None:
    assert merge_stage_orders([["quote", "test_drive"], ["test_drive", "quote"]]) == [
        "quote",
        "test_drive",
    ]


def test_conversion_counts_only_those_that_reached_both_stages() -> None:
    order = ["reception", "test_drive", "quote"]
    reached = {
        frozenset({"reception"}): 5,
        frozenset({"reception", "test_drive"}): 3,
        frozenset({"reception", "test_drive", "quote"}): 1,
        # Skipped the test drive: counts for reaching the quote, not for test-drive conversion.
        frozenset({"reception", "quote"}): 1,
    }
    assert conversions(order, reached) == [
        StageConversion("reception", reached=10, converted=4),
        StageConversion("test_drive", reached=4, converted=1),
        StageConversion("quote", reached=2, converted=None),
    ]
    assert [c.rate for c in conversions(order, reached)] == [0.4, 0.25, None]


def test_a_stage_nobody_reached_has_no_conversion_rate() -> None:
    assert conversions(["reception", "quote"], {}) == [
        StageConversion("reception", reached=0, converted=0),
        StageConversion("quote", reached=0, converted=None),
    ]
    assert conversions(["reception", "quote"], {})[0].rate is None


def test_win_rate_is_won_among_the_decided() -> None:
    assert win_rate(1, 2) == 0.3333
    assert win_rate(0, 0) is None


def test_rankings_put_the_most_frequent_first_then_by_name_and_unnamed_last() -> None:
    assert ranked({"price": 2, None: 2, "brand": 2, "delivery time": 5}) == [
        ("delivery time", 5),
        ("brand", 2),
        ("price", 2),
        (None, 2),
    ]


def test_periods_outside_what_a_timestamp_holds_name_the_field() -> None:
    with pytest.raises(InvalidInput) as early:
        ReportPeriod.of(date(1, 1, 1), date(1, 1, 1))
    assert early.value.field == "from"
    with pytest.raises(InvalidInput) as late:
        ReportPeriod.of(date(9999, 12, 1), date(9999, 12, 31))
    assert late.value.field == "to"
