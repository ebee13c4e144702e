"""How events become facts. Pure rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

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
    | LeadConverted
    | LeadLost
    | LeadDistributed
    | LeadReturned
)
LEAD_ACTIVITY_EVENTS = (
    LeadAssigned,
    LeadClaimed,
    LeadReleased,
    LeadFollowedUp,
    LeadGraded,
    LeadConverted,
    LeadLost,
    LeadDistributed,
    LeadReturned,
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
        case LeadConverted():
            return LeadActivity("converted", data.owner_user, None)
        case LeadLost():
            return LeadActivity("lost", data.owner_user, None)
        case LeadDistributed():
            return LeadActivity("distributed", None, data.routed)
        case LeadReturned():
            return LeadActivity("returned", data.previous_owner, data.rule)


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
