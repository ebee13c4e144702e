"""CTI benchmark: many concurrent calls' AMI events through the adapter into call records.

    .venv/bin/python bench/call_center/cti_throughput.py --calls 1000

The in-repo AMI server replays the "inbound answered" transcript (queue, ring, answer, hold,
recording, hang-up: 16 events) for ``--calls`` calls at once, each with its own channel ids,
their events interleaved and, with ``--perturb``, shuffled within windows and partly sent
twice, over one TCP connection to the real adapter (``AmiConnector``), which stores them in a
throwaway migrated database (``crm_bench_cti``). Measured: from the first event sent until
every call's record has ended (calls/s, events/s); then every record is checked against the
transcript's expected figures and ``CallCompleted`` is settled once per call. Prints one JSON
line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import agents, calls, queues
from crm_call_center.application.cti import settle_calls
from crm_call_center.bootstrap import ami_connector
from crm_call_center.domain.cti import Ringing
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import outbox
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.ami_server import AmiReplayServer, Message, load_transcript, perturb
from crm_common.testing.bench import fresh_database, system_role_url
from crm_common.testing.kafka import eventually

DATABASE = "crm_bench_cti"
TENANT = "oem-bench"
TRANSCRIPT = (
    Path(__file__).resolve().parents[2]
    / "services/call-center/tests/transcripts/inbound_answered.ami"
)
LINKED = "1733475600.1"
BASE = 1_780_000_000.0


def call_events(template: list[Message], n: int) -> list[Message]:
    """Call ``n``'s copy of the transcript: its own linked and unique ids, 10 s later each."""
    out = []
    for message in template:
        copy = {
            k: v.replace("1733475600.", f"{1733475600 + n}.") if isinstance(v, str) else v
            for k, v in message.items()
        }
        copy["Timestamp"] = f"+{float(message['Timestamp'][1:]) + n * 0.01:.3f}"
        out.append(copy)
    return out


def interleave(per_call: Sequence[list[Message]], seed: int) -> list[Message]:
    """All calls at once: each call's events keep their order, calls interleave at random."""
    rng = random.Random(seed)
    cursors = [0] * len(per_call)
    live = list(range(len(per_call)))
    out: list[Message] = []
    while live:
        i = rng.choice(live)
        out.append(per_call[i][cursors[i]])
        cursors[i] += 1
        if cursors[i] == len(per_call[i]):
            live.remove(i)
    return out


async def seed(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(queues).values(
                id="00000000-0000-4000-8000-00000000b001",
                tenant=TENANT,
                owner_org="hq",
                name="Hotline",
                pbx_queue="hotline",
            )
        )
        await session.execute(
            insert(agents).values(
                tenant=TENANT,
                user_id="agent-1",
                owner_org="hq",
                display_name="Agent 1",
                extension="8001",
            )
        )


async def ended(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        count: int = (
            await session.scalar(
                select(func.count()).select_from(calls).where(calls.c.ended_at.is_not(None))
            )
            or 0
        )
        return count


async def run(n_calls: int, perturbed: bool) -> dict[str, object]:
    await fresh_database(DATABASE, migrate_as="call-center")
    # The AMI connector as the worker runs it: the system role.
    settings = Settings(
        env="test",
        service_name="call-center",
        database_url=system_role_url(DATABASE),
        cti_tenant=TENANT,
        cti_default_org="hq",
        cti_settle_seconds=0.0,
        log_level="WARNING",
    )
    engine = create_engine(settings)
    sessions = create_session_factory(engine)
    template = load_transcript(TRANSCRIPT)
    per_call = [call_events(template, n) for n in range(n_calls)]
    if perturbed:
        per_call = [
            perturb(events, seed=n, window=4, duplicates=0.3) for n, events in enumerate(per_call)
        ]
    stream = interleave(per_call, seed=1)
    with acting_for_all_tenants():
        await seed(sessions)
        async with AmiReplayServer() as server:
            settings = settings.model_copy(
                update={
                    "cti_ami_host": "127.0.0.1",
                    "cti_ami_port": server.port,
                    "cti_ami_secret": SecretStr(server.secret),
                }
            )

            async def ignore(_: Sequence[Ringing]) -> None:
                return None

            connector = ami_connector(settings, sessions, ignore)
            stop = asyncio.Event()
            running = asyncio.create_task(connector.run(stop))
            await asyncio.wait_for(connector.connected.wait(), 30)
            started = time.perf_counter()
            await server.play(stream, base_time=BASE)
            sent = time.perf_counter() - started

            async def all_ended() -> bool:
                return await ended(sessions) >= n_calls

            await eventually(all_ended, timeout=1800, interval=0.05)
            elapsed = time.perf_counter() - started
            stop.set()
            await running
        start = datetime.fromtimestamp(BASE, UTC)
        async with sessions() as session:
            rows = (await session.execute(select(calls))).mappings().all()
        wrong = [
            r["call_key"]
            for r in rows
            if (r["talk_seconds"], r["hold_seconds"], r["wait_seconds"], r["connected"])
            != (105, 15, 8, True)
            or r["agent_user"] != "agent-1"
            or r["ended_at"] - r["started_at"] != timedelta(seconds=128.02)
            or r["started_at"] < start
        ]
        settled, sweeps = 0, 0
        while swept := await settle_calls(sessions, now=datetime.now(UTC)):
            settled, sweeps = settled + swept, sweeps + 1
        async with sessions() as session:
            completed = await session.scalar(
                select(func.count())
                .select_from(outbox)
                .where(outbox.c.event_type == "call_center.CallCompleted")
            )
    await engine.dispose()
    return {
        "benchmark": "cti_throughput",
        "calls": n_calls,
        "events_sent": len(stream),
        "perturbed": perturbed,
        "seconds_to_send": round(sent, 2),
        "seconds_until_all_ended": round(elapsed, 2),
        "calls_per_second": round(n_calls / elapsed, 1),
        "events_per_second": round(len(stream) / elapsed, 1),
        "records": len(rows),
        "records_wrong": len(wrong),
        "call_completed_events": completed,
        "settled": settled,
        "settle_sweeps": sweeps,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--perturb", action="store_true")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.calls, args.perturb))))


if __name__ == "__main__":
    main()
