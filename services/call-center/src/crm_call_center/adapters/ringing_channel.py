"""Ringing calls travel from the worker (where the phone system's events arrive) to the api
process that holds the agent's push stream, over Redis pub/sub: one channel per agent."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from uuid import UUID

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from crm_call_center.adapters.pubsub import subscribed
from crm_call_center.domain.cti import Ringing


def channel_of(tenant: str, agent_user: str) -> str:
    return f"crm:call-center:ringing:{tenant}:{agent_user}"


def encode(ringing: Ringing) -> str:
    return json.dumps(
        {
            "call_id": str(ringing.call_id),
            "tenant": ringing.tenant,
            "agent_user": ringing.agent_user,
            "customer_phone": ringing.customer_phone,
            "direction": ringing.direction,
            "at": ringing.at.isoformat(),
        }
    )


def decode(payload: str | bytes) -> Ringing:
    data = json.loads(payload)
    return Ringing(
        call_id=UUID(data["call_id"]),
        tenant=data["tenant"],
        agent_user=data["agent_user"],
        customer_phone=data["customer_phone"],
        direction=data["direction"],
        at=datetime.fromisoformat(data["at"]),
    )


async def announce(redis: Redis, ringing: Sequence[Ringing]) -> None:
    """Pub/sub is fire-and-forget: an agent with no open stream simply gets no pop."""
    async with redis.pipeline(transaction=False) as pipe:
        for r in ringing:
            pipe.publish(channel_of(r.tenant, r.agent_user), encode(r))
        await pipe.execute()


@asynccontextmanager
async def listening(
    redis: Redis, tenant: str, agent_user: str
) -> AsyncIterator[AsyncIterator[Ringing]]:
    """Subscribed to the agent's channel once entered — Redis has confirmed the subscription,
    so every call announced from then on is in the iterator (pub/sub keeps nothing for a
    subscriber not yet there) — until the block is left."""
    pubsub = redis.pubsub()
    try:
        await subscribed(pubsub, channel_of(tenant, agent_user))
        yield _ringing(pubsub)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()  # type: ignore[no-untyped-call]


async def _ringing(pubsub: PubSub) -> AsyncIterator[Ringing]:
    while True:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=15.0)
        if message is not None:
            yield decode(message["data"])
        else:
            yield HEARTBEAT


HEARTBEAT = Ringing(
    call_id=UUID(int=0),
    tenant="",
    agent_user="",
    customer_phone="",
    direction="",
    at=datetime.min.replace(tzinfo=UTC),
)
"""Yielded when nothing rang for a while, so the stream can show it is alive."""
