"""What kpi consumes: every event becomes facts, exactly once per consumer."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.contracts.events.opportunities.v1 import OPPORTUNITY_TOPIC, ORDER_TOPIC
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings
from crm_kpi.application.projections import (
    record_deal_outcomes,
    record_lead_activity,
    record_leads_created,
)
from crm_kpi.domain.facts import (
    DEAL_EVENTS,
    LEAD_ACTIVITY_EVENTS,
    ORDER_EVENTS,
    DealEventData,
    LeadEventData,
)

LEAD_FACTS_CONSUMER = "kpi.lead-facts"
DEAL_FACTS_CONSUMER = "kpi.deal-facts"
ORDER_FACTS_CONSUMER = "kpi.order-facts"


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    async def leads_created(uow: UnitOfWork, events: Sequence[LeadCreatedEvent]) -> None:
        await record_leads_created(uow, events, settings.business_timezone)

    async def leads_changed(uow: UnitOfWork, events: Sequence[Envelope[LeadEventData]]) -> None:
        await record_lead_activity(uow, events, settings.business_timezone)

    async def deals_closed(uow: UnitOfWork, events: Sequence[Envelope[DealEventData]]) -> None:
        await record_deal_outcomes(uow, events, settings.business_timezone)

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
        Subscription(
            consumer=DEAL_FACTS_CONSUMER,
            topic=OPPORTUNITY_TOPIC,
            handles=[Handles(event, batch_effect=deals_closed) for event in DEAL_EVENTS],
            description="Projects won and lost deals into deal facts.",
        ),
        Subscription(
            consumer=ORDER_FACTS_CONSUMER,
            topic=ORDER_TOPIC,
            handles=[Handles(event, batch_effect=deals_closed) for event in ORDER_EVENTS],
            description="Projects deliveries and cancelled orders into deal facts.",
        ),
    ]
