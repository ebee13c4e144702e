"""Rebuilding a service's projections from Kafka: its subscriptions consume every topic from
offset 0 into the configured (empty) database, under consumer groups of their own, until they
have reached the end offsets the topics had when the rebuild started. The same code as the live
worker applies every event, so the rebuilt figures must equal the live ones."""

from __future__ import annotations

import asyncio
import logging
import time
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from crm_common.db import create_engine, create_session_factory
from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.consumer import Subscription, create_broker, subscribe
from crm_common.settings import Settings

log = logging.getLogger(__name__)


class RebuildTimedOut(RuntimeError):
    pass


async def _end_offsets(
    settings: Settings, admin: AIOKafkaAdminClient, topic: str
) -> dict[TopicPartition, int]:
    described = await admin.describe_topics([topic])
    partitions = [TopicPartition(topic, p["partition"]) for p in described[0]["partitions"]]
    consumer = AIOKafkaConsumer(**kafka_client_options(settings))
    await consumer.start()
    try:
        ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        return ends
    finally:
        await consumer.stop()


async def _caught_up(
    admin: AIOKafkaAdminClient, group: str, ends: dict[TopicPartition, int]
) -> bool:
    committed = await admin.list_consumer_group_offsets(group)
    return all(
        end == 0 or (tp in committed and committed[tp].offset >= end) for tp, end in ends.items()
    )


async def rebuild_projections(
    settings: Settings,
    subscriptions: list[Subscription],
    *,
    timeout_seconds: float = 3600.0,
) -> int:
    """Returns how many subscriptions were replayed; raises ``RebuildTimedOut``."""
    rebuild = settings.model_copy(update={"consumer_group_prefix": f"rebuild-{uuid4().hex[:8]}."})
    admin = AIOKafkaAdminClient(**kafka_client_options(rebuild))
    await admin.start()
    targets = {
        rebuild.consumer_group(s.consumer): await _end_offsets(
            rebuild, admin, rebuild.topic(s.topic)
        )
        for s in subscriptions
    }
    engine = create_engine(rebuild)
    broker = create_broker(rebuild)
    for subscription in subscriptions:
        subscribe(broker, rebuild, create_session_factory(engine), subscription)
    await broker.start()
    deadline = time.monotonic() + timeout_seconds
    try:
        pending = dict(targets)
        while pending:
            if time.monotonic() > deadline:
                raise RebuildTimedOut(f"not caught up: {sorted(pending)}")
            for group, ends in list(pending.items()):
                if await _caught_up(admin, group, ends):
                    del pending[group]
                    log.info("rebuild caught up", extra={"group": group})
            await asyncio.sleep(0.5)
    finally:
        await broker.stop()
        await admin.close()
        await engine.dispose()
    return len(targets)
