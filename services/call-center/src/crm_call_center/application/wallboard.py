"""The supervisor's wallboard: each queue's callers waiting and the longest wait, its agents by
state, today's service level and abandon rate; each agent's state and today's figures. Pushed
to the supervisor (server-sent events) whenever an agent's state changes or the phone system
reports a call, read again each time with the supervisor's own scope; every few seconds
regardless when Redis, which carries the news of a change, is away."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center import views
from crm_call_center.adapters import wallboard_channel
from crm_call_center.application.presence import wallboard as presences
from crm_call_center.domain.presence import AgentState
from crm_call_center.domain.statistics import CallStats
from crm_common.auth import Principal
from crm_common.clock import Clock
from crm_common.db.tenancy import acting_for
from crm_common.runtime.paging import capped

QUIET_SECONDS = 15.0
MOST_BOARD_QUEUES = 200
"""Queues a wallboard shows (by name): a call centre's screen, not an OEM's every queue."""
MOST_BOARD_AGENTS = 1_000
"""Agents a wallboard shows (by user id): the OEM hotline's floor fits whole."""
DEFAULT_SERVICE_LEVEL_SECONDS = 20
"""The threshold of calls no queue took (a queue's own default too)."""


@dataclass(frozen=True)
class QueueBoard:
    queue_id: UUID
    name: str
    waiting: int
    oldest_waiting_since: datetime | None
    """The longest wait is now minus this (the browser counts it up between pushes)."""
    agents_by_state: dict[str, int]
    today: CallStats | None


@dataclass(frozen=True)
class AgentBoard:
    user_id: str
    state: str
    since: datetime
    queue_ids: list[str]
    today: CallStats | None


@dataclass(frozen=True)
class WallboardView:
    at: datetime
    day_started_at: datetime
    queues: list[QueueBoard]
    queues_truncated: bool
    agents: list[AgentBoard]
    agents_truncated: bool


async def wallboard_now(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
    supervisor: Principal,
    *,
    now: datetime,
    business_tz: ZoneInfo,
) -> WallboardView:
    """The wallboard as the supervisor may see it (an agent: themselves and their calls)."""
    start = datetime.combine(now.astimezone(business_tz).date(), time(0), tzinfo=business_tz)
    waiting, queues_cut = capped(
        await views.queues_waiting(sessions, supervisor, since=start, limit=MOST_BOARD_QUEUES + 1),
        MOST_BOARD_QUEUES,
    )
    day = await views.call_statistics(
        sessions,
        supervisor,
        start=start,
        end=start + timedelta(days=1),
        now=now,
        business_tz=business_tz.key,
        default_service_level_seconds=DEFAULT_SERVICE_LEVEL_SECONDS,
    )
    queue_stats = {q.queue_id: q.stats for q in day.queues}
    agent_stats = {a.agent_user: a.stats for a in day.agents}
    everyone, _ = await presences(sessions, redis, supervisor)
    # Presence lives in Redis as one hash per tenant: read whole, then cut (by user id).
    agents, agents_cut = capped(
        [a for a in everyone if a.state is not AgentState.OFFLINE or a.user_id in agent_stats],
        MOST_BOARD_AGENTS,
    )
    return WallboardView(
        at=now,
        day_started_at=start,
        queues=[
            QueueBoard(
                queue_id=q.queue_id,
                name=q.name,
                waiting=q.waiting,
                oldest_waiting_since=q.oldest_waiting_since,
                agents_by_state=dict(
                    Counter(a.state.value for a in agents if str(q.queue_id) in a.queue_ids)
                ),
                today=queue_stats.get(q.queue_id),
            )
            for q in waiting
        ],
        queues_truncated=queues_cut,
        agents=[
            AgentBoard(
                user_id=a.user_id,
                state=a.state.value,
                since=a.since,
                queue_ids=sorted(a.queue_ids),
                today=agent_stats.get(a.user_id),
            )
            for a in agents
        ],
        agents_truncated=agents_cut,
    )


async def wallboard_updates(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
    supervisor: Principal,
    *,
    clock: Clock,
    business_tz: ZoneInfo,
    gone: Callable[[], Awaitable[bool]],
) -> AsyncIterator[WallboardView | None]:
    """The wallboard now, then again after each change (None: nothing changed for a while, a
    heartbeat), until the supervisor has gone."""
    subscription = wallboard_channel.changes(redis, supervisor.tenant, QUIET_SECONDS)
    changes: AsyncGenerator[bool, None] | None = subscription
    try:
        changed = await anext(subscription)  # subscribed before the first read
    except RedisError:
        changes, changed = None, True
    try:
        while not await gone():
            if changed:
                with acting_for([supervisor.tenant]):
                    yield await wallboard_now(
                        sessions, redis, supervisor, now=clock(), business_tz=business_tz
                    )
            else:
                yield None
            if changes is not None:
                try:
                    changed = await anext(changes)
                    continue
                except RedisError:
                    changes = None
            await asyncio.sleep(QUIET_SECONDS / 3)
            changed = True
    finally:
        if changes is not None:
            await changes.aclose()
