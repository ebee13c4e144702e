"""Events published by services/leads, version 1. Changing one means a new version, not an edit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from crm_common.contracts.envelope import Envelope, EventData

LEAD_TOPIC = "crm.leads.lead.v1"
CUSTOMER_TOPIC = "crm.leads.customer.v1"


class LeadCreated(EventData):
    """A lead entered the platform (any source) and was recorded for a dealer or HQ pool."""

    event_type: ClassVar[str] = "leads.LeadCreated"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = LEAD_TOPIC
    shared_as: ClassVar[str | None] = "lead"

    lead_id: UUID
    dealer_id: str = Field(description="Org node of the dealer (or HQ pool) that received it")
    source: str = Field(description="Normalised source, e.g. walk_in, campaign_form, phone")
    created_at: datetime

    def aggregate_key(self) -> str:
        return str(self.lead_id)


class _LeadEvent(EventData):
    topic: ClassVar[str] = LEAD_TOPIC
    shared_as: ClassVar[str | None] = "lead"

    lead_id: UUID
    dealer_id: str = Field(description="Org node whose book the lead is in (dealer or HQ pool)")
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.lead_id)


class LeadAssigned(_LeadEvent):
    """A consultant was made the owner (分配): taken in by them, by a manager or by a strategy."""

    event_type: ClassVar[str] = "leads.LeadAssigned"
    event_version: ClassVar[int] = 1

    owner_user: str
    owner_team: str = Field(description="Org node the owner works in")
    previous_owner: str | None
    assigned_by: str
    reason: str | None = Field(description="e.g. taken in at reception, manager, round_robin")


class LeadClaimed(_LeadEvent):
    """A pool member took the lead from the public sea into their private sea (领取)."""

    event_type: ClassVar[str] = "leads.LeadClaimed"
    event_version: ClassVar[int] = 1

    pool_id: UUID
    owner_user: str
    owner_team: str
    previous_owner: str | None


class LeadReleased(_LeadEvent):
    """The lead dropped back to its pool: given up, or recycled by a rule (回收)."""

    event_type: ClassVar[str] = "leads.LeadReleased"
    event_version: ClassVar[int] = 1

    pool_id: UUID
    previous_owner: str
    released_by: str = Field(description="User, or 'recycle-sweep' for a rule")
    rule: str | None = Field(description="no_follow_up, no_conversion, owner_deactivated...")
    reason: str
    protected_until: datetime


class LeadFollowedUp(_LeadEvent):
    """A visit, call, test drive or message was recorded by the owner."""

    event_type: ClassVar[str] = "leads.LeadFollowedUp"
    event_version: ClassVar[int] = 1

    follow_up_id: UUID
    owner_user: str
    kind: str
    resets_clock: bool
    real_contact: bool


class LeadGraded(_LeadEvent):
    """The intent grade (意向级别) changed, with the next follow-up due date it sets."""

    event_type: ClassVar[str] = "leads.LeadGraded"
    event_version: ClassVar[int] = 1

    owner_user: str | None
    previous_grade: str | None
    grade: str
    upgrade: bool
    next_follow_up_due: datetime | None


class LeadConverted(_LeadEvent):
    """Real intent: the lead becomes an opportunity, owned by the same consultant."""

    event_type: ClassVar[str] = "leads.LeadConverted"
    event_version: ClassVar[int] = 1
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_name": "name", "phone": "phone"}

    customer_id: UUID
    owner_user: str
    owner_team: str
    customer_name: str
    phone: str = Field(description="E.164")
    vehicle_interest: str | None
    source: str
    grade: str | None


class LeadLost(_LeadEvent):
    """The lead was closed as lost (战败) after a manager approved the owner's report."""

    event_type: ClassVar[str] = "leads.LeadLost"
    event_version: ClassVar[int] = 1

    owner_user: str | None
    reason: str
    approved_by: str


class LeadDistributed(_LeadEvent):
    """HQ or a region sent a pooled lead to a dealer (线索下发); ``dealer_id`` is the dealer."""

    event_type: ClassVar[str] = "leads.LeadDistributed"
    event_version: ClassVar[int] = 1

    origin_org: str
    work_by: datetime = Field(description="Not followed up by then, it goes back to origin_org")
    routed: Literal["manual", "automatic"]


class LeadReturned(_LeadEvent):
    """A distributed lead went back up to its origin's pool; ``dealer_id`` is the origin."""

    event_type: ClassVar[str] = "leads.LeadReturned"
    event_version: ClassVar[int] = 1

    from_dealer: str
    previous_owner: str | None
    reason: str
    rule: Literal["rejected", "distribution_sla"]


class LeadClaimBlocked(_LeadEvent):
    """Anti-collusion: a claim was refused because the claimant keeps taking one colleague's
    released leads. Managers are alerted; the report lists the evidence."""

    event_type: ClassVar[str] = "leads.LeadClaimBlocked"
    event_version: ClassVar[int] = 1

    claimant: str
    previous_owner: str
    claims_in_window: int
    window_days: int


class LeadEscalated(_LeadEvent):
    """A lead stayed too long in one grade (DOMAIN.md's three-stage rules): the managers
    should reassign it, e.g. to a more senior consultant."""

    event_type: ClassVar[str] = "leads.LeadEscalated"
    event_version: ClassVar[int] = 1

    owner_user: str
    grade: str
    rule: str
    in_grade_since: datetime


class LeadRecycleDue(_LeadEvent):
    """Reminder: the owner's lead will drop back to the pool soon unless it is followed up."""

    event_type: ClassVar[str] = "leads.LeadRecycleDue"
    event_version: ClassVar[int] = 1

    owner_user: str
    due_by: datetime = Field(description="Released by this time at the latest if not worked")


class LeadCallbackDue(_LeadEvent):
    """The callback the lead's grade set (its scheme's cadence) is due now: work for its owner
    — the call center makes it a call task (once per due time), notifications tell the owner.
    Announced once per due time by leads' sweep; a new grade or follow-up sets the next one."""

    event_type: ClassVar[str] = "leads.LeadCallbackDue"
    event_version: ClassVar[int] = 1

    owner_user: str
    grade: str
    due_at: datetime = Field(description="When the callback fell due (the lead's next follow-up)")


class ReceptionRecorded(_LeadEvent):
    """A showroom visit was recorded on the reception form (客户接待表); ``complete``: the
    form says who came, what they came for and when they left (what reception-form
    completion counts)."""

    event_type: ClassVar[str] = "leads.ReceptionRecorded"
    event_version: ClassVar[int] = 1

    reception_id: UUID
    consultant: str = Field(description="Who received the visitors")
    visitors: int = Field(ge=1)
    source: str
    complete: bool


class CustomerMerged(EventData):
    """A manager merged one customer file into another of the same dealer: everything that
    names ``merged_customer_id`` now means ``customer_id``."""

    event_type: ClassVar[str] = "leads.CustomerMerged"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = CUSTOMER_TOPIC
    shared_as: ClassVar[str | None] = "customer"

    customer_id: UUID
    merged_customer_id: UUID
    dealer_id: str
    moved_leads: list[UUID]
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.customer_id)


class Successor(BaseModel):
    """A consultant who takes over records of a leaver, and the org node they work in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: str
    org_node: str


class ConsultantHandedOver(EventData):
    """Everything a consultant works in a book goes to successors (customer data belongs to
    the company): a manager's hand-over of a leaver — to a named successor, or spread over
    several by a strategy — or a deactivation without one (the consultant's open leads went
    back to their pools; the rest is spread over the book's consultants).

    Leads moved the consultant's open leads already (``leads``: lead → its new owner, and
    ``customers``: the leads' customers → the same owner). Every service moves its own records
    of the consultant in the book (opportunities, quotes and orders; call tasks): a record
    about one of those leads or customers goes to that lead's new owner; the event whose
    ``final`` is set moves every other record still the consultant's to ``successor_for`` it.
    A large hand-over comes in parts keyed by the consultant (so in order), the final last."""

    event_type: ClassVar[str] = "leads.ConsultantHandedOver"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = CUSTOMER_TOPIC
    shared_as: ClassVar[str | None] = "lead"

    hand_over_id: UUID
    dealer_id: str = Field(description="The book (dealer, or node above dealers) handed over")
    consultant: str = Field(description="The leaver whose records move")
    successors: list[Successor] = Field(min_length=1)
    strategy: str = Field(description="named, round_robin, least_loaded, weighted or spread")
    reason: Literal["hand_over", "deactivated"]
    leads: dict[UUID, str] = Field(description="Leads moved in this part → their new owner")
    customers: dict[UUID, str] = Field(description="Those leads' customers → the same owner")
    part: int = Field(ge=0)
    final: bool = Field(description="The last part: every other record of the consultant moves")
    at: datetime

    def aggregate_key(self) -> str:
        return self.consultant

    def names(self, *, lead_id: UUID | None, customer_id: UUID | None) -> bool:
        """Whether this part decides the successor of a record about that lead or customer."""
        return (lead_id is not None and lead_id in self.leads) or (
            customer_id is not None and customer_id in self.customers
        )

    def successor_for(
        self, *, lead_id: UUID | None, customer_id: UUID | None, record_id: UUID
    ) -> Successor:
        """Who takes a record: its lead's (or customer's) new owner, else one successor chosen
        by the lead, the customer or the record itself — the same one in every service, so a
        customer's opportunity and call tasks stay together."""
        chosen = (lead_id is not None and self.leads.get(lead_id)) or (
            customer_id is not None and self.customers.get(customer_id)
        )
        if chosen:
            for successor in self.successors:
                if successor.user_id == chosen:
                    return successor
        key = lead_id or customer_id or record_id
        return self.successors[key.int % len(self.successors)]

    @classmethod
    def whole_of(cls, parts: Sequence[ConsultantHandedOver]) -> ConsultantHandedOver | None:
        """Of a consultant's hand-over parts (latest hand-over first), the latest hand-over
        whose final part is among them as one event: that final part with every one of its
        parts' leads and customers. None when no final part is."""
        final = next((p for p in parts if p.final), None)
        if final is None:
            return None
        same = [p for p in parts if p.hand_over_id == final.hand_over_id]
        return final.model_copy(
            update={
                "leads": {k: v for p in same for k, v in p.leads.items()},
                "customers": {k: v for p in same for k, v in p.customers.items()},
            }
        )


LeadCreatedEvent = Envelope[LeadCreated]

ALL = (
    LeadCreated,
    LeadAssigned,
    LeadClaimed,
    LeadReleased,
    LeadFollowedUp,
    LeadGraded,
    LeadConverted,
    LeadLost,
    LeadDistributed,
    LeadReturned,
    LeadRecycleDue,
    LeadClaimBlocked,
    LeadEscalated,
    LeadCallbackDue,
    ReceptionRecorded,
    CustomerMerged,
    ConsultantHandedOver,
)
