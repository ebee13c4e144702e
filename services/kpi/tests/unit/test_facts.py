from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from crm_common.contracts.events.leads.v1 import (
    LeadClaimed,
    LeadConverted,
    LeadGraded,
    LeadLost,
    LeadReleased,
    ReceptionRecorded,
)
from crm_common.contracts.events.leads.v2 import LeadConvertedV2, LeadGradedV2
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
    MonthFigures,
    activity_month_counts,
    business_day,
    day_figures,
    deal_month_figures,
    deal_outcome,
    lead_activity,
    lock_order,
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
# An upgrade as either version of LeadGraded says it (the second adds the follow-up's).
UPGRADE: dict[str, Any] = {
    "lead_id": LEAD,
    "dealer_id": "d",
    "at": AT,
    "owner_user": "ann",
    "previous_grade": "intent",
    "grade": "ready_to_buy",
    "upgrade": True,
    "next_follow_up_due": None,
}
# A conversion as either version of LeadConverted says it (the second adds the lead's origin).
CONVERSION: dict[str, Any] = {
    "lead_id": LEAD,
    "dealer_id": "d",
    "at": AT,
    "customer_id": LEAD,
    "owner_user": "ann",
    "owner_team": "t",
    "customer_name": "王伟",
    "phone": "+8613800138000",
    "source": "walk_in",
    "grade": "intent",
}


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
            LeadGraded(**UPGRADE),
            LeadActivity("upgraded", "ann", "ready_to_buy"),
        ),
        (
            LeadGradedV2(**UPGRADE, follow_up_id=LEAD, follow_up_kind="call"),
            LeadActivity("upgraded", "ann", "ready_to_buy", "call"),
        ),
        (
            ReceptionRecorded(
                lead_id=LEAD,
                dealer_id="d",
                at=AT,
                reception_id=LEAD,
                consultant="ann",
                visitors=1,
                source="walk_in",
                complete=False,
            ),
            LeadActivity("reception", "ann", "incomplete"),
        ),
        (
            LeadConvertedV2(**CONVERSION, vehicle_interest="SUV X", lead_origin="pool"),
            LeadActivity("converted", "ann", "complete"),
        ),
        (
            LeadConverted(**CONVERSION, vehicle_interest=" "),
            LeadActivity("converted", "ann", "incomplete"),
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


def outcome(
    kind: str, units: int = 0, revenue: int = 0, *, consultant: str | None = "c1", **more: Any
) -> DealOutcome:
    """A deal's outcome as a fact keeps it: its margin a tenth of its revenue, its list price
    the revenue unless said."""
    money = Decimal(revenue)
    return DealOutcome(
        kind, ORDER, consultant, more.get("team"), None, None, units, money, money / 10,
        more.get("msrp", money), False, False, None, None,
    )  # fmt: skip


def test_day_figures_sum_wins_losses_and_deliveries_per_book_dealer_and_day() -> None:
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


def test_month_figures_count_and_sum_every_fact_per_book_month_and_what_a_kpi_asks() -> None:
    def sold(kind: str, consultant: str | None, units: int = 0, revenue: int = 0) -> DealOutcome:
        return outcome(
            kind, units, revenue, consultant=consultant, team="team-a1", msrp=Decimal(revenue * 2)
        )

    book = ("oem", "dealer-a", "dealer-a")
    nov_1, nov_30, dec_1 = (
        (*book, date(2026, 11, 1)),
        (*book, date(2026, 11, 30)),
        (
            *book,
            date(2026, 12, 1),
        ),
    )
    nov = ("oem", "dealer-a", date(2026, 11, 1), "dealer-a", "team-a1")
    assert deal_month_figures(
        [
            (nov_1, sold("won", "c1", 1, 200000)),
            (nov_30, sold("won", "c1", 2, 300000)),
            (nov_30, sold("cancelled", "c1")),
            (nov_1, sold("won", None, 1, 100000)),
            (dec_1, sold("lost", "c1")),
        ]
    ) == {
        (*nov, "c1", "won"): MonthFigures(2, 3, Decimal(500000), Decimal(50000), Decimal(1000000)),
        (*nov, "c1", "cancelled"): MonthFigures(1),
        (*nov, None, "won"): MonthFigures(1, 1, Decimal(100000), Decimal(10000), Decimal(200000)),
        ("oem", "dealer-a", date(2026, 12, 1), "dealer-a", "team-a1", "c1", "lost"): MonthFigures(
            1
        ),
    }, "a cancellation counts as a fact (its figures are zero), as the facts would sum"

    claimed, visit = LeadActivity("claimed", "c1", None), LeadActivity("followed_up", "c1", "visit")
    released = LeadActivity("released", None, "no_follow_up")
    assert activity_month_counts(
        [(nov_1, claimed), (nov_30, claimed), (nov_30, visit), (dec_1, claimed), (nov_1, released)]
    ) == {
        ("oem", "dealer-a", date(2026, 11, 1), "dealer-a", "c1", "claimed", None): 2,
        ("oem", "dealer-a", date(2026, 11, 1), "dealer-a", "c1", "followed_up", "visit"): 1,
        ("oem", "dealer-a", date(2026, 11, 1), "dealer-a", None, "released", "no_follow_up"): 1,
        ("oem", "dealer-a", date(2026, 12, 1), "dealer-a", "c1", "claimed", None): 1,
    }


def test_keys_with_nulls_have_one_lock_order() -> None:
    keys = [
        ("t", "c2", None),
        ("t", None, "x"),
        ("t", "", "x"),
        ("t", "c1", "y"),
        ("t", None, None),
    ]
    ordered = sorted(keys, key=lock_order)
    assert ordered == sorted(reversed(keys), key=lock_order), "whatever order they came in"
    assert ordered == [("t", "", "x"), ("t", "c1", "y"), ("t", "c2", None), ("t", None, "x"),
                       ("t", None, None)], "nulls after values"  # fmt: skip
