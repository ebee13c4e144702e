"""What a service is made of, and the CLI that runs one of its processes."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.tokens import generate_private_key_pem
from crm_common.contracts.envelope import Envelope, EventData
from crm_common.db.engine import create_engine, create_session_factory
from crm_common.db.migrate import upgrade_to_head
from crm_common.db.roles import check_database_role
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.messaging.consumer import (
    Subscription,
    create_broker,
    document_subscription,
    subscribe,
)
from crm_common.messaging.uplink import HandedDown, Uplink
from crm_common.observability.logging import configure_logging
from crm_common.observability.outage import OUTAGE_RECORD
from crm_common.observability.tracing import configure_tracing, instrument_process
from crm_common.outbox.relay import OutboxRelay, parked_rows, replay_parked
from crm_common.runtime.job_claims import JobClaims
from crm_common.runtime.rebuild import rebuild_projections
from crm_common.runtime.worker_health import (
    Loop,
    WorkerHealth,
    progress_probe,
    run_watched,
    serve_health,
    task_probe,
)
from crm_common.settings import Environment, Settings

log = logging.getLogger(__name__)

SubscriptionsFactory = Callable[[Settings], Sequence[Subscription]]


@dataclass(frozen=True)
class ScheduledJob:
    """Work the worker runs periodically (e.g. the recycle sweep). One worker of the service
    makes the runs: the one that claimed the job (``crm_common.runtime.job_claims``). Each run
    must still be safe with another at once (a worker may lose its claim mid-run): the job itself
    decides how (e.g. SKIP LOCKED)."""

    name: str
    interval_seconds: float | Callable[[Settings], float]
    """Seconds between runs, or the setting that says (an operator or a test shortens it)."""
    run: Callable[[Settings, async_sessionmaker[AsyncSession]], Awaitable[object]]
    every_worker: bool = False
    """A queue every worker takes work from (e.g. imports, each slice locking its job), not a
    run one worker makes."""


@dataclass(frozen=True)
class Daemon:
    """A long-running part of the worker (e.g. the connection to a phone system). ``run`` keeps
    going (reconnecting as it must) until ``stop`` is set, then returns; it declares the tenant
    scope of its own work."""

    name: str
    run: Callable[
        [Settings, async_sessionmaker[AsyncSession], asyncio.Event], Coroutine[Any, Any, None]
    ]


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    """Hyphenated service name, e.g. ``service-desk``."""
    description: str
    http_port: int
    worker_metrics_port: int
    migrations_dir: Path
    create_api: Callable[[Settings], FastAPI]
    subscriptions: SubscriptionsFactory | None = None
    """What the worker consumes; effects may depend on settings (e.g. the business time zone)."""
    publishes: Sequence[type[EventData]] = field(default_factory=tuple)
    commands: Mapping[str, Callable[[Settings], None]] = field(default_factory=dict)
    """Service-specific CLI commands, e.g. identity's ``seed-demo``."""
    scheduled: Sequence[ScheduledJob] = field(default_factory=tuple)
    daemons: Sequence[Daemon] = field(default_factory=tuple)
    handed_down: Mapping[str, HandedDown] = field(default_factory=dict)
    """Per data type, which of the service's records the OEM handed down to a dealer (e.g. the
    leads HQ distributed): a dealer deployment's uplink sends what happens to them to HQ in
    full (``crm_common.policy.fanout``)."""


def _settings_for(definition: ServiceDefinition) -> Settings:
    os.environ.setdefault("CRM_SERVICE_NAME", definition.name)
    os.environ.setdefault("CRM_HTTP_PORT", str(definition.http_port))
    return Settings()


# A relay round ends within its send timeout (30 s) plus a database round trip; longer than
# this without one, the relay is wedged.
_RELAY_STALE_SECONDS = 180.0


async def run_worker(definition: ServiceDefinition, settings: Settings, health_port: int) -> None:
    """Consumers, the outbox relay and scheduled work, until SIGTERM/SIGINT; /healthz, /readyz
    and /metrics on ``health_port``."""
    engine = create_engine(settings)
    await check_database_role(engine, settings, system_work=True)
    session_factory = create_session_factory(engine)
    relay = OutboxRelay(engine, settings)
    health = WorkerHealth()
    broker = None
    if definition.subscriptions is not None:
        broker = create_broker(settings)
        for subscription in definition.subscriptions(settings):
            running = subscribe(broker, settings, session_factory, subscription)
            health.watch(f"subscriber {running.name}", running.problem, running.restart)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    relay_task = asyncio.create_task(relay.run(), name="outbox-relay")
    health.watch("outbox relay", task_probe(relay_task))
    health.watch(
        "outbox relay rounds", progress_probe(lambda: relay.last_round_at, _RELAY_STALE_SECONDS)
    )
    claims = JobClaims(engine, definition.name)
    jobs = []
    for job in definition.scheduled:
        task = asyncio.create_task(
            run_periodically(job, settings, session_factory, stop, claims), name=job.name
        )
        health.watch(f"scheduled {job.name}", task_probe(task))
        jobs.append(task)
    daemons = []
    for daemon in definition.daemons:
        task = asyncio.create_task(daemon.run(settings, session_factory, stop), name=daemon.name)
        health.watch(f"daemon {daemon.name}", task_probe(task))
        daemons.append(task)
    token = settings.http_metrics_token
    server = serve_health(
        health,
        settings.http_host,
        health_port,
        token.get_secret_value() if token is not None else None,
    )
    serving = asyncio.create_task(server.serve(), name="worker-http")
    if broker is not None:
        await _start_broker(broker, stop)
    watchdog = asyncio.create_task(health.watchdog(stop), name="worker-watchdog")
    log.info("worker started", extra={"consumers": broker is not None})
    await stop.wait()
    log.info("worker stopping")
    relay.stop()
    if broker is not None:
        await broker.stop()
    await relay_task
    await asyncio.gather(*jobs, *daemons, watchdog)
    await claims.close()
    server.should_exit = True
    await serving
    await engine.dispose()


async def run_uplink(definition: ServiceDefinition, settings: Settings) -> None:
    """A dealer deployment's uplink to HQ's Kafka, until SIGTERM/SIGINT; its health on
    ``CRM_UPLINK_METRICS_PORT`` (/healthz, /readyz, and /metrics behind the scrape token)."""
    engine = create_engine(settings)
    uplink = Uplink(
        settings, create_session_factory(engine), definition.publishes, definition.handed_down
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    token = settings.http_metrics_token
    try:
        await run_watched(
            [Loop("uplink", uplink.run(stop), lambda: uplink.last_round_at)],
            host=settings.http_host,
            port=settings.uplink_metrics_port,
            metrics_token=token.get_secret_value() if token is not None else None,
        )
    finally:
        await engine.dispose()


async def run_periodically(
    job: ScheduledJob,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    claims: JobClaims,
) -> None:
    """``job`` every interval until ``stop``, when this worker holds its claim."""
    interval = job.interval_seconds
    seconds = interval(settings) if callable(interval) else interval
    while not stop.is_set():
        if job.every_worker or await claims.claim(job.name):
            await _run_once(job, settings, session_factory)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)


async def _run_once(
    job: ScheduledJob, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    try:
        # System work across tenants: each job scopes its own rows.
        with acting_for_all_tenants():
            result = await job.run(settings, session_factory)
    except Exception:
        log.exception("scheduled job failed; it runs again next interval", extra={"job": job.name})
        return
    # Quiet when there was nothing to do: some jobs run every second.
    did_work = any(result.values()) if isinstance(result, dict) else bool(result)
    log.log(
        logging.INFO if did_work else logging.DEBUG,
        "scheduled job ran",
        extra={"job": job.name, "result": result},
    )


async def _start_broker(broker: KafkaBroker, stop: asyncio.Event) -> None:
    """Start consuming; if Kafka is not up yet, keep trying instead of dying."""
    delay = 0.5
    while not stop.is_set():
        try:
            await broker.start()
            return
        except Exception:
            log.warning(
                "kafka unavailable for consumers; retrying",
                exc_info=True,
                extra={OUTAGE_RECORD: True},
            )
            await broker.stop()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def _outbox_command(settings: Settings, args: argparse.Namespace) -> None:
    engine = create_engine(settings)
    try:
        if args.outbox_command == "parked":
            for row in await parked_rows(engine):
                sys.stdout.write(json.dumps(asdict(row), default=str) + "\n")
            return
        if not args.ids and not args.all:
            sys.exit("name the rows to replay, or --all")
        replayed = await replay_parked(engine, None if args.all else args.ids)
        sys.stdout.write(f"replayed {len(replayed)} rows: {replayed}\n")
    finally:
        await engine.dispose()


def asyncapi_document(definition: ServiceDefinition, settings: Settings) -> dict[str, Any]:
    """The AsyncAPI document of the service: what it consumes and what its outbox publishes."""
    broker = KafkaBroker(settings.kafka_bootstrap_servers)
    for subscription in definition.subscriptions(settings) if definition.subscriptions else ():
        document_subscription(broker, subscription)
    for event_type in definition.publishes:
        broker.publisher(
            event_type.topic,
            title=f"{event_type.topic}:{event_type.event_type}"
            + (f":v{event_type.event_version}" if event_type.event_version > 1 else ""),
            description=(event_type.__doc__ or "").strip(),
            schema=Envelope[event_type],  # type: ignore[valid-type]
        )
    spec = AsyncAPI(
        broker,
        title=f"crm-{definition.name} events",
        version="1.0.0",
        description=definition.description,
    )
    document: dict[str, Any] = spec.to_specification().to_jsonable()
    return document


DOCUMENTED_KAFKA_SERVER = "kafka:9092"
"""The broker address the generated documents name: the one of docker-compose.yml."""


def documentation(definition: ServiceDefinition) -> dict[str, dict[str, Any]]:
    """The service's generated API documents, independent of the local environment."""
    settings = Settings(
        env=Environment.DEVELOPMENT,
        service_name=definition.name,
        kafka_bootstrap_servers=DOCUMENTED_KAFKA_SERVER,
        kafka_namespace="",
        signing_key_pem=generate_private_key_pem(),
    )
    return {
        "asyncapi": asyncapi_document(definition, settings),
        "openapi": definition.create_api(settings).openapi(),
    }


def render_document(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def run_cli(definition: ServiceDefinition, argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"crm-{definition.name}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("api", help="serve HTTP")
    sub.add_parser("worker", help="consume events, relay the outbox, run scheduled work")
    sub.add_parser("migrate", help="create the database if needed and upgrade it to head")
    sub.add_parser("uplink", help="cut the service's events to the sharing agreements for HQ")
    sub.add_parser(
        "rebuild", help="replay every subscribed topic from offset 0 into the (empty) database"
    )
    outbox = sub.add_parser("outbox", help="inspect and replay outbox rows the relay parked")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", required=True)
    outbox_sub.add_parser("parked", help="list the parked rows (JSON lines)")
    replay = outbox_sub.add_parser("replay", help="give parked rows a fresh set of attempts")
    replay.add_argument("ids", nargs="*", type=int, help="outbox row ids")
    replay.add_argument("--all", action="store_true", help="every parked row")
    docs = sub.add_parser("docs", help="write docs/{asyncapi,openapi}/<service>.json")
    docs.add_argument("--output-dir", type=Path, default=Path("docs"))
    for name, command in definition.commands.items():
        sub.add_parser(name, help=(command.__doc__ or "").strip().splitlines()[0])
    args = parser.parse_args(argv)

    settings = _settings_for(definition)
    configure_logging(definition.name, settings.log_level)
    configure_tracing(settings, args.command)
    instrument_process()
    match args.command:
        case "api":
            uvicorn.run(
                definition.create_api(settings),
                host=settings.http_host,
                port=settings.http_port,
                log_config=None,
                access_log=False,
                loop="uvloop",
                http="httptools",
            )
        case "worker":
            port = settings.worker_metrics_port or definition.worker_metrics_port
            asyncio.run(run_worker(definition, settings.for_system_work(), port))
        case "migrate":
            upgrade_to_head(settings, definition.migrations_dir)
        case "uplink":
            asyncio.run(run_uplink(definition, settings.for_system_work()))
        case "rebuild":
            if definition.subscriptions is None:
                sys.exit(f"{definition.name} consumes nothing: there is nothing to rebuild")
            system = settings.for_system_work()
            replayed = asyncio.run(
                rebuild_projections(system, list(definition.subscriptions(system)))
            )
            sys.stdout.write(f"rebuilt from {replayed} subscriptions\n")
        case "outbox":
            asyncio.run(_outbox_command(settings.for_system_work(), args))
        case "docs":
            for kind, document in documentation(definition).items():
                target = args.output_dir / kind / f"{definition.name}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render_document(document))
                sys.stdout.write(f"wrote {target}\n")
        case name:
            definition.commands[name](settings)
