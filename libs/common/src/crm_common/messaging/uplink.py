"""The uplink of a dealer's own deployment: the one place where the dealer's events are cut to
what its sharing agreements with the OEM allow (``crm_common.policy.fanout``) before they may
leave. What may leave is written to the deployment's own uplink topics (``uplink.<topic>``, on
the dealer's Kafka); Kafka MirrorMaker 2 replicates those to HQ (``deploy/kafka/mirror``).

- Each batch acts for the tenants its events name (``acting_for``), as a consumer does: the
  org tree and the agreements are under row-level security, and a process that declared no
  scope would read none of them and withhold everything.
- The level is read for every batch, not cached: an agreement changed at the dealer applies
  to every event the uplink handles from the moment the service's copy has it.
- A record that is not an event of the service's contracts goes to the topic's dead-letter
  topic (``<topic>.dlq``, as every consumer's dead letters) and the flow continues.
- Events that came down from HQ (``crm-downlinked`` header) are not sent back up.
- Events about a record the OEM handed down to the dealer (a lead HQ distributed to it) go
  back to it in full, whatever the dealer shares of its own records (``level_towards_oem``):
  the service says which of a batch's records those are (``HandedDown``, e.g. leads').

At least once: offsets are committed after the dealer's Kafka acknowledged the uplink records,
so a crash re-sends; HQ's consumers deduplicate on the event id as they do for every event.
Order per key is kept (one idempotent producer, records sent in partition order, same key).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from aiokafka.errors import KafkaError
from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, EventData
from crm_common.db.tenancy import acting_for
from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.messaging.headers import DOWNLINKED_HEADER, decode_headers, encode_headers
from crm_common.messaging.topics import ensure_topics
from crm_common.policy.fanout import SHARING_LEVEL_HEADER, level_towards_oem, share_event
from crm_common.policy.sharing import DataType, SharingLevel
from crm_common.settings import Settings

log = logging.getLogger(__name__)

UPLINK_PREFIX = "uplink."

EVENTS = Counter(
    "crm_uplink_events_total", "Events the uplink handled, by outcome", ["outcome", "level"]
)
_OUTAGE = (OSError, OperationalError, InterfaceError, KafkaError, TimeoutError)
_OUTAGE_PAUSE_SECONDS = 1.0


HandedDown = Callable[[AsyncSession, Sequence[str]], Awaitable[Mapping[str, str]]]
"""(session, aggregate keys of a batch's events of one data type) → those of the records the OEM
handed down to the dealer, each with the org node that handed it down (e.g. a lead's
distributor). Asked inside the batch's tenant scope."""


def uplink_topic(settings: Settings, topic: str) -> str:
    """Where the shareable part of ``topic``'s events waits for MirrorMaker 2."""
    return settings.topic(f"{UPLINK_PREFIX}{topic}")


@dataclass(frozen=True, eq=False)
class _Parsed:
    """One record of a batch, told apart by identity (two deliveries of an event are two)."""

    record: ConsumerRecord[bytes, bytes]
    body: dict[str, Any]
    event: type[EventData]
    key: str
    """The event's aggregate key: which record it is about."""


class Uplink:
    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        events: Sequence[type[EventData]],
        handed_down: Mapping[str, HandedDown] | None = None,
    ) -> None:
        """``handed_down``: per data type (``shared_as``), which records the OEM handed down."""
        self._settings = settings
        self._sessions = sessions
        self._handed_down = dict(handed_down or {})
        self._events: dict[tuple[str, object], type[EventData]] = {
            (e.event_type, e.event_version): e for e in events
        }
        self._topics = {settings.topic(e.topic): e.topic for e in events}
        self._group = settings.consumer_group(f"{settings.service_name}.uplink")
        self.last_round_at = time.monotonic()
        """When the loop last went round (its health: ``run_watched``)."""

    async def ensure_topics(self) -> None:
        settings = self._settings
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            [uplink_topic(settings, t) for t in sorted(set(self._topics.values()))],
            partitions=settings.kafka_partitions,
            replication_factor=settings.kafka_replication_factor,
            client_options=kafka_client_options(settings),
        )

    async def run(self, stop: asyncio.Event) -> None:
        settings = self._settings
        await self.ensure_topics()
        consumer = AIOKafkaConsumer(
            *sorted(self._topics),
            **kafka_client_options(settings),
            group_id=self._group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        producer = AIOKafkaProducer(
            **kafka_client_options(settings),
            client_id=f"{settings.service_name}-uplink",
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
        )
        await consumer.start()
        await producer.start()
        try:
            while not stop.is_set():
                self.last_round_at = time.monotonic()
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                records = [r for batch in batches.values() for r in batch]
                if not records:
                    continue
                try:
                    await self.send(producer, records)
                    await consumer.commit()
                except _OUTAGE:
                    # Nothing committed: the batch comes again once the database or Kafka is back.
                    log.warning("uplink: infrastructure unavailable, the batch will be re-sent")
                    for partition in batches:
                        await consumer.seek_to_committed(partition)
                    await asyncio.sleep(_OUTAGE_PAUSE_SECONDS)
        finally:
            await producer.stop()
            await consumer.stop()

    async def send(
        self, producer: AIOKafkaProducer, records: Sequence[ConsumerRecord[bytes, bytes]]
    ) -> None:
        """Cuts one batch to the agreed levels and writes it to the uplink topics; returns once
        the dealer's Kafka has every record."""
        parsed: list[_Parsed] = []
        for record in records:
            if DOWNLINKED_HEADER in decode_headers(record.headers):
                EVENTS.labels("from_hq", "").inc()
                continue
            try:
                parsed.append(self._parse(record))
            except (ValueError, ValidationError, KeyError, TypeError) as error:
                await self._dead_letter(producer, record, error)
        levels = await self._levels(parsed)
        sends = []
        for item in parsed:
            level = SharingLevel.FULL if item.event.shared_as is None else levels[item]
            shared = share_event(item.body, item.event, level)
            if shared is None:
                EVENTS.labels("withheld", level.label).inc()
                continue
            headers = decode_headers(item.record.headers)
            headers[SHARING_LEVEL_HEADER] = level.label
            sends.append(
                await producer.send(
                    uplink_topic(self._settings, self._topics[item.record.topic]),
                    json.dumps(shared, ensure_ascii=False).encode(),
                    key=item.record.key,
                    headers=encode_headers(headers),
                )
            )
            EVENTS.labels("sent", level.label).inc()
        for sent in sends:
            await sent

    def _parse(self, record: ConsumerRecord[bytes, bytes]) -> _Parsed:
        raw = json.loads(record.value or b"")
        event = (
            self._events.get((str(raw.get("type")), raw.get("version")))
            if isinstance(raw, dict)
            else None
        )
        if event is None:
            raise ValueError("not an event (of a version) this service publishes")
        # Validated against its own contract: what leaves is a well-formed event of that type.
        envelope = Envelope[event].model_validate(raw)  # type: ignore[valid-type]
        return _Parsed(
            record=record,
            body=envelope.model_dump(mode="json"),
            event=event,
            key=envelope.key(),
        )

    async def _levels(self, parsed: Sequence[_Parsed]) -> dict[_Parsed, SharingLevel]:
        """The level each shared event leaves at: per (tenant, owning org, data type, the org
        that handed the record down), read once per batch."""
        shared = [p for p in parsed if p.event.shared_as is not None]
        if not shared:
            return {}
        levels: dict[tuple[str, str, str, str | None], SharingLevel] = {}
        keys: dict[_Parsed, tuple[str, str, str, str | None]] = {}
        with acting_for({p.body["tenant"] for p in shared}):
            async with self._sessions() as session:
                handed_down = await self._handed_down_in(session, shared)
                for item in shared:
                    key = (
                        item.body["tenant"],
                        item.body["owner_org"],
                        str(item.event.shared_as),
                        handed_down.get((str(item.event.shared_as), item.key)),
                    )
                    keys[item] = key
                    if key not in levels:
                        tenant, owner_org, data_type, by = key
                        levels[key] = await level_towards_oem(
                            session,
                            tenant=tenant,
                            owner_org=owner_org,
                            data_type=DataType(data_type),
                            handed_down_by=by,
                        )
        return {item: levels[key] for item, key in keys.items()}

    async def _handed_down_in(
        self, session: AsyncSession, shared: Sequence[_Parsed]
    ) -> dict[tuple[str, str], str]:
        """(data type, aggregate key) → the org that handed the record down, for the batch's
        records the OEM handed down to the dealer."""
        found: dict[tuple[str, str], str] = {}
        for data_type, which in self._handed_down.items():
            keys = sorted({p.key for p in shared if p.event.shared_as == data_type})
            if keys:
                for key, by in (await which(session, keys)).items():
                    found[(data_type, key)] = by
        return found

    async def _dead_letter(
        self,
        producer: AIOKafkaProducer,
        record: ConsumerRecord[bytes, bytes],
        error: BaseException,
    ) -> None:
        headers = decode_headers(record.headers)
        headers.update(
            {
                "dlq-error": f"{type(error).__name__}: {error}"[:4000],
                "dlq-stack": "".join(traceback.format_exception(error))[-4000:],
                "dlq-consumer-group": self._group,
                "dlq-original-topic": record.topic,
                "dlq-original-partition": str(record.partition),
                "dlq-original-offset": str(record.offset),
            }
        )
        await producer.send_and_wait(
            dead_letter_topic(record.topic),
            record.value or b"",
            key=record.key,
            headers=encode_headers(headers),
        )
        EVENTS.labels("dead_lettered", "").inc()
        log.error(
            "uplink: record dead-lettered",
            extra={"topic": record.topic, "offset": record.offset, "error": str(error)},
        )
