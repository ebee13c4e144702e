"""The customer's file (客户档案, customer 360): what the other services' events say happened to
a customer of leads — opportunities, orders, vehicles, tickets, calls, care actions, surveys —
as entries of one timeline. Pure: the worker stores the entries, the read side shows them.

An entry names its subject (the opportunity, ticket, survey or care action it is about) and,
when the event names it, the customer. Events that do not (a resolved ticket, an answered
survey, an order) reach the customer through their subject, linked by the event that did, in
whatever order the two arrive. Entries carry no personal data but a VIN, which the read side
masks like the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.call_center.v1 import CallCompleted
from crm_common.contracts.events.call_center.v2 import CallCompletedV2
from crm_common.contracts.events.opportunities.v1 import (
    DealLost,
    DealWon,
    OpportunityOpened,
    OrderCancelled,
    OrderPlaced,
    TestDriveRecorded,
    VehicleDelivered,
)
from crm_common.contracts.events.service_desk.v1 import (
    CareDue,
    PartnerJobUpdated,
    SurveyAnswered,
    SurveyRequested,
    TicketOpened,
    TicketReopened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.errors import InvalidInput

TEST_DRIVE_ENTRY = "test_drive"
CALL_ENTRY, CALL_PART_ENTRY = "call", "call_part"
"""A call's entry, and the entry of a dealer consultant's part of a hotline call: the read
side shows the part inside its call's entry (``parts``), never beside it."""
"""The entry of a test drive an opportunity recorded (lead scoring counts them)."""

TIMELINE_EVENTS: tuple[type[EventData], ...] = (
    OpportunityOpened,
    TestDriveRecorded,
    DealWon,
    DealLost,
    OrderPlaced,
    OrderCancelled,
    VehicleDelivered,
    TicketOpened,
    TicketOpenedV2,
    TicketResolved,
    TicketReopened,
    PartnerJobUpdated,
    SurveyRequested,
    SurveyAnswered,
    CareDue,
    CallCompleted,
    CallCompletedV2,
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    kind: str
    at: datetime
    subject_id: UUID
    """The record the entry is about, whose events belong to one customer."""
    record_id: UUID | None
    """The record the entry names besides (an order of an opportunity), if any."""
    customer_id: UUID | None
    """None: the customer is the one the subject is linked to."""
    lead_id: UUID | None = None
    """A call about a lead whose customer the event does not name: the lead's customer."""
    vin: str | None = None
    model_code: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def timeline_entry(data: EventData, occurred_at: datetime) -> TimelineEntry | None:
    """The entry an event makes in its customer's file; None for an event about no customer
    of leads (an opportunity opened without a lead, a call from an unknown number).
    ``occurred_at``: the envelope's, for events that carry no time of their own."""
    match data:
        case OpportunityOpened():
            return _about_opportunity(
                data, "opportunity_opened", data.customer_id, stage=data.stage
            )
        case TestDriveRecorded():
            return TimelineEntry(
                TEST_DRIVE_ENTRY,
                data.at,
                data.opportunity_id,
                None,
                None,
                model_code=data.model_code,
                details={"rating": data.rating},
            )
        case DealWon():
            return TimelineEntry(
                "deal_won",
                data.at,
                data.opportunity_id,
                data.order_id,
                data.customer_id,
                model_code=data.model_code,
                details={"units": data.units, "revenue": str(data.revenue)},
            )
        case DealLost():
            return _about_opportunity(
                data,
                "deal_lost",
                data.customer_id,
                stage=data.stage,
                reason=data.reason[:200],
                competitor=data.competitor,
            )
        case OrderPlaced():
            return TimelineEntry(
                "order_placed",
                data.at,
                data.opportunity_id,
                data.order_id,
                None,
                details={"total": str(data.total), "process": data.process},
            )
        case OrderCancelled():
            return TimelineEntry(
                "order_cancelled",
                data.at,
                data.opportunity_id,
                data.order_id,
                None,
                details={"reason": data.reason[:200]},
            )
        case VehicleDelivered():
            return TimelineEntry(
                "vehicle_delivered",
                data.at,
                data.opportunity_id,
                data.order_id,
                data.customer_id,
                vin=data.vin,
                model_code=data.model_code,
                details={"delivered_on": data.delivered_on.isoformat()},
            )
        case TicketOpened() | TicketOpenedV2():
            return TimelineEntry(
                "ticket_opened",
                data.at,
                data.ticket_id,
                None,
                data.customer_id,
                vin=data.vin,
                details={
                    "number": data.number,
                    "ticket_kind": data.kind,
                    "channel": data.channel,
                    "category": data.category,
                },
            )
        case PartnerJobUpdated():
            # The job's repair or service partner and where it has the job: the customer's
            # car is at a partner's workshop, or back.
            return TimelineEntry(
                "ticket_partner_job",
                data.at,
                data.ticket_id,
                None,
                None,
                details={"number": data.number, "partner": data.partner_id, "status": data.status},
            )
        case TicketResolved():
            return TimelineEntry(
                "ticket_resolved",
                data.at,
                data.ticket_id,
                None,
                None,
                details={"number": data.number, "on_time": data.on_time},
            )
        case TicketReopened():
            return TimelineEntry(
                "ticket_reopened",
                data.at,
                data.ticket_id,
                None,
                None,
                details={"number": data.number},
            )
        case SurveyRequested():
            return TimelineEntry(
                "survey_requested",
                data.at,
                data.survey_response_id,
                None,
                data.customer_id,
                details={"trigger": data.trigger, "channel": data.channel},
            )
        case SurveyAnswered():
            return TimelineEntry(
                "survey_answered",
                data.at,
                data.survey_response_id,
                None,
                None,
                details={"nps": data.nps, "csi": data.csi, "low_score": data.low_score},
            )
        case CareDue():
            # Its reason is read out to the customer and may name them: not kept.
            return TimelineEntry(
                "care_due",
                occurred_at,
                data.care_action_id,
                None,
                data.customer_id,
                vin=data.vin,
                details={
                    "rule_kind": data.rule_kind,
                    "period": data.period,
                    "due_on": data.due_on.isoformat(),
                },
            )
        case CallCompletedV2() if data.part_of is not None:
            if data.customer_id is None and data.lead_id is None:
                return None
            # Its subject is the hotline's call: the part links that call to the customer
            # too, when the hotline's screen pop found no lead of theirs.
            return TimelineEntry(
                CALL_PART_ENTRY,
                data.ended_at,
                data.part_of,
                data.call_id,
                data.customer_id,
                lead_id=data.lead_id,
                details=_call_details(data),
            )
        case CallCompleted():
            # A hotline call handed to a dealer is kept even when its screen pop found no lead:
            # its part, which reaches the customer, links it.
            handed = isinstance(data, CallCompletedV2) and data.handed_to_org is not None
            if data.customer_id is None and data.lead_id is None and not handed:
                return None
            return TimelineEntry(
                CALL_ENTRY,
                data.ended_at,
                data.call_id,
                None,
                data.customer_id,
                lead_id=data.lead_id,
                details=_call_details(data),
            )
    return None


def _call_details(data: CallCompleted) -> dict[str, Any]:
    details: dict[str, Any] = {
        "direction": data.direction,
        "connected": data.connected,
        "talk_seconds": data.talk_seconds,
        "disposition": data.disposition,
        "agent_user": data.agent_user,
        "dealer_id": data.dealer_id,
    }
    if isinstance(data, CallCompletedV2):
        details["agent_name"] = data.agent_name
        details["handed_to_org"] = data.handed_to_org
    return details


def _about_opportunity(
    data: OpportunityOpened | DealLost, kind: str, customer_id: UUID | None, **details: Any
) -> TimelineEntry | None:
    if customer_id is None:
        return None  # opened without a lead: no customer file to speak of
    return TimelineEntry(kind, data.at, data.opportunity_id, None, customer_id, details=details)


_VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_PLATE_SEPARATORS = re.compile(r"[\s·.\-]")


def normalise_vin(raw: str, field: str = "vin", location: str = "query") -> str:
    vin = raw.strip().upper()
    if not _VIN.match(vin):
        raise InvalidInput(
            field, "a VIN has 17 letters and digits, without I, O or Q", location=location
        )
    return vin


def normalise_plate(raw: str, field: str = "plate", location: str = "query") -> str:
    """``沪a 123·45`` → ``沪A12345``: the form plates are kept and searched in."""
    plate = _PLATE_SEPARATORS.sub("", raw.strip()).upper()
    if not 5 <= len(plate) <= 10 or not plate.isalnum():
        raise InvalidInput(
            field, "a plate has 5 to 10 letters and digits (and its province)", location=location
        )
    return plate
