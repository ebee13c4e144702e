"""Events benchmark: outbox → relay → Kafka → consumer inbox, with ~1 KB payloads.

    .venv/bin/python bench/events/run.py --rate 1000 --seconds 20  # latency at a given rate
    .venv/bin/python bench/events/run.py --rate 0 --count 20000    # throughput, flat out

Uses the platform's real pieces (UnitOfWork.publish, OutboxRelay, a Subscription)
in three processes — writer (this one), relay, consumer — against the local Kafka and
PostgreSQL (`deploy/local/infra.sh up`). End-to-end latency = the consumer's commit clock minus
the event's ``occurred_at`` (one machine, one clock). Prints one JSON line of figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import ClassVar
from uuid import uuid4

import asyncpg
from sqlalchemy import Column, DateTime, MetaData, Table, func, insert
from sqlalchemy.dialects.postgresql import UUID

from crm_common.contracts import Envelope, EventData, new_event
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tables import messaging_metadata
from crm_common.messaging.consumer import Handles, Subscription, create_broker, subscribe
from crm_common.messaging.topics import ensure_topics
from crm_common.outbox.relay import OutboxRelay
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants

TOPIC = "crm.bench.event.v1"
GROUP = "bench.sink"
PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}

sink_metadata = MetaData()
sink = Table(
    "sink",
    sink_metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column(
        "received_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=func.clock_timestamp(),
    ),
)


class BenchEvent(EventData):
    """A ~1 KB event, shaped like a lead event with free text."""

    event_type: ClassVar[str] = "bench.BenchEvent"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = TOPIC

    aggregate_id: str
    text: str

    def aggregate_key(self) -> str:
        return self.aggregate_id


def settings_for(database: str, namespace: str) -> Settings:
    return Settings(
        env="test",
        service_name="bench",
        database_url=f"postgresql+asyncpg://crm:crm@127.0.0.1:5432/{database}",
        kafka_namespace=namespace,
        database_pool_size=20,
    )


async def recreate_database(name: str, metadata: list[MetaData]) -> None:
    conn = await asyncpg.connect(database="postgres", **PG)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    engine = create_engine(settings_for(name, ""))
    async with engine.begin() as c:
        for m in metadata:
            await c.run_sync(m.create_all)
    await engine.dispose()


async def run_relay(namespace: str) -> None:
    settings = settings_for("crm_bench_producer", namespace)
    engine = create_engine(settings)
    await OutboxRelay(engine, settings).run()


async def record(uow: UnitOfWork, event: Envelope[BenchEvent]) -> None:
    await uow.session.execute(insert(sink).values(event_id=event.id, occurred_at=event.occurred_at))


async def run_consumer(namespace: str) -> None:
    settings = settings_for("crm_bench_consumer", namespace)
    broker = create_broker(settings)
    subscribe(
        broker,
        settings,
        create_session_factory(create_engine(settings)),
        Subscription(GROUP, TOPIC, [Handles(BenchEvent, record)], "benchmark sink"),
    )
    await broker.start()
    await asyncio.Event().wait()


async def write_events(count: int, rate: float, payload_bytes: int, namespace: str) -> float:
    settings = settings_for("crm_bench_producer", namespace)
    session_factory = create_session_factory(create_engine(settings))
    filler = "x" * payload_bytes
    started = time.perf_counter()
    next_index = 0

    async def writer() -> None:
        nonlocal next_index
        while next_index < count:
            index = next_index
            next_index += 1
            if rate:
                delay = started + index / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            event = new_event(
                BenchEvent(aggregate_id=str(index % 500), text=filler),
                tenant="bench",
                owner_org="bench-dealer",
                actor="bench",
            )
            async with UnitOfWork(session_factory) as uow:
                await uow.publish(event)

    await asyncio.gather(*(writer() for _ in range(16)))
    return time.perf_counter() - started


async def measure(count: int) -> dict[str, float]:
    conn = await connect_across_tenants("crm_bench_consumer")
    try:
        while await conn.fetchval("SELECT count(*) FROM sink") < count:  # noqa: ASYNC110
            await asyncio.sleep(0.2)
        row = await conn.fetchrow(
            """
            SELECT count(*) AS n,
                   extract(epoch FROM max(received_at) - min(occurred_at)) AS span_s,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY received_at - occurred_at) AS p50,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY received_at - occurred_at) AS p99,
                   max(received_at - occurred_at) AS worst
            FROM sink
            """
        )
    finally:
        await conn.close()
    return {
        "delivered": row["n"],
        "events_per_s": round(row["n"] / float(row["span_s"]), 1),
        "p50_ms": round(row["p50"].total_seconds() * 1000, 1),
        "p99_ms": round(row["p99"].total_seconds() * 1000, 1),
        "max_ms": round(row["worst"].total_seconds() * 1000, 1),
    }


async def main(args: argparse.Namespace) -> None:
    namespace = f"bench{uuid4().hex[:6]}."
    await recreate_database("crm_bench_producer", [messaging_metadata])
    await recreate_database("crm_bench_consumer", [messaging_metadata, sink_metadata])
    await ensure_topics(
        Settings().kafka_bootstrap_servers, [namespace + TOPIC, namespace + TOPIC + ".dlq"]
    )
    env = {**os.environ, "CRM_LOG_LEVEL": "WARNING"}
    helpers = [
        subprocess.Popen([sys.executable, __file__, role, namespace], env=env)  # noqa: ASYNC220
        for role in ("relay", "consume")
    ]
    try:
        await asyncio.sleep(3)  # consumer joins its group before the clock starts
        count = args.count or int(args.rate * args.seconds)
        write_s = await write_events(count, args.rate, args.payload_bytes, namespace)
        figures = await asyncio.wait_for(measure(count), timeout=600)
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait()
    result = {
        "benchmark": "events",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "target_rate": args.rate or "max",
        "count": count,
        "payload_bytes": args.payload_bytes,
        "writes_per_s": round(count / write_s, 1),
        **figures,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("relay", "consume"):
        os.environ.setdefault("CRM_LOG_LEVEL", "WARNING")
        runner = run_relay if sys.argv[1] == "relay" else run_consumer
        asyncio.run(runner(sys.argv[2]))
    else:
        parser = argparse.ArgumentParser(description=__doc__)
        parser.add_argument("--rate", type=float, default=1000, help="events/s; 0 = max")
        parser.add_argument("--seconds", type=float, default=20)
        parser.add_argument("--count", type=int, default=0)
        parser.add_argument("--payload-bytes", type=int, default=900)
        asyncio.run(main(parser.parse_args()))
