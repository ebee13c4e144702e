"""Is the worker doing its work? Its readiness, and the watchdog that restarts what stopped.

A worker is a handful of long-running tasks (each subscriber's consume loop, the outbox relay,
the scheduled jobs). One of them can die (a consume task ended by an error its supervisor does
not retry) or wedge (a batch that never finishes, e.g. an offset commit hanging through a
rebalance) while the process looks alive. Each registers a probe here; ``/readyz`` on the
worker's port answers 503 naming what is wrong, and the watchdog restarts a subscriber that
stays unhealthy — so an orchestrator sees it, and the worker heals without a process restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from crm_common.observability.metrics import WORKER_RESTARTS, render_latest

log = logging.getLogger(__name__)

Probe = Callable[[], str | None]
"""None when healthy, else what is wrong."""


@dataclass
class _Part:
    name: str
    probe: Probe
    restart: Callable[[], Awaitable[None]] | None


class WorkerHealth:
    def __init__(self) -> None:
        self._parts: list[_Part] = []

    def watch(
        self, name: str, probe: Probe, restart: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        self._parts.append(_Part(name, probe, restart))

    def problems(self) -> dict[str, str]:
        found = {}
        for part in self._parts:
            problem = part.probe()
            if problem is not None:
                found[part.name] = problem
        return found

    async def heal(self) -> list[str]:
        """Restart every restartable part that is unhealthy now; returns their names."""
        restarted = []
        for part in self._parts:
            problem = part.probe()
            if problem is None or part.restart is None:
                continue
            log.error("worker: restarting %s: %s", part.name, problem)
            WORKER_RESTARTS.labels(part.name).inc()
            try:
                await part.restart()
                restarted.append(part.name)
            except Exception:
                log.exception("worker: restarting %s failed; trying again later", part.name)
        return restarted

    async def watchdog(self, stop: asyncio.Event, interval_seconds: float = 5.0) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
            if not stop.is_set():
                await self.heal()


def task_probe(task: asyncio.Task[None]) -> Probe:
    """Unhealthy once the task ended (it should run until the worker stops)."""

    def probe() -> str | None:
        if not task.done():
            return None
        error = None if task.cancelled() else task.exception()
        return f"task ended: {error!r}" if error else "task ended"

    return probe


def progress_probe(last_progress: Callable[[], float], stale_after_seconds: float) -> Probe:
    def probe() -> str | None:
        idle = time.monotonic() - last_progress()
        if idle > stale_after_seconds:
            return f"no progress for {idle:.0f} s"
        return None

    return probe


def health_app(health: WorkerHealth, metrics_token: str | None = None) -> Starlette:
    """``metrics_token``: when given, /metrics answers only a bearer of it."""

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "alive"})

    async def readyz(_: Request) -> Response:
        problems = health.problems()
        body = {"status": "not ready" if problems else "ready", "problems": problems}
        return JSONResponse(body, status_code=503 if problems else 200)

    async def metrics(request: Request) -> Response:
        if metrics_token is not None and not hmac.compare_digest(
            request.headers.get("authorization", ""), f"Bearer {metrics_token}"
        ):
            return JSONResponse({"detail": "metrics need the scrape token"}, status_code=401)
        payload, content_type = render_latest()
        return Response(payload, media_type=content_type)

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ]
    )


class _QuietServer(uvicorn.Server):
    """Leaves SIGTERM/SIGINT to the worker, which stops its parts in order."""

    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[no-untyped-def]
        yield


def serve_health(
    health: WorkerHealth, host: str, port: int, metrics_token: str | None = None
) -> _QuietServer:
    """The worker's HTTP port: /healthz, /readyz, /metrics. Run ``serve()`` as a task, set
    ``should_exit`` to stop."""
    config = uvicorn.Config(
        health_app(health, metrics_token), host=host, port=port, log_config=None, access_log=False
    )
    return _QuietServer(config)


@dataclass(frozen=True)
class Loop:
    """A long-running loop of a process that is not a worker (the dealer link's copiers, a
    service's uplink). ``last_round``: when it last went round (``time.monotonic()``), for
    loops that go round every few seconds; None for one watched only for ending."""

    name: str
    run: Coroutine[Any, Any, None]
    last_round: Callable[[], float] | None = None


LOOP_STALE_SECONDS = 180.0
"""A loop that went round no more in this long is wedged (each goes round within seconds)."""


async def run_watched(
    loops: Sequence[Loop], *, host: str, port: int | None, metrics_token: str | None
) -> None:
    """Runs ``loops`` until they end, with the worker's health endpoints on ``port`` (when
    given): /healthz, /readyz (503 naming a loop that ended or stopped going round) and
    /metrics (only for a bearer of ``metrics_token``, when given, as the apis' and workers').
    An orchestrator probes /healthz and /readyz, never /metrics, which answers a scraper."""
    health = WorkerHealth()
    tasks = []
    for loop in loops:
        task = asyncio.create_task(loop.run, name=loop.name)
        health.watch(loop.name, task_probe(task))
        if loop.last_round is not None:
            health.watch(f"{loop.name} rounds", progress_probe(loop.last_round, LOOP_STALE_SECONDS))
        tasks.append(task)
    if port is None:
        await asyncio.gather(*tasks)
        return
    server = serve_health(health, host, port, metrics_token)
    serving = asyncio.create_task(server.serve(), name="health-http")
    try:
        await asyncio.gather(*tasks)
    finally:
        server.should_exit = True
        await serving
