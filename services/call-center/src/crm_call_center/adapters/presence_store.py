"""Agents' presence: PostgreSQL keeps the durable copy (the agents table), Redis serves it.
A Redis that lost it (restarted mid-shift) is refilled from PostgreSQL on the next read."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy import any_, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_call_center.adapters import wallboard_channel
from crm_call_center.adapters.tables import agent_states, agents
from crm_call_center.domain.presence import AgentState, Presence
from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to


def _key(tenant: str) -> str:
    return f"crm:call-center:presence:{tenant}"


def _built(tenant: str) -> str:
    """Set when the hash holds every agent: without it (Redis restarted) a read rebuilds."""
    return f"crm:call-center:presence-built:{tenant}"


def _encode(p: Presence) -> str:
    return json.dumps(
        {
            "state": p.state.value,
            "since": p.since.isoformat(),
            "skills": sorted(p.skills),
            "queue_ids": sorted(p.queue_ids),
        }
    )


def _decode(user_id: str, raw: str | bytes) -> Presence:
    data = json.loads(raw)
    return Presence(
        user_id=user_id,
        state=AgentState(data["state"]),
        since=datetime.fromisoformat(data["since"]),
        skills=frozenset(data["skills"]),
        queue_ids=frozenset(data["queue_ids"]),
    )


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _of_row(row: Any) -> Presence:
    return Presence(
        user_id=row.user_id,
        state=AgentState(row.state),
        since=row.state_since,
        skills=frozenset(row.skills),
        queue_ids=frozenset(str(q) for q in row.queue_ids),
    )


async def add_agent(session: AsyncSession, values: dict[str, Any]) -> bool:
    """False when the user or the extension is taken in the tenant."""
    result = await session.execute(
        insert(agents).values(**values).on_conflict_do_nothing().returning(agents.c.user_id)
    )
    return result.first() is not None


async def full_queues(
    session: AsyncSession, tenant: str, queue_ids: Sequence[UUID], most: int
) -> list[UUID]:
    """Those of ``queue_ids`` with ``most`` agents already."""
    if not queue_ids:
        return []
    membership = (
        select(func.unnest(agents.c.queue_ids).label("queue_id"))
        .where(agents.c.tenant == tenant)
        .subquery()
    )
    query = (
        select(membership.c.queue_id)
        .where(membership.c.queue_id.in_(queue_ids))
        .group_by(membership.c.queue_id)
        .having(func.count() >= most)
    )
    return list((await session.execute(query)).scalars())


async def agent_name(session: AsyncSession, tenant: str, user_id: str) -> str | None:
    """The name the call center knows a user by: an agent's or a dealer consultant's who takes
    calls (the names a transfer offers); None for anyone else."""
    name: str | None = (
        await session.execute(
            select(agents.c.display_name).where(
                agents.c.tenant == tenant, agents.c.user_id == user_id, agents.c.active
            )
        )
    ).scalar()
    return name


async def set_state(
    session: AsyncSession, tenant: str, user_id: str, state: AgentState, since: datetime
) -> Presence | None:
    """The durable copy first (inside the command's transaction)."""
    row = (
        await session.execute(
            update(agents)
            .where(agents.c.tenant == tenant, agents.c.user_id == user_id, agents.c.active)
            .values(state=state.value, state_since=since)
            .returning(
                agents.c.user_id,
                agents.c.state,
                agents.c.state_since,
                agents.c.skills,
                agents.c.queue_ids,
            )
        )
    ).first()
    if row is None:
        return None
    await session.execute(
        insert(agent_states).values(tenant=tenant, user_id=user_id, state=state.value, since=since)
    )
    return _of_row(row)


async def members_of(session: AsyncSession, tenant: str, queue_id: UUID) -> set[str]:
    result = await session.execute(
        select(agents.c.user_id).where(
            agents.c.tenant == tenant, any_(agents.c.queue_ids) == queue_id
        )
    )
    return set(result.scalars())


async def presences_of(
    session: AsyncSession, tenant: str, user_ids: Iterable[str]
) -> list[Presence]:
    """The durable presence of these agents (to refresh what Redis serves after a change)."""
    rows = await session.execute(
        select(
            agents.c.user_id,
            agents.c.state,
            agents.c.state_since,
            agents.c.skills,
            agents.c.queue_ids,
        ).where(agents.c.tenant == tenant, agents.c.active, agents.c.user_id.in_(list(user_ids)))
    )
    return [_of_row(r) for r in rows]


async def publish(redis: Redis, tenant: str, presence: Presence) -> None:
    """Serves the new presence and tells the wallboards it changed."""
    async with redis.pipeline(transaction=False) as pipe:
        pipe.hset(_key(tenant), presence.user_id, _encode(presence))
        pipe.publish(wallboard_channel.channel_of(tenant), "1")
        await pipe.execute()


async def presences(
    redis: Redis, session: AsyncSession, tenant: str
) -> tuple[list[Presence], bool]:
    """Every agent's presence, and whether Redis had lost it and was rebuilt from PostgreSQL."""
    if await redis.exists(_built(tenant)):
        cached = await redis.hgetall(_key(tenant))
        return [_decode(_text(k), v) for k, v in cached.items()], False
    rows = (
        await session.execute(
            select(
                agents.c.user_id,
                agents.c.state,
                agents.c.state_since,
                agents.c.skills,
                agents.c.queue_ids,
            ).where(agents.c.tenant == tenant, agents.c.active)
        )
    ).all()
    found = [_of_row(r) for r in rows]
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(_key(tenant))
        if found:
            pipe.hset(_key(tenant), mapping={p.user_id: _encode(p) for p in found})
        pipe.set(_built(tenant), "1")
        await pipe.execute()
    return found, True


async def visible_agents(session: AsyncSession, principal: Principal) -> set[str]:
    """Ids of the agents the principal may see: themselves, or those of their scope."""
    allowed = visible_to(
        principal,
        DataType.CALL,
        tenant=agents.c.tenant,
        owner_org=agents.c.owner_org,
        owner_user=agents.c.user_id,
    )
    return set((await session.execute(select(agents.c.user_id).where(allowed))).scalars())
