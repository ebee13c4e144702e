"""At-least-once delivery, exactly-once effect: how every subscriber of the platform consumes.

A subscription declares, per event type, the effect a consumer applies. Records arrive in
batches (FastStream batch subscriber); for each batch:

- malformed records (undecodable, failing their contract) go straight to ``<topic>.dlq``;
- the rest are applied in one transaction together with their inbox rows, so redelivered
  events are skipped and a crash redoes the batch whole or not at all;
- if that transaction fails for a reason other than an outage, the batch is replayed event by
  event, each with bounded retries, and an event that still fails is dead-lettered: one poison
  event never blocks its partition;
- an outage (database or Kafka unreachable) pauses and raises, so the batch is redelivered
  when they are back instead of being dead-lettered wrongly.

Kafka offsets are committed only after all of that (ack policy NACK_ON_ERROR: commit on
success, seek back to the batch start on an unhandled error).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Union

from aiokafka import ConsumerRecord
from aiokafka.errors import KafkaError
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from opentelemetry.trace import SpanKind
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.registry import ALL_EVENTS
from crm_common.db.bulk import column_values
from crm_common.db.tenancy import acting_for
from crm_common.db.unit_of_work import UnitOfWork
from crm_common.inbox.store import INBOX_ROWS, process_once
from crm_common.messaging.connection import kafka_security
from crm_common.messaging.headers import (
    DOWNLINKED_HEADER,
    EVENT_TYPE_HEADER,
    FROM_DEALER_HEADER,
    decode_headers,
)
from crm_common.observability.context import bound_trace, trace_from_headers
from crm_common.observability.metrics import EVENTS_CONSUMED, EVENTS_DEAD_LETTERED
from crm_common.observability.outage import KAFKA_OUTAGE, OUTAGE_RECORD
from crm_common.observability.tracing import span_continuing, span_continuing_batch
from crm_common.settings import Settings

log = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"
MAX_BATCH_RECORDS = 500

# ValueError covers pydantic's ValidationError, undecodable JSON and UTF-8.
_MALFORMED = (ValueError, KeyError, TypeError)
_OUTAGE = (OSError, OperationalError, InterfaceError, KafkaError, TimeoutError)
_OUTAGE_PAUSE_SECONDS = 1.0
_PUBLISHED_TYPES = frozenset(event.event_type for event in ALL_EVENTS)
_UNKNOWN_TYPE_LOG_SECONDS = 60.0


class UnsupportedEventVersion(ValueError):
    """An event of a version this consumer has no contract for: never read as another one."""


Effect = Callable[[UnitOfWork, Any], Awaitable[None]]
BatchEffect = Callable[[UnitOfWork, Sequence[Any]], Awaitable[None]]


def _declared_version(value: bytes) -> object:
    try:
        body = json.loads(value)
    except ValueError:
        return None
    return body.get("version") if isinstance(body, dict) else None


def dead_letter_topic(topic: str) -> str:
    return f"{topic}{DLQ_SUFFIX}"


@dataclass(frozen=True)
class Handles:
    """Events of ``event`` type get ``effect(uow, envelope)`` inside the inbox transaction.

    ``batch_effect(uow, envelopes)``, when given, takes all new events of the type in a batch
    at once instead (e.g. one multi-row INSERT): for effects that do not depend on the order
    between events of different types in the batch. Replays and retries call it with one."""

    event: type[EventData]
    effect: Effect | None = None
    batch_effect: BatchEffect | None = None

    def __post_init__(self) -> None:
        if (self.effect is None) == (self.batch_effect is None):
            raise ValueError(f"{self.event.__name__}: give exactly one of effect, batch_effect")

    async def apply(self, uow: UnitOfWork, events: Sequence[Any]) -> None:
        if self.batch_effect is not None:
            await self.batch_effect(uow, events)
        elif self.effect is not None:
            for event in events:
                await self.effect(uow, event)


@dataclass(frozen=True)
class Subscription:
    consumer: str
    """Consumer group and inbox name, e.g. ``kpi.lead-facts``."""
    topic: str
    handles: Sequence[Handles]
    description: str
    own_deployment_only: bool = False
    """Work done where the event happened (an opportunity opened for a conversion, a call task,
    a survey): the events a dealer's own deployment sent up (header ``crm-from-dealer``, set by
    HQ's intake) are skipped, since that deployment did the work itself. Subscriptions that
    keep figures or follow records HQ handed down (kpi, distributed leads, staff) read them."""
    across_the_link_only: bool = False
    """Only the events that came over a dealer deployment's link — down from HQ (header
    ``crm-downlinked``) or up from a dealer (``crm-from-dealer``) —: the installation keeps a
    copy of what the other side owns (identity: the org tree and agreements HQ sends a dealer,
    the users a dealer sends HQ) and skips its own events, which it wrote itself."""
    downlinked_only: bool = False
    """Only what came down from HQ (header ``crm-downlinked``): the configuration HQ and its
    regions set for a dealer (targets, care rules), which the dealer's deployment applies as
    HQ set it. An installation's own configuration was stored where it was set, and what a
    dealer sends up is not the dealer's to set at HQ."""

    def envelope_type(self) -> Any:
        data: Any = Union[tuple(h.event for h in self.handles)]  # noqa: UP007 - built at run time
        return Envelope[data]


@contextmanager
def _continuing_trace(record: ConsumerRecord[bytes, bytes]) -> Iterator[None]:
    """The consumer's span, child of the span that wrote the event; events it causes carry
    the same trace."""
    headers = decode_headers(record.headers)
    with (
        span_continuing(f"{record.topic} process", headers, SpanKind.CONSUMER),
        bound_trace(trace_from_headers(headers)),
    ):
        yield


def create_broker(settings: Settings) -> KafkaBroker:
    """The broker of a worker; its producer only writes dead letters (events use the outbox)."""
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        security=kafka_security(settings),
        client_id=f"{settings.service_name}-worker",
        enable_idempotence=True,
        acks="all",
        logger=logging.getLogger(f"crm.{settings.service_name}.consumer"),
    )


@dataclass(frozen=True)
class RunningSubscription:
    """A subscriber as the worker's health sees it (``crm_common.runtime.worker_health``)."""

    name: str
    subscriber: Any
    processor: _BatchProcessor
    stall_seconds: float

    def problem(self) -> str | None:
        tasks = getattr(self.subscriber, "tasks", [])
        if tasks and all(task.done() for task in tasks):
            return "its consume task ended"
        busy = self.processor.busy_for()
        if busy > self.stall_seconds:
            return f"a batch has been in progress for {busy:.0f} s"
        return None

    async def restart(self) -> None:
        """Stop and start the subscriber: a wedged batch is cancelled (its transaction rolls
        back, its offsets stay uncommitted) and redelivered."""
        await self.subscriber.stop()
        await self.subscriber.start()


def subscribe(
    broker: KafkaBroker,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    subscription: Subscription,
) -> RunningSubscription:
    processor = _BatchProcessor(broker, settings, session_factory, subscription)
    subscriber = broker.subscriber(
        settings.topic(subscription.topic),
        group_id=settings.consumer_group(subscription.consumer),
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=MAX_BATCH_RECORDS,
        batch_timeout_ms=10,
        include_in_schema=False,
        decoder=_records_as_they_came,
    )
    subscriber(processor.handle)
    return RunningSubscription(
        subscription.consumer, subscriber, processor, settings.consumer_stall_seconds
    )


def _records_as_they_came(message: StreamMessage[Any]) -> None:
    """The handler reads the batch's records themselves (``message.raw_message``): FastStream's
    own decoding of a batch (a message object and ``json.loads`` per record) would be thrown
    away, on every record of every subscribed topic."""
    return None


def document_subscription(broker: KafkaBroker, subscription: Subscription) -> None:
    """Describe a subscription in the AsyncAPI document: its topic and its event contracts."""

    async def documented(event: Any) -> None:
        raise RuntimeError("documentation only")

    documented.__annotations__["event"] = subscription.envelope_type()
    broker.subscriber(
        subscription.topic,
        group_id=subscription.consumer,
        title=f"{subscription.topic}:{subscription.consumer}",
        description=subscription.description,
    )(documented)


class _BatchProcessor:
    def __init__(
        self,
        broker: KafkaBroker,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
        subscription: Subscription,
    ) -> None:
        self._broker = broker
        self._session_factory = session_factory
        self._max_attempts = settings.consumer_max_attempts
        self._group = settings.consumer_group(subscription.consumer)
        self._inbox_name = subscription.consumer
        self._own_deployment_only = subscription.own_deployment_only
        self._across_the_link_only = subscription.across_the_link_only
        self._downlinked_only = subscription.downlinked_only
        # Per event type and version: what handles it and the envelope it is validated as.
        self._routes: dict[str, dict[int, tuple[Handles, type[Envelope[Any]]]]] = {}
        for h in subscription.handles:
            versions = self._routes.setdefault(h.event.event_type, {})
            if h.event.event_version in versions:
                raise ValueError(
                    f"{subscription.consumer}: {h.event.event_type} version"
                    f" {h.event.event_version} handled twice"
                )
            versions[h.event.event_version] = (h, Envelope[h.event])  # type: ignore[name-defined]
        self._unknown_logged: dict[str, float] = {}
        self._busy_since: float | None = None

    def busy_for(self) -> float:
        """Seconds the batch in hand has taken so far (0 between batches)."""
        since = self._busy_since
        return 0.0 if since is None else time.monotonic() - since

    async def handle(self, message: KafkaMessage) -> None:
        self._busy_since = time.monotonic()
        try:
            await self._handle(message)
        finally:
            self._busy_since = None

    async def _handle(self, message: KafkaMessage) -> None:
        records: tuple[ConsumerRecord[bytes, bytes], ...] = message.raw_message
        events: list[tuple[ConsumerRecord[bytes, bytes], Envelope[Any], Handles]] = []
        for record in records:
            try:
                parsed = self._parse(record)
            except _MALFORMED as error:
                self._count(
                    decode_headers(record.headers).get("ce-type", "unknown"),
                    "unsupported_version"
                    if isinstance(error, UnsupportedEventVersion)
                    else "malformed",
                )
                await self._dead_letter(record, error)
                continue
            if parsed is not None:
                events.append((record, *parsed))
        KAFKA_OUTAGE.recovered()  # a batch arrived
        if not events:
            return
        try:
            with (
                acting_for(event.tenant for _, event, _ in events),
                span_continuing_batch(
                    f"{events[0][0].topic} process",
                    [decode_headers(record.headers) for record, _, _ in events],
                    SpanKind.CONSUMER,
                ),
            ):
                await self._apply_batch(events)
        except _OUTAGE:
            await self._pause_for_outage()
            raise
        except Exception:
            log.warning("consumer: batch failed, replaying event by event", exc_info=True)
            for record, event, handles in events:
                await self._apply_alone(record, event, handles)
            return
        for _, event, _ in events:
            self._count(event.type, "ok")

    def _parse(self, record: ConsumerRecord[bytes, bytes]) -> tuple[Envelope[Any], Handles] | None:
        # The type header routes without decoding the body; the body is then validated
        # straight from its bytes (one pass in pydantic's core instead of json + validation).
        value = record.value or b""
        named = next((v for k, v in record.headers if k == EVENT_TYPE_HEADER), None)
        event_type = named.decode() if named is not None else json.loads(value)["type"]
        if self._own_deployment_only and any(k == FROM_DEALER_HEADER for k, _ in record.headers):
            self._count(event_type, "from_dealer_deployment")
            return None  # the dealer's deployment did this work for its own event
        if self._across_the_link_only and not any(
            k in (FROM_DEALER_HEADER, DOWNLINKED_HEADER) for k, _ in record.headers
        ):
            self._count(event_type, "this_deployments_own")
            return None  # written here: nothing to copy
        if self._downlinked_only and not any(k == DOWNLINKED_HEADER for k, _ in record.headers):
            self._count(event_type, "not_from_hq")
            return None  # stored where it was set
        versions = self._routes.get(event_type)
        if versions is None:
            if event_type not in _PUBLISHED_TYPES:
                self._unknown_type(record, event_type)
            return None  # another consumer's event on a shared topic
        if len(versions) == 1:
            [(handles, envelope_type)] = versions.values()
        else:
            # Several versions of the type: the body says which contract it follows.
            declared = _declared_version(value)
            self._check_version(event_type, declared, versions)
            if not isinstance(declared, int):
                raise ValueError(f"{event_type} declares no version")
            handles, envelope_type = versions[declared]
        try:
            envelope = envelope_type.model_validate_json(value)
        except ValueError:
            # A later version may well not fit this one's contract: say so rather than how.
            self._check_version(event_type, _declared_version(value), versions)
            raise
        self._check_version(event_type, envelope.version, {handles.event.event_version: None})
        if envelope.type != event_type:
            raise ValueError(f"header {EVENT_TYPE_HEADER} {event_type} names another event")
        return envelope, handles

    @staticmethod
    def _check_version(event_type: str, version: object, versions: Mapping[int, object]) -> None:
        if version is not None and version not in versions:
            read = ", ".join(str(v) for v in sorted(versions))
            raise UnsupportedEventVersion(
                f"{event_type} version {version!r}: this consumer reads"
                f" {'versions' if len(versions) > 1 else 'version'} {read} only"
            )

    def _unknown_type(self, record: ConsumerRecord[bytes, bytes], event_type: str) -> None:
        """No contract publishes this type: a producer newer than this consumer, or a mistake.
        Counted always, logged once a minute per type (a new producer may send many)."""
        self._count(event_type, "unknown_type")
        now = time.monotonic()
        if now - self._unknown_logged.get(event_type, float("-inf")) >= _UNKNOWN_TYPE_LOG_SECONDS:
            self._unknown_logged[event_type] = now
            log.warning(
                "consumer: skipped an event of a type no contract defines",
                extra={
                    "event_type": event_type,
                    "topic": record.topic,
                    "offset": record.offset,
                    "consumer_group": self._group,
                },
            )

    async def _apply_batch(
        self, events: list[tuple[ConsumerRecord[bytes, bytes], Envelope[Any], Handles]]
    ) -> None:
        async with UnitOfWork(self._session_factory) as uow:
            result = await uow.session.execute(
                INBOX_ROWS,
                column_values(
                    {
                        "consumer": [self._inbox_name] * len(events),
                        "event_id": [e.id for _, e, _ in events],
                        "event_type": [e.type for _, e, _ in events],
                    }
                ),
            )
            fresh = set(result.scalars())
            pending: list[tuple[ConsumerRecord[bytes, bytes], Envelope[Any], Handles]] = []
            for record, event, handles in events:
                if event.id in fresh:
                    fresh.discard(event.id)  # the same event twice in one batch applies once
                    pending.append((record, event, handles))
            for handles in {id(h): h for _, _, h in pending if h.batch_effect}.values():
                await handles.apply(uow, [e for _, e, h in pending if h is handles])
            for record, event, handles in pending:
                if handles.effect is not None:
                    with _continuing_trace(record):
                        await handles.effect(uow, event)

    async def _apply_alone(
        self, record: ConsumerRecord[bytes, bytes], event: Envelope[Any], handles: Handles
    ) -> None:
        for attempt in range(1, self._max_attempts + 1):
            try:
                with _continuing_trace(record), acting_for([event.tenant]):
                    await process_once(
                        self._session_factory,
                        self._inbox_name,
                        event,
                        lambda uow: handles.apply(uow, [event]),
                    )
            except _OUTAGE:
                await self._pause_for_outage()
                raise
            except Exception as error:
                if attempt < self._max_attempts:
                    log.warning("consumer: attempt %d failed, retrying", attempt, exc_info=True)
                    await asyncio.sleep(0.1 * 2**attempt)
                    continue
                self._count(event.type, "failed")
                await self._dead_letter(record, error)
                return
            self._count(event.type, "ok")
            return

    async def _dead_letter(
        self, record: ConsumerRecord[bytes, bytes], error: BaseException
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
        await self._broker.publish(
            record.value or b"",
            topic=dead_letter_topic(record.topic),
            key=record.key,
            headers=headers,
        )
        EVENTS_DEAD_LETTERED.labels(consumer=self._group, topic=record.topic).inc()
        log.error(
            "event dead-lettered",
            extra={"topic": record.topic, "offset": record.offset, "error": str(error)},
        )

    def _count(self, event_type: str, outcome: str) -> None:
        EVENTS_CONSUMED.labels(self._group, event_type, outcome).inc()

    @staticmethod
    async def _pause_for_outage() -> None:
        log.warning(
            "consumer: infrastructure unavailable, the batch will be redelivered",
            extra={OUTAGE_RECORD: True},
        )
        await asyncio.sleep(_OUTAGE_PAUSE_SECONDS)
