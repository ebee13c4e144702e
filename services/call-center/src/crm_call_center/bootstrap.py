"""The one place that wires the call-center service."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import ringing_channel
from crm_call_center.adapters.webhooks import WebhookRefused
from crm_call_center.application.calls import CallNotFound, CallNotWrappable, NotTheAgent
from crm_call_center.application.cti import Ringing, settle_calls
from crm_call_center.entrypoints.cti import run_ami
from crm_call_center.entrypoints.http import calls, webhooks
from crm_common.contracts.events.call_center import v1 as call_center_v1
from crm_common.messaging.consumer import Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import Daemon, ScheduledJob, ServiceDefinition
from crm_common.settings import Settings

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


async def run_phone_system(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], stop: asyncio.Event
) -> None:
    redis = Redis.from_url(settings.redis_url, socket_timeout=1.0)

    async def on_ringing(ringing: Sequence[Ringing]) -> None:
        await ringing_channel.announce(redis, ringing)

    try:
        await run_ami(settings, sessions, stop, on_ringing)
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
