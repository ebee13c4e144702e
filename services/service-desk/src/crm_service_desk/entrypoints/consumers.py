"""What the service-desk worker consumes: identity's org tree and sharing (the shared policy
copies) and its users (who may work tickets)."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.events.identity.v1 import USER_TOPIC, UserChanged, UserChangedEvent
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings
from crm_service_desk.adapters import repository


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


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=f"{settings.service_name}.staff",
            topic=USER_TOPIC,
            handles=[Handles(UserChanged, record_user_change)],
            description="Keeps the staff who may work and watch tickets.",
        ),
    ]
