"""The call center's events as facts: each finished call (answered, abandoned, connected,
talk time, the hour it started) and each step of a call task (created, cleared on time or not,
cancellation asked, approved or rejected, escalated)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.call_center.v1 import (
    CallCompleted,
    CallTaskCancelDecided,
    CallTaskCancelRequested,
    CallTaskCleared,
    CallTaskCreated,
    CallTaskEscalated,
)
from crm_common.db import UnitOfWork
from crm_kpi.adapters import call_facts
from crm_kpi.domain.facts import business_day

CallTaskEvent = (
    CallTaskCreated
    | CallTaskCleared
    | CallTaskCancelRequested
    | CallTaskCancelDecided
    | CallTaskEscalated
)
CALL_TASK_EVENTS = (
    CallTaskCreated,
    CallTaskCleared,
    CallTaskCancelRequested,
    CallTaskCancelDecided,
    CallTaskEscalated,
)


async def record_call_facts(
    uow: UnitOfWork, events: Sequence[Envelope[CallCompleted]], timezone: str
) -> None:
    zone = ZoneInfo(timezone)
    await call_facts.add_call_facts(
        uow.session,
        [
            {
                "event_id": event.id,
                "call_id": call.call_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": call.dealer_id,
                "consultant": call.agent_user,
                "direction": call.direction,
                "connected": call.connected,
                "abandoned": call.abandoned,
                "callback_requested": call.callback_requested,
                "from_task": call.task_id is not None,
                "wait_seconds": call.wait_seconds,
                "talk_seconds": call.talk_seconds,
                "hold_seconds": call.hold_seconds,
                "hour": call.started_at.astimezone(zone).hour,
                "day": business_day(call.started_at, timezone),
                "occurred_at": event.occurred_at,
            }
            for event in events
            for call in (event.data,)
        ],
    )


def _activity(data: CallTaskEvent) -> tuple[str, bool, bool]:
    """The step, whether a call made it, whether it was in time."""
    match data:
        case CallTaskCreated():
            return "created", False, False
        case CallTaskCleared():
            return "cleared", data.call_id is not None, data.on_time
        case CallTaskCancelRequested():
            return "cancel_requested", False, False
        case CallTaskCancelDecided():
            return ("cancel_approved" if data.approved else "cancel_rejected"), False, False
        case CallTaskEscalated():
            return "escalated", False, False


async def record_call_task_facts(
    uow: UnitOfWork, events: Sequence[Envelope[CallTaskEvent]], timezone: str
) -> None:
    rows: list[dict[str, Any]] = []
    for event in events:
        data = event.data
        activity, by_call, on_time = _activity(data)
        rows.append(
            {
                "event_id": event.id,
                "task_id": data.task_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": data.dealer_id,
                "consultant": data.assignee,
                "kind": data.kind,
                "activity": activity,
                "by_call": by_call,
                "on_time": on_time,
                "day": business_day(data.at, timezone),
                "occurred_at": event.occurred_at,
            }
        )
    await call_facts.add_call_task_facts(uow.session, rows)
