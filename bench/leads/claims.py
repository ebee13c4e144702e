"""Claim benchmark: claims from the public pool over HTTP, under contention.

    .venv/bin/python bench/leads/claims.py --leads 2000 --claimants-per-lead 5 --concurrency 16

Starts a real leads api process (uvicorn, as `python -m crm_leads api`) on a throwaway,
migrated database (``crm_bench_claims``) with tokens checked against a loopback JWKS. A
manager puts ``--leads`` leads into the dealer's pool; then every lead is claimed by
``--claimants-per-lead`` different consultants at once, ``--concurrency`` requests in flight
overall. Latency is per request, client side (request sent → answer read). Checks that every
lead has exactly one winner and prints one JSON line of figures, with the CPU per claim of the
api process and of the database's PostgreSQL backends (``cpu_ms_per_claim``): on a machine
shared with other work, the figure to compare before and after a change.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.testing.bench import fresh_database, percentile, service_database_env
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.processes import free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import backends_cpu_seconds, cpu_spent_since, process_cpu_seconds

DATABASE = "crm_bench_claims"
TENANT, DEALER = "oem-bench", "dealer-bench"


def token(key_pem: str, user: str, role: str, scope: DataScope) -> str:
    principal = Principal(
        user_id=user, tenant=TENANT, org_node=DEALER, roles=frozenset({role}), data_scope=scope
    )
    return sign_access_token(key_pem, principal, issuer="crm-identity", audience="crm")


async def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    """Up to 180 s: on the loaded 2-core machine importing the api alone can take 30."""
    async with httpx.AsyncClient() as client:
        for _ in range(1800):
            if process.poll() is not None:
                raise RuntimeError("leads api exited")
            try:
                if (await client.get(f"{url}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("leads api did not start")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=2000)
    parser.add_argument("--claimants-per-lead", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    key_pem = generate_private_key_pem()
    with serve_jwks([key_pem]) as jwks_url:
        await run(args, key_pem, jwks_url)


async def run(args: argparse.Namespace, key_pem: str, jwks_url: str) -> None:
    await fresh_database(DATABASE, migrate_as="leads")
    port = free_port()
    env = {
        **os.environ,
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": "leads",
        **service_database_env(DATABASE),
        "CRM_HTTP_PORT": str(port),
        "CRM_GRPC_PORT": str(free_port()),
        "CRM_JWKS_URL": jwks_url,
        "CRM_LOG_LEVEL": "WARNING",
    }
    api = subprocess.Popen([sys.executable, "-m", "crm_leads", "api"], env=env)  # noqa: ASYNC220 - a server for the whole run
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(url, api)
        manager = token(key_pem, "manager", "sales_manager", DataScope.DEALER)
        limits = httpx.Limits(max_connections=args.concurrency)
        async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
            gate = asyncio.Semaphore(args.concurrency)

            async def create(i: int) -> str:
                async with gate:
                    response = await client.post(
                        "/leads",
                        json={"customer_name": "客户", "phone": f"139{i:08d}", "source": "phone"},
                        headers={"Authorization": f"Bearer {manager}"},
                    )
                assert response.status_code == 201, response.text
                lead_id: str = response.json()["id"]
                return lead_id

            lead_ids = await asyncio.gather(*(create(i) for i in range(args.leads)))
            # Enough consultants that the daily claim limit (20) never decides a claim.
            consultants = [
                token(key_pem, f"consultant-{n}", "sales_consultant", DataScope.OWN)
                for n in range(max(50, args.leads * 2 // 10))
            ]
            rng = random.Random(1)
            attempts = [
                (lead_id, claimant)
                for lead_id in lead_ids
                for claimant in rng.sample(consultants, args.claimants_per_lead)
            ]
            results: list[tuple[str, int, float]] = []

            async def claim(lead_id: str, claimant: str) -> None:
                async with gate:
                    started = time.perf_counter()
                    response = await client.post(
                        f"/leads/{lead_id}/claim", headers={"Authorization": f"Bearer {claimant}"}
                    )
                    results.append((lead_id, response.status_code, time.perf_counter() - started))

            api_cpu = process_cpu_seconds(api.pid)
            postgres_cpu = await backends_cpu_seconds(DATABASE)
            started = time.perf_counter()
            # Each lead's claimants go out together: they contend for the same row.
            await asyncio.gather(*(claim(lead, claimant) for lead, claimant in attempts))
            elapsed = time.perf_counter() - started
            api_cpu = process_cpu_seconds(api.pid) - api_cpu
            postgres_cpu = cpu_spent_since(postgres_cpu, await backends_cpu_seconds(DATABASE))
    finally:
        api.terminate()
        api.wait(timeout=30)

    winners = Counter(lead for lead, status, _ in results if status == 200)
    statuses = Counter(status for _, status, _ in results)
    all_ms = [s * 1000 for _, _, s in results]
    won_ms = [s * 1000 for _, status, s in results if status == 200]
    lost_ms = [s * 1000 for _, status, s in results if status == 409]
    print(
        json.dumps(
            {
                "benchmark": "leads.claims",
                "leads": args.leads,
                "claimants_per_lead": args.claimants_per_lead,
                "concurrency": args.concurrency,
                "requests": len(results),
                "statuses": dict(statuses),
                "leads_with_exactly_one_winner": sum(1 for n in winners.values() if n == 1),
                "leads_with_more_than_one_winner": sum(1 for n in winners.values() if n > 1),
                "claims_per_s": round(len(results) / elapsed),
                # What each claim cost, load or not: the api process's CPU and that of the
                # PostgreSQL backends serving this database, over the claims.
                "cpu_ms_per_claim": {
                    "api": round(api_cpu * 1000 / len(results), 2),
                    "postgres": round(postgres_cpu * 1000 / len(results), 2),
                },
                "p50_ms": round(statistics.median(all_ms), 1),
                "p99_ms": round(percentile(all_ms, 99), 1),
                "won_p50_ms": round(statistics.median(won_ms), 1),
                "won_p99_ms": round(percentile(won_ms, 99), 1),
                "lost_p50_ms": round(statistics.median(lost_ms), 1) if lost_ms else None,
                "lost_p99_ms": round(percentile(lost_ms, 99), 1) if lost_ms else None,
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, "
                f"Python {platform.python_version()}",
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
