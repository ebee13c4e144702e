from datetime import UTC, date, datetime

import pytest

from crm_kpi.domain.facts import business_day


def test_a_lead_at_night_utc_counts_for_the_next_day_in_shanghai() -> None:
    assert business_day(datetime(2026, 11, 23, 16, 30, tzinfo=UTC), "Asia/Shanghai") == date(
        2026, 11, 24
    )
    assert business_day(datetime(2026, 11, 23, 15, 59, tzinfo=UTC), "Asia/Shanghai") == date(
        2026, 11, 23
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        business_day(datetime(2026, 11, 23, 12, 0), "Asia/Shanghai")
