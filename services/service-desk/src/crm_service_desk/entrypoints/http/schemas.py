"""Request and response bodies of the service-desk API. Tenancy and ownership come from the
token, never from a body: every request model forbids unknown fields."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from crm_service_desk.domain.agreements import AgreementKind
from crm_service_desk.domain.care import CareAction, RuleKind, Segment
from crm_service_desk.domain.escalation import Action, Target
from crm_service_desk.domain.surveys import QuestionKind, SurveyChannel
from crm_service_desk.domain.tickets import (
    Channel,
    EntryKind,
    PartnerStatus,
    Priority,
    TicketKind,
    WaitingFor,
)


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


class Reassignment(_Request):
    assignee: str = Field(min_length=1, max_length=64)


class EntryCreate(_Request):
    kind: EntryKind = Field(description="note: internal; reply: to the customer")
    body: str = Field(min_length=1, max_length=10_000)


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


class CategoryCreate(_Request):
    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=200)
    default_priority: Priority = Priority.NORMAL
    parent_code: str | None = Field(default=None, max_length=60)


class SlaRule(_Request):
    category_code: str | None = Field(default=None, max_length=60, description="null: any")
    priority: Priority | None = Field(default=None, description="null: any")
    first_response_minutes: int | None = Field(default=None, ge=1, le=525_600)
    resolution_minutes: int | None = Field(default=None, ge=1, le=525_600)


class SlaPolicies(_Request):
    """The node's SLA policies in business minutes; a nearer node's rule wins, then the most
    specific rule (category and priority, category, priority, any)."""

    policies: list[SlaRule] = Field(max_length=500)


Weekday = Literal["0", "1", "2", "3", "4", "5", "6"]


def _wall_clock(value: object) -> object:
    if not isinstance(value, str | time):
        raise ValueError("a time of day as HH:MM or HH:MM:SS")
    return value


def _without_offset(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time of the calendar's time zone, without an offset")
    return value


# A wall-clock time of the calendar's own zone. JSON Schema's "time" format is RFC 3339's
# full-time, which requires an offset this value must not have.
WallClock = Annotated[
    time,
    BeforeValidator(_wall_clock),
    AfterValidator(_without_offset),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "examples": ["08:30"],
        }
    ),
]


class WindowIn(_Request):
    opens: WallClock
    closes: WallClock


DayWindows = Annotated[list[WindowIn], Field(max_length=10)]
"""A day's opening hours: a few windows (morning, afternoon, evening)."""


class Calendar(_Request):
    """Working hours per weekday (0 Monday … 6 Sunday; a missing day is closed), holidays,
    and make-up working days (调休) with their hours."""

    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    weekly: dict[Weekday, DayWindows]
    holidays: list[date] = Field(default_factory=list, max_length=400)
    working_days: dict[date, DayWindows] = Field(default_factory=dict, max_length=400)


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


class QuestionIn(_Request):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    kind: QuestionKind
    text: str = Field(min_length=1, max_length=500)
    options: list[str] = Field(default_factory=list, max_length=20)
    scale_max: int = Field(default=5, description="CSI scale: 5, 7 or 10")
    weight: float = Field(default=1.0, gt=0, le=100, allow_inf_nan=False)
    required: bool = True


class DesignCreate(_Request):
    """A survey design (NPS 0-10, CSI scales, single/multiple choice, free text)."""

    name: str = Field(min_length=1, max_length=200, examples=["交车满意度 Delivery survey"])
    questions: list[QuestionIn] = Field(min_length=1, max_length=50)
    low_nps_at_most: int = Field(default=6, ge=0, le=10)
    low_csi_below: float = Field(default=60.0, ge=0, le=100, allow_inf_nan=False)


class DesignCreated(BaseModel):
    id: UUID
    design_key: UUID = Field(description="Shared by the design's versions")
    version: int


class SurveyRuleIn(_Request):
    design_key: UUID
    channel: SurveyChannel = SurveyChannel.LINK
    link_days: int = Field(default=14, ge=1, le=90, description="Days the one-time link works")
    complaint_owner: str | None = Field(
        default=None, max_length=64, description="Who owns the complaint a low score opens"
    )


class SurveyAnswers(_Request):
    """Answers by question code: NPS and CSI as whole numbers, a choice as its option, several
    choices as a list of options, free text as text."""

    answers: dict[str, int | str | list[str]] = Field(max_length=50)


class AnswerRecorded(BaseModel):
    low_score: bool = Field(description="A complaint was opened for the customer")


class PublicForm(BaseModel):
    name: str
    questions: list[dict[str, object]]
    expires_at: datetime


class ProfileIn(_Request):
    name: str = Field(min_length=1, max_length=200)
    segment: Segment = Field(description="toc: a private customer; tob: a business")
    phone: str | None = Field(default=None, min_length=5, max_length=32)
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    birthday: date | None = None
    company: str | None = Field(default=None, max_length=200)
    insurance_expires_on: date | None = None
    value_tier: str | None = Field(default=None, max_length=20, examples=["gold"])


class ProfileSaved(BaseModel):
    customer_id: UUID
    owner_org: str


class VehicleIn(_Request):
    customer_id: UUID | None = None
    model: str | None = Field(default=None, max_length=100)
    delivered_on: date | None = None
    last_service_on: date | None = None
    mileage_km: int | None = Field(default=None, ge=0, le=2_000_000)


class VehicleSaved(BaseModel):
    vin: str
    owner_org: str


class CareRuleTerms(_Request):
    """What a care rule says besides its kind: whom, how, what and when."""

    segment: Segment
    action: CareAction = Field(description="sms, email, or call (a care call task)")
    message: str = Field(
        min_length=1, max_length=500, examples=["{name}您好, 您的爱车 {vin} 将于 {date} 到期保养"]
    )
    months: int | None = Field(default=None, ge=1, le=60)
    km: int | None = Field(default=None, ge=500, le=100_000)
    days_before: int = Field(default=0, ge=0, le=366)
    window_days: int = Field(default=30, ge=0, le=366)
    complaints: int = Field(default=3, ge=1, le=100)


class CareRuleIn(CareRuleTerms):
    """A care rule of the caller's node, for ToC or ToB customers."""

    kind: RuleKind


class CareRuleChange(CareRuleTerms):
    """A rule's new terms (its kind stays: another kind is another rule) and whether it acts."""

    active: bool = Field(description="false: the scan leaves the rule out until reactivated")


class ArticleIn(_Request):
    title: str = Field(min_length=1, max_length=200)
    problem: str = Field(min_length=1, max_length=20_000)
    solution: str = Field(min_length=1, max_length=20_000)
    category: str | None = Field(
        default=None, max_length=60, description="A category code of the book or above it"
    )
    published: bool = Field(default=True, description="false: a draft only this book sees")


class ArticleUse(_Request):
    ticket_id: UUID


class ArticleUses(BaseModel):
    uses: int


class AgreementIn(_Request):
    kind: AgreementKind
    name: str = Field(min_length=1, max_length=200)
    vin: str | None = Field(default=None, min_length=17, max_length=17)
    customer_id: UUID | None = None
    categories: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default=[], max_length=50, description="Category codes covered; empty: any work"
    )
    valid_from: date
    valid_until: date
    max_km: int | None = Field(default=None, ge=1, le=10_000_000)
    visits: int | None = Field(default=None, ge=1, le=1000, description="Visits included")


class PartnerJobRequest(_Request):
    partner_org: str = Field(min_length=1, max_length=64, description="The partner's org node")
    instructions: str | None = Field(default=None, max_length=10_000)


class PartnerProgress(_Request):
    status: PartnerStatus
    note: str | None = Field(default=None, max_length=10_000)


class PartsClaimIn(_Request):
    partner_id: str = Field(min_length=1, max_length=64, description="The parts maker's org")
    part_number: str = Field(min_length=1, max_length=60)
    quantity: int = Field(default=1, ge=1, le=10_000)
    description: str = Field(default="", max_length=10_000)


class PartsClaimRefiling(_Request):
    information: str = Field(min_length=1, max_length=10_000)


class PartsClaimAnswer(_Request):
    status: Literal["accepted", "rejected", "more_information"]
    answer: str | None = Field(default=None, max_length=10_000)
