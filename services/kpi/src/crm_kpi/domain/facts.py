"""How events become facts. Pure rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID
from zoneinfo import ZoneInfo

from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.contracts.events.leads.v1 import (
    LeadAssigned,
    LeadClaimed,
    LeadConverted,
    LeadDistributed,
    LeadFollowedUp,
    LeadGraded,
    LeadLost,
    LeadReleased,
    LeadReturned,
    ReceptionRecorded,
)
from crm_common.contracts.events.opportunities.v1 import (
    DealLost,
    DealWon,
    OrderCancelled,
    VehicleDelivered,
)

LeadEventData = (
    LeadAssigned
    | LeadClaimed
    | LeadReleased
    | LeadFollowedUp
    | LeadGraded
    | leads_v2.LeadGradedV2
    | LeadConverted
    | leads_v2.LeadConvertedV2
    | LeadLost
    | LeadDistributed
    | leads_v2.LeadDistributedV2
    | LeadReturned
    | ReceptionRecorded
)
LEAD_ACTIVITY_EVENTS = (
    LeadAssigned,
    LeadClaimed,
    LeadReleased,
    LeadFollowedUp,
    LeadGraded,
    leads_v2.LeadGradedV2,
    LeadConverted,
    leads_v2.LeadConvertedV2,
    LeadLost,
    LeadDistributed,
    leads_v2.LeadDistributedV2,
    LeadReturned,
    ReceptionRecorded,
)


def business_day(moment: datetime, timezone: str) -> date:
    """The calendar day a moment falls on where the business runs (not UTC)."""
    if moment.tzinfo is None:
        raise ValueError("business_day needs an aware datetime")
    return moment.astimezone(ZoneInfo(timezone)).date()


@dataclass(frozen=True, slots=True)
class LeadActivity:
    """What a lead event counts as in the daily figures, and for which consultant."""

    activity: str
    consultant: str | None
    detail: str | None
    follow_up: str | None = None
    """The kind of follow-up that raised or lowered a grade (version 2 of LeadGraded): a
    call's upgrade is an upgrade won through a callback."""


def lead_activity(data: LeadEventData) -> LeadActivity:
    match data:
        case LeadAssigned():
            return LeadActivity("assigned", data.owner_user, None)
        case LeadClaimed():
            return LeadActivity("claimed", data.owner_user, None)
        case LeadReleased():
            return LeadActivity("released", data.previous_owner, data.rule)
        case LeadFollowedUp():
            return LeadActivity("followed_up", data.owner_user, data.kind)
        case LeadGraded():
            return LeadActivity(
                "upgraded" if data.upgrade else "graded", data.owner_user, data.grade
            )
        case leads_v2.LeadGradedV2():
            return LeadActivity(
                "upgraded" if data.upgrade else "graded",
                data.owner_user,
                data.grade,
                data.follow_up_kind,
            )
        case ReceptionRecorded():
            return LeadActivity(
                "reception", data.consultant, "complete" if data.complete else "incomplete"
            )
        case LeadConverted() | leads_v2.LeadConvertedV2():
            return LeadActivity("converted", data.owner_user, file_completeness(data))
        case LeadLost():
            return LeadActivity("lost", data.owner_user, None)
        case LeadDistributed() | leads_v2.LeadDistributedV2():
            return LeadActivity("distributed", None, data.routed)
        case LeadReturned():
            return LeadActivity("returned", data.previous_owner, data.rule)


def file_completeness(data: LeadConverted | leads_v2.LeadConvertedV2) -> str:
    """A conversion makes the customer's file (建档): it is complete with what the file must
    say beyond the name and phone every lead has — the vehicle the customer is interested in
    and their intent grade — else incomplete."""
    interest = (data.vehicle_interest or "").strip()
    return "complete" if interest and data.grade else "incomplete"


DealEventData = DealWon | DealLost | OrderCancelled | VehicleDelivered
DEAL_EVENTS = (DealWon, DealLost)
ORDER_EVENTS = (OrderCancelled, VehicleDelivered)


@dataclass(frozen=True, slots=True)
class DealOutcome:
    """What a deal event counts as: a win carries its units and money; a loss, a delivery and
    a cancellation count as events (a cancellation's money is its order's win, found later)."""

    outcome: str
    order_id: UUID | None
    consultant: str | None
    team: str | None
    model_code: str | None
    lead_origin: str | None
    units: int
    revenue: Decimal
    gross_margin: Decimal
    msrp: Decimal
    finance_attached: bool
    insurance_attached: bool
    reason: str | None
    competitor: str | None
    customer_id: UUID | None = None
    """A win's buyer (leads' customer): whether it is their first purchase is counted by it."""


def deal_outcome(data: DealEventData) -> DealOutcome:
    zero = Decimal(0)
    match data:
        case DealWon():
            return DealOutcome(
                "won",
                data.order_id,
                data.owner_user,
                data.owner_team,
                data.model_code,
                data.lead_origin,
                data.units,
                data.revenue,
                data.gross_margin,
                data.msrp,
                data.finance_attached,
                data.insurance_attached,
                None,
                None,
                data.customer_id,
            )
        case DealLost():
            return DealOutcome(
                "lost",
                None,
                data.owner_user,
                data.owner_team,
                None,
                None,
                0,
                zero,
                zero,
                zero,
                False,
                False,
                data.reason[:200],
                data.competitor,
            )
        case OrderCancelled():
            return DealOutcome(
                "cancelled",
                data.order_id,
                data.owner_user,
                None,
                None,
                None,
                0,
                zero,
                zero,
                zero,
                False,
                False,
                data.reason[:200],
                None,
            )
        case VehicleDelivered():
            return DealOutcome(
                "delivered",
                data.order_id,
                data.owner_user,
                None,
                data.model_code,
                None,
                1,
                zero,
                zero,
                zero,
                False,
                False,
                None,
                None,
            )


class DayKey(NamedTuple):
    """Where a fact counts: its book, its dealer and its business day."""

    tenant: str
    owner_org: str
    dealer_id: str
    day: date


@dataclass(frozen=True, slots=True)
class DayFigures:
    """A book's deal outcomes of one dealer and day: what the daily sales figures sum."""

    won_units: int = 0
    revenue: Decimal = Decimal(0)
    gross_margin: Decimal = Decimal(0)
    lost: int = 0
    delivered: int = 0

    def __add__(self, other: DayFigures) -> DayFigures:
        return DayFigures(
            self.won_units + other.won_units,
            self.revenue + other.revenue,
            self.gross_margin + other.gross_margin,
            self.lost + other.lost,
            self.delivered + other.delivered,
        )


DAY_FIGURE_COLUMNS = tuple(DayFigures.__dataclass_fields__)


def counted_on_its_day(outcome: DealOutcome) -> DayFigures | None:
    """A win adds its units and money, a loss and a delivery one each. A cancellation adds
    nothing here: it takes back its order's win, which may not have arrived yet."""
    match outcome.outcome:
        case "won":
            return DayFigures(outcome.units, outcome.revenue, outcome.gross_margin)
        case "lost":
            return DayFigures(lost=1)
        case "delivered":
            return DayFigures(delivered=1)
    return None


def day_figures(facts: Iterable[tuple[DayKey, DealOutcome]]) -> dict[DayKey, DayFigures]:
    """The facts summed per book, dealer and day."""
    days: dict[DayKey, DayFigures] = {}
    for key, outcome in facts:
        counted = counted_on_its_day(outcome)
        if counted is not None:
            days[key] = days.get(key, DayFigures()) + counted
    return days


class ActivityMonthKey(NamedTuple):
    """What the lead activity facts are counted by: the book, the month (its first day) and
    what a KPI may ask of them."""

    tenant: str
    owner_org: str
    month: date
    dealer_id: str
    consultant: str | None
    activity: str
    detail: str | None


class DealMonthKey(NamedTuple):
    """What the deal facts are summed by: the book, the month and what a KPI may ask."""

    tenant: str
    owner_org: str
    month: date
    dealer_id: str
    team: str | None
    consultant: str | None
    outcome: str


def activity_month_counts(
    facts: Iterable[tuple[DayKey, LeadActivity]],
) -> dict[ActivityMonthKey, int]:
    """The lead activity facts counted per book, month and what a KPI may ask of them."""
    counts: dict[ActivityMonthKey, int] = {}
    for (tenant, book, dealer, day), a in facts:
        key = ActivityMonthKey(
            tenant, book, day.replace(day=1), dealer, a.consultant, a.activity, a.detail
        )
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """Deal facts counted and summed: what a KPI over deals counts or sums, by month."""

    n: int = 0
    units: int = 0
    revenue: Decimal = Decimal(0)
    gross_margin: Decimal = Decimal(0)
    msrp: Decimal = Decimal(0)

    def __add__(self, other: MonthFigures) -> MonthFigures:
        return MonthFigures(
            self.n + other.n,
            self.units + other.units,
            self.revenue + other.revenue,
            self.gross_margin + other.gross_margin,
            self.msrp + other.msrp,
        )


def deal_month_figures(
    facts: Iterable[tuple[DayKey, DealOutcome]],
) -> dict[DealMonthKey, MonthFigures]:
    """Every deal fact (a cancellation too: its own figures are zero, it counts one) summed
    per book, month, dealer, team, consultant and outcome, as the facts would be."""
    months: dict[DealMonthKey, MonthFigures] = {}
    for (tenant, book, dealer, day), o in facts:
        key = DealMonthKey(
            tenant, book, day.replace(day=1), dealer, o.team, o.consultant, o.outcome
        )
        figures = MonthFigures(1, o.units, o.revenue, o.gross_margin, o.msrp)
        months[key] = months.get(key, MonthFigures()) + figures
    return months


def lock_order(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    """A total order over keys that may hold nulls: concurrent batches upsert their rows in
    this order, so they cannot deadlock on each other's."""
    return tuple((value is None, "" if value is None else value) for value in key)
