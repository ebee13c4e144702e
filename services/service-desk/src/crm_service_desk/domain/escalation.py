"""The escalation ladder (事件升级): steps that apply when a share of a ticket's first-response
or resolution target is used up — notify the owner, hand the ticket to the team lead, raise it
to the dealer's management, the region, HQ's service quality. Pure: the sweep asks which steps
are due and applies them with the org nodes it looked up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from crm_common.errors import InvalidInput
from crm_service_desk.domain.sla import BusinessCalendar
from crm_service_desk.domain.tickets import Ticket, TicketConflict

BREACH_PERCENT = 100
"""A step at 100 % of its target applies when the target is breached."""


class Target(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class Action(StrEnum):
    NOTIFY_OWNER = "notify_owner"
    REASSIGN_TEAM_LEAD = "reassign_team_lead"
    RAISE_TO_DEALER = "raise_to_dealer"
    RAISE_TO_REGION = "raise_to_region"
    RAISE_TO_HQ = "raise_to_hq"


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    target: Target
    percent: int
    """Share of the target used up when the step applies: 100 is the breach."""
    action: Action


@dataclass(frozen=True, slots=True)
class Ladder:
    steps: Sequence[Step]
    team_lead: str | None = None
    """Who takes over at a ``reassign_team_lead`` step (the dealer's service manager)."""

    def __post_init__(self) -> None:
        names = [s.name for s in self.steps]
        if len(set(names)) != len(names):
            raise InvalidInput("steps", "each step needs its own name")
        for index, step in enumerate(self.steps):
            if not 1 <= step.percent <= 1000:
                raise InvalidInput(f"steps[{index}].percent", "between 1 and 1000")


DEFAULT_LADDER = Ladder(
    (
        Step("response_breach_notify_owner", Target.FIRST_RESPONSE, 100, Action.NOTIFY_OWNER),
        Step("resolution_75_notify_owner", Target.RESOLUTION, 75, Action.NOTIFY_OWNER),
        Step("resolution_breach_team_lead", Target.RESOLUTION, 100, Action.REASSIGN_TEAM_LEAD),
        Step("resolution_125_dealer", Target.RESOLUTION, 125, Action.RAISE_TO_DEALER),
        Step("resolution_150_region", Target.RESOLUTION, 150, Action.RAISE_TO_REGION),
        Step("resolution_200_hq", Target.RESOLUTION, 200, Action.RAISE_TO_HQ),
    )
)


@dataclass(frozen=True, slots=True)
class OrgChain:
    """The org nodes above the ticket's book the ladder raises it to (None where missing)."""

    dealer: str | None
    region: str | None
    hq: str | None


@dataclass(frozen=True, slots=True)
class Escalation:
    """One applied step: what the sweep records and publishes."""

    step: Step
    level: int
    due_at: datetime
    """When the step became due."""
    breached: bool
    owner_user: str | None
    previous_owner: str | None
    raised_to_org: str | None


def _schedule(
    ticket: Ticket, ladder: Ladder, calendar: BusinessCalendar
) -> list[tuple[datetime, Step]]:
    """The steps still to apply, with when each is due, in order."""
    pending: list[tuple[Step, timedelta]] = []
    for step in ladder.steps:
        if step.name in ticket.escalation_steps:
            continue
        if step.target is Target.FIRST_RESPONSE:
            if ticket.first_responded_at is not None or ticket.targets.first_response is None:
                continue
            target = ticket.targets.first_response
        else:
            if ticket.targets.resolution is None:
                continue
            target = ticket.targets.resolution
        pending.append((step, target * step.percent / 100))
    due = ticket.clock.due_each(calendar, [share for _, share in pending])
    if due is None:
        return []  # the clock stands: nothing falls due while the ticket waits
    scheduled = [(at, step) for (step, _), at in zip(pending, due, strict=True)]
    scheduled.sort(key=lambda pair: (pair[0], pair[1].percent))
    return scheduled


def next_escalation_at(
    ticket: Ticket, ladder: Ladder, calendar: BusinessCalendar
) -> datetime | None:
    """When the sweep should look at the ticket again (None: nothing left, or it waits)."""
    if not ticket.is_open:
        return None
    schedule = _schedule(ticket, ladder, calendar)
    return schedule[0][0] if schedule else None


def escalate(
    ticket: Ticket,
    ladder: Ladder,
    calendar: BusinessCalendar,
    chain: OrgChain,
    now: datetime,
) -> list[Escalation]:
    """Apply every step due by ``now``, in order; the ticket's next look is rescheduled."""
    if not ticket.is_open:
        raise TicketConflict(f"the ticket is {ticket.status.value}: nothing to escalate")
    applied = []
    schedule = _schedule(ticket, ladder, calendar)
    # Applying a step moves neither the clock nor the targets: what is left of the schedule
    # stays as computed.
    while schedule and schedule[0][0] <= now:
        due_at, step = schedule.pop(0)
        previous = ticket.owner_user
        match step.action:
            case Action.REASSIGN_TEAM_LEAD if ladder.team_lead is not None:
                ticket.owner_user = ladder.team_lead
            case Action.RAISE_TO_DEALER:
                ticket.raised_to_org = chain.dealer or ticket.raised_to_org
            case Action.RAISE_TO_REGION:
                ticket.raised_to_org = chain.region or chain.hq or ticket.raised_to_org
            case Action.RAISE_TO_HQ:
                ticket.raised_to_org = chain.hq or ticket.raised_to_org
            case _:
                pass  # notify_owner, or no team lead named: the event is the notification
        ticket.escalation_steps.append(step.name)
        breached = step.percent >= BREACH_PERCENT
        applied.append(
            Escalation(
                step=step,
                level=len(ticket.escalation_steps),
                due_at=due_at,
                breached=breached,
                owner_user=ticket.owner_user,
                previous_owner=previous,
                raised_to_org=ticket.raised_to_org,
            )
        )
    ticket.next_escalation_at = schedule[0][0] if schedule else None
    if applied:
        ticket.updated_at = now
    return applied
