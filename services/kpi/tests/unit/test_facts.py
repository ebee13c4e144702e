from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from crm_common.contracts.events.leads.v1 import LeadClaimed, LeadGraded, LeadLost, LeadReleased
from crm_common.contracts.events.opportunities.v1 import (
    CreditShare,
    DealLost,
    DealWon,
    OrderCancelled,
)
from crm_kpi.domain.facts import (
    DayFigures,
    DealOutcome,
    LeadActivity,
    LeadEventData,
    business_day,
    day_figures,
    deal_outcome,
    lead_activity,
)


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


OPPORTUNITY = UUID(int=10)
ORDER = UUID(int=11)


def test_a_won_deal_carries_its_units_and_money_and_a_cancellation_only_names_its_order() -> None:
    won = deal_outcome(
        DealWon(
            opportunity_id=OPPORTUNITY,
            dealer_id="dealer-a",
            at=AT,
            order_id=ORDER,
            lead_id=LEAD,
            customer_id=None,
            owner_user="c1",
            owner_team="team-a1",
            credit=[CreditShare(user_id="c1", team="team-a1", share_percent=Decimal(100))],
            lead_origin="pool",
            model_code="SUV-X",
            trim_code="LUX",
            units=1,
            revenue=Decimal("215000.00"),
            gross_margin=Decimal("12500.00"),
            msrp=Decimal("229900.00"),
            finance_attached=True,
            insurance_attached=False,
        )
    )
    assert (won.outcome, won.order_id, won.units, won.revenue, won.gross_margin) == (
        "won",
        ORDER,
        1,
        Decimal("215000.00"),
        Decimal("12500.00"),
    )
    assert (won.lead_origin, won.finance_attached, won.insurance_attached) == ("pool", True, False)
    cancelled = deal_outcome(
        OrderCancelled(
            order_id=ORDER,
            opportunity_id=OPPORTUNITY,
            dealer_id="dealer-a",
            at=AT,
            owner_user="c1",
            reason="customer changed mind",
            cancelled_by="m1",
            deposit_to_refund=Decimal("5000"),
        )
    )
    assert (cancelled.outcome, cancelled.order_id, cancelled.units, cancelled.revenue) == (
        "cancelled",
        ORDER,
        0,
        Decimal(0),
    )


def test_a_lost_deal_keeps_its_reason_and_competitor() -> None:
    lost = deal_outcome(
        DealLost(
            opportunity_id=OPPORTUNITY,
            dealer_id="dealer-a",
            at=AT,
            lead_id=None,
            customer_id=None,
            owner_user="c1",
            owner_team="team-a1",
            stage="negotiation",
            reason="price",
            competitor="Brand B",
            competitor_model="B5",
        )
    )
    assert (lost.outcome, lost.units, lost.reason, lost.competitor) == (
        "lost",
        0,
        "price",
        "Brand B",
    )


def test_day_figures_sum_wins_losses_and_deliveries_per_book_dealer_and_day() -> None:
    def outcome(kind: str, units: int = 0, revenue: int = 0) -> DealOutcome:
        money = Decimal(revenue)
        return DealOutcome(
            kind, ORDER, "c1", None, None, None, units, money, money / 10, money,
            False, False, None, None,
        )  # fmt: skip

    day, next_day = date(2026, 11, 23), date(2026, 11, 24)
    a_day = ("oem", "dealer-a", "dealer-a", day)
    team_day = ("oem", "team-a1", "dealer-a", day)
    figures = day_figures(
        [
            (a_day, outcome("won", 1, 200000)),
            (a_day, outcome("won", 2, 300000)),
            (a_day, outcome("lost")),
            (a_day, outcome("cancelled")),
            (team_day, outcome("delivered", 1)),
            (("oem", "dealer-a", "dealer-a", next_day), outcome("cancelled")),
        ]
    )
    assert figures == {
        a_day: DayFigures(3, Decimal(500000), Decimal(50000), lost=1),
        team_day: DayFigures(delivered=1),
    }, "a cancellation takes back its win at read time, not here"
