"""Request and response bodies of the service-desk API. Tenancy and ownership come from the
token, never from a body: every request model forbids unknown fields."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm_service_desk.domain.escalation import Action, Target
from crm_service_desk.domain.tickets import Channel, EntryKind, Priority, TicketKind, WaitingFor


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinksIn(_Request):
    lead_id: UUID | None = None
    opportunity_id: UUID | None = None
    order_id: UUID | None = None
    call_id: str | None = Field(default=None, max_length=64)


class TicketCreate(_Request):
    """A ticket in the caller's book. The customer is found in leads by ``phone`` (the
    customer file it belongs to, if the caller may see it)."""

    subject: str = Field(min_length=1, max_length=300, examples=["刹车异响 brake noise"])
    kind: TicketKind = TicketKind.SERVICE_REQUEST
    channel: Channel = Channel.WALK_IN
    category: str | None = Field(
        default=None, max_length=60, description="Category code (see /ticket-categories)"
    )
    priority: Priority | None = Field(
        default=None, description="Default: the category's default priority, else normal"
    )
    description: str = Field(default="", max_length=10_000)
    customer_name: str | None = Field(default=None, min_length=1, max_length=200)
    phone: str | None = Field(default=None, min_length=5, max_length=32, examples=["138 0013 8000"])
    vin: str | None = Field(default=None, min_length=17, max_length=17)
    vehicle_model: str | None = Field(default=None, max_length=100)
    links: LinksIn = Field(default_factory=LinksIn)
    assignee: str | None = Field(
        default=None, max_length=64, description="A user of the book; default: the caller"
    )


class QuickTicket(_Request):
    """Quick entry (快速录入): the phone and what the customer wants, nothing else; the rest
    takes its defaults (phone channel, service request, normal priority, the caller)."""

    phone: str = Field(min_length=5, max_length=32, examples=["138 0013 8000"])
    subject: str = Field(min_length=1, max_length=300, examples=["预约保养 book a service"])
    kind: TicketKind = TicketKind.SERVICE_REQUEST


class CustomerOut(BaseModel):
    customer_id: UUID | None
    name: str | None = Field(description="Masked unless the caller may see it in full")
    phone: str | None = Field(description="Masked unless the caller may see it in full")


class VehicleOut(BaseModel):
    vin: str | None
    model: str | None


class LinksOut(BaseModel):
    lead_id: UUID | None
    opportunity_id: UUID | None
    order_id: UUID | None
    call_id: str | None


class AppointmentOut(BaseModel):
    starts_at: datetime
    minutes: int
    place: str | None


class ComplaintOut(BaseModel):
    responsible_user: str | None
    root_cause: str | None
    customer_confirmed_at: datetime | None
    customer_satisfied: bool | None


class TicketPublic(BaseModel):
    id: UUID
    number: str
    owner_org: str
    owner_user: str | None
    kind: TicketKind
    channel: Channel
    category_id: UUID | None
    priority: Priority
    status: str
    waiting_for: WaitingFor | None
    subject: str
    description: str
    customer: CustomerOut
    vehicle: VehicleOut
    links: LinksOut
    created_by: str
    opened_at: datetime
    updated_at: datetime
    first_responded_at: datetime | None
    response_due_at: datetime | None = Field(description="First-response target, while open")
    resolve_due_at: datetime | None = Field(description="Resolution target, while the clock runs")
    resolved_at: datetime | None
    resolution: str | None
    closed_at: datetime | None
    merged_into: UUID | None
    raised_to_org: str | None = Field(description="Where the escalation ladder raised it")
    escalation_steps: list[str]
    appointment: AppointmentOut | None
    complaint: ComplaintOut | None
    partner_org: str | None


class Reassignment(_Request):
    assignee: str = Field(min_length=1, max_length=64)


class EntryCreate(_Request):
    kind: EntryKind = Field(description="note: internal; reply: to the customer")
    body: str = Field(min_length=1, max_length=10_000)


class EntryPublic(BaseModel):
    id: int
    kind: EntryKind
    body: str
    author: str
    at: datetime


class EntryAdded(BaseModel):
    id: int


class Hold(_Request):
    waiting_for: WaitingFor


class Resolution(_Request):
    resolution: str = Field(min_length=1, max_length=10_000)


class Closure(_Request):
    customer_satisfied: bool | None = Field(
        default=None, description="The customer's confirmation; null: closed without it"
    )


class Reopening(_Request):
    reason: str = Field(min_length=1, max_length=2000)


class Merge(_Request):
    into: UUID = Field(description="The ticket this one duplicates")


class AppointmentIn(_Request):
    starts_at: AwareDatetime
    minutes: int = Field(ge=5, le=24 * 60)
    place: str | None = Field(default=None, max_length=200, examples=["bay 3"])


class ComplaintHandling(_Request):
    responsible_user: str | None = Field(default=None, min_length=1, max_length=64)
    root_cause: str | None = Field(default=None, min_length=1, max_length=5000)


class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    rule: str | None
    detail: dict[str, object]


class CategoryCreate(_Request):
    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=200)
    default_priority: Priority = Priority.NORMAL
    parent_code: str | None = Field(default=None, max_length=60)


class CategoryPublic(BaseModel):
    id: UUID
    owner_org: str
    parent_id: UUID | None
    code: str
    name: str
    default_priority: Priority
    active: bool


class SlaRule(_Request):
    category_code: str | None = Field(default=None, max_length=60, description="null: any")
    priority: Priority | None = Field(default=None, description="null: any")
    first_response_minutes: int | None = Field(default=None, ge=1, le=525_600)
    resolution_minutes: int | None = Field(default=None, ge=1, le=525_600)


class SlaPolicies(_Request):
    """The node's SLA policies in business minutes; a nearer node's rule wins, then the most
    specific rule (category and priority, category, priority, any)."""

    policies: list[SlaRule] = Field(max_length=500)


class SlaPolicyPublic(BaseModel):
    owner_org: str
    category_id: UUID | None
    priority: Priority | None
    first_response_minutes: int | None
    resolution_minutes: int | None


Weekday = Literal["0", "1", "2", "3", "4", "5", "6"]


class WindowIn(_Request):
    opens: time
    closes: time


class Calendar(_Request):
    """Working hours per weekday (0 Monday … 6 Sunday; a missing day is closed), holidays,
    and make-up working days (调休) with their hours."""

    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    weekly: dict[Weekday, list[WindowIn]]
    holidays: list[date] = Field(default_factory=list, max_length=400)
    working_days: dict[date, list[WindowIn]] = Field(default_factory=dict)


class LadderStep(_Request):
    name: str = Field(min_length=1, max_length=60)
    target: Target
    percent: int = Field(ge=1, le=1000, description="Share of the target used up; 100: breach")
    action: Action


class EscalationLadder(_Request):
    steps: list[LadderStep] = Field(max_length=20)
    team_lead: str | None = Field(
        default=None, max_length=64, description="Who a reassign_team_lead step hands over to"
    )
