"""Events published by services/leads, version 1. Changing one means a new version, not an edit."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import Envelope, EventData

LEAD_TOPIC = "crm.leads.lead.v1"


class LeadCreated(EventData):
    """A lead entered the platform (any source) and was recorded for a dealer or HQ pool."""

    event_type: ClassVar[str] = "leads.LeadCreated"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = LEAD_TOPIC

    lead_id: UUID
    dealer_id: str = Field(description="Org node of the dealer (or HQ pool) that received it")
    source: str = Field(description="Normalised source, e.g. walk_in, campaign_form, phone")
    created_at: datetime

    def aggregate_key(self) -> str:
        return str(self.lead_id)


LeadCreatedEvent = Envelope[LeadCreated]

ALL = (LeadCreated,)
