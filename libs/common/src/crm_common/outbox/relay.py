"""Publishes committed outbox rows to Kafka, in order per key, at least once.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` and marked published in the same transaction,
so two relays never send the same row; a key's rows behind one held by another relay are left
for a later round, so per-key order holds across relays too. Sends that fail or hang
(aiokafka's idempotent producer can get stuck after a broker bounce) leave their rows pending and
replace the producer; the rows go out again on the next round and consumers deduplicate them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.headers import encode_headers
from crm_common.observability.metrics import (
    OUTBOX_BACKLOG,
    OUTBOX_PRODUCER_RESETS,
    OUTBOX_PUBLISH_FAILURES,
    OUTBOX_PUBLISHED,
)
from crm_common.observability.tracing import current_traceparent, span_continuing
from crm_common.settings import Settings

log = logging.getLogger(__name__)

_CLAIM = text(
    """
    SELECT id, topic, key, payload::text AS payload, headers FROM outbox
    WHERE published_at IS NULL
    ORDER BY id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
    """
)
_PENDING_OF_KEYS = text(
    """
    SELECT key, id FROM outbox
    WHERE published_at IS NULL AND key = ANY(:keys) AND id <= :max_id
    ORDER BY id
    """
)
_MARK_PUBLISHED = text("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
_MARK_FAILED = text(
    "UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id = ANY(:ids)"
)
_BACKLOG = text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
_PURGE_PUBLISHED = text(
    """
    DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox
        WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => :hours)
        LIMIT 10000
    )
    """
)

_MAX_BACKOFF_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    topic: str
    key: str
    payload: str
    """The envelope as JSON text, sent as is (no decode and re-encode per row)."""
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class RoundResult:
    published: int
    failed: int
    deferred: int


class OutboxRelay:
    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._stopping = asyncio.Event()
        # A whole batch must be acknowledged within this, or the producer is considered stuck.
        self._send_timeout = 30.0

    async def run(self) -> None:
        """Publish until ``stop()``; survives broker and database outages without a restart."""
        backoff = 0.1
        last_housekeeping = 0.0
        while not self._stopping.is_set():
            try:
                result = await self.publish_round()
                if time.monotonic() - last_housekeeping > 1.0:
                    await self.housekeeping()
                    last_housekeeping = time.monotonic()
            except Exception:
                log.exception("outbox relay round failed; retrying")
                await self._reset_producer()
                result = RoundResult(published=0, failed=1, deferred=0)
            if result.failed:
                await self._sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF_SECONDS)
                continue
            backoff = 0.1
            if result.published == 0:
                await self._sleep(self._settings.outbox_idle_poll_seconds)
        await self._close_producer()

    def stop(self) -> None:
        self._stopping.set()

    async def publish_round(self) -> RoundResult:
        """Claim one batch, send it, record the outcome; all in one transaction."""
        async with self._engine.begin() as conn:
            rows = await self._claim(conn)
            if not rows:
                return RoundResult(0, 0, 0)
            sendable = await self._keep_key_order(conn, rows)
            deferred = len(rows) - len(sendable)
            if not sendable:
                return RoundResult(0, 0, deferred)
            producer = await self._ensure_producer()
            sent, failed, error = await self._send(producer, sendable)
            if sent:
                await conn.execute(_MARK_PUBLISHED, {"ids": [r.id for r in sent]})
                for row in sent:
                    OUTBOX_PUBLISHED.labels(topic=row.topic).inc()
            if failed:
                OUTBOX_PUBLISH_FAILURES.inc(len(failed))
                await conn.execute(
                    _MARK_FAILED, {"ids": [r.id for r in failed], "error": error[:2000]}
                )
        if failed:
            log.warning("outbox: %d rows failed to publish: %s", len(failed), error)
            await self._reset_producer()
        return RoundResult(len(sent), len(failed), deferred)

    async def housekeeping(self) -> None:
        async with self._engine.begin() as conn:
            backlog = (await conn.execute(_BACKLOG)).scalar_one()
            OUTBOX_BACKLOG.set(backlog)
            await conn.execute(_PURGE_PUBLISHED, {"hours": self._settings.outbox_retention_hours})

    async def _claim(self, conn: AsyncConnection) -> list[_Row]:
        result = await conn.execute(_CLAIM, {"limit": self._settings.outbox_batch_size})
        return [_Row(r.id, r.topic, r.key, r.payload, r.headers) for r in result]

    async def _keep_key_order(self, conn: AsyncConnection, rows: list[_Row]) -> list[_Row]:
        """Per key, only the rows before the first pending row another relay holds.

        Concurrent claims interleave (relay A may lock rows 1 and 3 of a key while relay B
        locks row 2), so a key's rows are sent only while they are an unbroken prefix of its
        pending rows; the rest wait, locked, until this transaction ends.
        """
        claimed = {r.id for r in rows}
        pending = await conn.execute(
            _PENDING_OF_KEYS,
            {"keys": list({r.key for r in rows}), "max_id": max(claimed)},
        )
        blocked: set[str] = set()
        sendable: set[int] = set()
        for key, row_id in pending:
            if key in blocked:
                continue
            if row_id in claimed:
                sendable.add(row_id)
            else:
                blocked.add(key)
        return [r for r in rows if r.id in sendable]

    async def _publish(self, producer: AIOKafkaProducer, row: _Row) -> asyncio.Future[Any]:
        """Enqueue one row under a producer span continuing the trace stored with it."""
        topic = self._settings.topic(row.topic)
        with span_continuing(f"{topic} publish", row.headers, SpanKind.PRODUCER):
            headers = {**row.headers, **current_traceparent()}
            sent: asyncio.Future[Any] = await producer.send(
                topic,
                value=row.payload.encode(),
                key=row.key.encode(),
                headers=encode_headers(headers),
            )
            return sent

    async def _send(
        self, producer: AIOKafkaProducer, rows: list[_Row]
    ) -> tuple[list[_Row], list[_Row], str]:
        try:
            futures = [await self._publish(producer, row) for row in rows]
            outcomes = await asyncio.wait_for(
                asyncio.gather(*futures, return_exceptions=True), timeout=self._send_timeout
            )
        except Exception as exc:  # enqueueing failed or the batch hung: nothing is known sent
            return [], rows, f"{type(exc).__name__}: {exc}"
        sent = [
            row
            for row, out in zip(rows, outcomes, strict=True)
            if not isinstance(out, BaseException)
        ]
        errors = [out for out in outcomes if isinstance(out, BaseException)]
        failed = [
            row for row, out in zip(rows, outcomes, strict=True) if isinstance(out, BaseException)
        ]
        error = f"{type(errors[0]).__name__}: {errors[0]}" if errors else ""
        return sent, failed, error

    async def _ensure_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = AIOKafkaProducer(
                **kafka_client_options(self._settings),
                client_id=f"{self._settings.service_name}-outbox-relay",
                enable_idempotence=True,
                acks="all",
                linger_ms=2,
                request_timeout_ms=15000,
                max_batch_size=1024 * 1024,
            )
            try:
                await producer.start()
            except Exception:
                await producer.stop()
                raise
            self._producer = producer
        return self._producer

    async def _reset_producer(self) -> None:
        if self._producer is not None:
            OUTBOX_PRODUCER_RESETS.inc()
        await self._close_producer()

    async def _close_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                await asyncio.wait_for(producer.stop(), timeout=5)
            except Exception:
                log.warning("outbox: producer did not stop cleanly", exc_info=True)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
