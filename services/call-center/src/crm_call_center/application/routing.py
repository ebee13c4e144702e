"""Routing of a waiting caller where the CRM routes (a cloud contact center asking through a
signed webhook): the queue's strategy picks a ready agent; with nobody ready, the queue's rules
say wait, overflow or offer a callback. An Asterisk PBX routes its own queues (its members
are the CRM's, see ``pbx_queues``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import presence_store, queue_store, task_store
from crm_call_center.application.cti import SignedWebhook, verify_signature
from crm_call_center.domain.distribution import Strategy, route_caller
from crm_call_center.domain.presence import QueueAction, QueueRules, waiting_call_action
from crm_common.db import UnitOfWork
from crm_common.db.tenancy import acting_for
from crm_common.errors import InvalidInput
from crm_common.settings import Settings


class RouteRequest(BaseModel):
    """A cloud contact center asks which agent takes a caller waiting in one of its queues."""

    model_config = ConfigDict(extra="forbid")

    queue: str = Field(min_length=1, max_length=80, description="The queue's name on the PBX")
    skills: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Skills this caller needs beyond the queue's",
    )
    waited_seconds: float = Field(ge=0, le=86_400, description="How long the caller has waited")


class RouteAnswer(BaseModel):
    action: Literal["connect", "wait", "overflow", "offer_callback"]
    agent_user: str | None = None
    extension: str | None = Field(default=None, description="Ring this extension (connect)")
    overflow_queue: str | None = Field(default=None, description="Move the caller to this queue")


async def route_caller_of(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
    settings: Settings,
    hook: SignedWebhook,
    *,
    now: datetime,
) -> RouteAnswer:
    verify_signature(settings, hook, now=now)
    try:
        asked = RouteRequest.model_validate_json(hook.body)
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidInput(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from None
    tenant = settings.cti_tenant
    with acting_for([tenant]):
        async with UnitOfWork(sessions) as uow:
            queue = await queue_store.queue_by_pbx_name(uow.session, tenant, asked.queue)
            if queue is None:
                raise InvalidInput("queue", f"no queue {asked.queue} is known to the CRM")
            everyone, _ = await presence_store.presences(redis, uow.session, tenant)
            agent = route_caller(
                everyone,
                queue_id=str(queue["id"]),
                strategy=Strategy(queue["strategy"]),
                skills=[*queue["skills"], *asked.skills],
                last_agent=queue["last_routed"],
            )
            if agent is not None:
                await queue_store.update_queue(uow.session, queue["id"], last_routed=agent.user_id)
                extension = await task_store.extension_of(uow.session, tenant, agent.user_id)
                return RouteAnswer(action="connect", agent_user=agent.user_id, extension=extension)
            rules = QueueRules(
                overflow_queue_id=str(queue["overflow_queue_id"] or "") or None,
                overflow_after_seconds=queue["overflow_after_seconds"],
                callback_after_seconds=queue["callback_after_seconds"],
            )
            action = waiting_call_action(rules, asked.waited_seconds)
            if action is QueueAction.OVERFLOW:
                overflow = await queue_store.pbx_name_of(uow.session, queue["overflow_queue_id"])
                return RouteAnswer(action="overflow", overflow_queue=overflow)
    return RouteAnswer(action=action.value)
