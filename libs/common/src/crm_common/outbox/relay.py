"""Publishes committed outbox rows to Kafka, in order per key, at least once.

A round claims rows with ``FOR UPDATE SKIP LOCKED`` and, in the same statement (its own
transaction, one round trip), leases the ones it will send (``leased_by``/``leased_until``); it
commits before anything is sent, so no database connection or row lock is held while Kafka
acknowledges. Another relay
skips leased rows and, to keep per-key order across relays, every key with an earlier row it
cannot send (leased or locked elsewhere, waiting for a retry, parked).

The rows a round sent are marked published at the start of the next round, by the statement
that claims its rows (one statement per round instead of two transactions; ``run`` starts
the next round at once after a round that sent something, and ``close`` marks what is left).
Until then they stay leased to this relay, so no relay sends them again; a relay that dies in
between sends nothing twice that it would not have anyway (its lease runs out, the rows go out
again, consumers deduplicate).

Within a round a key's rows go out one wave at a time: the second row of a key is sent only
after Kafka acknowledged the first, so a failed row never has a later row of its key published
ahead of it. A row that fails on its own (too large, unknown topic: another row of the round got
through, or the error can never pass) is retried after a growing delay and parked after
``outbox_max_attempts`` — or at once when retrying cannot help — with a metric and an error log;
other keys flow meanwhile and the parked row's key waits behind it until an operator replays it
(``crm-<service> outbox parked|replay``). When every send of a round fails (the broker is down)
nothing counts against the rows: the relay backs off and replaces the producer (aiokafka's
idempotent producer can get stuck after a broker bounce); the rows go out again later and
consumers deduplicate them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime

from aiokafka import AIOKafkaProducer
from aiokafka.errors import (
    InvalidTopicError,
    KafkaError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    TopicAuthorizationFailedError,
)
from aiokafka.partitioner import DefaultPartitioner
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.headers import encode_headers
from crm_common.observability.metrics import (
    OUTBOX_BACKLOG,
    OUTBOX_PARKED,
    OUTBOX_PRODUCER_RESETS,
    OUTBOX_PUBLISH_FAILURES,
    OUTBOX_PUBLISHED,
    OUTBOX_ROWS_PARKED,
)
from crm_common.observability.outage import KAFKA_OUTAGE, OUTAGE_RECORD
from crm_common.observability.tracing import (
    current_traceparent,
    span_continuing,
    tracing_enabled,
)
from crm_common.settings import Settings

log = logging.getLogger(__name__)

# A round in one statement, run on its own (no BEGIN/COMMIT round trips): the rows the last
# round sent marked published; up to :limit rows claimed (FOR UPDATE SKIP LOCKED: rows another
# relay is claiming are skipped); of those, per key, only the rows before the key's first
# pending row this round did not claim are leased to this relay (concurrent claims interleave:
# relay A may lock rows 1 and 3 of a key while relay B locks row 2; and a key's earlier row may
# be leased by another relay, waiting for a retry or parked). Every claimed row comes back,
# flagged whether it was leased. The rows being marked are left out of the claim and of the
# key check: in the statement's snapshot they are not published yet. The statistics expect few
# unpublished rows (they usually are) and the CTEs one row each, so a burst such as an import
# must not meet a nested loop over the claimed rows: the key check looks keys up as an array,
# the sets are compared as hashed subplans (IN, NOT IN), and the payload becomes text only for
# the rows returned, not for every row a plan sorts.
_ROUND = text(
    """
    WITH marked AS (
        UPDATE outbox SET published_at = now(), leased_by = NULL, leased_until = NULL
        WHERE id = ANY(CAST(:marked AS bigint[]))
    ),
    claimed AS (
        SELECT id, topic, key, payload, headers FROM outbox
        WHERE published_at IS NULL AND parked_at IS NULL
          AND (retry_at IS NULL OR retry_at <= now())
          AND (leased_until IS NULL OR leased_until < now() OR leased_by = :relay)
          AND id <> ALL(CAST(:marked AS bigint[]))
        ORDER BY id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    ),
    blocked AS (
        SELECT o.key, min(o.id) AS first_id FROM outbox o
        WHERE o.published_at IS NULL
          AND o.key = ANY(ARRAY(SELECT key FROM claimed))
          AND o.id <= (SELECT max(id) FROM claimed)
          AND o.id NOT IN (SELECT id FROM claimed)
          AND o.id NOT IN (SELECT unnest(CAST(:marked AS bigint[])))
        GROUP BY o.key
    ),
    leased AS (
        UPDATE outbox SET leased_by = :relay,
                          leased_until = now() + make_interval(secs => :seconds)
        WHERE id IN (
            SELECT c.id FROM claimed c LEFT JOIN blocked b ON b.key = c.key
            WHERE b.first_id IS NULL OR c.id < b.first_id
        )
        RETURNING id
    )
    SELECT c.id, c.topic, c.key, c.payload::text AS payload, c.headers,
           c.id IN (SELECT id FROM leased) AS leased
    FROM claimed c
    ORDER BY c.id
    """
)
_MARK_PUBLISHED = text(
    """
    UPDATE outbox SET published_at = now(), leased_by = NULL, leased_until = NULL
    WHERE id = ANY(:ids)
    """
)
_RELEASE = text(
    """
    UPDATE outbox SET leased_by = NULL, leased_until = NULL
    WHERE id = ANY(:ids) AND leased_by = :relay
    """
)
# A row failing on its own: retried after 2, 4, 8 … (at most 300) seconds, parked after the
# last attempt or at once when retrying cannot help.
_MARK_ROW_FAILED = text(
    """
    UPDATE outbox SET
        attempts = attempts + 1,
        last_error = :error,
        leased_by = NULL,
        leased_until = NULL,
        retry_at = now() + make_interval(secs => least(power(2, attempts + 1), 300)),
        parked_at = CASE WHEN :permanent OR attempts + 1 >= :max_attempts THEN now() END
    WHERE id = :id
    RETURNING attempts, parked_at
    """
)
# The broker (or the producer) failed the whole round: nothing is the rows' fault.
_MARK_ROUND_FAILED = text(
    """
    UPDATE outbox SET last_error = :error, leased_by = NULL, leased_until = NULL
    WHERE id = ANY(:ids)
    """
)
_BACKLOG = text(
    """
    SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL)
    FROM outbox WHERE published_at IS NULL
    """
)
_PURGE_PUBLISHED = text(
    """
    DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox
        WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => :hours)
        LIMIT 10000
    )
    """
)
_PARKED = text(
    """
    SELECT id, event_id, topic, key, event_type, attempts, last_error, parked_at,
           octet_length(payload::text) AS size
    FROM outbox WHERE published_at IS NULL AND parked_at IS NOT NULL
    ORDER BY id
    """
)
_REPLAY = text(
    """
    UPDATE outbox SET parked_at = NULL, retry_at = NULL, attempts = 0
    WHERE published_at IS NULL AND parked_at IS NOT NULL AND (:all OR id = ANY(:ids))
    RETURNING id
    """
)

_MAX_BACKOFF_SECONDS = 5.0
# A row over this (at most 512 KiB in UTF-8) is sent on its own, so that a row too large for
# Kafka fails alone (``producer.send`` refuses it before any batch); smaller ones always fit an
# empty record batch (1 MiB).
_ALONE_CHARACTERS = 128 * 1024
# What ``producer.send`` partitions by: the same partition for a key, however it was sent.
_PARTITIONER = DefaultPartitioner()
# Errors no retry can cure: the row is parked at its first failure.
_PERMANENT_ERRORS = (
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    InvalidTopicError,
    TopicAuthorizationFailedError,
)


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


@dataclass(frozen=True, slots=True)
class ParkedRow:
    id: int
    event_id: uuid.UUID
    topic: str
    key: str
    event_type: str
    attempts: int
    last_error: str | None
    parked_at: datetime
    size: int
    """Bytes of the envelope's JSON."""


@dataclass(slots=True)
class _Outcome:
    sent: list[_Row]
    failed: dict[int, BaseException]
    """Row id → why it failed."""
    unsent: list[_Row]
    """Rows not tried: an earlier row of their key failed, or the round ran out of time."""
    timed_out: bool = False


class OutboxRelay:
    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        self._engine = engine
        # A round is one statement: run on its own, it is its own transaction.
        self._one_statement = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._stopping = asyncio.Event()
        self._id = uuid.uuid4()
        self.last_round_at = time.monotonic()
        """When the last round ended, failed or not (the worker's readiness watches it)."""
        # A whole round must be acknowledged within this, or the producer is considered stuck.
        self._send_timeout = 30.0
        # Longer than any round can send, so a lease only runs out when its relay died; then
        # another relay sends the rows again (consumers deduplicate).
        self._lease_seconds = 2 * self._send_timeout + 30.0
        self._sent: list[int] = []
        """Rows sent and acknowledged, marked published with the next round's claim."""

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
            except Exception as exc:
                log.exception(
                    "outbox relay round failed; retrying",
                    extra={OUTAGE_RECORD: isinstance(exc, (KafkaError, OSError))},
                )
                await self._reset_producer()
                result = RoundResult(published=0, failed=1, deferred=0)
            self.last_round_at = time.monotonic()
            if result.failed and not result.published:
                await self._sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF_SECONDS)
                continue
            backoff = 0.1
            self.last_round_at = time.monotonic()
            if result.published == 0:
                await self._sleep(self._settings.outbox_idle_poll_seconds)
        await self.close()

    def stop(self) -> None:
        self._stopping.set()

    async def publish_round(self) -> RoundResult:
        """Claim and lease one batch, send it outside any transaction, record the outcome."""
        producer = await self._ensure_producer()
        marked = list(self._sent)
        async with self._one_statement.connect() as conn:
            result = await conn.execute(
                _ROUND,
                {
                    "marked": marked,
                    "relay": self._id,
                    "limit": self._settings.outbox_batch_size,
                    "seconds": self._lease_seconds,
                },
            )
            rows = [(_Row(r.id, r.topic, r.key, r.payload, r.headers), r.leased) for r in result]
        self._sent = self._sent[len(marked) :]
        if not rows:
            return RoundResult(0, 0, 0)
        sendable = [row for row, leased in rows if leased]
        deferred = len(rows) - len(sendable)
        if not sendable:
            return RoundResult(0, 0, deferred)
        try:
            outcome = await self._send(producer, sendable)
        except BaseException:
            await self._release(sendable)
            raise
        await self._record(outcome)
        if outcome.failed and (outcome.timed_out or not outcome.sent):
            await self._reset_producer()
        return RoundResult(len(outcome.sent), len(outcome.failed), deferred + len(outcome.unsent))

    async def housekeeping(self) -> None:
        async with self._engine.begin() as conn:
            backlog, parked = (await conn.execute(_BACKLOG)).one()
            OUTBOX_BACKLOG.set(backlog)
            OUTBOX_PARKED.set(parked)
            await conn.execute(_PURGE_PUBLISHED, {"hours": self._settings.outbox_retention_hours})

    async def _send(self, producer: AIOKafkaProducer, rows: list[_Row]) -> _Outcome:
        """Send in waves: the n-th row of each key once its key's row n-1 was acknowledged."""
        of_key: dict[str, list[_Row]] = defaultdict(list)
        for row in rows:
            of_key[row.key].append(row)
        outcome = _Outcome(sent=[], failed={}, unsent=[])
        deadline = asyncio.get_running_loop().time() + self._send_timeout
        wave = 0
        live = list(of_key)
        while live:
            batch = [of_key[key][wave] for key in live]
            try:
                async with asyncio.timeout_at(deadline):
                    results = await self._send_wave(producer, batch)
            except TimeoutError as exc:
                outcome.timed_out = True
                outcome.failed.update((row.id, exc) for row in batch)
                outcome.unsent.extend(r for key in live for r in of_key[key][wave + 1 :])
                break
            following: list[str] = []
            for row, result in zip(batch, results, strict=True):
                if isinstance(result, BaseException):
                    outcome.failed[row.id] = result
                    outcome.unsent.extend(of_key[row.key][wave + 1 :])
                else:
                    outcome.sent.append(row)
                    if len(of_key[row.key]) > wave + 1:
                        following.append(row.key)
            live = following
            wave += 1
        return outcome

    async def _send_wave(
        self, producer: AIOKafkaProducer, rows: list[_Row]
    ) -> list[BaseException | None]:
        """Send rows of distinct keys and wait for Kafka's acknowledgements; per row, what
        failed it. Without tracing, one record batch per partition (a bulk import's round is
        hundreds of rows: a send, a future and a task per row cost more than the rest of the
        relay); a row too large to share a batch, and every row with tracing on (a producer
        span each), is sent alone."""
        if tracing_enabled():
            return await asyncio.gather(
                *(self._send_one(producer, row) for row in rows), return_exceptions=True
            )
        outcome_of: dict[int, BaseException | None] = {}
        alone: list[_Row] = []
        of_topic: dict[str, list[_Row]] = defaultdict(list)
        for row in rows:
            (alone if len(row.payload) > _ALONE_CHARACTERS else of_topic[row.topic]).append(row)
        batches: list[tuple[list[_Row], Awaitable[object]]] = []
        for topic, topic_rows in of_topic.items():
            try:
                await self._submit(producer, self._settings.topic(topic), topic_rows, batches)
            except Exception as exc:  # the topic's metadata (unknown topic, broker gone)
                outcome_of.update((row.id, exc) for row in topic_rows)
        outcomes = await asyncio.gather(
            *(acknowledged for _, acknowledged in batches),
            *(self._send_one(producer, row) for row in alone),
            return_exceptions=True,
        )
        for (batch_rows, _), outcome in zip(batches, outcomes, strict=False):
            error = outcome if isinstance(outcome, BaseException) else None
            outcome_of.update((row.id, error) for row in batch_rows)
        for row, outcome in zip(alone, outcomes[len(batches) :], strict=True):
            outcome_of[row.id] = outcome if isinstance(outcome, BaseException) else None
        return [outcome_of[row.id] for row in rows]

    async def _submit(
        self,
        producer: AIOKafkaProducer,
        topic: str,
        rows: list[_Row],
        submitted: list[tuple[list[_Row], Awaitable[object]]],
    ) -> None:
        """The rows of one topic in record batches, one (more, when full) per partition, each
        partition the one ``producer.send`` gives the key; each batch submitted is added to
        ``submitted`` with its rows and the future of Kafka's acknowledgement."""
        partitions = list(await producer.partitions_for(topic))
        of_partition: dict[int, list[_Row]] = defaultdict(list)
        for row in rows:
            of_partition[_PARTITIONER(row.key.encode(), partitions, partitions)].append(row)
        for partition, partition_rows in of_partition.items():
            builder, in_batch = producer.create_batch(), list[_Row]()
            for row in partition_rows:
                record = {
                    "timestamp": None,
                    "key": row.key.encode(),
                    "value": row.payload.encode(),
                    "headers": encode_headers(row.headers),
                }
                if builder.append(**record) is None:  # full: it goes, the row starts the next
                    builder.close()
                    batch = await producer.send_batch(builder, topic, partition=partition)
                    submitted.append((in_batch, batch))
                    builder, in_batch = producer.create_batch(), []
                    if builder.append(**record) is None:
                        raise RuntimeError(f"outbox row {row.id} does not fit a record batch")
                in_batch.append(row)
            builder.close()  # nothing ``producer.send`` adds may join it
            batch = await producer.send_batch(builder, topic, partition=partition)
            submitted.append((in_batch, batch))

    async def _send_one(self, producer: AIOKafkaProducer, row: _Row) -> None:
        """Enqueue one row under a producer span continuing the trace stored with it, and wait
        for Kafka's acknowledgement."""
        topic = self._settings.topic(row.topic)
        headers = row.headers
        # Without tracing the span would be a no-op whose traceparent is the one stored with
        # the row: the row goes with its headers as stored, without ~20 µs of span per row.
        traced = tracing_enabled()
        with (
            span_continuing(f"{topic} publish", headers, SpanKind.PRODUCER)
            if traced
            else contextlib.nullcontext()
        ):
            if traced:
                headers = {**headers, **current_traceparent()}
            future = await producer.send(
                topic,
                value=row.payload.encode(),
                key=row.key.encode(),
                headers=encode_headers(headers),
            )
        await future

    async def _record(self, outcome: _Outcome) -> None:
        # The row's own fault when another row got through, or when no retry can help.
        own_fault = {
            row_id: exc
            for row_id, exc in outcome.failed.items()
            if (outcome.sent and not outcome.timed_out) or isinstance(exc, _PERMANENT_ERRORS)
        }
        round_failed = [row_id for row_id in outcome.failed if row_id not in own_fault]
        self._sent.extend(r.id for r in outcome.sent)
        if outcome.failed or outcome.unsent:
            await self._record_failures(outcome, own_fault, round_failed)
        if outcome.sent:
            KAFKA_OUTAGE.recovered()
        for row in outcome.sent:
            OUTBOX_PUBLISHED.labels(topic=row.topic).inc()
        if outcome.failed:
            OUTBOX_PUBLISH_FAILURES.inc(len(outcome.failed))
            first = next(iter(outcome.failed.values()))
            log.warning(
                "outbox: %d rows failed to publish (%d on their own), %d sent: %s",
                len(outcome.failed),
                len(own_fault),
                len(outcome.sent),
                _describe(first),
            )

    async def _record_failures(
        self, outcome: _Outcome, own_fault: dict[int, BaseException], round_failed: list[int]
    ) -> None:
        async with self._engine.begin() as conn:
            for row_id, exc in own_fault.items():
                attempts, parked_at = (
                    await conn.execute(
                        _MARK_ROW_FAILED,
                        {
                            "id": row_id,
                            "error": _describe(exc),
                            "permanent": isinstance(exc, _PERMANENT_ERRORS),
                            "max_attempts": self._settings.outbox_max_attempts,
                        },
                    )
                ).one()
                if parked_at is not None:
                    OUTBOX_ROWS_PARKED.inc()
                    log.error(
                        "outbox: row parked; its key's later rows wait behind it until it is"
                        " replayed (crm-%s outbox replay %d)",
                        self._settings.service_name,
                        row_id,
                        extra={"outbox_id": row_id, "attempts": attempts, "error": _describe(exc)},
                    )
            if round_failed:
                first = outcome.failed[round_failed[0]]
                await conn.execute(
                    _MARK_ROUND_FAILED, {"ids": round_failed, "error": _describe(first)}
                )
            if outcome.unsent:
                await conn.execute(
                    _RELEASE, {"ids": [r.id for r in outcome.unsent], "relay": self._id}
                )

    async def _release(self, rows: Sequence[_Row]) -> None:
        with contextlib.suppress(Exception):
            async with self._engine.begin() as conn:
                await conn.execute(_RELEASE, {"ids": [r.id for r in rows], "relay": self._id})

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

    async def close(self) -> None:
        """Mark what the last round sent and stop the producer (``run`` does so when it
        ends)."""
        if self._sent:
            try:
                async with self._engine.begin() as conn:
                    await conn.execute(_MARK_PUBLISHED, {"ids": self._sent})
                self._sent = []
            except Exception:  # their lease runs out; they go out again, consumers deduplicate
                log.warning("outbox: sent rows left unmarked at close", exc_info=True)
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


async def parked_rows(engine: AsyncEngine) -> list[ParkedRow]:
    """The rows the relay gave up on, oldest first."""
    async with engine.connect() as conn:
        return [ParkedRow(**row._asdict()) for row in await conn.execute(_PARKED)]


async def replay_parked(engine: AsyncEngine, ids: Sequence[int] | None) -> list[int]:
    """Give parked rows (all of them when ``ids`` is None) a fresh set of attempts."""
    async with engine.begin() as conn:
        result = await conn.execute(_REPLAY, {"all": ids is None, "ids": list(ids or [])})
        return sorted(result.scalars())


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]
