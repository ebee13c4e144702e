"""Commission rules with worked examples (figures computed by hand in the comments)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_kpi.domain.commission import (
    MOST_VERSIONS,
    Credit,
    Deal,
    LineKind,
    PaidLine,
    PlanRules,
    PlanVersion,
    ReviewOutOfOrder,
    ReviewStep,
    Status,
    TooManyVersions,
    VersionOverlaps,
    cents,
    estimate,
    month_statements,
    next_version,
    review,
)

PLAN = UUID("00000000-0000-0000-0000-0000000000aa")
D = Decimal
RULES = PlanRules.model_validate(
    {
        "per_unit": {"M1": "1000", "M2": "1500"},
        "default_per_unit": "500",
        "gross_margin_percent": "5",
        "bands": [
            {"name": "below_80", "from_percent": "0", "multiplier": "0.8"},
            {"name": "on_target", "from_percent": "80", "multiplier": "1.0"},
            {
                "name": "above_100",
                "from_percent": "100",
                "from_exclusive": True,
                "multiplier": "1.3",
            },
        ],
        "no_target_multiplier": "0.9",
        "finance_bonus": "300",
        "insurance_bonus": "200",
        "origin_rates": {"self_sourced": "1.2", "pool": "0.9", "oem": "0.8"},
    }
)
V1 = PlanVersion(PLAN, 1, date(2026, 1, 1), None, RULES)


def deal(
    n: int,
    *,
    model: str | None = "M1",
    origin: str = "direct",
    margin: str = "10000",
    finance: bool = False,
    insurance: bool = False,
    day: date = date(2026, 11, 5),
    credit: tuple[Credit, ...] = (Credit("c1", "team-a1", D(100)),),
    units: int = 1,
) -> Deal:
    return Deal(
        f"order-{n}", f"opp-{n}", day, model, origin, units, D(margin), finance, insurance, credit
    )


def one(deals: list[Deal], targets: dict[str, int] | None = None, **kw: object):  # type: ignore[no-untyped-def]
    return month_statements(
        tenant="t",
        dealer_id="dealer-a",
        month="2026-11",
        deals=deals,
        versions=[V1],
        targets=targets or {},
        **kw,  # type: ignore[arg-type]
    )


def amounts(statement) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    return {f"{line.order_id}|{line.rule}": line.amount for line in statement.lines}


def test_per_unit_and_margin_on_target_band_cite_deal_and_rule() -> None:
    # Target 1, one unit won → 100 % attainment → on_target (x1.0): no accelerator line.
    # per_unit M1: 1000 x 1 unit x direct 1 = 1000.00; margin: 10000 x 5 % = 500.00.
    [s] = one([deal(1)], {"c1": 1})
    assert s.attainment_percent == D("100.00")
    assert amounts(s) == {
        "order-1|per_unit:M1": D("1000.00"),
        "order-1|gross_margin_percent": D("500.00"),
    }
    assert s.total == D("1500.00")
    for line in s.lines:
        assert (line.order_id, line.opportunity_id, line.plan_id, line.plan_version) == (
            "order-1",
            "opp-1",
            PLAN,
            1,
        )


def test_default_per_unit_for_a_model_not_listed() -> None:
    # No M9 in per_unit: the default 500 x 2 units = 1000.00; margin 0 earns nothing.
    [s] = one([deal(1, model="M9", margin="0", units=2)], {"c1": 2})
    assert amounts(s) == {"order-1|per_unit": D("1000.00")}


def test_accelerator_above_target_on_the_whole_base() -> None:
    # Target 1, two deals → 200 % → above_100 x1.3: each deal gets 0.3 x its base.
    # Deal 1: 1000 + 500 = 1500 → +450.00; deal 2 (M2, margin 2000): 1500 + 100 = 1600 → +480.00
    [s] = one([deal(1), deal(2, model="M2", margin="2000")], {"c1": 1})
    a = amounts(s)
    assert a["order-1|attainment:above_100"] == D("450.00")
    assert a["order-2|attainment:above_100"] == D("480.00")
    assert s.total == D("1500") + D("1600") + D("930.00")


def test_exactly_100_percent_is_not_above_100_and_below_80_decelerates() -> None:
    # 4 of 5 = 80 % → on_target; 3 of 5 = 60 % → below_80 x0.8: 1500 x -0.2 = -300.00
    [on] = one([deal(i) for i in range(4)], {"c1": 5})
    assert on.attainment_percent == D("80.00")
    assert not [x for x in on.lines if x.kind is LineKind.ACCELERATOR]
    [below] = one([deal(i) for i in range(3)], {"c1": 5})
    assert amounts(below)["order-0|attainment:below_80"] == D("-300.00")


def test_no_target_takes_the_no_target_band() -> None:
    # No target: x0.9 → 1500 x -0.1 = -150.00
    [s] = one([deal(1)])
    assert s.attainment_percent is None
    assert amounts(s)["order-1|attainment:no_target"] == D("-150.00")


def test_lead_origin_rates_scale_unit_and_margin_only() -> None:
    # pool x0.9: 1000 → 900.00, margin 500 → 450.00; finance bonus stays 300.00
    [s] = one([deal(1, origin="pool", finance=True)], {"c1": 1})
    assert amounts(s) == {
        "order-1|per_unit:M1": D("900.00"),
        "order-1|gross_margin_percent": D("450.00"),
        "order-1|finance_bonus": D("300.00"),
    }
    # self_sourced x1.2: 1200.00 + 600.00; insurance bonus 200.00
    [s] = one([deal(1, origin="self_sourced", insurance=True)], {"c1": 1})
    assert s.total == D("2000.00")


def test_split_credit_each_consultant_earns_their_share() -> None:
    # 60/40 split of one M1 unit, margin 10001, finance attached; targets 1 each.
    # c1: 1000 x 0.6 = 600.00; 10001 x 5 % x 0.6 = 300.03; bonus 300 x 0.6 = 180.00
    #     units 0.6 → 60 % → below_80: (600 + 300.03) x -0.2 = -180.006 → -180.01 (half up)
    # c2: 400.00; 10001 x 5 % x 0.4 = 200.02; 120.00; 0.4 unit → 40 %: 600.02 x -0.2 = -120.00
    split = (Credit("c1", "team-a1", D(60)), Credit("c2", "team-a2", D(40)))
    c1, c2 = one([deal(1, margin="10001", finance=True, credit=split)], {"c1": 1, "c2": 1})
    assert (c1.user_id, c1.units, c2.units) == ("c1", D("0.6"), D("0.4"))
    assert amounts(c1) == {
        "order-1|per_unit:M1": D("600.00"),
        "order-1|gross_margin_percent": D("300.03"),
        "order-1|attainment:below_80": D("-180.01"),
        "order-1|finance_bonus": D("180.00"),
    }
    assert amounts(c2)["order-1|gross_margin_percent"] == D("200.02")
    assert amounts(c2)["order-1|attainment:below_80"] == D("-120.00")
    assert c2.team == "team-a2"


def test_rounding_is_half_up_at_line_level() -> None:
    assert cents(D("0.005")) == D("0.01")
    assert cents(D("-0.005")) == D("-0.01")
    assert cents(D("2.344999")) == D("2.34")


def test_clawback_negates_each_paid_line_citing_its_statement() -> None:
    [paid] = one([deal(1, finance=True)], {"c1": 1})
    earlier = UUID(int=7)
    clawbacks = [PaidLine(earlier, "c1", "team-a1", line) for line in paid.lines]
    [s] = one([], clawbacks=clawbacks)
    assert s.total == -paid.total == D("-1800.00")
    assert {line.kind for line in s.lines} == {LineKind.CLAWBACK}
    assert all(line.clawback_of == earlier for line in s.lines)
    assert [line.rule for line in s.lines] == [line.rule for line in paid.lines]


def test_version_in_force_on_the_deals_day() -> None:
    # V2 from 2026-11-15 pays 2000 per M1 unit; a deal on the 14th still earns V1's 1000.
    v2, closed = next_version(
        [V1], PLAN, date(2026, 11, 15), RULES.model_copy(update={"per_unit": {"M1": D(2000)}})
    )
    assert closed is not None
    assert closed.effective_to == date(2026, 11, 14)
    statements = month_statements(
        tenant="t",
        dealer_id="d",
        month="2026-11",
        deals=[
            deal(1, day=date(2026, 11, 14), margin="0"),
            deal(2, day=date(2026, 11, 15), margin="0"),
        ],
        versions=[closed, v2],
        targets={"c1": 2},
    )
    lines = {(line.order_id, line.plan_version): line.amount for line in statements[0].lines}
    assert lines == {("order-1", 1): D("1000.00"), ("order-2", 2): D("2000.00")}
    with pytest.raises(VersionOverlaps):
        next_version([closed, v2], PLAN, date(2026, 11, 15), RULES)


def test_a_plan_keeps_a_bounded_number_of_versions() -> None:
    """A plan is answered and published with every version: the count is capped on input."""
    versions = [V1]
    while len(versions) < MOST_VERSIONS:
        latest = versions[-1]
        new, closed = next_version(
            versions, PLAN, date.fromordinal(latest.effective_from.toordinal() + 1), RULES
        )
        assert closed is not None
        versions = [*versions[:-1], closed, new]
    with pytest.raises(TooManyVersions):
        next_version(versions, PLAN, date(2099, 1, 1), RULES)


def test_deals_before_the_first_version_earn_nothing_but_count_for_attainment() -> None:
    early = deal(1, day=date(2025, 12, 31))
    [s] = one([early, deal(2)], {"c1": 2})
    assert s.units == 2
    assert {line.order_id for line in s.lines} == {"order-2"}


def test_plan_rules_are_validated() -> None:
    ascending = [
        {"name": f"b{n}", "from_percent": str(n * 5), "multiplier": "1"} for n in range(21)
    ]
    with pytest.raises(ValidationError, match="at most 20 items"):
        PlanRules.model_validate({"bands": ascending})
    assert len(PlanRules.model_validate({"bands": ascending[:20]}).bands) == 20
    with pytest.raises(ValidationError, match="first band starts at 0"):
        PlanRules.model_validate(
            {"bands": [{"name": "x", "from_percent": "10", "multiplier": "1"}]}
        )
    with pytest.raises(ValidationError, match="must ascend"):
        PlanRules.model_validate(
            {
                "bands": [
                    {"name": "a", "from_percent": "0", "multiplier": "1"},
                    {"name": "b", "from_percent": "90", "multiplier": "1"},
                    {"name": "c", "from_percent": "80", "multiplier": "1"},
                ]
            }
        )
    with pytest.raises(ValidationError, match="origin_rates"):
        PlanRules.model_validate({"origin_rates": {"walk_in": "1"}})


def test_estimate_for_an_open_quote_in_the_current_band() -> None:
    # 85 % attainment → on_target: M2 1500 + margin 8000 x 5 % = 400 + insurance 200 = 2100.00
    lines = estimate(
        V1,
        model_code="M2",
        gross_margin=D(8000),
        lead_origin="direct",
        finance_attached=False,
        insurance_attached=True,
        attainment_percent=D(85),
        today=date(2026, 11, 20),
    )
    assert sum(line.amount for line in lines) == D("2100.00")


def test_review_goes_consultant_manager_finance() -> None:
    assert review(Status.DRAFT, ReviewStep.ACKNOWLEDGE) is Status.ACKNOWLEDGED
    assert review(Status.ACKNOWLEDGED, ReviewStep.APPROVE) is Status.APPROVED
    assert review(Status.APPROVED, ReviewStep.ISSUE) is Status.ISSUED
    assert review(Status.DRAFT, ReviewStep.DISPUTE, "missing deal") is Status.DISPUTED
    assert review(Status.DISPUTED, ReviewStep.APPROVE) is Status.APPROVED
    for status, step in [
        (Status.DRAFT, ReviewStep.APPROVE),
        (Status.DRAFT, ReviewStep.ISSUE),
        (Status.ACKNOWLEDGED, ReviewStep.ISSUE),
        (Status.ISSUED, ReviewStep.ACKNOWLEDGE),
        (Status.APPROVED, ReviewStep.DISPUTE),
    ]:
        with pytest.raises(ReviewOutOfOrder):
            review(status, step, "note")
    with pytest.raises(InvalidInput) as raised:
        review(Status.DRAFT, ReviewStep.DISPUTE, "  ")
    assert raised.value.field == "note"


deals_strategy = st.lists(
    st.builds(
        deal,
        st.integers(0, 30),
        model=st.sampled_from(["M1", "M2", "M9", None]),
        origin=st.sampled_from(["self_sourced", "pool", "oem", "direct"]),
        margin=st.decimals(-5000, 50000, places=2).map(str),
        finance=st.booleans(),
        insurance=st.booleans(),
        credit=st.sampled_from(
            [
                (Credit("c1", "t", D(100)),),
                (Credit("c2", "t", D(100)),),
                (Credit("c1", "t", D("33.33")), Credit("c2", "t", D("66.67"))),
            ]
        ),
        units=st.integers(1, 3),
    ),
    max_size=25,
    unique_by=lambda d: d.order_id,
)


@given(deals_strategy, st.dictionaries(st.sampled_from(["c1", "c2"]), st.integers(1, 20)))
def test_recalculating_a_month_gives_identical_statements(
    deals: list[Deal], targets: dict[str, int]
) -> None:
    first = one(deals, targets)
    assert one(list(deals), dict(targets)) == first
    for statement in first:
        assert statement.total == sum((line.amount for line in statement.lines), D(0))
        assert all(line.amount == cents(line.amount) for line in statement.lines)
