"""The staff copy: who may own opportunities, from identity's UserChanged."""

from __future__ import annotations

from crm_common.contracts.events.identity.v1 import UserChangedEvent
from crm_common.db import UnitOfWork
from crm_opportunities.adapters import repository


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
