"""Events published by services/service-desk, version 2: the contracts that changed since
version 1 (which stays, so consumers keep reading the version 1 events already on the topics
and those of a service-desk release before the change). Changing one means a new version, not
an edit."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.service_desk.v1 import TICKET_TOPIC, TicketKind


class TicketOpenedV2(EventData):
    """A ticket was opened: a service request, a complaint, feedback or an inquiry.
    ``service-desk.TicketOpened`` version 2 names the phone call it was opened for
    (``call_id``), so the call center links its call record to the ticket (version 1 left the
    call's side without it). Named apart from version 1's class, as ``LeadConvertedV2``."""

    event_type: ClassVar[str] = "service-desk.TicketOpened"
    event_version: ClassVar[int] = 2
    topic: ClassVar[str] = TICKET_TOPIC
    shared_as: ClassVar[str | None] = "ticket"

    ticket_id: UUID
    number: str = Field(description="The ticket number people quote, e.g. SD-000123")
    dealer_id: str = Field(description="Org node whose book the ticket is in (dealer or HQ)")
    kind: TicketKind
    at: datetime
    channel: str = Field(description="walk_in, phone, portal, partner, campaign_form, survey")
    category: str | None = Field(description="Code of the ticket's category")
    priority: str
    customer_id: UUID | None = Field(description="The customer of leads, when known")
    vin: str | None
    owner_user: str | None = Field(description="Who works it; None while unassigned")
    opened_by: str
    resolve_due_at: datetime | None = Field(description="Resolution target (SLA), if any")
    survey_response_id: UUID | None = Field(
        description="The survey answer whose low score opened this complaint"
    )
    call_id: str | None = Field(
        description="The call center's call the ticket was opened for (its call record's id)"
    )

    def aggregate_key(self) -> str:
        return str(self.ticket_id)


ALL = (TicketOpenedV2,)
