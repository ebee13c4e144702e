"""The one place that wires the call-center service."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import ringing_channel
from crm_call_center.adapters.ami import AmiConnector, AmiEndpoint
from crm_call_center.adapters.webhooks import WebhookRefused
from crm_call_center.application.calls import CallNotFound, CallNotWrappable, NotTheAgent
from crm_call_center.application.cti import (
    Ringing,
    close_calls_gone,
    phone_system,
    record_events,
    settle_calls,
)
from crm_call_center.domain.cti import CtiEvent
from crm_call_center.entrypoints.http import calls, webhooks
from crm_common.contracts.events.call_center import v1 as call_center_v1
from crm_common.db.tenancy import acting_for
from crm_common.messaging.consumer import Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import Daemon, ScheduledJob, ServiceDefinition
from crm_common.settings import Settings

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
}


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-call-center",
        description=DESCRIPTION,
        routers=[calls.router, webhooks.router],
        error_statuses=ERROR_STATUSES,
    )


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [*policy_subscriptions(settings)]


async def run_settle(_settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await settle_calls(sessions, now=datetime.now(UTC))


RingingSink = Callable[[Sequence[Ringing]], Awaitable[None]]


def ami_connector(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], on_ringing: RingingSink
) -> AmiConnector:
    """The Asterisk adapter wired to the application: events are stored, calls the PBX lost
    while we were away are closed after each login, ringing agents are announced."""
    system = phone_system(settings)

    async def store(events: list[CtiEvent]) -> None:
        with acting_for([system.tenant]):
            ringing = await record_events(sessions, system, events, now=datetime.now(UTC))
        if ringing:
            await on_ringing(ringing)

    async def reconcile(live: set[str], last_seen_at: datetime | None) -> None:
        with acting_for([system.tenant]):
            await close_calls_gone(
                sessions, system, settings.cti_source, live, last_seen_at, now=datetime.now(UTC)
            )

    secret = settings.cti_ami_secret.get_secret_value() if settings.cti_ami_secret else ""
    endpoint = AmiEndpoint(
        settings.cti_ami_host, settings.cti_ami_port, settings.cti_ami_username, secret
    )
    return AmiConnector(endpoint, source=settings.cti_source, sink=store, reconcile=reconcile)


async def run_phone_system(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], stop: asyncio.Event
) -> None:
    redis = Redis.from_url(settings.redis_url, socket_timeout=1.0)

    async def on_ringing(ringing: Sequence[Ringing]) -> None:
        await ringing_channel.announce(redis, ringing)

    try:
        if not settings.cti_ami_host:
            log.info("no Asterisk PBX configured (CRM_CTI_AMI_HOST): the AMI adapter idles")
            await stop.wait()
            return
        if not settings.cti_tenant or not settings.cti_default_org:
            raise RuntimeError("an AMI host needs CRM_CTI_TENANT and CRM_CTI_DEFAULT_ORG")
        await ami_connector(settings, sessions, on_ringing).run(stop)
    finally:
        await redis.aclose()


DEFINITION = ServiceDefinition(
    name="call-center",
    description=DESCRIPTION,
    http_port=8005,
    worker_metrics_port=9105,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=call_center_v1.ALL,
    subscriptions=subscriptions,
    scheduled=[ScheduledJob("settle-calls", SETTLE_INTERVAL_SECONDS, run_settle)],
    daemons=[Daemon("asterisk-ami", run_phone_system)],
)
