"""Events published by services/call-center, version 1. Changing one means a new version.

A call's events are keyed by its id: the phone system's record of one conversation (every
channel sharing one Asterisk ``Linkedid``, or one cloud contact center call id)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import EventData

CALL_TOPIC = "crm.call_center.call.v1"

Direction = Literal["inbound", "outbound"]


class _CallEvent(EventData):
    topic: ClassVar[str] = CALL_TOPIC
    shared_as: ClassVar[str | None] = "call"
    personal_fields: ClassVar[Mapping[str, str]] = {"customer_phone": "phone"}

    call_id: UUID
    dealer_id: str = Field(description="Org node whose call it is: the queue's, else the agent's")
    direction: Direction
    customer_phone: str = Field(
        description="The customer's side of the call as the phone system gave it (any format)"
    )
    agent_user: str | None = Field(description="The agent (user) who took or made the call")
    queue_id: UUID | None
    lead_id: UUID | None = Field(description="The lead the call is about, when known")
    customer_id: UUID | None
    task_id: UUID | None = Field(description="The call task it was dialled from")

    def aggregate_key(self) -> str:
        return str(self.call_id)


class CallStarted(_CallEvent):
    """The phone system reported a new call (ringing in or dialled out)."""

    event_type: ClassVar[str] = "call_center.CallStarted"
    event_version: ClassVar[int] = 1

    started_at: datetime


class CallCompleted(_CallEvent):
    """The phone system's record of a finished call, as it settled: whether the customer was
    connected to an agent and for how long. ``disposition`` is the phone system's for a call
    never connected (``no_answer``, ``busy``, ``abandoned``, ``failed``); a connected call's
    disposition is the agent's, recorded later (``call_center.CallDispositionRecorded``)."""

    event_type: ClassVar[str] = "call_center.CallCompleted"
    event_version: ClassVar[int] = 1

    connected: bool
    abandoned: bool = Field(description="The caller hung up while waiting in a queue")
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    wait_seconds: int = Field(ge=0, description="Ringing or queued before an agent answered")
    talk_seconds: int = Field(ge=0)
    hold_seconds: int = Field(ge=0)
    disposition: str | None
    callback_requested: bool = Field(
        default=False, description="The caller accepted a callback instead of waiting"
    )


class CallDispositionRecorded(_CallEvent):
    """The agent wrapped the call up: its disposition (outcome) and notes are recorded."""

    event_type: ClassVar[str] = "call_center.CallDispositionRecorded"
    event_version: ClassVar[int] = 1

    connected: bool
    talk_seconds: int = Field(ge=0)
    disposition: str
    grade_after: str | None = Field(
        default=None, description="The lead's intent grade the agent recorded, if any"
    )
    at: datetime


class CallTicketRequested(_CallEvent):
    """The agent (or a manager of the call's org) asked the service desk to open a ticket for
    the call (channel phone), or to add the call to ``attach_to``, an open ticket of the call's
    book. The service desk opens or attaches it once."""

    event_type: ClassVar[str] = "call_center.CallTicketRequested"
    event_version: ClassVar[int] = 1

    ticket_kind: Literal["service_request", "complaint", "feedback", "inquiry"]
    subject: str = Field(max_length=200)
    notes: str = Field(max_length=4000, description="What the customer said, for the ticket")
    attach_to: UUID | None = Field(description="The ticket to add the call to; None: a new one")
    requested_by: str
    at: datetime


TASK_TOPIC = "crm.call_center.task.v1"


class _TaskEvent(EventData):
    topic: ClassVar[str] = TASK_TOPIC
    shared_as: ClassVar[str | None] = "call"

    task_id: UUID
    dealer_id: str = Field(description="Org node whose book the task is in")
    kind: str = Field(description="policy_renewal, lead_callback, care, survey, win_back…")
    assignee: str = Field(description="The consultant or agent who must make the call")
    lead_id: UUID | None
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.task_id)


class CallTaskCreated(_TaskEvent):
    """A rule (or a manager) pushed a phone task to a consultant or agent."""

    event_type: ClassVar[str] = "call_center.CallTaskCreated"
    event_version: ClassVar[int] = 1

    due_at: datetime
    rule: str | None = Field(description="The rule that pushed it; None: a manager by hand")


class CallTaskCleared(_TaskEvent):
    """A connected call with a recorded disposition and notes cleared the task (the only way a
    task is done), or a manager approved its cancellation (``call_id`` None)."""

    event_type: ClassVar[str] = "call_center.CallTaskCleared"
    event_version: ClassVar[int] = 1

    call_id: UUID | None
    disposition: str | None
    on_time: bool = Field(description="Cleared by its due time")
    grade_after: str | None = Field(
        default=None, description="The lead's grade the agent recorded on the clearing call"
    )


class CallTaskCancelRequested(_TaskEvent):
    """The customer could not be reached: the assignee asks the manager to cancel the task."""

    event_type: ClassVar[str] = "call_center.CallTaskCancelRequested"
    event_version: ClassVar[int] = 1

    reason: str


class CallTaskCancelDecided(_TaskEvent):
    """The manager approved the cancellation (the task is cleared) or rejected it (the task is
    due today and escalates if still open at the end of the day)."""

    event_type: ClassVar[str] = "call_center.CallTaskCancelDecided"
    event_version: ClassVar[int] = 1

    approved: bool
    decided_by: str
    due_at: datetime | None = Field(description="When rejected: the end of today")


class CallTaskEscalated(_TaskEvent):
    """A rejected cancellation's task was still open at the end of its day."""

    event_type: ClassVar[str] = "call_center.CallTaskEscalated"
    event_version: ClassVar[int] = 1

    due_at: datetime


class CallTaskHandedOver(_TaskEvent):
    """A leaver's hand-over moved the open task to ``assignee``, their successor (leads'
    ``ConsultantHandedOver``); the task keeps its due time and its history."""

    event_type: ClassVar[str] = "call_center.CallTaskHandedOver"
    event_version: ClassVar[int] = 1

    previous_assignee: str
    hand_over_id: UUID = Field(description="The hand-over (leads) that moved it")


ALL = (
    CallStarted,
    CallCompleted,
    CallDispositionRecorded,
    CallTicketRequested,
    CallTaskCreated,
    CallTaskCleared,
    CallTaskCancelRequested,
    CallTaskCancelDecided,
    CallTaskEscalated,
    CallTaskHandedOver,
)
