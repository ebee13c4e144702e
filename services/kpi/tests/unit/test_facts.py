from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from crm_common.contracts.events.leads.v1 import LeadClaimed, LeadGraded, LeadLost, LeadReleased
from crm_kpi.domain.facts import LeadActivity, LeadEventData, business_day, lead_activity


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


AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
LEAD = UUID(int=1)
POOL = UUID(int=2)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            LeadClaimed(
                lead_id=LEAD,
                dealer_id="d",
                at=AT,
                pool_id=POOL,
                owner_user="bob",
                owner_team="t",
                previous_owner="ann",
            ),
            LeadActivity("claimed", "bob", None),
        ),
        (
            LeadReleased(
                lead_id=LEAD,
                dealer_id="d",
                at=AT,
                pool_id=POOL,
                previous_owner="ann",
                released_by="recycle-sweep",
                rule="no_follow_up",
                reason="r",
                protected_until=AT,
            ),
            LeadActivity("released", "ann", "no_follow_up"),
        ),
        (
            LeadGraded(
                lead_id=LEAD,
                dealer_id="d",
                at=AT,
                owner_user="ann",
                previous_grade="intent",
                grade="ready_to_buy",
                upgrade=True,
                next_follow_up_due=None,
            ),
            LeadActivity("upgraded", "ann", "ready_to_buy"),
        ),
        (
            LeadLost(
                lead_id=LEAD, dealer_id="d", at=AT, owner_user="ann", reason="r", approved_by="m"
            ),
            LeadActivity("lost", "ann", None),
        ),
    ],
)
def test_lead_events_count_for_the_consultant_they_concern(
    event: LeadEventData, expected: LeadActivity
) -> None:
    assert lead_activity(event) == expected
