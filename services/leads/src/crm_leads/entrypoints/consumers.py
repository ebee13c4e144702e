"""What the leads worker consumes: identity's org tree and sharing (the shared policy copies)
and its users (who may own leads; a deactivated user's leads go back to their pools)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from crm_common.contracts.events.identity.v1 import USER_TOPIC, UserChanged, UserChangedEvent
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


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=f"{settings.service_name}.staff",
            topic=USER_TOPIC,
            handles=[Handles(UserChanged, record_user_change)],
            description="Keeps the staff who may own leads; hands back a deactivated user's leads.",
        ),
    ]
