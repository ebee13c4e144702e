"""The one place that wires the notifications service."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import utc_now
from crm_common.mail import SmtpMailer
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Settings
from crm_notifications.application.delivery import NoticeNotFound, send_digests, send_due_emails
from crm_notifications.entrypoints.consumers import subscriptions
from crm_notifications.entrypoints.http.routes import router

DESCRIPTION = (
    "Notifications: the events that need a person (a lead about to be recycled, an escalation, "
    "a blocked claim, a discount awaiting approval) as an in-app inbox per user with a live "
    "stream, e-mail now or in a daily digest as each user chooses."
)
EMAIL_INTERVAL_SECONDS = 5.0
DIGEST_INTERVAL_SECONDS = 300.0


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-notifications",
        description=DESCRIPTION,
        routers=[router],
        error_statuses={NoticeNotFound: 404},
    )


async def run_email_sweep(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await send_due_emails(
        sessions, SmtpMailer(settings), settings.portal_base_url, utc_now()
    )


async def run_digests(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await send_digests(
        sessions,
        SmtpMailer(settings),
        settings.portal_base_url,
        utc_now(),
        ZoneInfo(settings.business_timezone),
    )


DEFINITION = ServiceDefinition(
    name="notifications",
    description=DESCRIPTION,
    http_port=8007,
    worker_metrics_port=9107,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    subscriptions=subscriptions,
    scheduled=[
        ScheduledJob("notification-emails", EMAIL_INTERVAL_SECONDS, run_email_sweep),
        ScheduledJob("notification-digests", DIGEST_INTERVAL_SECONDS, run_digests),
    ],
)
