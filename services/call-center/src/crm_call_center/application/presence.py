"""Agents and their presence: registered by a manager, state declared by the agent (the
phone system says ringing and on call), served from Redis and rebuilt from PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import presence_store
from crm_call_center.domain.presence import MOST_QUEUE_MEMBERS, AgentState, Presence, declared
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput


class AgentTaken(Exception):
    """The user is an agent already, or the extension is someone else's (answered 409)."""


class NotAnAgent(LookupError):
    """The caller has no agent record in the call center (answered 404)."""


@dataclass(frozen=True, slots=True)
class RegisterAgent:
    user_id: str
    display_name: str
    extension: str
    skills: frozenset[str]
    queue_ids: frozenset[UUID]


async def register_agent(
    uow: UnitOfWork, redis: Redis, manager: Principal, command: RegisterAgent, *, now: datetime
) -> None:
    """An agent of the manager's own org node (their hotline or BDC), offline until they say."""
    async with uow:
        full = await presence_store.full_queues(
            uow.session, manager.tenant, sorted(command.queue_ids), MOST_QUEUE_MEMBERS
        )
        if full:
            raise InvalidInput(
                "queue_ids",
                f"{MOST_QUEUE_MEMBERS} agents already (the most a queue has): "
                + ", ".join(str(q) for q in full),
            )
        added = await presence_store.add_agent(
            uow.session,
            {
                "tenant": manager.tenant,
                "user_id": command.user_id,
                "owner_org": manager.org_node,
                "display_name": command.display_name,
                "extension": command.extension,
                "skills": sorted(command.skills),
                "queue_ids": sorted(command.queue_ids),
                "state": AgentState.OFFLINE.value,
                "state_since": now,
            },
        )
        if not added:
            raise AgentTaken("the user is an agent already, or the extension is taken")
    presence = Presence(
        user_id=command.user_id,
        state=AgentState.OFFLINE,
        since=now,
        skills=command.skills,
        queue_ids=frozenset(str(q) for q in command.queue_ids),
    )
    await presence_store.publish(redis, manager.tenant, presence)


async def declare_state(
    uow: UnitOfWork, redis: Redis, agent: Principal, state: AgentState, *, now: datetime
) -> Presence:
    async with uow:
        presence = await presence_store.set_state(
            uow.session, agent.tenant, agent.user_id, declared(state), now
        )
        if presence is None:
            raise NotAnAgent("you are not an agent of the call center")
    await presence_store.publish(redis, agent.tenant, presence)
    return presence


async def wallboard(
    sessions: async_sessionmaker[AsyncSession], redis: Redis, principal: Principal
) -> tuple[list[Presence], bool]:
    """The presence of the agents the caller may see (from Redis, rebuilt from PostgreSQL if
    Redis lost it: the flag says so)."""
    async with sessions() as session:
        everyone, rebuilt = await presence_store.presences(redis, session, principal.tenant)
        mine = await presence_store.visible_agents(session, principal)
    return sorted((p for p in everyone if p.user_id in mine), key=lambda p: p.user_id), rebuilt
