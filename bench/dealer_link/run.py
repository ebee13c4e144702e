"""Dealer link benchmark: a dealer's events through the uplink (sharing policy) and MirrorMaker 2
to HQ's cluster (SASL/SCRAM over TLS, ACLs), online and after a time offline.

    .venv/bin/python bench/dealer_link/run.py --online 5000 --offline 100000

Starts two Kafka clusters of its own (the dealer's; HQ's with its listener for dealers) from
``deploy/local/infra.sh`` in a temporary run folder, grants the dealer on HQ, and runs the
dealer's MirrorMaker 2 (``deploy/kafka/mirror.sh``); the uplink runs in this process against a
throwaway database holding the dealer's agreement (``aggregate``). Events are lead events as the
leads service publishes them (a ``LeadCreated`` and a ``LeadConverted`` with a name and phone
per lead), produced to the dealer's ``crm.leads.lead.v1``.

1. online: ``--online`` events produced while everything runs; lag = arrival at HQ (read on
   HQ's cluster) minus the event's ``occurred_at`` (one machine, one clock): p50/p99/max, and
   events/s end to end;
2. offline: MirrorMaker stopped, ``--offline`` events produced (the uplink keeps cutting them
   onto the dealer's uplink topic: its throughput is measured here), then MirrorMaker started:
   catch-up = from its start until HQ has every event, and events/s.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import insert

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import ALL as LEAD_EVENTS
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadConverted, LeadCreated
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import messaging_metadata, org_directory, sharing_levels
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.messaging.dealer_link import end_offsets, hq_uplink_topic
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics
from crm_common.messaging.uplink import Uplink, uplink_topic
from crm_common.policy.sharing import ALL_ORGS, DataType, Direction, SharingLevel
from crm_common.settings import Settings
from crm_common.testing.dealer_link import KafkaCluster, Mirror, kafka_libs

DEALER = "dealer-bench-01"
TENANT = "oem-bench"
DATABASE = "crm_bench_dealer_link"
PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}


async def fresh_database() -> str:
    conn = await asyncpg.connect(**PG, database="postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await conn.close()
    return f"postgresql+asyncpg://crm:crm@127.0.0.1:5432/{DATABASE}"


def lead_events(count: int) -> list[tuple[bytes, bytes, list[tuple[str, bytes]]]]:
    """``count`` events (pairs per lead), each as (key, value, headers), stamped now."""
    events = []
    for i in range(count // 2):
        lead, now = uuid4(), datetime.now(UTC)
        for data in (
            LeadCreated(lead_id=lead, dealer_id=DEALER, source="walk_in", created_at=now),
            LeadConverted(
                lead_id=lead,
                dealer_id=DEALER,
                at=now,
                customer_id=uuid4(),
                owner_user="c1",
                owner_team=DEALER,
                customer_name=f"客户{i}",
                phone=f"+86139{i:08d}",
                vehicle_interest="SUV",
                source="walk_in",
                grade="intent",
            ),
        ):
            envelope = new_event(data, tenant=TENANT, owner_org=DEALER, actor="c1")
            events.append(
                (
                    str(lead).encode(),
                    envelope.model_dump_json().encode(),
                    encode_headers(event_headers(envelope)),
                )
            )
    return events


async def produce(bootstrap: str, count: int) -> float:
    """Produces ``count`` lead events to the dealer's topic; the seconds it took."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5
    )
    await producer.start()
    started = time.monotonic()
    try:
        for start in range(0, count, 2000):
            batch = lead_events(min(2000, count - start))
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


async def main(args: argparse.Namespace) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="crm-bench-dealer-link-"))
    libs = kafka_libs()
    hq = KafkaCluster(root / "hq", libs, for_dealers=True)
    dealer = KafkaCluster(root / "dealer", libs)
    hq.start()
    dealer.start()
    mirror = Mirror(DEALER, dealer, hq, hq.grant(DEALER))
    url = await fresh_database()
    settings = Settings(
        env="test",
        service_name="leads",
        database_url=url,
        kafka_bootstrap_servers=dealer.bootstrap,
        kafka_partitions=args.partitions,
    )
    # Every topic the uplink of leads reads (it waits for each of them).
    await ensure_topics(
        dealer.bootstrap, sorted({e.topic for e in LEAD_EVENTS}), partitions=args.partitions
    )
    engine = create_engine(settings)
    stop = asyncio.Event()
    try:
        with acting_for_all_tenants():
            async with engine.begin() as conn:
                await conn.run_sync(messaging_metadata.create_all)
                await conn.execute(
                    insert(org_directory).values(
                        id=DEALER,
                        tenant=TENANT,
                        parent_id=None,
                        kind="dealer",
                        path=f"/{DEALER}/",
                        dealer_id=DEALER,
                        active=True,
                    )
                )
                await conn.execute(
                    insert(sharing_levels).values(
                        tenant=TENANT,
                        data_type=DataType.LEAD.value,
                        direction=Direction.DEALER_TO_OEM.value,
                        dealer_id=DEALER,
                        partner_id=ALL_ORGS,
                        level=SharingLevel.AGGREGATE.value,
                    )
                )
        uplink = Uplink(settings, create_session_factory(engine), LEAD_EVENTS)
        running = asyncio.create_task(uplink.run(stop))
        mirror.start()
        at_hq = hq_uplink_topic(DEALER, LEAD_TOPIC)
        # Warm-up: MirrorMaker has found the topic and replicates.
        await produce(dealer.bootstrap, 2)
        await wait_for_offsets(hq.bootstrap, at_hq, 2, limit=300)

        # 1. online
        reading = asyncio.create_task(arrival_lags(hq.bootstrap, at_hq, args.online + 2, 600))
        started = time.monotonic()
        produced_in = await produce(dealer.bootstrap, args.online)
        lags = (await reading)[2:]
        online_seconds = time.monotonic() - started

        # 2. offline, then catch-up
        mirror.stop()
        local = uplink_topic(settings, LEAD_TOPIC)
        before = await end_offset_sum(dealer.bootstrap, local)
        started = time.monotonic()
        await produce(dealer.bootstrap, args.offline)
        await wait_for_offsets(dealer.bootstrap, local, before + args.offline, limit=1800)
        uplink_seconds = time.monotonic() - started
        hq_before = await end_offset_sum(hq.bootstrap, at_hq)
        started = time.monotonic()
        mirror.start()
        await wait_for_offsets(hq.bootstrap, at_hq, hq_before + args.offline, limit=3600)
        catch_up = time.monotonic() - started
        total_at_hq = await end_offset_sum(hq.bootstrap, at_hq)
    finally:
        stop.set()
        try:
            if "running" in locals():
                await asyncio.wait_for(running, 60)
        finally:
            # The processes this benchmark started, whatever happened above.
            await engine.dispose()
            mirror.stop()
            dealer.stop()
            hq.stop()

    return {
        "benchmark": "dealer_link",
        "machine": f"{platform.node()} {platform.machine()}",
        "partitions": args.partitions,
        "online": {
            "events": args.online,
            "produced_in_s": round(produced_in, 2),
            "end_to_end_events_per_s": round(args.online / online_seconds, 1),
            "lag": quantiles(lags),
        },
        "offline": {
            "events": args.offline,
            "uplink_events_per_s": round(args.offline / uplink_seconds, 1),
            "catch_up_s": round(catch_up, 1),
            "catch_up_events_per_s": round(args.offline / catch_up, 1),
            "records_at_hq": total_at_hq,
            "expected_at_hq": 2 + args.online + args.offline,
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--online", type=int, default=5000)
    parser.add_argument("--offline", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=6)
    result = asyncio.run(main(parser.parse_args()))
    sys.stdout.write(json.dumps(result) + "\n")
