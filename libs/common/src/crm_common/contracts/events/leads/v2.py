"""Events published by services/leads, version 2: the contracts that changed since version 1
(which stays, so consumers keep reading the version 1 events already on the topics and those
of a leads release before the change). Changing one means a new version, not an edit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC

LeadOrigin = Literal["self_sourced", "pool", "oem", "campaign"]


class LeadConvertedV2(EventData):
    """Real intent: the lead becomes an opportunity, owned by the same consultant.
    ``leads.LeadConverted`` version 2 adds ``lead_origin``, how the owner's ownership arose,
    which commission rates by (version 1 left consumers to guess it from ``source``); the class
    is named apart from version 1's so that documents generated from both keep both."""

    event_type: ClassVar[str] = "leads.LeadConverted"
    event_version: ClassVar[int] = 2
    topic: ClassVar[str] = LEAD_TOPIC
    shared_as: ClassVar[str | None] = "lead"
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_name": "name", "phone": "phone"}

    lead_id: UUID
    dealer_id: str = Field(description="Org node whose book the lead is in (dealer or HQ pool)")
    at: datetime
    customer_id: UUID
    owner_user: str
    owner_team: str
    customer_name: str
    phone: str = Field(description="E.164")
    vehicle_interest: str | None
    source: str
    grade: str | None
    lead_origin: LeadOrigin = Field(
        description="self_sourced: the owner took the lead in; pool: claimed from the public "
        "pool or given by a manager, strategy or routing rule; oem: distributed by HQ or a "
        "region, or from the OEM's website; campaign: brought by the dealer's campaign"
    )

    def aggregate_key(self) -> str:
        return str(self.lead_id)


class LeadDistributedV2(EventData):
    """HQ or a region sent a pooled lead to a dealer (线索下发); ``dealer_id`` is the dealer.
    ``leads.LeadDistributed`` version 2 carries the lead itself (customer, source, interest):
    a dealer that runs its own deployment has no other copy of it, and its leads service takes
    the lead into the dealer's book from this event when it comes down from HQ (version 1
    named the lead only). Named apart from version 1's class, as ``LeadConvertedV2``."""

    event_type: ClassVar[str] = "leads.LeadDistributed"
    event_version: ClassVar[int] = 2
    topic: ClassVar[str] = LEAD_TOPIC
    shared_as: ClassVar[str | None] = "lead"
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_name": "name", "phone": "phone"}

    lead_id: UUID
    dealer_id: str = Field(description="The dealer the lead was sent to")
    at: datetime
    origin_org: str
    work_by: datetime = Field(description="Not followed up by then, it goes back to origin_org")
    routed: Literal["manual", "automatic"]
    customer_name: str
    phone: str = Field(description="E.164")
    source: str
    vehicle_interest: str | None
    region_hint: str | None = Field(description="Where the customer is (a region node)")
    created_at: datetime = Field(description="When the lead came in at its origin")

    def aggregate_key(self) -> str:
        return str(self.lead_id)


class LeadGradedV2(EventData):
    """The lead's intent grade changed (version 2: names the follow-up that changed it, so a
    grade upgrade won through a callback counts as one). Carries everything version 1 did."""

    event_type: ClassVar[str] = "leads.LeadGraded"
    event_version: ClassVar[int] = 2
    topic: ClassVar[str] = LEAD_TOPIC
    shared_as: ClassVar[str | None] = "lead"

    lead_id: UUID
    dealer_id: str = Field(description="Org node whose book the lead is in (dealer or HQ pool)")
    at: datetime
    owner_user: str | None
    previous_grade: str | None
    grade: str
    upgrade: bool
    next_follow_up_due: datetime | None
    follow_up_id: UUID | None = Field(
        description="The follow-up that set the grade; None: a rule of the sweep did"
    )
    follow_up_kind: str | None = Field(
        description="call, visit, wechat…: a call raising the grade is a callback upgrade"
    )

    def aggregate_key(self) -> str:
        return str(self.lead_id)


ALL = (LeadConvertedV2, LeadDistributedV2, LeadGradedV2)
