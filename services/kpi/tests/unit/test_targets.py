from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm_common.errors import InvalidInput
from crm_kpi.domain.targets import (
    Allocation,
    Measure,
    OrgNode,
    Position,
    Target,
    allocation,
    attainment,
    cascade_line,
    check_targets,
    execution_by_day,
    product_lines,
    run_rate_forecast,
    split_into_days,
    target,
)

D = Decimal


def test_a_target_is_a_month_and_an_amount_of_at_least_zero() -> None:
    t = target(org_node="east", month="2026-11", measure=Measure.REVENUE, amount=D("10.5"))
    assert (t.amount, t.product_line, t.user_id) == (D("10.50"), "*", None)
    with pytest.raises(InvalidInput, match="negative"):
        target(org_node="east", month="2026-11", measure=Measure.UNITS, amount=D(-1))
    with pytest.raises(InvalidInput, match="whole units"):
        target(org_node="east", month="2026-11", measure=Measure.UNITS, amount=D("1.5"))
    with pytest.raises(InvalidInput, match="cents"):
        target(org_node="east", month="2026-11", measure=Measure.REVENUE, amount=D("1.005"))
    with pytest.raises(InvalidInput, match="YYYY-MM"):
        target(org_node="east", month="2026-13", measure=Measure.UNITS, amount=D(1))


def test_allocation_shows_what_is_left_or_over_allocated() -> None:
    assert allocation(D(100), [D(30), D(50)]) == Allocation(D(80), D(20))
    assert allocation(D(100), [D(60), D(50)]).unallocated == D(-10)
    assert allocation(D(100), []) == Allocation(D(0), D(100))


def test_even_split_adds_up_to_the_amount_with_the_remainder_on_the_last_day() -> None:
    days = split_into_days(D("1000.00"), "2026-11", Measure.REVENUE)
    assert len(days) == 30
    assert days[0] == (date(2026, 11, 1), D("33.33"))
    assert {part for _, part in days[:-1]} == {D("33.33")}
    assert days[-1] == (date(2026, 11, 30), D("33.43"))
    assert sum(part for _, part in days) == D("1000.00")


def test_units_split_in_whole_units_spread_over_the_month() -> None:
    days = split_into_days(D(8), "2026-02", Measure.UNITS)
    parts = [part for _, part in days]
    assert len(parts) == 28
    assert all(part == part.to_integral_value() for part in parts)
    assert sum(parts) == 8
    assert max(parts) == 1  # not all eight on the last day


def test_weekday_weights_put_the_month_on_the_busy_days() -> None:
    # November 2026 starts on a Sunday; weekends weigh 2, Mondays nothing (closed).
    weights = [D(0), D(1), D(1), D(1), D(1), D(2), D(2)]
    days = dict(split_into_days(D("3400.00"), "2026-11", Measure.COLLECTIONS, weights))
    assert days[date(2026, 11, 2)] == 0  # a Monday
    assert days[date(2026, 11, 7)] == 2 * days[date(2026, 11, 4)]  # Saturday, Wednesday
    assert sum(days.values()) == D("3400.00")
    with pytest.raises(InvalidInput, match="seven"):
        split_into_days(D(1), "2026-11", Measure.UNITS, [D(1)] * 6)
    with pytest.raises(InvalidInput, match="weighs 0"):
        split_into_days(D(1), "2026-11", Measure.UNITS, [D(0)] * 7)


def test_attainment_is_actual_over_target_none_without_a_target() -> None:
    assert attainment(D(3), D(4)) == D("75.00")
    assert attainment(D(3), D(0)) is None
    assert attainment(D(3), None) is None


def test_run_rate_forecast_projects_the_pace_to_the_month_end() -> None:
    # 10 days of November elapsed (today counts): 6 units → 18 at this pace.
    assert run_rate_forecast(D(6), "2026-11", date(2026, 11, 10)) == D("18.00")
    assert run_rate_forecast(D(6), "2026-11", date(2026, 11, 1)) == D("180.00")
    assert run_rate_forecast(D(6), "2026-11", date(2026, 12, 3)) == D(6)  # finished: the actual
    assert run_rate_forecast(D(0), "2026-11", date(2026, 10, 31)) is None  # not started


def test_cascade_line_of_a_node_and_of_a_consultant() -> None:
    node = cascade_line(
        Position("east"),
        target_amount=D(100),
        children_targets=[D(70), D(40)],
        actual=D(30),
        month="2026-11",
        today=date(2026, 11, 15),
    )
    assert (node.allocated, node.unallocated, node.attainment_percent, node.forecast) == (
        D(110),
        D(-10),
        D("30.00"),
        D("60.00"),
    )
    leaf = cascade_line(
        Position("dealer-a", "c1"),
        target_amount=None,
        children_targets=None,
        actual=D(2),
        month="2026-11",
        today=date(2026, 11, 15),
    )
    assert (leaf.allocated, leaf.unallocated, leaf.attainment_percent) == (None, None, None)


def test_execution_by_day_accumulates_target_and_actual() -> None:
    parts = split_into_days(D(30), "2026-11", Measure.UNITS)
    rows = execution_by_day("2026-11", parts, {date(2026, 11, 1): D(2), date(2026, 11, 3): D(1)})
    assert rows[0].attainment_percent == D("200.00")
    assert (rows[2].target_so_far, rows[2].actual_so_far, rows[2].attainment_percent) == (
        D(3),
        D(3),
        D("100.00"),
    )
    assert rows[-1].target_so_far == D(30)
    untargeted = execution_by_day("2026-11", None, {date(2026, 11, 1): D(2)})
    assert (untargeted[0].target, untargeted[0].attainment_percent) == (None, None)
    assert untargeted[-1].actual_so_far == D(2)


def test_product_lines_of_a_published_catalogue() -> None:
    catalog = {
        "models": [
            {"code": "M1", "name": "Sedan", "product_line": "sedan", "trims": []},
            {"code": "M2", "product_line": "suv"},
            {"code": "M3"},
            "junk",
        ]
    }
    assert product_lines(catalog) == {"M1": "sedan", "M2": "suv"}
    assert product_lines({}) == {}


HQ = OrgNode("hq", "/hq/", None, "hq")
EAST = OrgNode("east", "/hq/east/", None, "region")
DEALER = OrgNode("dealer-a", "/hq/east/dealer-a/", "dealer-a", "dealer")
BANK = OrgNode("bank", "/hq/bank/", None, "partner")
NODES = {n.id: n for n in (HQ, EAST, DEALER, BANK)}


def _units(org_node: str, user_id: str | None = None) -> Target:
    return target(
        org_node=org_node, month="2026-12", measure=Measure.UNITS, amount=D(5), user_id=user_id
    )


def test_each_level_sets_the_targets_of_the_levels_below_it() -> None:
    items = [_units("east"), _units("dealer-a"), _units("hq")]
    checked = check_targets(HQ, NODES, items)
    assert [dealer for _, dealer in checked] == [None, "dealer-a", None], "HQ may set its own"
    assert check_targets(DEALER, NODES, [_units("dealer-a", "u1")])

    refused = {
        "targets[0].node": (EAST, [_units("east")]),  # a region's own node is set from above
        "targets[1].node": (DEALER, [_units("dealer-a", "u1"), _units("east")]),
        "targets[0].user_id": (HQ, [_units("east", "u1")]),  # consultants work at a dealer
        # A partner sells no cars for the OEM: no targets.
        "targets[2].node": (HQ, [_units("east"), _units("dealer-a"), _units("bank")]),
    }
    for field, (caller, wanted) in refused.items():
        with pytest.raises(InvalidInput) as error:
            check_targets(caller, NODES, wanted)
        assert error.value.field == field
    with pytest.raises(InvalidInput) as error:
        check_targets(HQ, NODES, [_units("east"), _units("east")])
    assert "repeats targets[0]" in str(error.value)
    with pytest.raises(InvalidInput):
        check_targets(HQ, NODES, [_units("nowhere")])
