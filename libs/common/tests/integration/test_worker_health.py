"""A worker's subscriber that died or wedged makes its readiness fail, and the watchdog
restarts it (real Kafka and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import (
    Handles,
    RunningSubscription,
    Subscription,
    create_broker,
    subscribe,
)
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.runtime.worker_health import WorkerHealth, health_app
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually


def lead_created() -> LeadCreatedEvent:
    return new_event(
        LeadCreated(
            lead_id=uuid4(), dealer_id="dealer-1", source="phone", created_at=datetime.now(UTC)
        ),
        tenant="oem-1",
        owner_org="dealer-1",
        actor="tester",
    )


class Effects:
    def __init__(self) -> None:
        self.applied: list[str] = []
        self.wedge_next = False
        self.wedged = asyncio.Event()

    async def apply(self, uow: UnitOfWork, event: LeadCreatedEvent) -> None:
        if self.wedge_next:
            self.wedge_next = False
            self.wedged.set()
            await asyncio.Event().wait()  # never finishes, like a commit hanging in a rebalance
        self.applied.append(str(event.id))


async def publish(settings: Settings, event: LeadCreatedEvent) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(
            settings.topic(LEAD_TOPIC),
            event.model_dump_json().encode(),
            key=b"k",
            headers=encode_headers(event_headers(event)),
        )
    finally:
        await producer.stop()


async def readiness(health: WorkerHealth) -> httpx.Response:
    transport = httpx.ASGITransport(app=health_app(health))
    async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
        return await client.get("/readyz")


@pytest.fixture
async def worker(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[tuple[Effects, RunningSubscription, WorkerHealth]]:
    effects = Effects()
    stalls_fast = settings.model_copy(update={"consumer_stall_seconds": 1.0})
    broker = create_broker(stalls_fast)
    running = subscribe(
        broker,
        stalls_fast,
        session_factory,
        Subscription("test-health", LEAD_TOPIC, [Handles(LeadCreated, effects.apply)], "test"),
    )
    health = WorkerHealth()
    health.watch("subscriber test-health", running.problem, running.restart)
    await broker.start()
    try:
        yield effects, running, health
    finally:
        await broker.stop()


async def test_a_wedged_subscriber_fails_readiness_and_is_restarted(
    settings: Settings, worker: tuple[Effects, RunningSubscription, WorkerHealth]
) -> None:
    effects, _, health = worker
    effects.wedge_next = True
    stuck = lead_created()
    await publish(settings, stuck)
    await asyncio.wait_for(effects.wedged.wait(), 60)
    await asyncio.sleep(1.2)

    not_ready = await readiness(health)
    assert not_ready.status_code == 503
    assert "in progress" in not_ready.json()["problems"]["subscriber test-health"]

    assert await health.heal() == ["subscriber test-health"]
    assert await eventually(lambda: _applied(effects, str(stuck.id)), timeout=60), (
        "the wedged batch was redelivered after the restart"
    )
    assert (await readiness(health)).status_code == 200


async def test_a_dead_consume_task_fails_readiness_and_is_restarted(
    settings: Settings, worker: tuple[Effects, RunningSubscription, WorkerHealth]
) -> None:
    effects, running, health = worker
    first = lead_created()
    await publish(settings, first)
    assert await eventually(lambda: _applied(effects, str(first.id)), timeout=60)
    for task in running.subscriber.tasks:
        task.cancel()  # its supervisor restarts failed tasks, never cancelled ones
    await asyncio.sleep(0.1)

    not_ready = await readiness(health)
    assert not_ready.status_code == 503
    assert not_ready.json()["problems"] == {"subscriber test-health": "its consume task ended"}

    await health.heal()
    second = lead_created()
    await publish(settings, second)
    assert await eventually(lambda: _applied(effects, str(second.id)), timeout=60)
    assert (await readiness(health)).status_code == 200


async def _applied(effects: Effects, event_id: str) -> bool:
    return event_id in effects.applied
