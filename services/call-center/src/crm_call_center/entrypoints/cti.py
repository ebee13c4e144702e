"""The worker's connection to the Asterisk PBX: AMI events in, call records out."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.ami import AmiConnector, AmiEndpoint
from crm_call_center.application.cti import (
    PhoneSystem,
    Ringing,
    close_calls_gone,
    record_events,
)
from crm_call_center.domain.cti import CtiEvent
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings

log = logging.getLogger(__name__)

RingingSink = Callable[[Sequence[Ringing]], Awaitable[None]]


def phone_system(settings: Settings) -> PhoneSystem:
    return PhoneSystem(
        tenant=settings.cti_tenant,
        default_org=settings.cti_default_org,
        settle_seconds=settings.cti_settle_seconds,
    )


def ami_endpoint(settings: Settings) -> AmiEndpoint:
    secret = settings.cti_ami_secret.get_secret_value() if settings.cti_ami_secret else ""
    return AmiEndpoint(
        settings.cti_ami_host, settings.cti_ami_port, settings.cti_ami_username, secret
    )


def ami_connector(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    on_ringing: RingingSink,
) -> AmiConnector:
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

    return AmiConnector(
        ami_endpoint(settings), source=settings.cti_source, sink=store, reconcile=reconcile
    )


async def run_ami(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    on_ringing: RingingSink,
) -> None:
    """Until ``stop``; does nothing when no PBX is configured."""
    if not settings.cti_ami_host:
        log.info("no Asterisk PBX configured (CRM_CTI_AMI_HOST): AMI adapter idle")
        await stop.wait()
        return
    if not settings.cti_tenant or not settings.cti_default_org:
        raise RuntimeError("CRM_CTI_TENANT and CRM_CTI_DEFAULT_ORG must be set with an AMI host")
    await ami_connector(settings, sessions, on_ringing).run(stop)
