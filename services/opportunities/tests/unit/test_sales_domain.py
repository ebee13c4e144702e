from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_opportunities.domain.discounts import Approver, DiscountPolicy, approver_level
from crm_opportunities.domain.opportunity import (
    LeadOrigin,
    Opportunity,
    OpportunityClosed,
    OpportunityStatus,
    StageGateNotMet,
    origin_of_lead,
)
from crm_opportunities.domain.order import Order, OrderConflict, OrderProcess, Step
from crm_opportunities.domain.pipeline import DEFAULT_PIPELINE, Pipeline, Stage
from crm_opportunities.domain.quote import LineKind, Quote, QuoteConflict, QuoteLine, QuoteStatus

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def opportunity() -> Opportunity:
    return Opportunity(
        id=uuid4(),
        tenant="t",
        owner_org="d",
        owner_user="c1",
        owner_team="d",
        lead_id=None,
        customer_id=None,
        customer_name="林青",
        phone=None,
        vehicle_interest=None,
        model_code=None,
        lead_origin=LeadOrigin.DIRECT,
        source=None,
        pipeline_id=uuid4(),
        stage="reception",
        probability=10,
        stage_entered_at=NOW,
        amount=Decimal(0),
        currency="CNY",
        expected_close_on=None,
        status=OpportunityStatus.OPEN,
        closed_at=None,
        lost_reason=None,
        competitor=None,
        competitor_model=None,
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_quote_stage_needs_a_test_drive_and_going_back_needs_nothing() -> None:
    o = opportunity()
    with pytest.raises(StageGateNotMet, match="test_drive"):
        o.move_to(DEFAULT_PIPELINE, "negotiation", [], "c1", NOW)
    o.move_to(DEFAULT_PIPELINE, "quote", ["test_drive"], "c1", NOW)
    o.move_to(DEFAULT_PIPELINE, "needs_analysis", [], "c1", NOW)
    assert [(c.from_stage, c.to_stage, c.probability) for c in o.changes] == [
        ("reception", "quote", 60),
        ("quote", "needs_analysis", 20),
    ]
    assert o.reached_stages == ["reception", "quote", "needs_analysis"], (
        "each stage once, in the order first reached: what the funnel counts"
    )
    o.move_to(DEFAULT_PIPELINE, "quote", ["test_drive"], "c1", NOW)
    assert o.reached_stages == ["reception", "quote", "needs_analysis"]


def test_winning_closes_and_a_won_deal_still_moves_on_to_delivery() -> None:
    o = opportunity()
    o.move_to(DEFAULT_PIPELINE, "negotiation", ["test_drive"], "c1", NOW)
    o.win(DEFAULT_PIPELINE, ["test_drive"], "c1", NOW)
    assert (o.status, o.stage, o.probability) == (OpportunityStatus.WON, "order", 100)
    o.advance_to(DEFAULT_PIPELINE, "delivery", [], "c1", NOW)
    assert o.stage == "delivery"
    with pytest.raises(OpportunityClosed):
        o.move_to(DEFAULT_PIPELINE, "quote", [], "c1", NOW)
    o.reopen_after_cancellation(DEFAULT_PIPELINE, "m1", NOW)
    assert (o.status, o.stage) == (OpportunityStatus.OPEN, "negotiation")


def test_a_loss_needs_a_reason() -> None:
    with pytest.raises(InvalidInput) as refused:
        opportunity().report_lost("  ", None, None, NOW)
    assert refused.value.field == "reason"


def test_pipelines_refuse_duplicate_codes_and_falling_probabilities() -> None:
    with pytest.raises(ValidationError, match="unique"):
        Pipeline(stages=(Stage(code="a", name="A", probability=1),) * 2)
    with pytest.raises(ValidationError, match="falls"):
        Pipeline(
            stages=(
                Stage(code="a", name="A", probability=50),
                Stage(code="b", name="B", probability=40),
            )
        )
    assert DEFAULT_PIPELINE.stale("quote", NOW, datetime(2026, 11, 13, 2, 1, tzinfo=UTC))
    kinds = tuple(f"kind{n}" for n in range(11))
    with pytest.raises(ValidationError, match="at most 10 items"):
        Stage(code="a", name="A", probability=1, required_activities=kinds)


def test_lead_origins() -> None:
    assert origin_of_lead("campaign_form") is LeadOrigin.OEM
    assert origin_of_lead("walk_in") is LeadOrigin.SELF_SOURCED
    assert origin_of_lead("import") is LeadOrigin.POOL


def line(kind: LineKind, list_price: str, price: str, cost: str = "0") -> QuoteLine:
    return QuoteLine(kind, "X", "x", Decimal(list_price), Decimal(price), Decimal(cost))


def test_discounts_go_to_the_level_that_may_grant_them() -> None:
    policy = DiscountPolicy()
    assert policy.approver_needed(Decimal("3.00")) is None
    assert policy.approver_needed(Decimal("3.01")) is Approver.SALES_MANAGER
    assert policy.approver_needed(Decimal("8.01")) is Approver.DEALER
    assert approver_level(frozenset({"quote.approve"})) is Approver.SALES_MANAGER
    assert approver_level(frozenset({"quote.approve", "quote.approve.dealer"})) is Approver.DEALER
    with pytest.raises(ValidationError):
        DiscountPolicy(consultant_percent=Decimal(9), manager_percent=Decimal(8))


def test_a_quote_s_totals_and_its_approval() -> None:
    q = Quote(
        id=uuid4(),
        tenant="t",
        owner_org="d",
        opportunity_id=uuid4(),
        version=1,
        lines=[
            line(LineKind.VEHICLE, "200000", "190000", "185000"),
            line(LineKind.TRADE_IN_CREDIT, "0", "-30000"),
        ],
        extra_discount=Decimal(0),
        status=QuoteStatus.DRAFT,
        approver_needed=None,
        decided_by=None,
        created_by="c1",
        created_at=NOW,
    )
    # 10,000 off a 200,000 car is 5 %; the trade-in credit is not a discount.
    assert (q.total, q.discount_percent, q.gross_margin) == (
        Decimal(160000),
        Decimal("5.00"),
        Decimal(-25000),
    )
    assert q.issue(DiscountPolicy(), NOW) is Approver.SALES_MANAGER
    with pytest.raises(QuoteConflict, match="sales_manager"):
        q.decide(True, None, "c1", NOW)
    q.decide(True, Approver.SALES_MANAGER, "m1", NOW)
    q.accept(uuid4(), NOW)
    with pytest.raises(QuoteConflict):
        q.accept(uuid4(), NOW)


def test_orders_follow_their_process_and_are_cancelled_only_before_delivery() -> None:
    order = Order(
        id=uuid4(),
        tenant="t",
        owner_org="d",
        opportunity_id=uuid4(),
        quote_id=uuid4(),
        owner_user="c1",
        process=OrderProcess.PAYMENT_FIRST,
        total=Decimal(100),
        steps_done=[],
        deposit=Decimal(0),
    )
    with pytest.raises(OrderConflict, match="paid"):
        order.complete(Step.ORDERED, amount=None, vin=None, on=date(2026, 11, 2))
    order.complete(Step.PAID, amount=None, vin=None, on=date(2026, 11, 2))
    order.complete(Step.ORDERED, amount=None, vin=None, on=date(2026, 11, 2))
    with pytest.raises(InvalidInput):
        order.complete(Step.DELIVERED, amount=None, vin="SHORT", on=date(2026, 11, 2))
    order.complete(Step.DELIVERED, amount=None, vin="lsvau2180n2183294", on=date(2026, 11, 5))
    assert (order.vin, order.next_step) == ("LSVAU2180N2183294", None)
    with pytest.raises(OrderConflict, match="returned"):
        order.cancel("changed mind", NOW)
