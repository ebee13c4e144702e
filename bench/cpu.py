"""CPU that a benchmark's own processes spent, read from Linux ``/proc``: on a machine shared
with other work, CPU per operation moves far less with the load than throughput or latency do
(issue #23). Imported by the scripts with bench/'s parent on ``sys.path``; it uses nothing of
the checkout under test beyond ``crm_common.testing.bench.PG``, so this checkout's scripts can
run with an older checkout's code."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import asyncpg

from crm_common.testing.bench import PG


def process_cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """User + system CPU a process has spent so far; with ``reaped_children``, also that of
    its children that ended and were waited for (an import's file reader)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


async def backends_cpu_seconds(database: str) -> dict[int, float]:
    """CPU each PostgreSQL backend connected to ``database`` has spent so far, by process id
    (this query's own backend left out): what the database spent for a benchmark's services
    alone, whatever else the machine's PostgreSQL serves."""
    conn = await asyncpg.connect(database="postgres", **PG)
    try:
        pids = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
    finally:
        await conn.close()
    spent: dict[int, float] = {}
    for (pid,) in pids:
        try:
            spent[pid] = process_cpu_seconds(pid)
        except OSError:
            continue  # ended meanwhile
    return spent


def cpu_spent_since(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the backends of ``after`` spent since ``before`` (two readings of
    ``backends_cpu_seconds``; a backend new in ``after`` spent all of its CPU since)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def kafka_broker_pid() -> int | None:
    """The Kafka broker's process, unless there are several (tests' clusters beside it)."""
    brokers = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and b"kafka.Kafka" in (entry / "cmdline").read_bytes():
                brokers.append(int(entry.name))
    return brokers[0] if len(brokers) == 1 else None
