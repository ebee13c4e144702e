"""Single lead create benchmark: leads registered one at a time over HTTP by concurrent
clients, each create followed until kpi has its fact (DESIGN.md budget: ≥ 1,500 creates/s with
p99 < 50 ms from 8 concurrent clients, each create reaching kpi through Kafka).

    .venv/bin/python bench/leads/creates.py --creates 20000 --clients 8

Starts the platform the import benchmark runs (``bench/leads_platform.py``): the real leads
``api`` and ``worker`` (outbox relay) and the kpi ``worker``, in throwaway databases
(``crm_bench_creates_leads``, ``crm_bench_creates_kpi``, dropped at the next start) and a fresh
topic namespace. Each client is a consultant of the dealer taking a customer in (walk-in,
phone, referral...): ``POST /leads`` with name, mobile, source and vehicle interest, the next
request once the answer is read, on a keep-alive HTTP/1.1 connection of its own (spoken here,
see ``ApiConnection``). The consultant owns what they take in, so every create
publishes ``LeadCreated`` and ``LeadAssigned``. Every mobile is distinct: no create is attached
to a customer the dealer already works. Tokens are signed before the clock starts, and each
client first sends ``--warmup`` creates (connection, the api's token keys and statement caches)
that kpi has to receive too but that are left out of the figures.

Figures (one JSON line on stdout, a short summary on stderr):

- ``creates_per_s``: creates answered 201 / time from the first request to the last answer;
- ``p50_ms``, ``p99_ms``, ``max_ms``: per request, client side (sent → answer read);
- ``statuses``: answers per HTTP status (``error``: no answer, e.g. a timeout);
- ``all_published_s``: from the first request until the leads outbox has nothing unpublished;
- ``kpi_reached_s``: from the first request until kpi's ``lead_facts`` holds a fact for every
  lead created; ``reached_kpi_per_s``: creates / that time (the budget's "reaching kpi");
- ``client_cpu_s``: CPU this process spent being the clients, on the api's machine;
- ``cpu_ms_per_create``: CPU each process (leads api, leads worker, kpi worker) spent from the
  first request until kpi had every fact, per create: where a create's cost goes; with
  ``postgres`` (every backend of the server, those that ended meanwhile too) and ``kafka`` (the
  broker) where this user may read their ``/proc`` entries — whatever else the machine runs
  against them meanwhile counts too, so they mean something on a quiet machine only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crm_common.auth.principal import DataScope, Principal
from crm_common.testing.bench import connect_across_tenants, percentile

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import kafka_broker_pid
from bench.leads_platform import FACTS, UNPUBLISHED, LeadsPlatform, count

DATABASES = "crm_bench_creates"
TENANT, DEALER = "oem-bench", "dealer-bench"
MOBILE_PREFIXES = ("138", "139", "150", "158", "177", "186", "199")
SOURCES = ("walk_in", "phone", "referral", "web", "flyer")
VEHICLES = ("SUV 2.0T 四驱", "轿车 1.5L 舒适版", "MPV 混动", "纯电 长续航版", None)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
KPI_TIMEOUT_S = 900
REQUEST_TIMEOUT_S = 30

Answer = tuple[int | str, float]
"""HTTP status (``"error"`` when none came) and seconds from sending to the answer read."""


def consultant(number: int) -> Principal:
    return Principal(
        user_id=f"bench.consultant-{number}",
        tenant=TENANT,
        org_node=DEALER,
        roles=frozenset({"sales_consultant"}),
        data_scope=DataScope.OWN,
    )


def lead_bodies(number: int) -> list[bytes]:
    """Encoded before the clock starts; the i-th mobile is distinct from every other."""
    pick = random.Random(8)
    bodies = []
    for i in range(number):
        prefix = MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]
        body = {
            "customer_name": pick.choice(SURNAMES) + pick.choice(GIVEN) + pick.choice(GIVEN),
            "phone": f"{prefix}{i // len(MOBILE_PREFIXES):08d}",
            "source": pick.choice(SOURCES),
            "vehicle_interest": pick.choice(VEHICLES),
        }
        bodies.append(json.dumps(body, ensure_ascii=False).encode())
    return bodies


class ApiConnection:
    """One client's keep-alive HTTP/1.1 connection to the api, one request at a time, as a
    browser tab sends them. Written out rather than httpx: httpx spends ~1.7 ms of CPU per
    request on the 2-core machine, so at 1,500/s the clients alone would need more than its
    two cores and measure themselves; this costs ~0.04 ms."""

    def __init__(self, host: str, port: int, path: str, token: str) -> None:
        self.host, self.port = host, port
        self.head = (
            f"POST {path} HTTP/1.1\r\nhost: {host}:{port}\r\n"
            f"authorization: Bearer {token}\r\ncontent-type: application/json\r\n"
        ).encode()
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        """Status and body of the answer (``content-length`` framed, as uvicorn sends JSON)."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(self.head + b"content-length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status, length, closing = int(head[9:12]), 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            match name.strip().lower():
                case b"content-length":
                    length = int(value)
                case b"connection":
                    closing = value.strip().lower() == b"close"
                case b"transfer-encoding":
                    raise ValueError("a chunked answer: not read by this client")
        answer = await reader.readexactly(length)
        if closing:
            self.close()
        return status, answer

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def take_in(
    connection: ApiConnection, bodies: Iterator[bytes], answers: list[Answer], failures: list[str]
) -> None:
    """One consultant: creates the next lead of ``bodies`` (shared by every client) until none
    is left, the next once the answer is read."""
    try:
        for body in bodies:
            sent = time.perf_counter()
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT_S):
                    status, answer = await connection.post(body)
            except (OSError, EOFError, asyncio.LimitOverrunError, ValueError) as exc:
                answers.append(("error", time.perf_counter() - sent))
                failures.append(f"{type(exc).__name__}: {exc}")
                connection.close()  # a fresh connection for the next lead
                continue
            answers.append((status, time.perf_counter() - sent))
            if status != 201:
                failures.append(f"{status}: {answer[:300].decode(errors='replace')}")
    finally:
        connection.close()


async def load(
    spine: LeadsPlatform, tokens: list[str], bodies: list[bytes]
) -> tuple[list[Answer], list[str]]:
    answers: list[Answer] = []
    failures: list[str] = []
    queue = iter(bodies)
    await asyncio.gather(
        *(
            take_in(
                ApiConnection("127.0.0.1", spine.api_port, "/leads", token),
                queue,
                answers,
                failures,
            )
            for token in tokens
        )
    )
    return answers, failures


def _stat(pid: int) -> list[str]:
    """``/proc/<pid>/stat`` from its third field on (state, ppid, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has spent so far (Linux ``/proc``)."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(server: int) -> float:
    """CPU of a server and every child it has (PostgreSQL's backends), including children that
    ended and were reaped (the ``cutime``/``cstime`` it carries)."""
    fields = _stat(server)
    ticks = sum(int(f) for f in fields[11:15])
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                child = _stat(int(entry.name))
            except (OSError, IndexError):
                continue  # ended meanwhile
            if int(child[1]) == server:
                ticks += int(child[11]) + int(child[12])
    return ticks / os.sysconf("SC_CLK_TCK")


async def infrastructure_pids(spine: LeadsPlatform) -> dict[str, int]:
    """PostgreSQL's server process (the parent of a backend of ours) and Kafka's broker, where
    this user may read their CPU."""
    pids: dict[str, int] = {}
    conn = await connect_across_tenants(spine.database("leads"))
    try:
        backend = int(await conn.fetchval("SELECT pg_backend_pid()"))
        with contextlib.suppress(OSError):  # read while the backend is there
            pids["postgres"] = int(_stat(backend)[1])
    finally:
        await conn.close()
    broker = kafka_broker_pid()
    if broker is not None:
        pids["kafka"] = broker
    for name, pid in list(pids.items()):
        try:
            server_cpu_seconds(pid)
        except OSError:
            del pids[name]
    return pids


async def seconds_until(
    database: str, query: str, done: Callable[[int], bool], started: float
) -> float:
    """Seconds from ``started`` until the count of ``query`` is ``done``, polled on one
    connection (a new one per poll would cost the database a backend each time)."""
    conn = await connect_across_tenants(database)
    try:
        while not done(int(await conn.fetchval(query))):
            if time.perf_counter() - started > KPI_TIMEOUT_S:
                raise TimeoutError(f"{database}: {query!r} not there in {KPI_TIMEOUT_S} s")
            await asyncio.sleep(0.05)
        return time.perf_counter() - started
    finally:
        await conn.close()


async def measure(spine: LeadsPlatform, args: argparse.Namespace) -> dict[str, Any]:
    tokens = [spine.token(consultant(n)) for n in range(args.clients)]
    warmups = args.clients * args.warmup
    bodies = lead_bodies(warmups + args.creates)
    warmed, warm_failures = await load(spine, tokens, bodies[:warmups])
    if warm_failures:
        raise RuntimeError(f"warm-up creates failed, first: {warm_failures[0]}")

    pids = {f"{p.service} {p.role}": p.pid for p in spine.processes}
    servers = await infrastructure_pids(spine)
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    cpu_before |= {name: server_cpu_seconds(pid) for name, pid in servers.items()}
    cpu = time.process_time()
    started = time.perf_counter()
    answers, failures = await load(spine, tokens, bodies[warmups:])
    load_s = time.perf_counter() - started
    client_cpu_s = time.process_time() - cpu

    created = sum(1 for status, _ in answers if status == 201)
    expected_facts = len(warmed) + created
    facts_when_load_done = await count(spine.database("kpi"), FACTS)
    published_s = await seconds_until(
        spine.database("leads"), UNPUBLISHED, lambda unpublished: unpublished == 0, started
    )
    reached_s = await seconds_until(
        spine.database("kpi"), FACTS, lambda facts: facts >= expected_facts, started
    )
    cpu_ms = {name: (cpu_seconds(pid) - cpu_before[name]) * 1000 for name, pid in pids.items()}
    cpu_ms |= {
        name: (server_cpu_seconds(pid) - cpu_before[name]) * 1000 for name, pid in servers.items()
    }
    millis = [seconds * 1000 for _, seconds in answers]
    statuses = Counter(str(status) for status, _ in answers)
    return {
        "creates": args.creates,
        "clients": args.clients,
        "warmup_creates": len(warmed),
        "statuses": dict(sorted(statuses.items())),
        "first_failure": failures[0] if failures else None,
        "load_s": round(load_s, 3),
        "creates_per_s": round(created / load_s),
        "p50_ms": round(statistics.median(millis), 1),
        "p99_ms": round(percentile(millis, 99), 1),
        "max_ms": round(max(millis), 1),
        "kpi_facts_when_load_done": facts_when_load_done,
        "all_published_s": round(published_s, 3),
        "kpi_reached_s": round(reached_s, 3),
        "reached_kpi_per_s": round(created / reached_s),
        "client_cpu_s": round(client_cpu_s, 2),
        "cpu_ms_per_create": {
            name: round(ms / max(created, 1), 2) for name, ms in sorted(cpu_ms.items())
        },
    }


def summary(figures: dict[str, Any]) -> str:
    return (
        f"{figures['creates']:,} creates from {figures['clients']} clients in "
        f"{figures['load_s']} s: {figures['creates_per_s']:,}/s, p50 {figures['p50_ms']} ms, "
        f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; statuses {figures['statuses']}\n"
        f"kpi had every lead after {figures['kpi_reached_s']} s "
        f"(outbox empty after {figures['all_published_s']} s): "
        f"{figures['reached_kpi_per_s']:,} creates/s reached kpi "
        f"(budget: ≥ 1,500/s reaching kpi, p99 < 50 ms, 8 clients)\n"
        "CPU per create: "
        + ", ".join(f"{name} {ms} ms" for name, ms in figures["cpu_ms_per_create"].items())
    )


async def main(args: argparse.Namespace) -> None:
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-creates-") as folder:
        async with LeadsPlatform(Path(folder), DATABASES) as spine:
            figures = await measure(spine, args)
    result = {
        "benchmark": "leads.creates",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        **figures,
        "load_average_before": round(load_average, 2),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
    }
    print(summary(figures), file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--creates", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=5, help="creates per client before timing")
    asyncio.run(main(parser.parse_args()))
