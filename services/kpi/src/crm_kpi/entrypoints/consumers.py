"""Kafka subscribers of kpi: every event becomes facts, exactly once per consumer."""

from __future__ import annotations

from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreatedEvent
from crm_common.db import UnitOfWork
from crm_common.inbox import process_once
from crm_common.messaging.consumer import create_broker, subscribe_options
from crm_common.settings import Settings
from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_kpi.application.projections import record_lead_created

LEAD_FACTS_CONSUMER = "kpi.lead-facts"


def create_consumers(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> KafkaBroker:
    broker = create_broker(settings, LEAD_FACTS_CONSUMER)

    @broker.subscriber(  # type: ignore[untyped-decorator]
        settings.topic(LEAD_TOPIC),
        title=f"{LEAD_TOPIC}:{LEAD_FACTS_CONSUMER}",
        description="Projects leads.LeadCreated into daily lead facts.",
        **subscribe_options(settings, LEAD_FACTS_CONSUMER),
    )
    async def project_lead_created(event: LeadCreatedEvent) -> None:
        async def effect(uow: UnitOfWork) -> None:
            await record_lead_created(uow, event, settings.business_timezone)

        await process_once(session_factory, LEAD_FACTS_CONSUMER, event, effect)

    return broker
