"""What the leads worker consumes: identity's org tree and sharing (the shared policy copies),
its users (who may own leads; a deactivated user's leads go back to their pools), and the
opportunities of leads' customers (what the "not won" and exclusion recycle rules read)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.identity.v1 import USER_TOPIC, UserChanged, UserChangedEvent
from crm_common.contracts.events.opportunities.v1 import (
    OPPORTUNITY_TOPIC,
    ORDER_TOPIC,
    DealLost,
    DealWon,
    OpportunityOpened,
    OrderCancelled,
)
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings
from crm_leads.adapters import repository
from crm_leads.application.handlers import hand_back_leads_of

log = logging.getLogger(__name__)


async def record_user_change(uow: UnitOfWork, event: UserChangedEvent) -> None:
    user = event.data
    await repository.record_staff(
        uow.session,
        tenant=event.tenant,
        user_id=str(user.user_id),
        org_node=user.org_id,
        roles=user.roles,
        active=user.active,
    )
    if not user.active:
        released = await hand_back_leads_of(
            uow, tenant=event.tenant, user_id=str(user.user_id), now=event.occurred_at
        )
        log.info("leads of a deactivated user released", extra={"released": released})


OPPORTUNITY_STATUS: dict[type[EventData], str] = {
    OpportunityOpened: "open",
    DealWon: "won",
    DealLost: "lost",
}


async def record_customer_opportunity(
    uow: UnitOfWork, event: Envelope[OpportunityOpened | DealWon | DealLost]
) -> None:
    if event.data.customer_id is None:
        return  # opened without a lead: no customer of leads to speak of
    await repository.record_customer_opportunity(
        uow.session,
        tenant=event.tenant,
        opportunity_id=event.data.opportunity_id,
        customer_id=event.data.customer_id,
        status=OPPORTUNITY_STATUS[type(event.data)],
        at=event.data.at,
    )


async def reopen_customer_opportunity(uow: UnitOfWork, event: Envelope[OrderCancelled]) -> None:
    await repository.reopen_customer_opportunity(
        uow.session, opportunity_id=event.data.opportunity_id, at=event.data.at
    )


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=f"{settings.service_name}.staff",
            topic=USER_TOPIC,
            handles=[Handles(UserChanged, record_user_change)],
            description="Keeps the staff who may own leads; hands back a deactivated user's leads.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.customer-opportunities",
            topic=OPPORTUNITY_TOPIC,
            handles=[Handles(event, record_customer_opportunity) for event in OPPORTUNITY_STATUS],
            description="Keeps which customers have open, won or lost opportunities.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.customer-orders",
            topic=ORDER_TOPIC,
            handles=[Handles(OrderCancelled, reopen_customer_opportunity)],
            description="A cancelled order reopens the customer's won opportunity.",
        ),
    ]
