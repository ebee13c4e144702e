"""Screen-pop benchmark: CTI event → screen pop pushed to the agent, p50/p95/p99.

    .venv/bin/python bench/call_center/screen_pop.py --agents 20 --calls 500

The call-center api served by uvicorn on loopback (throwaway migrated database
``crm_bench_screen_pop``, the local Redis), leads' api with its gRPC customer directory in the
same process (``crm_bench_screen_pop_leads``), a loopback JWKS. ``--agents`` agents each hold
their push stream open (``GET /agents/me/screen-pops``, server-sent events, with their own
token) and wait until it says ``listening``. Then ``--calls`` inbound calls ring them, at most
``--concurrency`` at a time, each as the cloud contact center reports one: a signed
``call.created`` webhook, then the measured event, a signed ``call.ringing`` naming the agent's
extension. Measured per call: from just before the ringing webhook is sent until the agent's
stream has delivered the pop — the call recorded from the event, announced over Redis, the
caller looked up in leads over gRPC with the agent's token, pushed. Every call must pop up
exactly once at the agent it rang. The first call of each agent (``--warmup`` rounds of one
per agent, all at once) is not in the percentiles, as in a shift under way: it finds the
apis' database pools empty and leads' signing keys not fetched yet; its pops are reported as
``first_pops_ms``. ``cpu_ms_per_pop``: this process's CPU time (both apis, leads' gRPC server
and the client, every thread) over the measured calls, per call; PostgreSQL's and Redis's
own are not in it. Prints one JSON line; the budget is p99 < 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx
import uvicorn
from pydantic import SecretStr
from sqlalchemy import insert

from crm_call_center.adapters.tables import agents
from crm_call_center.adapters.webhooks import sign
from crm_call_center.bootstrap import create_api
from crm_call_center.domain.cti import call_id_of
from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.bench import fresh_database, percentile, service_database_env
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.processes import free_port
from crm_common.testing.services import api_in_process
from crm_leads.bootstrap import create_api as create_leads_api

DATABASE = "crm_bench_screen_pop"
LEADS_DATABASE = "crm_bench_screen_pop_leads"
TENANT = "oem-bench"
WEBHOOK_SECRET = "bench-webhook-secret"  # noqa: S105 - the throwaway api's own
REDIS_URL = os.environ.get("CRM_REDIS_URL", "redis://127.0.0.1:6379/0")


def agent_of(n: int) -> Principal:
    return Principal(
        user_id=f"bench-agent-{n:03d}",
        tenant=TENANT,
        org_node="hq",
        roles=frozenset({"call_center_agent"}),
        data_scope=DataScope.OWN,
    )


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_api(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn sets a flag, no event
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


async def post_signed(client: httpx.AsyncClient, event: dict[str, object]) -> None:
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    answer = await client.post(
        "/cti/webhooks/cloud-cc",
        content=body,
        headers={
            "content-type": "application/json",
            "X-CRM-Timestamp": timestamp,
            "X-CRM-Signature": sign(WEBHOOK_SECRET.encode(), timestamp, body),
        },
    )
    answer.raise_for_status()


class Stream:
    """One agent's push stream: the time each call's pop arrived (by call id)."""

    def __init__(self) -> None:
        self.listening = asyncio.Event()
        self.popped: dict[str, float] = {}
        self.waiters: dict[str, asyncio.Event] = {}

    def expect(self, call_id: str) -> asyncio.Event:
        return self.waiters.setdefault(call_id, asyncio.Event())

    async def read(self, client: httpx.AsyncClient, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        async with client.stream("GET", "/agents/me/screen-pops", headers=headers) as response:
            response.raise_for_status()
            event = ""
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    event = line.removeprefix("event: ")
                    if event == "listening":
                        self.listening.set()
                elif line.startswith("data: ") and event == "screen-pop":
                    at = time.perf_counter()
                    key = json.loads(line.removeprefix("data: "))["call_id"]
                    if key in self.popped:
                        raise AssertionError(f"call {key} popped up twice")
                    self.popped[key] = at
                    self.expect(key).set()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1, help="rounds of one call per agent")
    args = parser.parse_args()

    url = await fresh_database(DATABASE, migrate_as="call-center")
    await fresh_database(LEADS_DATABASE, migrate_as="leads")
    engine = create_engine(Settings(env="test", database_url=url, database_pool_size=2))
    people = [agent_of(n) for n in range(args.agents)]
    with acting_for_all_tenants():
        async with create_session_factory(engine)() as session, session.begin():
            await session.execute(
                insert(agents),
                [
                    {
                        "tenant": TENANT,
                        "user_id": p.user_id,
                        "owner_org": "hq",
                        "display_name": p.user_id,
                        "extension": str(8000 + n),
                    }
                    for n, p in enumerate(people)
                ],
            )
    await engine.dispose()

    key = generate_private_key_pem()
    grpc_port = free_port()
    with serve_jwks([key]) as jwks_url:
        leads_settings = Settings(
            env="test",
            service_name="leads",
            # The apis' own role, as the services run (the owner only migrates and seeds).
            database_url=service_database_env(LEADS_DATABASE)["CRM_DATABASE_URL"],
            redis_url=REDIS_URL,
            jwks_url=jwks_url,
            grpc_port=grpc_port,
            personal_data_hash_key=SecretStr("bench-hash-key"),
            log_level="WARNING",
        )
        settings = Settings(
            env="test",
            service_name="call-center",
            database_url=service_database_env(DATABASE)["CRM_DATABASE_URL"],
            redis_url=REDIS_URL,
            jwks_url=jwks_url,
            log_level="WARNING",
            database_pool_size=10,
            cti_tenant=TENANT,
            cti_default_org="hq",
            cti_webhook_secret=SecretStr(WEBHOOK_SECRET),
            leads_grpc_target=f"127.0.0.1:{grpc_port}",
        )
        async with (
            api_in_process(create_leads_api, leads_settings),
            served(settings) as base_url,
            httpx.AsyncClient(base_url=base_url, timeout=60) as client,
        ):
            streams = [Stream() for _ in people]
            readers = [
                asyncio.create_task(
                    stream.read(
                        client,
                        sign_access_token(
                            key, who, issuer="crm-identity", audience="crm", ttl_seconds=3600
                        ),
                    )
                )
                for stream, who in zip(streams, people, strict=True)
            ]
            await asyncio.wait_for(asyncio.gather(*(s.listening.wait() for s in streams)), 60)
            latencies: list[float] = []
            gate = asyncio.Semaphore(args.concurrency)

            async def ring(n: int, into: list[float]) -> None:
                agent = n % len(people)
                call_key = f"bench-{n:06d}"
                call_id = str(call_id_of(TENANT, "webhook:cloud-cc", call_key))
                common = {"call_id": call_key, "direction": "inbound"}
                at = datetime.now(UTC).isoformat()
                async with gate:
                    await post_signed(
                        client,
                        {
                            **common,
                            "type": "call.created",
                            "at": at,
                            "from": f"139{n:08d}",
                            "to": "4008001234",
                        },
                    )
                    popped = streams[agent].expect(call_id)
                    sent = time.perf_counter()
                    await post_signed(
                        client,
                        {
                            **common,
                            "type": "call.ringing",
                            "at": at,
                            "agent_extension": str(8000 + agent),
                        },
                    )
                    await asyncio.wait_for(popped.wait(), 30)
                    into.append(streams[agent].popped[call_id] - sent)

            first_pops: list[float] = []
            warmup = args.warmup * len(people)
            await asyncio.gather(*(ring(n, first_pops) for n in range(warmup)))
            started, cpu_started = time.perf_counter(), time.process_time()
            await asyncio.gather(*(ring(n, latencies) for n in range(warmup, warmup + args.calls)))
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)
    popped = sum(len(s.popped) for s in streams)
    assert popped == warmup + args.calls, f"{popped} pops for {warmup + args.calls} calls"
    ms = [1000 * s for s in latencies]
    print(
        json.dumps(
            {
                "benchmark": "call_center.screen_pop",
                "agents": args.agents,
                "calls": args.calls,
                "concurrency": args.concurrency,
                "seconds": round(elapsed, 2),
                "pops_per_s": round(args.calls / elapsed, 1),
                "p50_ms": round(percentile(ms, 50), 1),
                "p95_ms": round(percentile(ms, 95), 1),
                "p99_ms": round(percentile(ms, 99), 1),
                "max_ms": round(max(ms), 1),
                "cpu_ms_per_pop": round(1000 * cpu / args.calls, 1),
                "first_pops_ms": sorted(round(1000 * s) for s in first_pops),
                "budget_p99_ms": 150,
                "every_call_popped_once": True,
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
