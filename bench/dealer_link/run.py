"""Dealer link benchmark: dealers' events through the uplink (sharing policy), MirrorMaker 2 to
HQ's cluster (SASL/SCRAM over TLS, ACLs) and HQ's intake into HQ's own lead topic, online and
after an hour offline.

    .venv/bin/python bench/dealer_link/run.py --dealers 2 --online 5000 --offline 100000

Starts Kafka clusters of its own (HQ's, with its listener for dealers, and one per dealer) from
``deploy/local/infra.sh`` in a temporary run folder, grants each dealer on HQ, and runs each
dealer's MirrorMaker 2 (``deploy/kafka/mirror.sh``); each dealer's uplink and HQ's intake for it
run in this process (each uplink against a throwaway database holding its dealer's agreement,
``aggregate``). Events are lead events as the leads service publishes them (a ``LeadCreated``
and a ``LeadConverted`` with a name and phone per lead), produced to each dealer's
``crm.leads.lead.v1``.

1. online: ``--online`` events per dealer produced while everything runs; lag = arrival on
   HQ's own lead topic (after HQ's intake) minus the event's ``occurred_at`` (one machine, one
   clock): p50/p99/max, and events/s end to end;
2. offline: every dealer's MirrorMaker stopped; an hour of each dealer's work — ``--offline``
   events per dealer, their ``occurred_at`` spread over the hour before (the hour is the
   backlog, not waited for) — cut by its uplink onto its uplink topic (the uplinks'
   throughput is measured here); then every MirrorMaker started at once: catch-up = from
   their start until HQ's own lead topic holds every dealer's backlog, overall and per dealer
   (its replica on HQ complete).

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import ALL as LEAD_EVENTS
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadConverted, LeadCreated
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import messaging_metadata, org_directory, sharing_levels
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.messaging.dealer_link import LinkSettings, end_offsets, hq_intake, hq_uplink_topic
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics
from crm_common.messaging.uplink import Uplink, uplink_topic
from crm_common.policy.sharing import ALL_ORGS, DataType, Direction, SharingLevel
from crm_common.settings import Settings
from crm_common.testing.dealer_link import KafkaCluster, Mirror, kafka_libs

TENANT = "oem-bench"
DATABASE = "crm_bench_dealer_link"
HOUR = timedelta(hours=1)
PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}


async def fresh_database(name: str) -> str:
    conn = await asyncpg.connect(**PG, database="postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"postgresql+asyncpg://crm:crm@127.0.0.1:5432/{name}"


def lead_events(
    dealer: str, count: int, since: datetime | None = None
) -> list[tuple[bytes, bytes, list[tuple[str, bytes]]]]:
    """``count`` events (pairs per lead), each as (key, value, headers): stamped now, or spread
    evenly from ``since`` to now (a backlog of work done meanwhile)."""
    events = []
    pairs = count // 2
    for i in range(pairs):
        lead = uuid4()
        now = datetime.now(UTC)
        if since is not None:
            now = since + (now - since) * i / max(pairs, 1)
        for data in (
            LeadCreated(lead_id=lead, dealer_id=dealer, source="walk_in", created_at=now),
            LeadConverted(
                lead_id=lead,
                dealer_id=dealer,
                at=now,
                customer_id=uuid4(),
                owner_user="c1",
                owner_team=dealer,
                customer_name=f"客户{i}",
                phone=f"+86139{i:08d}",
                vehicle_interest="SUV",
                source="walk_in",
                grade="intent",
            ),
        ):
            envelope = new_event(data, tenant=TENANT, owner_org=dealer, actor="c1")
            envelope = envelope.model_copy(update={"occurred_at": now})
            events.append(
                (
                    str(lead).encode(),
                    envelope.model_dump_json().encode(),
                    encode_headers(event_headers(envelope)),
                )
            )
    return events


async def produce(bootstrap: str, dealer: str, count: int, since: datetime | None = None) -> float:
    """Produces ``count`` lead events to the dealer's topic; the seconds it took."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5
    )
    await producer.start()
    started = time.monotonic()
    try:
        for start in range(0, count, 2000):
            batch = lead_events(dealer, min(2000, count - start), since)
            sent = [
                await producer.send(LEAD_TOPIC, value, key=key, headers=headers)
                for key, value, headers in batch
            ]
            for future in sent:
                await future
    finally:
        await producer.stop()
    return time.monotonic() - started


async def end_offset_sum(bootstrap: str, topic: str) -> int:
    return (await end_offsets({"bootstrap_servers": bootstrap}, [topic])).get(topic, 0)


async def wait_for_offsets(bootstrap: str, topic: str, expected: int, limit: float) -> float:
    """Seconds until ``topic`` holds ``expected`` records."""
    started = time.monotonic()
    while await end_offset_sum(bootstrap, topic) < expected:
        if time.monotonic() - started > limit:
            raise TimeoutError(f"{topic} did not reach {expected} records in {limit}s")
        await asyncio.sleep(0.25)
    return time.monotonic() - started


async def arrival_lags(bootstrap: str, topic: str, expected: int, limit: float) -> list[float]:
    """Reads ``topic`` on HQ from the start as records arrive: now - occurred_at per record."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    lags: list[float] = []
    deadline = time.monotonic() + limit
    try:
        while len(lags) < expected and time.monotonic() < deadline:
            for batch in (await consumer.getmany(timeout_ms=200)).values():
                arrived = datetime.now(UTC)
                for record in batch:
                    occurred = datetime.fromisoformat(json.loads(record.value)["occurred_at"])
                    lags.append((arrived - occurred).total_seconds())
    finally:
        await consumer.stop()
    return lags


def quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


class Dealer:
    """One dealer's deployment as the benchmark runs it: its cluster, database, uplink and
    MirrorMaker, and HQ's intake for it."""

    def __init__(self, number: int, root: Path, libs: str, hq: KafkaCluster) -> None:
        self.id = f"dealer-bench-{number:02d}"
        self.cluster = KafkaCluster(root / self.id, libs)
        self.hq = hq
        self.database = f"{DATABASE}_{number:02d}"
        self.mirror: Mirror | None = None
        self.settings: Settings | None = None
        self.engine: AsyncEngine | None = None

    @property
    def at_hq(self) -> str:
        """Its lead topic's replica on HQ's cluster (before HQ's intake)."""
        return hq_uplink_topic(self.id, LEAD_TOPIC)

    async def start(self, partitions: int, stop: asyncio.Event) -> list[asyncio.Task[None]]:
        self.cluster.start()
        self.mirror = Mirror(self.id, self.cluster, self.hq, self.hq.grant(self.id))
        self.settings = Settings(
            env="test",
            service_name="leads",
            database_url=await fresh_database(self.database),
            kafka_bootstrap_servers=self.cluster.bootstrap,
            kafka_partitions=partitions,
        )
        # Every topic the uplink of leads reads (it waits for each of them).
        await ensure_topics(
            self.cluster.bootstrap, sorted({e.topic for e in LEAD_EVENTS}), partitions=partitions
        )
        engine = create_engine(self.settings)
        with acting_for_all_tenants():
            async with engine.begin() as conn:
                await conn.run_sync(messaging_metadata.create_all)
                await conn.execute(
                    insert(org_directory).values(
                        id=self.id,
                        tenant=TENANT,
                        parent_id=None,
                        kind="dealer",
                        path=f"/{self.id}/",
                        dealer_id=self.id,
                        active=True,
                    )
                )
                await conn.execute(
                    insert(sharing_levels).values(
                        tenant=TENANT,
                        data_type=DataType.LEAD.value,
                        direction=Direction.DEALER_TO_OEM.value,
                        dealer_id=self.id,
                        partner_id=ALL_ORGS,
                        level=SharingLevel.AGGREGATE.value,
                    )
                )
        self.engine = engine
        uplink = Uplink(self.settings, create_session_factory(engine), LEAD_EVENTS)
        intake = hq_intake(
            LinkSettings(
                env="test",
                service_name="dealer-link",
                kafka_bootstrap_servers=self.hq.bootstrap,
                kafka_partitions=partitions,
                dealer_id=self.id,
            ),
            self.id,
        )
        return [asyncio.create_task(uplink.run(stop)), asyncio.create_task(intake.run(stop))]

    async def stop(self) -> None:
        if self.engine is not None:
            await self.engine.dispose()
        if self.mirror is not None:
            self.mirror.stop()
        self.cluster.stop()


async def start_mirrors(dealers: list[Dealer]) -> None:
    await asyncio.gather(*(asyncio.to_thread(d.mirror.start) for d in dealers if d.mirror))


async def main(args: argparse.Namespace) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="crm-bench-dealer-link-"))
    libs = kafka_libs()
    hq = KafkaCluster(root / "hq", libs, for_dealers=True)
    dealers = [Dealer(n + 1, root, libs, hq) for n in range(args.dealers)]
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    hq.start()
    try:
        for dealer in dealers:
            tasks.extend(await dealer.start(args.partitions, stop))
        await start_mirrors(dealers)
        # Warm-up: each MirrorMaker has found the topic, HQ's intake copies.
        for dealer in dealers:
            await produce(dealer.cluster.bootstrap, dealer.id, 2)
        warm = 2 * len(dealers)
        await wait_for_offsets(hq.bootstrap, LEAD_TOPIC, warm, limit=600)

        # 1. online
        online_total = args.online * len(dealers)
        reading = asyncio.create_task(
            arrival_lags(hq.bootstrap, LEAD_TOPIC, warm + online_total, 1200)
        )
        started = time.monotonic()
        produced_in = max(
            await asyncio.gather(
                *(produce(d.cluster.bootstrap, d.id, args.online) for d in dealers)
            )
        )
        lags = (await reading)[warm:]
        online_seconds = time.monotonic() - started

        # 2. an hour offline, then catch-up
        for dealer in dealers:
            if dealer.mirror is not None:
                dealer.mirror.stop()
        assert all(d.settings is not None for d in dealers)
        local = {d.id: uplink_topic(d.settings, LEAD_TOPIC) for d in dealers if d.settings}
        before = {d.id: await end_offset_sum(d.cluster.bootstrap, local[d.id]) for d in dealers}
        started = time.monotonic()
        an_hour_ago = datetime.now(UTC) - HOUR
        await asyncio.gather(
            *(produce(d.cluster.bootstrap, d.id, args.offline, an_hour_ago) for d in dealers)
        )
        for dealer in dealers:
            await wait_for_offsets(
                dealer.cluster.bootstrap,
                local[dealer.id],
                before[dealer.id] + args.offline,
                limit=3600,
            )
        uplink_seconds = time.monotonic() - started
        replicas_before = {d.id: await end_offset_sum(hq.bootstrap, d.at_hq) for d in dealers}
        hq_before = await end_offset_sum(hq.bootstrap, LEAD_TOPIC)
        started = time.monotonic()
        await start_mirrors(dealers)
        mirrors_started = time.monotonic() - started
        per_dealer = await asyncio.gather(
            *(
                wait_for_offsets(
                    hq.bootstrap, d.at_hq, replicas_before[d.id] + args.offline, limit=3600
                )
                for d in dealers
            )
        )
        await wait_for_offsets(
            hq.bootstrap, LEAD_TOPIC, hq_before + args.offline * len(dealers), limit=3600
        )
        catch_up = time.monotonic() - started
        total_at_hq = await end_offset_sum(hq.bootstrap, LEAD_TOPIC)
    finally:
        stop.set()
        try:
            await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 60)
        finally:
            # The processes this benchmark started, whatever happened above.
            for dealer in dealers:
                await dealer.stop()
            hq.stop()

    backlog = args.offline * len(dealers)
    return {
        "benchmark": "dealer_link",
        "machine": f"{platform.node()} {platform.machine()}",
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "dealers": len(dealers),
        "partitions": args.partitions,
        "online": {
            "events_per_dealer": args.online,
            "produced_in_s": round(produced_in, 2),
            "end_to_end_events_per_s": round(online_total / online_seconds, 1),
            "lag": quantiles(lags),
        },
        "offline": {
            "events_per_dealer": args.offline,
            "backlog_spans_s": HOUR.total_seconds(),
            "uplinks_events_per_s": round(backlog / uplink_seconds, 1),
            "mirrors_started_in_s": round(mirrors_started, 1),
            "catch_up_s": round(catch_up, 1),
            "catch_up_per_dealer_s": {
                d.id: round(mirrors_started + s, 1)
                for d, s in zip(dealers, per_dealer, strict=True)
            },
            "catch_up_events_per_s": round(backlog / catch_up, 1),
            "records_at_hq": total_at_hq,
            "expected_at_hq": warm + online_total + backlog,
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dealers", type=int, default=2)
    parser.add_argument("--online", type=int, default=5000, help="events per dealer")
    parser.add_argument("--offline", type=int, default=100_000, help="events per dealer")
    parser.add_argument("--partitions", type=int, default=6)
    result = asyncio.run(main(parser.parse_args()))
    sys.stdout.write(json.dumps(result) + "\n")
