"""What the worker consumes: the org tree and staff copies, and the events that need a person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from redis.asyncio import Redis

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import (
    LEAD_TOPIC,
    LeadCallbackDue,
    LeadClaimBlocked,
    LeadEscalated,
    LeadRecycleDue,
)
from crm_common.contracts.events.opportunities.v1 import QUOTE_TOPIC, QuoteApprovalRequested
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.staff import staff_subscription
from crm_common.settings import Settings
from crm_notifications.application.delivery import record_notices


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    zone = ZoneInfo(settings.business_timezone)
    redis = Redis.from_url(settings.redis_url, socket_timeout=1.0)

    async def notify(uow: UnitOfWork, event: Envelope[Any]) -> None:
        await record_notices(uow, event, zone, redis)

    return [
        *policy_subscriptions(settings),
        staff_subscription(settings, description="Who holds which role where: the readers."),
        Subscription(
            consumer=f"{settings.service_name}.lead-notices",
            own_deployment_only=True,
            topic=LEAD_TOPIC,
            handles=[
                Handles(event, notify)
                for event in (LeadRecycleDue, LeadEscalated, LeadClaimBlocked, LeadCallbackDue)
            ],
            description="A lead about to be recycled, escalated, a blocked claim, or a callback "
            "fallen due: its people.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.quote-notices",
            own_deployment_only=True,
            topic=QUOTE_TOPIC,
            handles=[Handles(QuoteApprovalRequested, notify)],
            description="A discount awaiting approval: the approvers of the dealer.",
        ),
    ]
