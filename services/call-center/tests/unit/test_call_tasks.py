"""A task is cleared only by a connected call with disposition and notes by its assignee; a
cancellation needs the manager; a rejected one is due today and escalates at its end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from crm_call_center.domain.tasks import (
    CallTask,
    ClearingCall,
    NotAClearingCall,
    NotTheAssignee,
    TaskConflict,
    TaskKind,
    TaskStatus,
    end_of_day,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai


def task(**overrides: object) -> CallTask:
    values: dict[str, object] = {
        "id": uuid4(),
        "tenant": "oem",
        "owner_org": "dealer-a",
        "kind": TaskKind.POLICY_RENEWAL,
        "assignee": "renewal-a",
        "due_at": NOW + timedelta(days=2),
        "customer_name": "王伟",
        "phone": "13800138000",
        **overrides,
    }
    return CallTask(**values)  # type: ignore[arg-type]


def call(**overrides: object) -> ClearingCall:
    values: dict[str, object] = {
        "call_id": uuid4(),
        "agent_user": "renewal-a",
        "connected": True,
        "disposition": "renewed",
        "notes": "renews with the same cover",
        **overrides,
    }
    return ClearingCall(**values)  # type: ignore[arg-type]


def test_a_connected_call_with_disposition_and_notes_clears_the_task() -> None:
    t = task()
    clearing = call()
    t.clear_by(clearing, NOW)
    assert (t.status, t.cleared_by_call, t.on_time(NOW)) == (
        TaskStatus.CLEARED,
        clearing.call_id,
        True,
    )


@pytest.mark.parametrize(
    "attempt",
    [
        {"connected": False},
        {"notes": None},
        {"disposition": ""},
        {"agent_user": "someone-else"},
    ],
)
def test_nothing_else_clears_it(attempt: dict[str, object]) -> None:
    t = task()
    with pytest.raises(NotAClearingCall):
        t.clear_by(call(**attempt), NOW)
    assert t.status is TaskStatus.OPEN


def test_an_approved_cancellation_closes_the_task() -> None:
    t = task()
    t.request_cancellation("renewal-a", "no answer three times", NOW)
    t.decide_cancellation("manager", True, NOW, SHANGHAI)
    assert t.status is TaskStatus.CANCELLED
    with pytest.raises(TaskConflict):
        t.clear_by(call(), NOW)


def test_a_rejected_cancellation_makes_the_task_due_today_then_escalates() -> None:
    t = task()
    t.request_cancellation("renewal-a", "no answer", NOW)
    t.decide_cancellation("manager", False, NOW, SHANGHAI)
    midnight = datetime(2026, 12, 7, 0, 0, tzinfo=SHANGHAI)
    assert (t.status, t.rejected, t.due_at) == (TaskStatus.OPEN, True, midnight)
    with pytest.raises(TaskConflict):
        t.request_cancellation("renewal-a", "still no answer", NOW)
    with pytest.raises(TaskConflict):
        t.escalate(NOW)  # the day is not over
    t.escalate(midnight)
    assert t.escalated_at == midnight
    with pytest.raises(TaskConflict):
        t.escalate(midnight + timedelta(hours=1))


def test_only_the_assignee_asks_and_only_a_request_is_decided() -> None:
    t = task()
    with pytest.raises(NotTheAssignee):
        t.request_cancellation("colleague", "busy", NOW)
    with pytest.raises(TaskConflict):
        t.decide_cancellation("manager", True, NOW, SHANGHAI)


def test_end_of_day_is_the_business_days_midnight() -> None:
    late = datetime(2026, 12, 6, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    assert end_of_day(late, SHANGHAI) == datetime(2026, 12, 7, 0, 0, tzinfo=SHANGHAI)
