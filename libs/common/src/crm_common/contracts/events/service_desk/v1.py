"""Events published by services/service-desk, version 1. Changing one means a new version.

Tickets (工单) and complaints (投诉), surveys (服务调查) and customer care (客户关怀)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from crm_common.contracts.envelope import Envelope, EventData

TICKET_TOPIC = "crm.service-desk.ticket.v1"
SURVEY_TOPIC = "crm.service-desk.survey.v1"
CARE_TOPIC = "crm.service-desk.care.v1"
CARE_RULE_TOPIC = "crm.service-desk.care-rule.v1"
SURVEY_DESIGN_TOPIC = "crm.service-desk.survey-design.v1"
PARTS_CLAIM_TOPIC = "crm.service-desk.parts-claim.v1"

TicketKind = Literal["service_request", "complaint", "feedback", "inquiry"]


class _TicketEvent(EventData):
    topic: ClassVar[str] = TICKET_TOPIC
    shared_as: ClassVar[str | None] = "ticket"

    ticket_id: UUID
    number: str = Field(description="The ticket number people quote, e.g. SD-000123")
    dealer_id: str = Field(description="Org node whose book the ticket is in (dealer or HQ)")
    kind: TicketKind
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.ticket_id)


class TicketOpened(_TicketEvent):
    """A ticket was opened: a service request, a complaint, feedback or an inquiry."""

    event_type: ClassVar[str] = "service-desk.TicketOpened"
    event_version: ClassVar[int] = 1

    channel: str = Field(description="walk_in, phone, portal, partner, campaign_form, survey")
    category: str | None = Field(description="Code of the ticket's category")
    priority: str
    customer_id: UUID | None = Field(description="The customer of leads, when known")
    vin: str | None
    owner_user: str | None = Field(description="Who works it; None while unassigned")
    opened_by: str
    resolve_due_at: datetime | None = Field(description="Resolution target (SLA), if any")
    survey_response_id: UUID | None = Field(
        default=None, description="The survey answer whose low score opened this complaint"
    )


class TicketReassigned(_TicketEvent):
    """Someone else works the ticket now (a manager's reassignment or an escalation step)."""

    event_type: ClassVar[str] = "service-desk.TicketReassigned"
    event_version: ClassVar[int] = 1

    owner_user: str
    previous_owner: str | None
    assigned_by: str


class TicketEscalated(_TicketEvent):
    """A step of the escalation ladder (事件升级) applied: the owner notified, the ticket
    handed to the team lead, or raised up the org tree. Steps falling due at once (a ticket
    the sweep reaches late) are told by one event, the last step's: ``owner_user`` and
    ``raised_to_org`` are the ticket's after them all, ``level`` counts them all, and the
    ticket's history records each step."""

    event_type: ClassVar[str] = "service-desk.TicketEscalated"
    event_version: ClassVar[int] = 1

    level: int = Field(ge=1, description="Steps applied so far, this one included")
    rule: str = Field(description="The ladder step, e.g. resolve_75pct_notify_owner")
    action: Literal[
        "notify_owner", "reassign_team_lead", "raise_to_dealer", "raise_to_region", "raise_to_hq"
    ]
    target: Literal["first_response", "resolution"]
    owner_user: str | None = Field(description="Who works the ticket after the step")
    raised_to_org: str | None = Field(description="The org node the ticket is raised to")
    breached: bool = Field(description="The target's time had passed when the step applied")
    due_at: datetime


class TicketResolved(_TicketEvent):
    """The ticket was resolved; ``on_time`` says whether within its resolution target."""

    event_type: ClassVar[str] = "service-desk.TicketResolved"
    event_version: ClassVar[int] = 1

    resolved_by: str
    resolve_due_at: datetime | None
    on_time: bool | None = Field(description="None when the ticket had no resolution target")


class TicketClosed(_TicketEvent):
    """The ticket was closed: the customer confirmed the resolution, or it was merged."""

    event_type: ClassVar[str] = "service-desk.TicketClosed"
    event_version: ClassVar[int] = 1

    closed_by: str
    customer_confirmed: bool
    merged_into: UUID | None = None


class TicketReopened(_TicketEvent):
    """A resolved ticket was opened again (the customer was not satisfied)."""

    event_type: ClassVar[str] = "service-desk.TicketReopened"
    event_version: ClassVar[int] = 1

    reopened_by: str
    reason: str


class CallAttached(_TicketEvent):
    """A phone call joined an open ticket: the call center asked a ticket for the call and
    named this one, and the call's notes were added to it. The call center links the ticket
    on the call's record, as it does for a ticket opened for a call (``TicketOpened`` version
    2); the ticket's own link to a call stays the first call's."""

    event_type: ClassVar[str] = "service-desk.CallAttached"
    event_version: ClassVar[int] = 1

    call_id: str = Field(description="The call center's call (its call record's id)")
    attached_by: str = Field(description="Who asked for the ticket during the call")


class _SurveyEvent(EventData):
    topic: ClassVar[str] = SURVEY_TOPIC
    shared_as: ClassVar[str | None] = "ticket"

    survey_response_id: UUID = Field(description="One survey sent to one customer")
    design_id: UUID
    dealer_id: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.survey_response_id)


class SurveyRequested(_SurveyEvent):
    """A survey is due for a customer; ``channel`` call: the call center asks it in a call
    task and records the answers; link: a one-time link was sent by SMS or e-mail."""

    event_type: ClassVar[str] = "service-desk.SurveyRequested"
    event_version: ClassVar[int] = 1
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_name": "name", "phone": "phone"}

    trigger: Literal["vehicle_delivered", "ticket_resolved", "service_visit", "manual"]
    channel: Literal["call", "link"]
    customer_id: UUID | None
    customer_name: str | None
    phone: str | None
    expires_at: datetime


class SurveyAnswered(_SurveyEvent):
    """A customer answered a survey. Scores: NPS 0-10 (None when the design asks none), CSI as
    an index 0-100 over the design's CSI questions (None when it asks none)."""

    event_type: ClassVar[str] = "service-desk.SurveyAnswered"
    event_version: ClassVar[int] = 1

    trigger: str
    channel: Literal["call", "link"]
    nps: int | None = Field(ge=0, le=10)
    csi: float | None = Field(ge=0, le=100)
    low_score: bool = Field(description="Below the design's threshold: a complaint was opened")


class CareDue(EventData):
    """A customer care rule (客户关怀) fired for a customer and asks for a care call: the call
    center turns it into a call task. At most one per customer, rule and period."""

    event_type: ClassVar[str] = "service-desk.CareDue"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = CARE_TOPIC
    shared_as: ClassVar[str | None] = "customer"
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_name": "name", "phone": "phone"}

    care_action_id: UUID
    rule_id: UUID
    rule_kind: Literal[
        "maintenance_due", "insurance_renewal", "birthday", "value_changed", "problem_customer"
    ]
    segment: Literal["toc", "tob"]
    dealer_id: str
    customer_id: UUID
    customer_name: str
    phone: str | None
    vin: str | None
    period: str = Field(description="The period the action is for, e.g. 2026-12 or 2026")
    reason: str = Field(description="Why it fired, in words an agent reads out")
    due_on: date

    def aggregate_key(self) -> str:
        return str(self.customer_id)


class PartnerJobUpdated(_TicketEvent):
    """A ticket's job went to a repair or service partner (``sent``), or the partner moved it
    on: ``accepted`` or ``declined``, then ``in_progress`` and ``done``."""

    event_type: ClassVar[str] = "service-desk.PartnerJobUpdated"
    event_version: ClassVar[int] = 1

    partner_id: str = Field(description="The partner's org node")
    status: Literal["sent", "accepted", "declined", "in_progress", "done"]
    by: str = Field(description="The user who sent the job or reported the step")


class PartsClaimUpdated(EventData):
    """A parts claim (零部件索赔) naming a parts maker changed: filed by the dealer, or
    answered by the maker."""

    event_type: ClassVar[str] = "service-desk.PartsClaimUpdated"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = PARTS_CLAIM_TOPIC
    shared_as: ClassVar[str | None] = "ticket"

    claim_id: UUID
    ticket_id: UUID
    dealer_id: str
    partner_id: str = Field(description="The parts maker's org node")
    status: Literal["filed", "accepted", "rejected", "more_information"]
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.claim_id)


class CareRuleSet(EventData):
    """A node's customer care rule (客户关怀) was added or changed (its terms, stopped or started
    again): a rule of HQ or a region applies to every dealer below the node, a dealer's to its
    own book. A dealer that runs its own deployment receives those of the nodes above it."""

    event_type: ClassVar[str] = "service-desk.CareRuleSet"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = CARE_RULE_TOPIC

    rule_id: UUID
    org_node: str = Field(description="The node whose rule it is (a dealer's book, or above)")
    dealer_id: str | None = Field(description="The node's dealer; none above dealers")
    kind: Literal[
        "maintenance_due", "insurance_renewal", "birthday", "value_changed", "problem_customer"
    ]
    segment: Literal["toc", "tob"]
    action: Literal["sms", "email", "call"]
    message: str
    months: int | None
    km: int | None
    days_before: int
    window_days: int
    complaints: int
    active: bool
    set_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.rule_id)


class SurveyQuestion(BaseModel):
    """One question of a survey design, as the design keeps it."""

    code: str
    kind: Literal["nps", "csi", "single_choice", "multiple_choice", "text"]
    text: str
    options: list[str]
    scale_max: int
    weight: float
    required: bool


class SurveyDesignSet(EventData):
    """A node's survey design (a questionnaire, 问卷) got a version (its first, or the next):
    one of HQ or a region may be sent by every dealer below the node, a dealer's by its own
    book. A dealer that runs its own deployment receives those of the nodes above it — it
    sends its customers' surveys itself."""

    event_type: ClassVar[str] = "service-desk.SurveyDesignSet"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = SURVEY_DESIGN_TOPIC

    design_id: UUID = Field(description="This version")
    design_key: UUID = Field(description="What the design's versions share (a rule names it)")
    version: int
    org_node: str = Field(description="The node whose design it is (a dealer's book, or above)")
    dealer_id: str | None = Field(description="The node's dealer; none above dealers")
    name: str
    questions: list[SurveyQuestion]
    low_nps_at_most: int
    low_csi_below: float
    set_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.design_key)


class SurveyRuleSet(EventData):
    """Which design a node sends on a trigger, by which channel, and who owns the complaint a
    low score opens (the books below without a rule of their own send it too). A dealer that
    runs its own deployment receives those of the nodes above it."""

    event_type: ClassVar[str] = "service-desk.SurveyRuleSet"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = SURVEY_DESIGN_TOPIC

    org_node: str = Field(description="The node whose rule it is (a dealer's book, or above)")
    dealer_id: str | None = Field(description="The node's dealer; none above dealers")
    trigger: Literal["vehicle_delivered", "ticket_resolved", "service_visit", "manual"]
    design_key: UUID
    channel: Literal["call", "link"]
    link_days: int
    complaint_owner: str | None = Field(
        description="A user of the node's book; none: whoever the trigger names"
    )
    set_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return f"{self.org_node}:{self.trigger}"


TicketOpenedEvent = Envelope[TicketOpened]
SurveyAnsweredEvent = Envelope[SurveyAnswered]

ALL = (
    TicketOpened,
    TicketReassigned,
    TicketEscalated,
    TicketResolved,
    TicketClosed,
    TicketReopened,
    CallAttached,
    SurveyRequested,
    SurveyAnswered,
    CareDue,
    PartnerJobUpdated,
    PartsClaimUpdated,
    CareRuleSet,
    SurveyDesignSet,
    SurveyRuleSet,
)
