"""How events become facts. Pure rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
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
