"""Customer segmentation (客户细分) and lifecycle: each customer's stage — prospect → signed →
end user → repeat — and, for buyers, their quadrant of order frequency x order value, counted
per dealer and region. Pure: the read side groups the customers by what these rules read.

Orders are the customer's won deals whose order was not cancelled; value is what they paid
for them (revenue)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from crm_common.errors import InvalidInput


class Stage(StrEnum):
    PROSPECT = "prospect"
    """A customer file with leads, nothing bought yet."""
    SIGNED = "signed"
    """Bought (an order stands), the vehicle not delivered yet."""
    END_USER = "end_user"
    """Drives what they bought."""
    REPEAT = "repeat"
    """Bought more than once."""


class Quadrant(StrEnum):
    FREQUENT_HIGH_VALUE = "frequent_high_value"
    FREQUENT_LOW_VALUE = "frequent_low_value"
    OCCASIONAL_HIGH_VALUE = "occasional_high_value"
    OCCASIONAL_LOW_VALUE = "occasional_low_value"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where frequency and value count as high: the dealer's (or HQ's) choice per question."""

    frequent_orders: int = 2
    high_value: Decimal = Decimal(300_000)

    def __post_init__(self) -> None:
        if self.frequent_orders < 2:
            raise InvalidInput(
                "frequent_orders", "frequent means 2 orders or more", location="query"
            )
        if self.high_value <= 0:
            raise InvalidInput("high_value", "a value threshold is above 0", location="query")


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    """Customers of one book alike in what the rules read: orders (up to the frequency
    threshold: more counts the same), whether a vehicle was delivered, whether their value is
    high; how many they are and their value together."""

    dealer_id: str
    orders: int
    delivered: bool
    high_value: bool
    customers: int
    value: Decimal


def stage(orders: int, delivered: bool) -> Stage:
    if orders >= 2:
        return Stage.REPEAT
    if orders == 1:
        return Stage.END_USER if delivered else Stage.SIGNED
    return Stage.PROSPECT


def quadrant(orders: int, high_value: bool, thresholds: Thresholds) -> Quadrant | None:
    """None for a customer who has bought nothing: not on the frequency x value map."""
    if orders == 0:
        return None
    frequent = orders >= thresholds.frequent_orders
    if frequent:
        return Quadrant.FREQUENT_HIGH_VALUE if high_value else Quadrant.FREQUENT_LOW_VALUE
    return Quadrant.OCCASIONAL_HIGH_VALUE if high_value else Quadrant.OCCASIONAL_LOW_VALUE


@dataclass
class Segments:
    """One dealer's (or region's, or the whole scope's) customers by stage and quadrant."""

    node: str
    customers: int = 0
    buyers: int = 0
    value: Decimal = Decimal(0)
    stages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Stage, 0))
    quadrants: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Quadrant, 0))

    def add(self, group: CustomerGroup, thresholds: Thresholds) -> None:
        self.customers += group.customers
        self.value += group.value
        self.stages[stage(group.orders, group.delivered)] += group.customers
        place = quadrant(group.orders, group.high_value, thresholds)
        if place is not None:
            self.buyers += group.customers
            self.quadrants[place] += group.customers

    @property
    def value_per_buyer(self) -> Decimal | None:
        """Customer value: what a buyer paid on average; None without buyers."""
        return None if self.buyers == 0 else (self.value / self.buyers).quantize(Decimal("0.01"))


def segment(
    groups: Iterable[CustomerGroup], region_of: dict[str, str | None], thresholds: Thresholds
) -> tuple[list[Segments], list[Segments], Segments]:
    """Per dealer, per region (a dealer without a known region counts in none) and in all."""
    dealers: dict[str, Segments] = {}
    regions: dict[str, Segments] = {}
    total = Segments("all")
    for group in groups:
        dealers.setdefault(group.dealer_id, Segments(group.dealer_id)).add(group, thresholds)
        region = region_of.get(group.dealer_id)
        if region is not None:
            regions.setdefault(region, Segments(region)).add(group, thresholds)
        total.add(group, thresholds)
    return (
        sorted(dealers.values(), key=lambda s: s.node),
        sorted(regions.values(), key=lambda s: s.node),
        total,
    )
