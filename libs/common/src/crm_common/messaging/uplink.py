"""The uplink of a dealer's own deployment: forwards the events its services publish to HQ's
Kafka, each cut by the sharing check (``crm_common.policy.fanout``) first.

At least once: offsets are committed after HQ's cluster acknowledged the forwarded batch, so a
crash re-forwards; HQ's consumers deduplicate on the event id as they do for every event. Order
per key is kept (one producer, records sent in partition order, idempotent producer)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import EventData
from crm_common.messaging.headers import decode_headers, encode_headers
from crm_common.policy.fanout import SHARING_LEVEL_HEADER, level_towards_oem, share_event
from crm_common.policy.sharing import DataType, SharingLevel
from crm_common.settings import Settings

log = logging.getLogger(__name__)

FORWARDED = Counter("crm_uplink_events_total", "Events the uplink handled, by outcome", ["outcome"])
LEVEL_CACHE_SECONDS = 30.0


class UplinkNotConfigured(RuntimeError):
    pass


class _Levels:
    """Sharing levels per (tenant, owner org, data type), re-read every ``LEVEL_CACHE_SECONDS``
    so a changed agreement applies to the events that follow within that time."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._cache: dict[tuple[str, str, str], tuple[float, SharingLevel]] = {}

    async def level(self, tenant: str, owner_org: str, data_type: str) -> SharingLevel:
        key = (tenant, owner_org, data_type)
        cached = self._cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < LEVEL_CACHE_SECONDS:
            return cached[1]
        async with self._sessions() as session:
            level = await level_towards_oem(
                session, tenant=tenant, owner_org=owner_org, data_type=DataType(data_type)
            )
        self._cache[key] = (time.monotonic(), level)
        return level


class Uplink:
    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        events: Sequence[type[EventData]],
    ) -> None:
        if not settings.uplink_bootstrap_servers:
            raise UplinkNotConfigured("set CRM_UPLINK_BOOTSTRAP_SERVERS to HQ's Kafka")
        self._settings = settings
        self._events = {e.event_type: e for e in events}
        self._topics = sorted({settings.topic(e.topic) for e in events})
        self._levels = _Levels(sessions)

    def _hq_topic(self, local_topic: str) -> str:
        base = local_topic.removeprefix(self._settings.kafka_namespace)
        return f"{self._settings.uplink_namespace}{base}"

    async def forwarded(
        self, record: ConsumerRecord[bytes, bytes]
    ) -> tuple[dict[str, Any], SharingLevel] | None:
        """The body to send HQ and the level it was cut to, or None when the event stays."""
        body = json.loads(record.value or b"{}")
        event = self._events.get(body.get("type", ""))
        if event is None:
            return None  # not one of this service's contracts: nothing to vouch for
        level = SharingLevel.FULL
        if event.shared_as is not None:
            level = await self._levels.level(body["tenant"], body["owner_org"], event.shared_as)
        shared = share_event(body, event, level)
        return None if shared is None else (shared, level)

    async def run(self, stop: asyncio.Event) -> None:
        settings = self._settings
        consumer = AIOKafkaConsumer(
            *self._topics,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            group_id=settings.consumer_group(f"{settings.service_name}.uplink"),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        producer = AIOKafkaProducer(
            bootstrap_servers=settings.uplink_bootstrap_servers,
            client_id=f"{settings.service_name}-uplink",
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
        )
        await consumer.start()
        await producer.start()
        try:
            while not stop.is_set():
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                if not batches:
                    continue
                sends = []
                for records in batches.values():
                    for record in records:
                        forwarded = await self.forwarded(record)
                        if forwarded is None:
                            FORWARDED.labels("withheld").inc()
                            continue
                        shared, level = forwarded
                        headers = decode_headers(record.headers)
                        headers[SHARING_LEVEL_HEADER] = level.label
                        sends.append(
                            await producer.send(
                                self._hq_topic(record.topic),
                                json.dumps(shared).encode(),
                                key=record.key,
                                headers=encode_headers(headers),
                            )
                        )
                for sent in sends:
                    await sent
                FORWARDED.labels("forwarded").inc(len(sends))
                await consumer.commit()
        finally:
            await producer.stop()
            await consumer.stop()
