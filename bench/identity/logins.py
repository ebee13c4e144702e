"""Concurrent logins against a real identity api process, while a client keeps refreshing its
session: login latency, and whether /auth/refresh stays fast while argon2 is busy (it needs a
pooled connection, which logins no longer hold while they hash).

    .venv/bin/python bench/identity/logins.py --logins 40 --refreshes 200

Each login comes from its own loopback address (127.0.1.x): the per-address login limit
(30 a minute) would otherwise refuse most of them. A login refused because too many wait for
their password hash (503) tries again after its Retry-After, as a client would: its latency is
until it got in, and the refusals are counted. Prints one JSON line."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet

from crm_common.auth.tokens import generate_private_key_pem
from crm_common.testing.bench import fresh_database, percentile, service_database_env
from crm_common.testing.processes import ServiceProcess, free_port

PASSWORD = "bench-demo-password"  # noqa: S105 - the demo users of a throwaway database
USERS = ["sh01.consultant1", "sh01.consultant2", "sh01.manager", "bj01.consultant1"]

DATABASE = "crm_bench_identity"


async def login(url: str, username: str, address: str) -> tuple[float, int]:
    """Seconds until logged in, and how often the login was refused for now (503)."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    refused = 0
    async with httpx.AsyncClient(base_url=url, transport=transport, timeout=120) as client:
        started = time.perf_counter()
        while True:
            response = await client.post(
                "/auth/token", json={"username": username, "password": PASSWORD}
            )
            if response.status_code != 503:
                break
            refused += 1
            await asyncio.sleep(float(response.headers["Retry-After"]))
        response.raise_for_status()
        return time.perf_counter() - started, refused


async def refreshes(
    url: str, refresh_token: str, count: int, until: asyncio.Future[Any] | None = None
) -> tuple[list[float], str]:
    """``count`` refreshes one after the other, or (with ``until``) as many as fit until it is
    done."""
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        while len(latencies) < count if until is None else not until.done():
            started = time.perf_counter()
            response = await client.post("/auth/refresh", json={"refresh_token": refresh_token})
            response.raise_for_status()
            latencies.append(time.perf_counter() - started)
            refresh_token = response.json()["refresh_token"]
    return latencies, refresh_token


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(values, 50) * 1000, 1),
        "p99_ms": round(percentile(values, 99) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


async def run(logins: int, refresh_count: int) -> dict[str, object]:
    await fresh_database(DATABASE, migrate_as="identity")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": "identity",
        **service_database_env(DATABASE),
        "CRM_HTTP_PORT": str(port),
        "CRM_JWKS_URL": f"{url}/.well-known/jwks.json",
        "CRM_SIGNING_KEY_PEM": generate_private_key_pem(),
        "CRM_SIGNING_KEY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "CRM_DEMO_PASSWORD": PASSWORD,
        "CRM_LOG_LEVEL": "WARNING",
    }
    work = Path(tempfile.mkdtemp(prefix="bench-identity-"))
    await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "crm_identity", "seed-demo"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    api = ServiceProcess("identity", "api", env, work, ready_url=f"{url}/readyz")
    await asyncio.to_thread(api.start, 180)
    try:
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            first = await client.post(
                "/auth/token", json={"username": "sh01.admin", "password": PASSWORD}
            )
            first.raise_for_status()
        token = first.json()["refresh_token"]
        quiet, token = await refreshes(url, token, refresh_count)
        started = time.perf_counter()
        all_logins = asyncio.gather(
            *(login(url, USERS[n % len(USERS)], f"127.0.1.{n + 1}") for n in range(logins))
        )
        busy, _ = await refreshes(url, token, refresh_count, until=all_logins)
        outcomes = await all_logins
        elapsed = time.perf_counter() - started
    finally:
        api.stop()
    login_times = [seconds for seconds, _ in outcomes]
    return {
        "benchmark": "identity logins",
        "logins": logins,
        "login": summary(login_times),
        "logins_per_s": round(logins / max(login_times), 1),
        "refused_503": sum(refused for _, refused in outcomes),
        "refresh_alone": summary(quiet),
        "refresh_during_logins": summary(busy),
        "refreshes_during_logins": len(busy),
        "seconds": round(elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=40)
    parser.add_argument("--refreshes", type=int, default=200)
    args = parser.parse_args()
    sys.stdout.write(json.dumps(asyncio.run(run(args.logins, args.refreshes))) + "\n")


if __name__ == "__main__":
    main()
