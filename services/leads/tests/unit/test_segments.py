"""Customer segmentation: lifecycle stages, frequency x value quadrants, and their counts per
dealer, region and in all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_common.errors import InvalidInput
from crm_leads.domain.segments import (
    CustomerGroup,
    Quadrant,
    Stage,
    Thresholds,
    quadrant,
    segment,
    stage,
)

T = Thresholds(frequent_orders=2, high_value=Decimal(300_000))


@pytest.mark.parametrize(
    ("orders", "delivered", "expected"),
    [
        (0, False, Stage.PROSPECT),
        (1, False, Stage.SIGNED),
        (1, True, Stage.END_USER),
        (2, True, Stage.REPEAT),
        (2, False, Stage.REPEAT),
    ],
)
def test_the_lifecycle_runs_prospect_signed_end_user_repeat(
    orders: int, delivered: bool, expected: Stage
) -> None:
    assert stage(orders, delivered) is expected


def test_buyers_fall_in_one_quadrant_and_prospects_in_none() -> None:
    assert quadrant(0, False, T) is None
    assert quadrant(1, False, T) is Quadrant.OCCASIONAL_LOW_VALUE
    assert quadrant(1, True, T) is Quadrant.OCCASIONAL_HIGH_VALUE
    assert quadrant(3, False, T) is Quadrant.FREQUENT_LOW_VALUE
    assert quadrant(2, True, T) is Quadrant.FREQUENT_HIGH_VALUE
    assert quadrant(2, True, Thresholds(frequent_orders=3)) is Quadrant.OCCASIONAL_HIGH_VALUE


def test_groups_are_counted_per_dealer_region_and_in_all() -> None:
    groups = [
        CustomerGroup("dealer-a", 0, False, False, 5, Decimal(0)),
        CustomerGroup("dealer-a", 1, True, False, 2, Decimal(400_000)),
        CustomerGroup("dealer-a", 2, True, True, 1, Decimal(650_000)),
        CustomerGroup("dealer-b", 1, False, True, 1, Decimal(320_000)),
        CustomerGroup("dealer-x", 1, False, False, 1, Decimal(100_000)),
    ]
    dealers, regions, total = segment(
        groups, {"dealer-a": "east", "dealer-b": "east", "dealer-x": None}, T
    )
    a = dealers[0]
    assert (a.node, a.customers, a.buyers, a.value) == ("dealer-a", 8, 3, Decimal(1_050_000))
    assert a.stages == {"prospect": 5, "signed": 0, "end_user": 2, "repeat": 1}
    assert a.quadrants["occasional_low_value"] == 2
    assert a.quadrants["frequent_high_value"] == 1
    assert a.value_per_buyer == Decimal("350000.00")
    [east] = regions
    assert (east.node, east.customers, east.buyers) == ("east", 9, 4), "dealer-x in no region"
    assert (total.customers, total.buyers) == (10, 5)
    assert dealers[-1].value_per_buyer == Decimal("100000.00")
    assert segment([], {}, T)[2].value_per_buyer is None


def test_thresholds_name_the_parameter_they_refuse() -> None:
    with pytest.raises(InvalidInput) as refused:
        Thresholds(frequent_orders=1)
    assert refused.value.field == "frequent_orders"
