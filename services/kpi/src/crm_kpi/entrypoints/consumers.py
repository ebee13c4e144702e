"""What kpi consumes: every event becomes facts, exactly once per consumer."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings
from crm_kpi.application.projections import record_lead_activity, record_leads_created
from crm_kpi.domain.facts import LEAD_ACTIVITY_EVENTS, LeadEventData

LEAD_FACTS_CONSUMER = "kpi.lead-facts"


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    async def leads_created(uow: UnitOfWork, events: Sequence[LeadCreatedEvent]) -> None:
        await record_leads_created(uow, events, settings.business_timezone)

    async def leads_changed(uow: UnitOfWork, events: Sequence[Envelope[LeadEventData]]) -> None:
        await record_lead_activity(uow, events, settings.business_timezone)

    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=LEAD_FACTS_CONSUMER,
            topic=LEAD_TOPIC,
            handles=[
                Handles(LeadCreated, batch_effect=leads_created),
                *(Handles(event, batch_effect=leads_changed) for event in LEAD_ACTIVITY_EVENTS),
            ],
            description="Projects lead events into daily lead facts.",
        ),
    ]
