"""Predefined KPIs that answered 409 for want of facts (issue 22 item 12), through the kpi HTTP
API on real PostgreSQL: grade upgrades won through callbacks (LeadGraded version 2 names the
follow-up that raised the grade), reception-form completion (ReceptionRecorded) and the sales
expense a dealer enters, the new-customer rate (a win's buyer and their first purchase) and
existing-customer retention (buyers back to buy again or for service)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from crm_common.contracts import new_event
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import LeadGraded, ReceptionRecorded
from crm_common.contracts.events.leads.v2 import LeadGradedV2
from crm_common.contracts.events.opportunities.v1 import CreditShare, DealWon, OrderCancelled
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.services import reset_tenant
from crm_kpi.application.projections import record_deal_outcomes, record_lead_activity
from crm_kpi.application.service_projections import record_ticket_facts

from .conftest import ORG, PEOPLE, TENANT, AsUser, Sessions

pytestmark = pytest.mark.integration
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
AT = datetime(2026, 11, 10, 4, 0, tzinfo=UTC)


def event(data: EventData) -> Any:
    return new_event(data, tenant=TENANT, owner_org="dealer-a", actor="c1")


def graded(consultant: str, *, upgrade: bool, by: str | None, version: int = 2) -> Any:
    common: dict[str, Any] = {
        "lead_id": uuid4(),
        "dealer_id": "dealer-a",
        "at": AT,
        "owner_user": consultant,
        "previous_grade": "intent",
        "grade": "ready_to_buy" if upgrade else "potential",
        "upgrade": upgrade,
        "next_follow_up_due": None,
    }
    if version == 1:
        return event(LeadGraded(**common))
    return event(LeadGradedV2(**common, follow_up_id=uuid4() if by else None, follow_up_kind=by))


def reception(consultant: str, *, complete: bool) -> Any:
    return event(
        ReceptionRecorded(
            lead_id=uuid4(),
            dealer_id="dealer-a",
            at=AT,
            reception_id=uuid4(),
            consultant=consultant,
            visitors=2,
            source="walk_in",
            complete=complete,
        )
    )


@pytest.fixture
async def facts(kpi_database: str) -> AsyncIterator[Sessions]:
    """c1: two upgrades by calls, one by a visit, one downgrade by a call, one upgrade from
    before version 2 (no follow-up known); three reception forms, two complete. c2: one
    upgrade by a call, one incomplete form."""
    engine = create_engine(Settings(env="test", database_url=kpi_database))
    sessions = create_session_factory(engine)
    await reset_tenant(sessions, TENANT, ORG, ("lead_activity_facts", "lead_activity_months"))
    events = [
        graded("c1", upgrade=True, by="call"),
        graded("c1", upgrade=True, by="call"),
        graded("c1", upgrade=True, by="visit"),
        graded("c1", upgrade=False, by="call"),
        graded("c1", upgrade=True, by=None, version=1),
        graded("c2", upgrade=True, by="call"),
        reception("c1", complete=True),
        reception("c1", complete=True),
        reception("c1", complete=False),
        reception("c2", complete=False),
    ]
    async with UnitOfWork(sessions) as uow:
        await record_lead_activity(uow, events, "Asia/Shanghai")
        # Redelivered: counted once.
        await record_lead_activity(uow, events[:1], "Asia/Shanghai")
    try:
        yield sessions
    finally:
        await engine.dispose()


def rows(answer: Any) -> list[tuple[str, str | None, str | None]]:
    assert answer.status_code == 200, answer.text
    return [(r["period_start"], r["group"], r["value"]) for r in answer.json()["rows"]]


async def test_upgrades_won_through_callbacks_and_reception_form_completion(
    facts: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.manager) as manager:
        upgrades = await manager.get("/kpi/values/callback_upgrades", params=NOVEMBER)
        assert rows(upgrades) == [("2026-11-01", "c1", "2"), ("2026-11-01", "c2", "1")]
        forms = await manager.get("/kpi/values/reception_form_completion", params=NOVEMBER)
        assert rows(forms) == [("2026-11-01", "c1", "0.6667"), ("2026-11-01", "c2", "0.0000")]
        weekly = await manager.get(
            "/kpi/values/callback_upgrades", params=NOVEMBER | {"period": "week"}
        )
        assert rows(weekly) == [("2026-11-09", "c1", "2"), ("2026-11-09", "c2", "1")]
    async with as_user(PEOPLE.consultant1) as own:
        mine = await own.get("/kpi/values/callback_upgrades", params=NOVEMBER)
        assert rows(mine) == [("2026-11-01", "c1", "2")], "a consultant counts their own"


async def test_sales_expenses_entered_by_a_dealer_are_its_sales_expense_kpi(
    sessions: Sessions, as_user: AsUser
) -> None:
    """Entered by who plans the book's sales, seen by the dealer, not by another dealer."""
    await reset_tenant(sessions, TENANT, ORG, ("sales_expenses",))
    async with as_user(PEOPLE.manager) as manager:
        for day, amount, consultant in (
            ("2026-11-03", "12800.00", None),
            ("2026-11-20", "1200.50", "c1"),
            ("2026-12-01", "999.00", None),
        ):
            body = {"day": day, "category": "advertising", "amount": amount}
            if consultant:
                body |= {"category": "gifts", "consultant": consultant}
            entered = await manager.post("/kpi/expenses", json=body)
            assert entered.status_code == 201, entered.text
        refused = await manager.post(
            "/kpi/expenses",
            json={"day": "2026-11-03", "category": "gifts", "amount": "1", "consultant": "bc"},
        )
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "consultant"]
        expense = await manager.get("/kpi/values/sales_expense", params=NOVEMBER)
        assert rows(expense) == [("2026-11-01", "dealer-a", "14000.50")]
        gifts = await manager.get("/kpi/expenses", params=NOVEMBER)
        assert [(e["day"], e["amount"]) for e in gifts.json()] == [
            ("2026-11-20", "1200.50"),
            ("2026-11-03", "12800.00"),
        ]
    async with as_user(PEOPLE.other_dealer_manager) as other:
        assert (await other.get("/kpi/expenses", params=NOVEMBER)).json() == []
        assert rows(await other.get("/kpi/values/sales_expense", params=NOVEMBER)) == []
    async with as_user(PEOPLE.consultant1) as consultant:
        refused = await consultant.post(
            "/kpi/expenses", json={"day": "2026-11-03", "category": "other", "amount": "1"}
        )
        assert refused.status_code == 403


def won(customer: Any, at: datetime, dealer: str = "dealer-a") -> Any:
    return new_event(
        DealWon(
            opportunity_id=uuid4(),
            dealer_id=dealer,
            at=at,
            order_id=uuid4(),
            lead_id=None,
            customer_id=customer,
            owner_user="c1",
            owner_team="team-a1",
            credit=[CreditShare(user_id="c1", team="team-a1", share_percent=Decimal(100))],
            lead_origin="pool",
            model_code="M1",
            trim_code=None,
            units=1,
            revenue=Decimal(100000),
            gross_margin=Decimal(1000),
            msrp=Decimal(110000),
            finance_attached=False,
            insurance_attached=False,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor="c1",
    ).model_copy(update={"occurred_at": at})


async def test_the_new_customer_rate_counts_first_purchases_whatever_order_wins_arrive_in(
    sessions: Sessions, as_user: AsUser
) -> None:
    """Buyer A bought in October and again in November; B and C first in November; a win
    without a known buyer is no one's first. A's November win is projected before its
    October one (another partition, a replay): both end right."""
    await reset_tenant(sessions, TENANT, ORG, ("deal_facts", "deal_day_figures", "deal_months"))
    a, b, c = uuid4(), uuid4(), uuid4()
    october, november = datetime(2026, 10, 5, 4, tzinfo=UTC), datetime(2026, 11, 5, 4, tzinfo=UTC)
    async with UnitOfWork(sessions) as uow:
        await record_deal_outcomes(uow, [won(a, november), won(b, november)], "Asia/Shanghai")
    async with UnitOfWork(sessions) as uow:
        await record_deal_outcomes(
            uow, [won(a, october), won(c, november), won(None, november)], "Asia/Shanghai"
        )
    async with as_user(PEOPLE.manager) as manager:
        rate = await manager.get(
            "/kpi/values/new_customer_rate", params={"from": "2026-10-01", "to": "2026-11-30"}
        )
        assert rows(rate) == [
            ("2026-10-01", "dealer-a", "1.0000"),
            ("2026-11-01", "dealer-a", "0.5000"),
        ]


async def test_existing_customer_retention_counts_buyers_from_before_who_bought_again(
    sessions: Sessions, as_user: AsUser
) -> None:
    """A, B and D bought before November (D's order then cancelled: no purchase), C first in
    November; A bought again in November, B did not: of the two buyers from before November
    one came back. In October nobody was a buyer from before: no rate, not a made-up 0."""
    await reset_tenant(sessions, TENANT, ORG, ("deal_facts", "deal_day_figures", "deal_months"))
    a, b, c, d = uuid4(), uuid4(), uuid4(), uuid4()
    october, november = datetime(2026, 10, 5, 4, tzinfo=UTC), datetime(2026, 11, 5, 4, tzinfo=UTC)
    d_won = won(d, october)
    cancelled = new_event(
        OrderCancelled(
            order_id=d_won.data.order_id,
            opportunity_id=d_won.data.opportunity_id,
            dealer_id="dealer-a",
            at=october,
            owner_user="c1",
            reason="changed their mind",
            cancelled_by="m1",
            deposit_to_refund=Decimal(0),
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="m1",
    )
    async with UnitOfWork(sessions) as uow:
        earlier = [won(a, october), won(b, october), d_won, cancelled]
        await record_deal_outcomes(
            uow, [*earlier, won(a, november), won(c, november)], "Asia/Shanghai"
        )
    async with as_user(PEOPLE.manager) as manager:
        retention = await manager.get(
            "/kpi/values/customer_retention",
            params={"from": "2026-10-01", "to": "2026-11-30", "period": "month"},
        )
        assert retention.status_code == 200, retention.text
        assert rows(retention) == [("2026-11-01", "dealer-a", "0.5000")]
        [november_value] = retention.json()["rows"]
        assert (november_value["numerator"], november_value["denominator"]) == ("1", "2")
        in_all = await manager.get(
            "/kpi/values/customer_retention", params={**NOVEMBER, "group_by": "none"}
        )
        assert rows(in_all) == [("2026-11-01", None, "0.5000")]
        per_consultant = await manager.get(
            "/kpi/values/customer_retention", params={**NOVEMBER, "group_by": "consultant"}
        )
        assert per_consultant.status_code == 422


def ticket_opened(customer: Any, at: datetime, kind: str, dealer: str = "dealer-a") -> Any:
    return new_event(
        TicketOpenedV2(
            ticket_id=uuid4(),
            number="SD-000001",
            dealer_id=dealer,
            kind=kind,
            at=at,
            channel="walk_in",
            category=None,
            priority="normal",
            customer_id=customer,
            vin=None,
            owner_user="s1",
            opened_by="s1",
            resolve_due_at=None,
            survey_response_id=None,
            call_id=None,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor="s1",
    )


async def test_an_existing_customer_back_for_service_counts_as_retained(
    sessions: Sessions, as_user: AsUser
) -> None:
    """A, B, C and D bought at dealer-a in October. In November A came for service there
    (a service request opened for them), B only complained, C came for service at dealer-b,
    D bought again and came for service (counted once); a service request for nobody known
    counts for no one. Dealer-a kept A and D of four; in all, C too."""
    await reset_tenant(
        sessions, TENANT, ORG, ("deal_facts", "deal_day_figures", "deal_months", "ticket_facts")
    )
    a, b, c, d = uuid4(), uuid4(), uuid4(), uuid4()
    october, november = datetime(2026, 10, 5, 4, tzinfo=UTC), datetime(2026, 11, 5, 4, tzinfo=UTC)
    async with UnitOfWork(sessions) as uow:
        await record_deal_outcomes(
            uow, [*(won(x, october) for x in (a, b, c, d)), won(d, november)], "Asia/Shanghai"
        )
        await record_ticket_facts(
            uow,
            [
                ticket_opened(a, november, "service_request"),
                ticket_opened(b, november, "complaint"),
                ticket_opened(c, november, "service_request", dealer="dealer-b"),
                ticket_opened(d, november, "service_request"),
                ticket_opened(None, november, "service_request"),
                # Before the period: not a visit within it.
                ticket_opened(b, october, "service_request"),
            ],
            "Asia/Shanghai",
        )
    async with as_user(PEOPLE.manager) as manager:
        per_dealer = await manager.get("/kpi/values/customer_retention", params=NOVEMBER)
        assert per_dealer.status_code == 200, per_dealer.text
        [value] = per_dealer.json()["rows"]
        assert (value["group"], value["numerator"], value["denominator"]) == ("dealer-a", "2", "4")
    async with as_user(PEOPLE.hq_analyst) as analyst:
        in_all = await analyst.get(
            "/kpi/values/customer_retention", params={**NOVEMBER, "group_by": "none"}
        )
        [value] = in_all.json()["rows"]
        assert (value["numerator"], value["denominator"]) == ("3", "4")
