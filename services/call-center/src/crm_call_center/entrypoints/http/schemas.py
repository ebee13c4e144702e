"""Request and response bodies of the call-center API. Tenancy and ownership come from the
token, never from a body: every request model forbids unknown fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from crm_call_center.application.wallboard import MOST_BOARD_AGENTS, MOST_BOARD_QUEUES
from crm_call_center.domain.call_lists import ImportStatus
from crm_call_center.domain.distribution import Strategy
from crm_call_center.domain.presence import MOST_QUEUE_MEMBERS, MOST_QUEUES_OF_AGENT
from crm_call_center.domain.tasks import TaskKind
from crm_call_center.views import (
    MOST_COMMENTS,
    MOST_QUEUES_LISTED,
    MOST_REVIEWS,
    MOST_STATISTICS_AGENTS,
    MOST_STATISTICS_DEALERS,
    MOST_STATISTICS_QUEUES,
    MOST_WAITING_LISTED,
)


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TransferPublic(BaseModel):
    at: datetime
    kind: str = Field(description="blind (cold) or attended (warm)")
    by_extension: str | None
    target: str


class CallPublic(BaseModel):
    """A call record. ``customer_phone`` is masked unless the reader may see it in full (the
    agent who had the call, the managers of the owning org)."""

    id: UUID
    owner_org: str
    direction: str
    customer_phone: str
    queue_id: UUID | None
    agent_user: str | None
    agent_extension: str | None
    extensions: list[str] = Field(description="Every agent extension that talked to the customer")
    handed_to: str | None = Field(
        description="The agent of another org node (a dealer's consultant) a transfer handed "
        "the call to: they see it as the agent who took it does"
    )
    handed_to_org: str | None = Field(
        description="Their org node: the call is in its book as well as in owner_org's"
    )
    part_of: UUID | None = Field(
        description="Set on the part a dealer's consultant handled after a hand-over: the "
        "call (the hotline's) it is part of. That part is a call of the dealer's, counted "
        "there and wrapped up by the consultant; the hotline's call keeps its own talk time"
    )
    started_at: datetime
    ring_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    wait_seconds: int
    talk_seconds: int
    hold_seconds: int
    wrap_seconds: int | None
    connected: bool
    abandoned: bool
    callback_requested: bool
    system_disposition: str | None = Field(
        description="The phone system's, for calls never connected"
    )
    disposition: str | None = Field(description="The agent's wrap-up")
    notes: str | None
    has_recording: bool
    transfers: list[TransferPublic]
    customer_id: UUID | None
    lead_id: UUID | None
    opportunity_id: UUID | None
    ticket_id: UUID | None
    task_id: UUID | None
    parts: list[CallPublic] = Field(
        default_factory=list,
        description="The parts of this call handled in another book (a dealer's consultant "
        "after a hand-over) the reader may see as well: listed here, not again on their own",
    )


class DispositionCreate(_Request):
    disposition: str = Field(
        min_length=1, max_length=40, examples=["interested", "renewed", "call_back_later"]
    )
    notes: str = Field(min_length=1, max_length=4000, examples=["Wants a quote for the SUV X"])
    grade_after: str | None = Field(default=None, max_length=20, examples=["intent"])


class WebhookAccepted(BaseModel):
    events: int = Field(description="CTI events the webhook meant (duplicates are dropped later)")


class CallTaskPublic(BaseModel):
    id: UUID
    owner_org: str
    kind: str
    assignee: str
    due_at: datetime
    customer_name: str
    phone: str | None = Field(description="Masked unless the reader may see it in full")
    lead_id: UUID | None
    customer_id: UUID | None
    rule: str | None
    reason: str | None = Field(description="Why the rule pushed it (e.g. the policy's expiry)")
    queue_id: UUID | None = Field(description="The queue that dealt it out")
    status: str = Field(description="open, cancel_requested, cleared, cancelled")
    cleared_by_call: UUID | None
    cleared_at: datetime | None
    cancel_reason: str | None
    decided_by: str | None
    rejected: bool = Field(description="A cancellation was rejected: due today")
    escalated_at: datetime | None
    script: str = Field(description="The call script of the task's type")


class CallTaskCreate(_Request):
    kind: str = Field(
        pattern="^(policy_renewal|maintenance_due|win_back|lead_callback|care|survey)$",
        examples=["policy_renewal"],
    )
    assignee: str = Field(min_length=1, max_length=64, description="An agent of your scope")
    due_at: AwareDatetime
    customer_name: str = Field(min_length=1, max_length=200)
    phone: str | None = Field(default=None, min_length=3, max_length=40)
    lead_id: UUID | None = None


class CancellationRequest(_Request):
    reason: str = Field(min_length=1, max_length=1000, examples=["no answer three times"])


class CancellationDecision(_Request):
    approved: bool


class DialRequest(_Request):
    number: str | None = Field(
        default=None,
        min_length=3,
        max_length=40,
        pattern=r"^\+?[0-9 \-]+$",
        description="Needed when the task carries no number (e.g. a lead's callback)",
    )


class AgentCreate(_Request):
    user_id: str = Field(min_length=1, max_length=64, description="The user (identity) it is")
    display_name: str = Field(min_length=1, max_length=200)
    extension: str = Field(pattern=r"^\d{2,6}$", description="The phone extension on the PBX")
    skills: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=20, examples=[["renewal", "en"]]
    )
    queue_ids: list[UUID] = Field(default_factory=list, max_length=MOST_QUEUES_OF_AGENT)


class StateChange(_Request):
    state: str = Field(
        pattern="^(ready|wrap_up|break|offline)$",
        description="Ringing and on call are the phone system's to say",
    )


_AGENT_QUEUES = f"Capped where they are set: {MOST_QUEUES_OF_AGENT} at most"
_NARROWER = "a supervisor of a narrower scope (a dealer's, a region's) sees its own whole"


class PresencePublic(BaseModel):
    user_id: str
    state: str
    since: datetime
    skills: list[str]
    queue_ids: list[str] = Field(max_length=MOST_QUEUES_OF_AGENT, description=_AGENT_QUEUES)


class Wallboard(BaseModel):
    agents: list[PresencePublic] = Field(
        max_length=MOST_BOARD_AGENTS, description=f"By user id, the first {MOST_BOARD_AGENTS:,}"
    )
    agents_truncated: bool = Field(description=f"More agents than listed: {_NARROWER}")
    rebuilt: bool = Field(description="Redis had lost the presence: rebuilt from PostgreSQL")


Skill = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class _QueueSettings(_Request):
    strategy: Strategy = Field(
        default=Strategy.ROUND_ROBIN,
        description="How the queue deals out call tasks (and routes callers where the CRM "
        "routes): round_robin — every member in turn; skill — only members with the skill "
        "the work needs (a task to the one with the fewest open tasks, a caller to the one "
        "idle longest)",
    )
    task_kinds: list[TaskKind] = Field(
        default_factory=list,
        max_length=6,
        description="The rule-pushed call tasks the queue deals out to its members",
    )
    skills: list[Skill] = Field(
        default_factory=list, max_length=20, description="Skills every caller's agent needs"
    )
    overflow_queue_id: UUID | None = None
    overflow_after_seconds: int | None = Field(default=None, ge=1, le=3600)
    callback_after_seconds: int | None = Field(default=None, ge=1, le=3600)
    service_level_seconds: int = Field(
        default=20, ge=1, le=600, description="Answered within this many seconds: in service level"
    )


class QueueCreate(_QueueSettings):
    name: str = Field(min_length=1, max_length=200, examples=["Renewal desk"])
    pbx_queue: str = Field(
        pattern=r"^[A-Za-z0-9_\-]{1,80}$", description="The queue's name on the PBX"
    )


class QueueChange(_Request):
    """Only the fields given change; ``null`` clears an optional one."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    strategy: Strategy | None = None
    task_kinds: list[TaskKind] | None = Field(default=None, max_length=6)
    skills: list[Skill] | None = Field(default=None, max_length=20)
    overflow_queue_id: UUID | None = None
    overflow_after_seconds: int | None = Field(default=None, ge=1, le=3600)
    callback_after_seconds: int | None = Field(default=None, ge=1, le=3600)
    service_level_seconds: int | None = Field(default=None, ge=1, le=600)


class QueueMembers(_Request):
    user_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        max_length=MOST_QUEUE_MEMBERS, description="Every member: agents of the queue's org node"
    )


class QueueMemberPublic(BaseModel):
    user_id: str
    display_name: str
    state: str
    skills: list[str]
    open_tasks: int


class QueuePublic(BaseModel):
    id: UUID
    owner_org: str
    name: str
    pbx_queue: str
    strategy: str
    task_kinds: list[str]
    skills: list[str]
    overflow_queue_id: UUID | None
    overflow_after_seconds: int | None
    callback_after_seconds: int | None
    service_level_seconds: int
    open_tasks: int = Field(description="Open tasks the queue dealt out")
    members: list[QueueMemberPublic] = Field(
        max_length=MOST_QUEUE_MEMBERS,
        description=f"Capped where they join: {MOST_QUEUE_MEMBERS} agents at most",
    )


class WaitingTasksPublic(BaseModel):
    owner_org: str
    kind: str
    count: int
    oldest_due_at: datetime


class QueueBoard(BaseModel):
    queues: list[QueuePublic] = Field(
        max_length=MOST_QUEUES_LISTED,
        description=f"By org node and name, the first {MOST_QUEUES_LISTED:,}",
    )
    queues_truncated: bool = Field(description=f"More queues than listed: {_NARROWER}")
    waiting: list[WaitingTasksPublic] = Field(
        max_length=MOST_WAITING_LISTED,
        description="Rule-pushed call tasks no queue takes yet (none lists the kind, or none "
        f"of its members can): dealt out once one can. By org node, the first"
        f" {MOST_WAITING_LISTED:,}",
    )
    waiting_truncated: bool = Field(description=f"More kinds wait than listed: {_NARROWER}")


class CallStatsPublic(BaseModel):
    offered: int = Field(description="Inbound calls that reached the queue (or rang the agent)")
    answered: int
    abandoned: int = Field(description="The caller hung up while waiting")
    answer_rate: float | None = Field(description="% of offered; None when none was offered")
    abandon_rate: float | None
    service_level: float | None = Field(
        description="% of offered calls answered within the queue's threshold"
    )
    average_speed_of_answer: float | None = Field(description="Seconds waited, answered calls")
    average_handle_seconds: float | None = Field(
        description="Talk + hold + wrap-up per call handled (inbound answered, outbound connected)"
    )
    handled: int
    outbound: int
    outbound_connected: int


class QueueStatsPublic(BaseModel):
    queue_id: UUID | None = Field(description="None: calls no queue took")
    queue_name: str | None
    service_level_seconds: int
    stats: CallStatsPublic
    staffed_seconds: int = Field(
        description="Time its members were staffed (an agent in two queues counts in both)"
    )
    occupancy: float | None = Field(
        description="Handle time as a % of the time staffed (at most 100); None: not staffed"
    )


class AgentStatsPublic(BaseModel):
    agent_user: str
    stats: CallStatsPublic
    qa_reviews: int = Field(description="Quality reviews of the agent's calls of the day")
    qa_average: float | None = Field(description="Their average QA score (0-100)")
    staffed_seconds: int = Field(
        description="Time ready, on a call or wrapping up (as declared), so far in the day"
    )
    occupancy: float | None = Field(
        description="Handle time as a % of the time staffed (at most 100); None: not staffed"
    )


class DealerStatsPublic(BaseModel):
    dealer_id: str = Field(description="The org node whose calls they are (the hotline: HQ)")
    stats: CallStatsPublic
    staffed_seconds: int = Field(
        description="Time the node's agents were staffed, so far in the day"
    )
    occupancy: float | None = Field(
        description="Handle time as a % of the time staffed (at most 100); None: not staffed"
    )


class HourStatsPublic(BaseModel):
    hour: int = Field(ge=0, le=23, description="The hour the calls started, in time_zone")
    stats: CallStatsPublic
    staffed_seconds: int = Field(description="Time the agents were staffed within the hour")
    occupancy: float | None = Field(
        description="Handle time as a % of the time staffed (at most 100); None: not staffed"
    )


class CallStatistics(BaseModel):
    day: date
    time_zone: str
    queues: list[QueueStatsPublic] = Field(
        max_length=MOST_STATISTICS_QUEUES,
        description=f"By name, the first {MOST_STATISTICS_QUEUES:,}",
    )
    queues_truncated: bool = Field(description=f"More queues took calls than listed: {_NARROWER}")
    agents: list[AgentStatsPublic] = Field(
        max_length=MOST_STATISTICS_AGENTS,
        description=f"By user id, the first {MOST_STATISTICS_AGENTS:,}",
    )
    agents_truncated: bool = Field(description=f"More agents made calls than listed: {_NARROWER}")
    dealers: list[DealerStatsPublic] = Field(
        max_length=MOST_STATISTICS_DEALERS,
        description=f"By org node id, the first {MOST_STATISTICS_DEALERS:,}",
    )
    dealers_truncated: bool = Field(description=f"More nodes had calls than listed: {_NARROWER}")
    hours: list[HourStatsPublic] = Field(description="Only the hours calls started in")


class TicketRequest(_Request):
    kind: Literal["service_request", "complaint", "feedback", "inquiry"] = "service_request"
    subject: str = Field(min_length=1, max_length=200, examples=["空调不制冷"])
    notes: str = Field(min_length=1, max_length=4000, description="What the customer said")
    attach_to: UUID | None = Field(
        default=None, description="An open ticket of the call's book to add the call to"
    )


class QaItemPublic(BaseModel):
    name: str
    points: int = Field(description="The most an item may be given")
    label: str
    label_zh: str


class CallReviewCreate(_Request):
    scores: dict[Annotated[str, StringConstraints(max_length=40)], Annotated[int, Field(ge=0)]] = (
        Field(
            max_length=20,
            description="Every item of the QA form by name, from 0 to its points",
            examples=[
                {
                    "greeting": 10,
                    "needs": 20,
                    "knowledge": 18,
                    "script": 15,
                    "courtesy": 10,
                    "next_step": 12,
                }
            ],
        )
    )
    comment: str = Field(default="", max_length=4000)


class CallCommentCreate(_Request):
    text: str = Field(min_length=1, max_length=4000, examples=["Offer the test drive here"])
    at_second: int | None = Field(
        default=None, ge=0, le=86_400, description="The moment of the recording it is about"
    )


class CallReviewPublic(BaseModel):
    id: UUID
    reviewer: str
    scores: dict[str, int]
    total: int = Field(description="Points of all items: 0-100")
    comment: str
    created_at: datetime


class CallCommentPublic(BaseModel):
    id: UUID
    author: str
    at_second: int | None
    text: str
    created_at: datetime


class CallReviewsPublic(BaseModel):
    """What reviewers said of a recorded call, and the QA form they scored it on."""

    call_id: UUID
    agent_user: str | None
    form: list[QaItemPublic]
    reviews: list[CallReviewPublic] = Field(
        max_length=MOST_REVIEWS, description=f"The latest {MOST_REVIEWS}, oldest first"
    )
    reviews_truncated: bool = Field(
        description="Older reviews were left out (the average counts them)"
    )
    comments: list[CallCommentPublic] = Field(
        max_length=MOST_COMMENTS, description=f"The latest {MOST_COMMENTS}, oldest first"
    )
    comments_truncated: bool = Field(description="Older comments were left out")
    average_total: float | None = Field(description="Of every review of the call")


class CallTransfer(_Request):
    target_kind: Literal["agent", "queue"] = Field(
        description="agent: an agent or a dealer's consultant with an extension; queue: a queue"
    )
    target: str = Field(
        min_length=1, max_length=64, description="The agent's user id, or the queue's id"
    )
    attended: bool = Field(
        default=False, description="Warm (talk to the target first) or cold (straight through)"
    )


class QueueBoardPublic(BaseModel):
    queue_id: UUID
    name: str
    waiting: int = Field(description="Callers in the queue now")
    oldest_waiting_since: datetime | None = Field(
        description="When the caller waiting longest started (the longest wait counts from it)"
    )
    agents_by_state: dict[str, int] = Field(description="The queue's agents per state")
    today: CallStatsPublic | None = Field(description="Today's finished calls; None: none yet")


class AgentBoardPublic(BaseModel):
    user_id: str
    state: str
    since: datetime
    queue_ids: list[str] = Field(max_length=MOST_QUEUES_OF_AGENT, description=_AGENT_QUEUES)
    today: CallStatsPublic | None


class LiveWallboard(BaseModel):
    """The supervisor's wallboard at ``at``; pushed again by ``GET /wallboard/stream`` after
    every change."""

    at: datetime
    day_started_at: datetime
    queues: list[QueueBoardPublic] = Field(
        max_length=MOST_BOARD_QUEUES, description=f"By name, the first {MOST_BOARD_QUEUES}"
    )
    queues_truncated: bool = Field(description=f"More queues than shown: {_NARROWER}")
    agents: list[AgentBoardPublic] = Field(
        max_length=MOST_BOARD_AGENTS, description=f"By user id, the first {MOST_BOARD_AGENTS:,}"
    )
    agents_truncated: bool = Field(description=f"More agents than shown: {_NARROWER}")


class CallListRowError(BaseModel):
    row_number: int = Field(description="Row of the file as a spreadsheet shows it (header: 1)")
    field: str
    message: str
    value: str = Field(description="The rejected cell, as uploaded")


class CallListRejectedRows(BaseModel):
    items: list[CallListRowError] = Field(description="Rejected rows in file order")
    next_after: int | None = Field(description="Pass as `after` for the next page; null: last")


class CallListImport(BaseModel):
    id: UUID
    owner_org: str = Field(description="The book the tasks go into")
    created_by: str
    format: Literal["csv", "xlsx"]
    kind: TaskKind
    days_before: int
    status: ImportStatus
    size_bytes: int
    rows_estimated: int | None = Field(description="Data rows the file seems to have, if known")
    rows_read: int = Field(description="Non-blank data rows read so far")
    tasks_created: int = Field(description="Tasks made, dealt out by the book's queues")
    waiting: int = Field(description="Calls no queue of the book takes yet (dealt out later)")
    already_imported: int = Field(
        description="Rows whose customer and date an earlier import or row already made"
    )
    rows_rejected: int = Field(description="Rows rejected; see the rejected rows")
    next_row: int = Field(description="File row the import continues at (the header is row 1)")
    error: str | None = Field(description="Why the import failed, if it did")
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class TransferTargetPublic(BaseModel):
    kind: Literal["agent", "queue"] = Field(description="As the transfer's target_kind")
    target: str = Field(description="As the transfer's target: a user id or a queue's id")
    name: str
    owner_org: str = Field(description="The org node (the hotline's HQ, a dealer)")
    extension: str = Field(description="The agent's extension, or the queue's PBX name")
    state: str | None = Field(description="The agent's state; None for a queue")
