"""The leads api's CPU per single lead create, in one process: the FastAPI app driven through
ASGI directly (no HTTP server, no client process), 8 consultants creating one lead at a time
each, against a migrated leads database. What the api itself spends per create, which moves far
less with the machine's load than throughput or latency do (issue #23).

    .venv/bin/python bench/leads/create_cpu.py --creates 800 --fresh

``--fresh`` drops and migrates the database (``crm_bench_create_cpu``) first; without it the
previous run's database is reused (every run's phones are new), so two checkouts can be
compared on one database, run after run. Prints one JSON line: ``cpu_ms_per_create`` (the
process's user + system CPU over the timed creates / creates), ``postgres_cpu_ms_per_create``
(the same of the PostgreSQL backends serving the database), the wall time and the load
average. Kafka is not needed: the api only writes the outbox.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.settings import Settings
from crm_common.testing.bench import fresh_database, service_database_env
from crm_common.testing.jwks import serve_jwks

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import backends_cpu_seconds, cpu_spent_since

DATABASE = "crm_bench_create_cpu"
CLIENTS = 8
WARMUP_PER_CLIENT = 10

App = Callable[..., Awaitable[None]]


def consultant_token(key_pem: str, number: int) -> str:
    principal = Principal(
        user_id=f"bench.consultant-{number}",
        tenant="oem-bench",
        org_node="dealer-bench",
        roles=frozenset({"sales_consultant"}),
        data_scope=DataScope.OWN,
    )
    return sign_access_token(
        key_pem, principal, issuer="crm-identity", audience="crm", ttl_seconds=3600
    )


async def create(app: App, token: str, phone: str) -> int:
    """One ``POST /leads`` through the app's ASGI interface; its HTTP status."""
    body = json.dumps({"customer_name": "王芳", "phone": phone, "source": "walk_in"}).encode()
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/leads",
        "raw_path": b"/leads",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    delivered = asyncio.Event()
    status = 0

    async def receive() -> dict[str, Any]:
        if not delivered.is_set():
            delivered.set()
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def main(args: argparse.Namespace) -> None:
    if args.fresh:
        await fresh_database(DATABASE, migrate_as="leads")
    key_pem = generate_private_key_pem()
    with serve_jwks([key_pem]) as jwks_url:
        os.environ.update(
            CRM_ENV="test",
            CRM_SERVICE_NAME="leads",
            # The api as it runs: the app role, under row-level security.
            **service_database_env(DATABASE),
            CRM_JWKS_URL=jwks_url,
            CRM_LOG_LEVEL="WARNING",
        )
        from crm_leads.bootstrap import create_api

        app = create_api(Settings())
        tokens = [consultant_token(key_pem, n) for n in range(CLIENTS)]
        run = f"{time.time_ns() % 10**6:06d}"  # phones no earlier run used
        numbers = iter(range(10**5))

        async def consultant(token: str, creates: int) -> list[int]:
            return [await create(app, token, f"19{run}{next(numbers):05d}") for _ in range(creates)]

        async with app.router.lifespan_context(app):
            await asyncio.gather(*(consultant(t, WARMUP_PER_CLIENT) for t in tokens))
            postgres = await backends_cpu_seconds(DATABASE)
            cpu, wall = time.process_time(), time.perf_counter()
            answers = await asyncio.gather(
                *(consultant(t, args.creates // CLIENTS) for t in tokens)
            )
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            postgres_cpu = cpu_spent_since(postgres, await backends_cpu_seconds(DATABASE))
    statuses = [status for of_one in answers for status in of_one]
    print(
        json.dumps(
            {
                "benchmark": "leads.create_cpu",
                "creates": len(statuses),
                "created": statuses.count(201),
                "cpu_ms_per_create": round(cpu * 1000 / len(statuses), 3),
                "postgres_cpu_ms_per_create": round(postgres_cpu * 1000 / len(statuses), 3),
                "wall_s": round(wall, 2),
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--creates", type=int, default=800)
    parser.add_argument("--fresh", action="store_true", help="drop and migrate the database")
    asyncio.run(main(parser.parse_args()))
