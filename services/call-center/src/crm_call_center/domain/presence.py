"""Agents' presence and the routing of queued calls (longest idle agent with the skills,
overflow to another queue after N seconds, a callback offered when the wait is too long)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AgentState(StrEnum):
    READY = "ready"
    RINGING = "ringing"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    OFFLINE = "offline"


SET_BY_AGENT = frozenset(
    {AgentState.READY, AgentState.WRAP_UP, AgentState.BREAK, AgentState.OFFLINE}
)
"""What an agent says of themselves; ringing and on call come from the phone system."""
STAFFED_STATES = frozenset(
    {AgentState.READY, AgentState.RINGING, AgentState.ON_CALL, AgentState.WRAP_UP}
)
"""Working the phones (occupancy's denominator); on a break or offline is not."""
MOST_QUEUES_OF_AGENT = 20
"""Queues an agent works in: every answer about the agent names them all."""
MOST_QUEUE_MEMBERS = 200
"""Agents of a queue: every answer about the queue names them all."""


class StateNotSettable(ValueError):
    """An agent does not declare themselves ringing or on a call (answered 422)."""


def declared(state: AgentState) -> AgentState:
    if state not in SET_BY_AGENT:
        raise StateNotSettable(f"{state.value} is the phone system's to say")
    return state


@dataclass(frozen=True, slots=True)
class Presence:
    user_id: str
    state: AgentState
    since: datetime
    skills: frozenset[str]
    queue_ids: frozenset[str]


def choose_agent(
    agents: Iterable[Presence], *, queue_id: str, skills: Iterable[str]
) -> Presence | None:
    """The ready agent of the queue who has every skill the call needs and has waited longest
    since their last call (ties: by name, so the choice is repeatable)."""
    needed = frozenset(skills)
    ready = [
        a
        for a in agents
        if a.state is AgentState.READY and queue_id in a.queue_ids and needed <= a.skills
    ]
    return min(ready, key=lambda a: (a.since, a.user_id), default=None)


class QueueAction(StrEnum):
    WAIT = "wait"
    OVERFLOW = "overflow"
    OFFER_CALLBACK = "offer_callback"


@dataclass(frozen=True, slots=True)
class QueueRules:
    overflow_queue_id: str | None
    overflow_after_seconds: int | None
    callback_after_seconds: int | None


def waiting_call_action(rules: QueueRules, waited_seconds: float) -> QueueAction:
    """What to do with a caller nobody took yet: offer a callback once the wait is too long
    (it wins over overflow: the caller is asked before being moved), else overflow to the
    other queue after its N seconds, else keep waiting."""
    if rules.callback_after_seconds is not None and waited_seconds >= rules.callback_after_seconds:
        return QueueAction.OFFER_CALLBACK
    if (
        rules.overflow_queue_id is not None
        and rules.overflow_after_seconds is not None
        and waited_seconds >= rules.overflow_after_seconds
    ):
        return QueueAction.OVERFLOW
    return QueueAction.WAIT
