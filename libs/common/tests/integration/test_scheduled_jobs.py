"""Scheduled jobs on real PostgreSQL: with two workers ticking the same job, one makes every
run; when it dies, the other takes the job over."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.db import create_engine, create_session_factory
from crm_common.runtime.job_claims import JobClaims, lock_key
from crm_common.runtime.service import ScheduledJob, run_periodically
from crm_common.settings import Settings

pytestmark = pytest.mark.integration

RUNS = 6


async def test_of_two_workers_ticking_a_job_one_makes_every_run(settings: Settings) -> None:
    runs: list[str] = []
    enough = asyncio.Event()
    stop = asyncio.Event()

    def job_of(worker: str) -> ScheduledJob:
        async def report(_: Settings, __: async_sessionmaker[AsyncSession]) -> int:
            runs.append(worker)
            if len(runs) >= RUNS:
                enough.set()
            return 1

        return ScheduledJob("reports", 0.02, report)

    engines = [create_engine(settings) for _ in range(2)]
    claims = [JobClaims(engine, "common-test") for engine in engines]
    workers = [
        asyncio.create_task(
            run_periodically(
                job_of(f"worker-{n}"), settings, create_session_factory(engine), stop, claim
            )
        )
        for n, (engine, claim) in enumerate(zip(engines, claims, strict=True))
    ]
    try:
        await asyncio.wait_for(enough.wait(), timeout=120)
    finally:
        stop.set()
        await asyncio.gather(*workers)
        for claim in claims:
            await claim.close()
        for engine in engines:
            await engine.dispose()
    assert len(set(runs)) == 1, runs


async def end_the_session_holding(engine: AsyncEngine, key: int) -> None:
    """What the death of a worker's process does to its database session."""
    async with engine.begin() as connection:
        ended = await connection.execute(
            text(
                # Waits (up to 10 s) until the process has gone and its locks with it: the
                # signal alone returns before the backend exits, and a claim right after raced.
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks "
                "WHERE locktype = 'advisory' "
                "AND classid = :high AND objid = :low AND objsubid = 1 AND granted"
            ),
            {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF},
        )
        assert ended.scalars().all() == [True]


async def test_when_the_claiming_worker_dies_another_takes_the_job_over(
    settings: Settings,
) -> None:
    engines = [create_engine(settings) for _ in range(2)]
    first, second = (JobClaims(engine, "common-test") for engine in engines)
    try:
        assert await first.claim("sweeps")
        assert not await second.claim("sweeps")
        assert await second.claim("leaderboards"), "claims are per job"
        assert await first.claim("sweeps"), "a claim is kept"

        await end_the_session_holding(engines[1], lock_key("common-test", "sweeps"))
        assert await second.claim("sweeps")
        assert not await first.claim("sweeps"), "a worker that lost its claim knows it"
    finally:
        await first.close()
        await second.close()
        for engine in engines:
            await engine.dispose()


async def test_a_workers_jobs_ticking_at_once_claim_over_its_one_connection(
    settings: Settings,
) -> None:
    """All of a worker's jobs tick when it starts: their first claims share the one connection
    that holds the locks, and none is left checked out when the claims are given up."""
    engine = create_engine(settings)
    claims = JobClaims(engine, "common-test")
    try:
        taken = await asyncio.gather(*(claims.claim(f"job-{n}") for n in range(4)))
        assert taken == [True] * 4
        assert engine.pool.checkedout() == 1, "one connection holds every claim"  # type: ignore[attr-defined]
        await claims.close()
        assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    finally:
        await claims.close()
        await engine.dispose()
