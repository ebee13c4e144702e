"""The outbox relay's own cost per round, in one process, against a migrated leads database:
``--rounds`` rounds, each after ``--events`` new events were written (0: idle rounds, what the
relay spends 50 times a second while no event is written; 2: a single lead create's events, the
rounds of the HTTP benchmark's rates). Prints one JSON line: the relay's CPU per round (the
rounds alone, not the writes) and the PostgreSQL backends' CPU per round (``bench/cpu.py``;
the writes included when ``--events`` > 0), which move far less with the machine's load than
wall time does (issue #23).

    .venv/bin/python bench/events/relay_cpu.py --rounds 3000 --fresh
    .venv/bin/python bench/events/relay_cpu.py --rounds 1000 --events 2
    .venv/bin/python bench/events/relay_cpu.py --backlog 30000 --hold --fresh

``--backlog N`` measures a bulk import's drain instead: N events written first in
transactions of 5,000 (an import's slices; PostgreSQL's CPU for them apart), then rounds back
to back until every one is published, CPU per row; with ``--hold`` a transaction that wrote
stays open meanwhile, as the import's next slice does while the relay drains (PostgreSQL may
then not prune the versions the rounds leave behind). The outbox's statistics are taken
before the backlog is written, as a service's are when an import starts.

Run with another checkout's code (``cd`` into it, its ``.venv/bin/python`` and this script) to
compare two revisions on the same database. Kafka must be reachable: the relay starts its
producer (an idle round sends nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.messaging.topics import ensure_topics
from crm_common.outbox.relay import OutboxRelay
from crm_common.settings import Settings
from crm_common.testing.bench import PG, fresh_database, system_role_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import backends_cpu_seconds, cpu_spent_since

DATABASE = "crm_bench_relay_cpu"


async def main(args: argparse.Namespace) -> None:
    if args.fresh:
        await fresh_database(DATABASE, migrate_as="leads")
    # The relay (and the events' writer) as the worker runs them: the system role.
    settings = Settings(
        database_url=system_role_url(DATABASE),
        service_name="leads",
        log_level="WARNING",
        kafka_namespace=f"bench{uuid4().hex[:6]}.",  # topics of its own on the shared Kafka
    )
    await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic(LEAD_TOPIC)])
    engine = create_engine(settings)
    sessions = create_session_factory(engine)
    relay = OutboxRelay(engine, settings)

    async def write(events: int) -> None:
        if events:
            async with UnitOfWork(sessions) as uow:
                await uow.publish(
                    *(
                        new_event(
                            LeadCreated(
                                lead_id=uuid4(),
                                dealer_id="dealer-bench",
                                source="walk_in",
                                created_at=datetime.now(UTC),
                            ),
                            tenant="oem-bench",
                            owner_org="dealer-bench",
                            actor="bench",
                        )
                        for _ in range(events)
                    )
                )

    with acting_for_all_tenants():
        if args.backlog:
            await drain(args, settings, engine, relay, write)
            return
        for _ in range(50):  # warm-up: pool, producer, prepared statements
            await write(args.events)
            await relay.publish_round()
        postgres = await backends_cpu_seconds(DATABASE)
        cpu = wall = 0.0
        for _ in range(args.rounds):
            await write(args.events)
            started_cpu, started = time.process_time(), time.perf_counter()
            await relay.publish_round()
            cpu += time.process_time() - started_cpu
            wall += time.perf_counter() - started
        postgres_cpu = cpu_spent_since(postgres, await backends_cpu_seconds(DATABASE))
        await relay.close()
    await engine.dispose()
    print(
        json.dumps(
            {
                "benchmark": "events.relay_cpu",
                "rounds": args.rounds,
                "events_per_round": args.events,
                "relay_cpu_us_per_round": round(cpu * 1e6 / args.rounds, 1),
                "postgres_cpu_us_per_round": round(postgres_cpu * 1e6 / args.rounds, 1),
                "wall_us_per_round": round(wall * 1e6 / args.rounds, 1),
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


async def drain(
    args: argparse.Namespace,
    settings: Settings,
    engine: AsyncEngine,
    relay: OutboxRelay,
    write: Callable[[int], Awaitable[None]],
) -> None:
    await write(1)
    await relay.publish_round()  # warm-up: pool, producer
    await relay.publish_round()
    # Statistics taken while nothing waited, as a service's outbox has them when an import
    # starts: the planner expects few unpublished rows.
    owner = await asyncpg.connect(database=DATABASE, **PG)
    await owner.execute("ANALYZE outbox")
    await owner.close()
    writing = await backends_cpu_seconds(DATABASE)
    for _ in range(0, args.backlog, 5_000):
        await write(min(5_000, args.backlog))
    written_cpu = cpu_spent_since(writing, await backends_cpu_seconds(DATABASE))
    async with contextlib.AsyncExitStack() as stack:
        if args.hold:
            held = await stack.enter_async_context(engine.begin())
            await held.execute(text("SELECT txid_current()"))
        postgres = await backends_cpu_seconds(DATABASE)
        started_cpu, started = time.process_time(), time.perf_counter()
        published = rounds = 0
        empty = 0
        while empty < 100:  # the last round marks what the one before sent
            result = await relay.publish_round()
            published += result.published
            rounds += 1
            empty = 0 if result.published else empty + 1
            if not result.published and published >= args.backlog:
                break
        cpu = time.process_time() - started_cpu
        wall = time.perf_counter() - started
        postgres_cpu = cpu_spent_since(postgres, await backends_cpu_seconds(DATABASE))
    await relay.close()
    await engine.dispose()
    print(
        json.dumps(
            {
                "benchmark": "events.relay_cpu.backlog",
                "backlog": args.backlog,
                "held_transaction": args.hold,
                "published": published,
                "rounds": rounds,
                "relay_cpu_us_per_row": round(cpu * 1e6 / published, 1),
                "postgres_cpu_us_per_row": round(postgres_cpu * 1e6 / published, 1),
                "postgres_cpu_us_per_row_written": round(written_cpu * 1e6 / args.backlog, 1),
                "wall_us_per_row": round(wall * 1e6 / published, 1),
                "load_average": round(os.getloadavg()[0], 2),
                "batch_size": settings.outbox_batch_size,
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3000)
    parser.add_argument("--events", type=int, default=0, help="events written before each round")
    parser.add_argument("--backlog", type=int, default=0, help="drain this many events")
    parser.add_argument("--hold", action="store_true", help="--backlog: a writer stays open")
    parser.add_argument("--fresh", action="store_true", help="drop and migrate the database")
    asyncio.run(main(parser.parse_args()))
