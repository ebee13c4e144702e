"""A ticket (工单): a service request, complaint (投诉), feedback or inquiry from a customer,
worked by one person of the book that owns it. Pure rules, no I/O: every method takes the
time it happens at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from crm_common.errors import InvalidInput
from crm_service_desk.domain.sla import BusinessCalendar, SlaClock, SlaTargets


class TicketKind(StrEnum):
    SERVICE_REQUEST = "service_request"
    COMPLAINT = "complaint"
    FEEDBACK = "feedback"
    INQUIRY = "inquiry"


class Channel(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    """Taken by the call center (its API call or its event)."""
    PORTAL = "portal"
    PARTNER = "partner"
    CAMPAIGN_FORM = "campaign_form"
    SURVEY = "survey"
    """Opened by a low survey score."""


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class TicketStatus(StrEnum):
    OPEN = "open"
    WAITING = "waiting"
    """Waiting for the customer or a partner: the SLA clock stands."""
    RESOLVED = "resolved"
    CLOSED = "closed"
    MERGED = "merged"
    """A duplicate, closed into another ticket."""


class WaitingFor(StrEnum):
    CUSTOMER = "customer"
    PARTNER = "partner"


class PartnerStatus(StrEnum):
    """Where a repair or service partner has the job sent to it."""

    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    DONE = "done"


PARTNER_STEPS: dict[PartnerStatus | None, frozenset[PartnerStatus]] = {
    PartnerStatus.SENT: frozenset({PartnerStatus.ACCEPTED, PartnerStatus.DECLINED}),
    PartnerStatus.ACCEPTED: frozenset({PartnerStatus.IN_PROGRESS, PartnerStatus.DONE}),
    PartnerStatus.IN_PROGRESS: frozenset({PartnerStatus.DONE}),
}
PARTNER_DONE_WITH = frozenset({PartnerStatus.DECLINED, PartnerStatus.DONE})
"""A job in these states may go to a partner again."""


class EntryKind(StrEnum):
    NOTE = "note"
    """Internal: staff and, for their jobs, partners see it; the customer never does."""
    REPLY = "reply"
    """Sent to (or visible to) the customer; the first one is the first response."""


OPEN_STATUSES = frozenset({TicketStatus.OPEN, TicketStatus.WAITING})
_VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
CHINA = "86"
MAINLAND_MOBILE_DIGITS = 11


class TicketConflict(Exception):
    """The ticket's state does not allow this (answered 409, the message says why)."""


def normalise_vin(raw: str, field: str = "vehicle.vin", location: str = "body") -> str:
    vin = raw.strip().upper()
    if not _VIN.match(vin):
        raise InvalidInput(
            field, "a VIN has 17 letters and digits, without I, O or Q", location=location
        )
    return vin


def normalise_phone(raw: str, field: str = "phone", location: str = "body") -> str:
    """E.164, the form leads' customer files keep: ``138 0013 8000`` → ``+8613800138000``."""
    compact = _PHONE_SEPARATORS.sub("", raw.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        digits = compact[1:]
    elif len(compact) == MAINLAND_MOBILE_DIGITS and compact.startswith("1"):
        digits = CHINA + compact
    else:
        digits = CHINA + compact.lstrip("0")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise InvalidInput(field, f"not a phone number: {raw!r}", location=location)
    return "+" + digits


@dataclass(frozen=True, slots=True)
class Customer:
    """Who the ticket is for; ``customer_id`` is the customer file of leads when found."""

    customer_id: UUID | None
    name: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class Vehicle:
    vin: str | None
    model: str | None


@dataclass(frozen=True, slots=True)
class Links:
    """What the ticket is about elsewhere on the platform."""

    lead_id: UUID | None = None
    opportunity_id: UUID | None = None
    order_id: UUID | None = None
    call_id: str | None = None


@dataclass(frozen=True, slots=True)
class Appointment:
    """A service visit booked for the ticket (预约): the slot and the bay or advisor."""

    starts_at: datetime
    minutes: int
    place: str | None


@dataclass(slots=True)
class Complaint:
    """What a complaint carries besides a ticket's fields."""

    responsible_user: str | None = None
    root_cause: str | None = None
    resolution: str | None = None
    customer_confirmed_at: datetime | None = None
    customer_satisfied: bool | None = None


@dataclass(slots=True)
class Ticket:
    id: UUID
    number: str
    tenant: str
    owner_org: str
    """The book: a dealer's, or HQ's / a region's (the brand hotline's)."""
    kind: TicketKind
    channel: Channel
    category_id: UUID | None
    priority: Priority
    subject: str
    description: str
    customer: Customer
    vehicle: Vehicle
    links: Links
    created_by: str
    opened_at: datetime
    clock: SlaClock
    targets: SlaTargets
    status: TicketStatus = TicketStatus.OPEN
    owner_user: str | None = None
    owner_team: str | None = None
    waiting_for: WaitingFor | None = None
    first_responded_at: datetime | None = None
    response_due_at: datetime | None = None
    resolve_due_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None
    closed_at: datetime | None = None
    merged_into: UUID | None = None
    raised_to_org: str | None = None
    """Where the escalation ladder raised it (dealer management, region, HQ service quality):
    that org may act on the ticket too."""
    escalation_steps: list[str] = field(default_factory=list)
    next_escalation_at: datetime | None = None
    appointment: Appointment | None = None
    complaint: Complaint | None = None
    partner_org: str | None = None
    """The repair or service partner the job is assigned to, if any."""
    partner_status: PartnerStatus | None = None
    survey_response_id: UUID | None = None
    updated_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def _require_open(self, doing: str) -> None:
        if not self.is_open:
            raise TicketConflict(f"the ticket is {self.status.value}: it cannot be {doing}")

    def refresh_due_times(self, calendar: BusinessCalendar) -> None:
        self.response_due_at = (
            None
            if self.first_responded_at is not None
            else self.clock.due(calendar, self.targets.first_response)
        )
        self.resolve_due_at = self.clock.due(calendar, self.targets.resolution)

    def assign(self, user: str, team: str | None, now: datetime) -> str | None:
        """Give the ticket to ``user``; returns the previous owner."""
        self._require_open("reassigned")
        previous = self.owner_user
        if previous == user:
            raise TicketConflict(f"the ticket is already worked by {user}")
        self.owner_user, self.owner_team, self.updated_at = user, team, now
        return previous

    def record_reply(self, now: datetime, calendar: BusinessCalendar) -> None:
        """A reply to the customer: the first one meets the first-response target."""
        self._require_open("replied to")
        if self.first_responded_at is None:
            self.first_responded_at = now
            self.refresh_due_times(calendar)
        self.updated_at = now

    def wait_for(self, whom: WaitingFor, now: datetime) -> None:
        self._require_open("put on hold")
        if self.status is TicketStatus.WAITING:
            raise TicketConflict(f"the ticket already waits for the {self.waiting_for}")
        self.status, self.waiting_for, self.updated_at = TicketStatus.WAITING, whom, now
        self.clock.pause(now)
        self.response_due_at = self.resolve_due_at = None

    def resume(self, now: datetime, calendar: BusinessCalendar) -> None:
        if self.status is not TicketStatus.WAITING:
            raise TicketConflict("the ticket is not waiting")
        self.status, self.waiting_for, self.updated_at = TicketStatus.OPEN, None, now
        self.clock.resume(calendar, now)
        self.refresh_due_times(calendar)

    def resolve(self, resolution: str, now: datetime, calendar: BusinessCalendar) -> bool | None:
        """Resolved with ``resolution``; returns whether within the resolution target (None
        without one). A complaint needs its responsible owner and root cause first."""
        self._require_open("resolved")
        if self.complaint is not None and (
            self.complaint.responsible_user is None or self.complaint.root_cause is None
        ):
            raise TicketConflict("a complaint needs a responsible owner and a root cause first")
        self.clock.resume(calendar, now)
        target = self.targets.resolution
        on_time = None if target is None else self.clock.used(calendar, now) <= target
        self.status, self.waiting_for = TicketStatus.RESOLVED, None
        self.resolution, self.resolved_at, self.updated_at = resolution, now, now
        if self.complaint is not None:
            self.complaint.resolution = resolution
        self.response_due_at = self.resolve_due_at = self.next_escalation_at = None
        return on_time

    def close(self, now: datetime, *, customer_satisfied: bool | None) -> None:
        """Closed after resolution; ``customer_satisfied`` is the customer's confirmation
        (None: closed without hearing from them)."""
        if self.status is not TicketStatus.RESOLVED:
            raise TicketConflict("only a resolved ticket can be closed")
        self.status, self.closed_at, self.updated_at = TicketStatus.CLOSED, now, now
        if self.complaint is not None and customer_satisfied is not None:
            self.complaint.customer_confirmed_at = now
            self.complaint.customer_satisfied = customer_satisfied

    def reopen(self, now: datetime, calendar: BusinessCalendar) -> None:
        """The customer was not satisfied: the clock runs on from where it stood."""
        if self.status is not TicketStatus.RESOLVED:
            raise TicketConflict("only a resolved ticket can be reopened")
        resolved_at = self.resolved_at or now
        self.clock.paused_since = resolved_at
        self.clock.resume(calendar, now)
        self.status, self.resolved_at, self.resolution, self.updated_at = (
            TicketStatus.OPEN,
            None,
            None,
            now,
        )
        self.refresh_due_times(calendar)

    def merge_into(self, survivor: Ticket, now: datetime) -> None:
        """This ticket duplicates ``survivor``: closed into it."""
        if survivor.id == self.id:
            raise TicketConflict("a ticket cannot be merged into itself")
        self._require_open("merged")
        if not survivor.is_open:
            raise TicketConflict(f"the ticket to merge into is {survivor.status.value}")
        if survivor.owner_org != self.owner_org:
            raise TicketConflict("only tickets of the same book can be merged")
        self.status, self.merged_into, self.closed_at, self.updated_at = (
            TicketStatus.MERGED,
            survivor.id,
            now,
            now,
        )
        self.response_due_at = self.resolve_due_at = self.next_escalation_at = None

    def send_to_partner(self, partner_org: str, now: datetime) -> None:
        """The job goes to a repair or service partner (again, if the last one declined)."""
        self._require_open("sent to a partner")
        if self.partner_org is not None and self.partner_status not in PARTNER_DONE_WITH:
            raise TicketConflict(f"the job is with {self.partner_org} already")
        self.partner_org, self.partner_status, self.updated_at = (
            partner_org,
            PartnerStatus.SENT,
            now,
        )

    def record_partner_progress(self, status: PartnerStatus, now: datetime) -> None:
        """The partner's word on the job: accepted or declined, then in progress and done."""
        self._require_open("updated by the partner")
        allowed = PARTNER_STEPS.get(self.partner_status, frozenset())
        if status not in allowed:
            current = "none" if self.partner_status is None else self.partner_status.value
            raise TicketConflict(f"the job is {current}: it cannot become {status.value}")
        self.partner_status, self.updated_at = status, now

    def schedule(self, appointment: Appointment, now: datetime) -> None:
        self._require_open("scheduled")
        if appointment.starts_at <= now:
            raise InvalidInput("starts_at", "an appointment must be in the future")
        self.appointment, self.updated_at = appointment, now

    def record_complaint_handling(
        self,
        now: datetime,
        *,
        responsible_user: str | None,
        root_cause: str | None,
    ) -> None:
        if self.complaint is None:
            raise TicketConflict("only a complaint has a responsible owner and a root cause")
        self._require_open("changed")
        if responsible_user is not None:
            self.complaint.responsible_user = responsible_user
        if root_cause is not None:
            self.complaint.root_cause = root_cause
        self.updated_at = now


def open_ticket(
    *,
    tenant: str,
    owner_org: str,
    number: str,
    kind: TicketKind,
    channel: Channel,
    category_id: UUID | None,
    priority: Priority,
    subject: str,
    description: str,
    customer: Customer,
    vehicle: Vehicle,
    links: Links,
    created_by: str,
    owner_user: str | None,
    owner_team: str | None,
    targets: SlaTargets,
    calendar: BusinessCalendar,
    now: datetime,
    ticket_id: UUID | None = None,
) -> Ticket:
    subject = " ".join(subject.split())
    if not subject:
        raise InvalidInput("subject", "a ticket needs a subject")
    ticket = Ticket(
        id=ticket_id or uuid4(),
        number=number,
        tenant=tenant,
        owner_org=owner_org,
        kind=kind,
        channel=channel,
        category_id=category_id,
        priority=priority,
        subject=subject,
        description=description.strip(),
        customer=customer,
        vehicle=vehicle,
        links=links,
        created_by=created_by,
        opened_at=now,
        clock=SlaClock(started_at=now),
        targets=targets,
        owner_user=owner_user,
        owner_team=owner_team,
        complaint=Complaint(responsible_user=owner_user) if kind is TicketKind.COMPLAINT else None,
        updated_at=now,
    )
    ticket.refresh_due_times(calendar)
    return ticket


def business_minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)
