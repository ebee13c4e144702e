"""Call tasks: the phone calls rules push to consultants and agents (the renewal / sales
assistant, DOMAIN.md "Call center").

A task is cleared only by a call: a connected call (per the phone system's record) by the
assignee, with a disposition and notes recorded. A customer who cannot be reached is not a
reason to clear it: the assignee asks for cancellation with a reason; the manager approves
(the task is cleared without a call) or rejects — then the task is due today and escalates if
it is still open at the end of that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo


class TaskStatus(StrEnum):
    OPEN = "open"
    CANCEL_REQUESTED = "cancel_requested"
    CLEARED = "cleared"
    CANCELLED = "cancelled"


class TaskKind(StrEnum):
    POLICY_RENEWAL = "policy_renewal"
    """N days before an insurance policy expires."""
    MAINTENANCE_DUE = "maintenance_due"
    WIN_BACK = "win_back"
    """A lost lead worth another try."""
    LEAD_CALLBACK = "lead_callback"
    """The callback cadence of a lead's intent grade (LeadGraded)."""
    CARE = "care"
    """A care call the service desk's rules asked for."""
    SURVEY = "survey"


SCRIPTS: dict[TaskKind, str] = {
    TaskKind.POLICY_RENEWAL: (
        "Greet the customer by name; say the vehicle's insurance expires on the date shown; "
        "offer this year's renewal quote and the gift for renewing early; ask for a good time "
        "to send the quote."
    ),
    TaskKind.MAINTENANCE_DUE: (
        "Remind the customer the vehicle is due for maintenance; offer a time slot and the "
        "pick-up service."
    ),
    TaskKind.WIN_BACK: (
        "Ask whether the customer has bought yet; if not, what held them back; offer a new "
        "test drive or this month's offer."
    ),
    TaskKind.LEAD_CALLBACK: (
        "Follow up the customer's interest: what changed since the last contact, the next "
        "step (visit, test drive, quote); record the intent grade."
    ),
    TaskKind.CARE: "Ask how the customer is getting on with the vehicle; note any complaint.",
    TaskKind.SURVEY: "Ask the survey's questions in order; record each answer in the notes.",
}
"""The call script attached to each task type."""


class TaskConflict(Exception):
    """The task's state does not allow it (answered 409)."""


class NotTheAssignee(PermissionError):
    """Only the assignee makes the task's calls and asks to cancel it (answered 403)."""


class NotAClearingCall(TaskConflict):
    """The call does not clear the task: not connected, not the assignee's, or no disposition
    and notes recorded."""


@dataclass(frozen=True, slots=True)
class ClearingCall:
    call_id: UUID
    agent_user: str | None
    connected: bool
    disposition: str | None
    notes: str | None


@dataclass(slots=True)
class CallTask:
    id: UUID
    tenant: str
    owner_org: str
    kind: TaskKind
    assignee: str
    due_at: datetime
    customer_name: str
    phone: str | None
    lead_id: UUID | None = None
    customer_id: UUID | None = None
    rule: str | None = None
    reason: str | None = None
    """Why the rule pushed it, in words the agent reads out (e.g. the policy's expiry)."""
    queue_id: UUID | None = None
    """The queue that dealt it out, for a task distributed by a queue."""
    status: TaskStatus = TaskStatus.OPEN
    cleared_by_call: UUID | None = None
    cleared_at: datetime | None = None
    cancel_reason: str | None = None
    cancel_requested_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    rejected: bool = False
    escalated_at: datetime | None = None

    @property
    def script(self) -> str:
        return SCRIPTS[self.kind]

    def clear_by(self, call: ClearingCall, now: datetime) -> None:
        if self.status not in (TaskStatus.OPEN, TaskStatus.CANCEL_REQUESTED):
            raise TaskConflict(f"the task is {self.status.value}")
        if call.agent_user != self.assignee:
            raise NotAClearingCall("the call was not the assignee's")
        if not call.connected:
            raise NotAClearingCall("the call did not connect")
        if not (call.disposition and call.notes):
            raise NotAClearingCall("a disposition and notes must be recorded")
        self.status = TaskStatus.CLEARED
        self.cleared_by_call = call.call_id
        self.cleared_at = now

    def hand_over(self, to: str) -> None:
        """Its assignee leaves: the successor makes the call (a cancellation they asked for
        still waits for the manager's decision)."""
        if self.status not in (TaskStatus.OPEN, TaskStatus.CANCEL_REQUESTED):
            raise TaskConflict(f"the task is {self.status.value}")
        self.assignee = to

    def request_cancellation(self, by: str, reason: str, now: datetime) -> None:
        if by != self.assignee:
            raise NotTheAssignee("only the assignee asks to cancel the task")
        if self.status is not TaskStatus.OPEN:
            raise TaskConflict(f"the task is {self.status.value}")
        if self.rejected:
            raise TaskConflict("a rejected cancellation stands: the task is due today")
        self.status = TaskStatus.CANCEL_REQUESTED
        self.cancel_reason = reason
        self.cancel_requested_at = now

    def decide_cancellation(
        self, manager: str, approved: bool, now: datetime, business_tz: ZoneInfo
    ) -> None:
        if self.status is not TaskStatus.CANCEL_REQUESTED:
            raise TaskConflict("no cancellation request waits for a decision")
        self.decided_by = manager
        self.decided_at = now
        if approved:
            self.status = TaskStatus.CANCELLED
            self.cleared_at = now
            return
        self.status = TaskStatus.OPEN
        self.rejected = True
        self.due_at = end_of_day(now, business_tz)

    def escalate(self, now: datetime) -> None:
        if self.status is not TaskStatus.OPEN or not self.rejected or self.escalated_at:
            raise TaskConflict("only an open task whose cancellation was rejected escalates")
        if now < self.due_at:
            raise TaskConflict("the task's day is not over yet")
        self.escalated_at = now

    def on_time(self, now: datetime) -> bool:
        return now <= self.due_at


def end_of_day(now: datetime, business_tz: ZoneInfo) -> datetime:
    """The last moment of ``now``'s business day (midnight that ends it)."""
    return end_of(now.astimezone(business_tz).date(), business_tz)


def end_of(day: date, business_tz: ZoneInfo) -> datetime:
    """The midnight that ends a business day: a task due "on" a day is due by then."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=business_tz)
