"""The one place that wires the call-center service."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import ringing_channel, wallboard_channel
from crm_call_center.adapters.ami import (
    AmiActionFailed,
    AmiActions,
    AmiConnector,
    AmiEndpoint,
    AmiQueueControl,
)
from crm_call_center.adapters.webhooks import WebhookRefused
from crm_call_center.application.call_control import (
    ControlNotSupported,
    ControlUnavailable,
    NotOnTheCall,
    TransferTargetNotFound,
)
from crm_call_center.application.call_lists import (
    CallListImportNotFound,
    CallListTooLarge,
    sweep_old_uploads,
    work_call_lists,
)
from crm_call_center.application.calls import CallNotFound, CallNotWrappable, NotTheAgent
from crm_call_center.application.cti import (
    close_calls_gone,
    phone_system,
    record_events,
    settle_calls,
)
from crm_call_center.application.distribution import deal_waiting
from crm_call_center.application.pbx_queues import push_queue_members
from crm_call_center.application.presence import AgentTaken, NotAnAgent
from crm_call_center.application.quality import CallNotReviewable, OwnCall, RecordingNotFound
from crm_call_center.application.queues import QueueNotFound, QueueTaken
from crm_call_center.application.tasks import (
    AssigneeNotFound,
    NumberUnknown,
    PhoneSystemUnavailable,
    TaskNotFound,
    escalate_overdue,
)
from crm_call_center.domain.cti import CtiEvent, Ringing
from crm_call_center.domain.tasks import NotTheAssignee, TaskConflict
from crm_call_center.entrypoints.consumers import subscriptions
from crm_call_center.entrypoints.http import (
    agents,
    call_lists,
    calls,
    queues,
    statistics,
    tasks,
    transfers,
    wallboard,
    webhooks,
)
from crm_common.clock import utc_now
from crm_common.contracts.events.call_center import v1 as call_center_v1
from crm_common.contracts.events.call_center import v2 as call_center_v2
from crm_common.db.tenancy import acting_for
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import Daemon, ScheduledJob, ServiceDefinition
from crm_common.settings import Settings
from crm_common.storage import open_file_store

log = logging.getLogger(__name__)
DESCRIPTION = (
    "Call center: the phone system's call records (Asterisk AMI, signed webhooks), agents, "
    "queues, call tasks and dispositions."
)
SETTLE_INTERVAL_SECONDS = 0.5

ERROR_STATUSES: dict[type[Exception], int] = {
    CallNotFound: 404,
    NotTheAgent: 403,
    CallNotWrappable: 409,
    WebhookRefused: 401,
    TaskNotFound: 404,
    AssigneeNotFound: 404,
    NotTheAssignee: 403,
    TaskConflict: 409,
    NumberUnknown: 409,
    PhoneSystemUnavailable: 503,
    AgentTaken: 409,
    NotAnAgent: 404,
    QueueNotFound: 404,
    QueueTaken: 409,
    RecordingNotFound: 404,
    CallNotReviewable: 409,
    OwnCall: 403,
    ControlNotSupported: 501,
    NotOnTheCall: 409,
    TransferTargetNotFound: 404,
    ControlUnavailable: 503,
    # The PBX refused a dial, transfer or hang-up (e.g. the leg hung up meanwhile): its reason.
    AmiActionFailed: 409,
    CallListTooLarge: 413,
    CallListImportNotFound: 404,
}
ESCALATION_INTERVAL_SECONDS = 60.0
DISTRIBUTION_INTERVAL_SECONDS = 30.0
PBX_QUEUES_INTERVAL_SECONDS = 5.0
CALL_LIST_IMPORTS_INTERVAL_SECONDS = 1.0
OLD_CALL_LISTS_INTERVAL_SECONDS = 3600.0


def ami_endpoint(settings: Settings) -> AmiEndpoint:
    secret = settings.cti_ami_secret.get_secret_value() if settings.cti_ami_secret else ""
    return AmiEndpoint(
        settings.cti_ami_host, settings.cti_ami_port, settings.cti_ami_username, secret
    )


async def wire_phone_system(app: FastAPI) -> None:
    """The PBX's actions (click-to-dial, transfer, hang-up) when an Asterisk is configured, and
    the file store the recordings are read from."""
    settings: Settings = app.state.settings
    actions = (
        AmiActions(
            ami_endpoint(settings),
            source=settings.cti_source,
            context=settings.cti_originate_context,
        )
        if settings.cti_ami_host
        else None
    )
    app.state.dialer = actions
    app.state.call_control = actions
    app.state.file_store = open_file_store(settings)


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-call-center",
        description=DESCRIPTION,
        routers=[
            calls.router,
            tasks.router,
            call_lists.router,
            agents.router,
            transfers.router,
            queues.router,
            statistics.router,
            wallboard.router,
            webhooks.router,
        ],
        on_startup=[wire_phone_system],
        error_statuses=ERROR_STATUSES,
        # Call lists stream into their import and stop at their own limit.
        streamed_paths=["/call-lists"],
    )


async def run_escalations(_settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await escalate_overdue(sessions, now=utc_now())


async def run_distribution(_settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await deal_waiting(sessions)


async def run_call_list_imports(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> int:
    return await work_call_lists(
        sessions,
        clock=utc_now,
        business_tz=ZoneInfo(settings.business_timezone),
    )


async def run_old_call_list_sweep(
    settings: Settings, _sessions: async_sessionmaker[AsyncSession]
) -> int:
    return await sweep_old_uploads(open_file_store(settings))


async def run_settle(_settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await settle_calls(sessions, now=utc_now())


StoredSink = Callable[[Sequence[Ringing]], Awaitable[None]]
"""Told after each batch of events is stored, with the agents it started ringing (if any)."""


def ami_connector(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], after_stored: StoredSink
) -> AmiConnector:
    """The Asterisk adapter wired to the application: events are stored, calls the PBX lost
    while we were away are closed after each login, ringing agents and the wallboards are told."""
    system = phone_system(settings)

    async def store(events: list[CtiEvent]) -> None:
        with acting_for([system.tenant]):
            ringing = await record_events(sessions, system, events, now=utc_now())
        await after_stored(ringing)

    async def reconcile(live: set[str], last_seen_at: datetime | None) -> None:
        with acting_for([system.tenant]):
            await close_calls_gone(
                sessions, system, settings.cti_source, live, last_seen_at, now=utc_now()
            )

    return AmiConnector(
        ami_endpoint(settings), source=settings.cti_source, sink=store, reconcile=reconcile
    )


async def run_phone_system(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], stop: asyncio.Event
) -> None:
    redis = Redis.from_url(settings.redis_url, socket_timeout=1.0)

    async def after_stored(ringing: Sequence[Ringing]) -> None:
        try:
            if ringing:
                await ringing_channel.announce(redis, ringing)
            await wallboard_channel.changed(redis, settings.cti_tenant)
        except RedisError:
            # The calls are recorded; only the pops and a wallboard refresh are lost.
            log.warning("screen pops and wallboards not told: Redis unreachable")

    try:
        if not settings.cti_ami_host:
            log.info("no Asterisk PBX configured (CRM_CTI_AMI_HOST): the AMI adapter idles")
            await stop.wait()
            return
        if not settings.cti_tenant or not settings.cti_default_org:
            raise RuntimeError("an AMI host needs CRM_CTI_TENANT and CRM_CTI_DEFAULT_ORG")
        connector = ami_connector(settings, sessions, after_stored)
        await asyncio.gather(
            connector.run(stop), keep_pbx_queues(connector, sessions, settings.cti_tenant, stop)
        )
    finally:
        await redis.aclose()


async def keep_pbx_queues(
    connector: AmiConnector,
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    stop: asyncio.Event,
) -> None:
    """While connected, the PBX's queue members follow the CRM's (everything told again after
    each login: the PBX may have restarted)."""
    control = AmiQueueControl(connector)
    told_on: int | None = None
    while not stop.is_set():
        if connector.connected.is_set():
            connection = connector.connections
            try:
                with acting_for([tenant]):
                    await push_queue_members(
                        sessions, tenant, control, tell_all=connection != told_on
                    )
                told_on = connection
            except (ConnectionError, AmiActionFailed, TimeoutError) as error:
                log.warning("pushing queue members to the PBX failed: %s; retrying", error)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), PBX_QUEUES_INTERVAL_SECONDS)


DEFINITION = ServiceDefinition(
    name="call-center",
    description=DESCRIPTION,
    http_port=8005,
    worker_metrics_port=9105,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=(*call_center_v1.ALL, *call_center_v2.ALL),
    subscriptions=subscriptions,
    scheduled=[
        ScheduledJob("settle-calls", SETTLE_INTERVAL_SECONDS, run_settle),
        ScheduledJob("escalate-tasks", ESCALATION_INTERVAL_SECONDS, run_escalations),
        ScheduledJob("deal-waiting-tasks", DISTRIBUTION_INTERVAL_SECONDS, run_distribution),
        # A queue: every worker imports (each slice locks its import), not one per run.
        ScheduledJob(
            "call-list-imports",
            CALL_LIST_IMPORTS_INTERVAL_SECONDS,
            run_call_list_imports,
            every_worker=True,
        ),
        # Once the files of old call lists are gone, a run is one listing of an empty folder.
        ScheduledJob(
            "old-call-list-files", OLD_CALL_LISTS_INTERVAL_SECONDS, run_old_call_list_sweep
        ),
    ],
    daemons=[Daemon("asterisk-ami", run_phone_system)],
)
