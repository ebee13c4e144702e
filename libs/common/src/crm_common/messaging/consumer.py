"""At-least-once delivery, exactly-once effect: how every subscriber consumes.

Offsets are committed only after the handler's transaction (ack policy NACK_ON_ERROR: commit on
success, seek back on an unhandled error). Around each handler the dead-letter middleware:
- sends malformed events (undecodable, failing the contract) straight to ``<topic>.dlq``;
- retries other failures a bounded number of times, then dead-letters them, so one poison
  event never blocks its partition;
- lets infrastructure outages (database or Kafka unreachable) escape after a pause, so the
  message is redelivered once they are back instead of being dead-lettered wrongly.
"""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
from typing import Any

from aiokafka.errors import KafkaError
from faststream import AckPolicy
from faststream._internal.middlewares import BaseMiddleware
from faststream.exceptions import FastStreamException
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage
from pydantic import ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError

from crm_common.messaging.headers import EVENT_TYPE_HEADER, decode_headers
from crm_common.observability.context import bound_trace, trace_from_headers
from crm_common.observability.metrics import EVENTS_CONSUMED, EVENTS_DEAD_LETTERED
from crm_common.settings import Settings

log = logging.getLogger(__name__)

CONSUMER_ACK_POLICY = AckPolicy.NACK_ON_ERROR
DLQ_SUFFIX = ".dlq"

_MALFORMED = (ValidationError, json.JSONDecodeError, UnicodeDecodeError)
_OUTAGE = (OSError, OperationalError, InterfaceError, KafkaError, TimeoutError)
_OUTAGE_PAUSE_SECONDS = 1.0


def dead_letter_topic(topic: str) -> str:
    return f"{topic}{DLQ_SUFFIX}"


class DeadLetterPolicy:
    """Broker middleware factory: one instance per broker, one middleware per message."""

    def __init__(self, consumer_group: str, max_attempts: int) -> None:
        self.consumer_group = consumer_group
        self.max_attempts = max_attempts
        self.broker: KafkaBroker | None = None

    def __call__(self, msg: Any, /, *, context: Any) -> _DeadLetterMiddleware:
        return _DeadLetterMiddleware(msg, context=context, policy=self)

    async def dead_letter(self, msg: StreamMessage[Any], error: BaseException) -> None:
        if self.broker is None:
            raise RuntimeError("DeadLetterPolicy is not attached to a broker")
        record = msg.raw_message
        topic = getattr(record, "topic", "unknown")
        headers = decode_headers(msg.headers)
        headers.update(
            {
                "dlq-error": f"{type(error).__name__}: {error}"[:4000],
                "dlq-stack": "".join(traceback.format_exception(error))[-4000:],
                "dlq-consumer-group": self.consumer_group,
                "dlq-original-topic": topic,
                "dlq-original-partition": str(getattr(record, "partition", "")),
                "dlq-original-offset": str(getattr(record, "offset", "")),
            }
        )
        await self.broker.publish(
            msg.body,
            topic=dead_letter_topic(topic),
            key=getattr(record, "key", None),
            headers=headers,
        )
        EVENTS_DEAD_LETTERED.labels(consumer=self.consumer_group, topic=topic).inc()
        log.error(
            "event dead-lettered",
            extra={"topic": topic, "offset": headers["dlq-original-offset"], "error": str(error)},
        )


class _DeadLetterMiddleware(BaseMiddleware[Any, Any]):
    def __init__(self, msg: Any, /, *, context: Any, policy: DeadLetterPolicy) -> None:
        super().__init__(msg, context=context)
        self._policy = policy

    async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
        headers = decode_headers(msg.headers)
        event_type = headers.get(EVENT_TYPE_HEADER, "unknown")
        group = self._policy.consumer_group
        with bound_trace(trace_from_headers(headers)):
            for attempt in range(1, self._policy.max_attempts + 1):
                try:
                    result = await call_next(msg)
                except _MALFORMED as error:
                    EVENTS_CONSUMED.labels(group, event_type, "malformed").inc()
                    await self._policy.dead_letter(msg, error)
                    return None
                except FastStreamException:
                    raise
                except _OUTAGE:
                    EVENTS_CONSUMED.labels(group, event_type, "outage").inc()
                    log.warning(
                        "consumer: infrastructure unavailable, will redeliver", exc_info=True
                    )
                    await asyncio.sleep(_OUTAGE_PAUSE_SECONDS)
                    raise
                except Exception as error:
                    if attempt < self._policy.max_attempts:
                        log.warning("consumer: attempt %d failed, retrying", attempt, exc_info=True)
                        await asyncio.sleep(0.1 * 2**attempt)
                        continue
                    EVENTS_CONSUMED.labels(group, event_type, "failed").inc()
                    await self._policy.dead_letter(msg, error)
                    return None
                EVENTS_CONSUMED.labels(group, event_type, "ok").inc()
                return result
        return None


def create_broker(settings: Settings, consumer_group: str) -> KafkaBroker:
    """A FastStream broker whose subscribers deduplicate, retry and dead-letter the same way.

    Subscribers must use ``subscribe_options(settings, consumer_group)`` so offsets are
    committed only after their transaction.
    """
    policy = DeadLetterPolicy(
        settings.consumer_group(consumer_group), settings.consumer_max_attempts
    )
    broker = KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-worker",
        enable_idempotence=True,
        acks="all",
        middlewares=(policy,),
        logger=logging.getLogger(f"crm.{settings.service_name}.consumer"),
    )
    policy.broker = broker
    return broker


def subscribe_options(settings: Settings, consumer_group: str) -> dict[str, Any]:
    """The options every subscriber of the platform takes (see module docstring)."""
    return {
        "group_id": settings.consumer_group(consumer_group),
        "ack_policy": CONSUMER_ACK_POLICY,
        "auto_offset_reset": "earliest",
    }
