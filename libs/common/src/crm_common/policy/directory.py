"""What every service knows of identity's policy data: the org tree and the sharing agreements,
kept current from identity's events in the service's own tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BindParameter, ScalarSelect, Select, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.events.identity.v1 import (
    ORG_TOPIC,
    SHARING_TOPIC,
    OrgChanged,
    OrgChangedEvent,
    SharingPolicyChanged,
    SharingPolicyChangedEvent,
)
from crm_common.db.tables import org_directory, sharing_levels
from crm_common.db.unit_of_work import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.sharing import SharingLevel
from crm_common.settings import Settings


async def dealer_of(session: AsyncSession, tenant: str, org_node: str) -> str | None:
    """The dealer an org node belongs to (None above dealers, or for a node not known yet)."""
    dealer: str | None = (await session.execute(_dealer_of(tenant, org_node))).scalar_one_or_none()
    return dealer


def dealer_of_node(
    tenant: str | BindParameter[str], org_node: str | BindParameter[str]
) -> ScalarSelect[str | None]:
    """``dealer_of`` as a subquery, for a statement that reads it with other things (a lead
    create's book and its settings: one round trip); given bound parameters, for a statement
    built once."""
    return _dealer_of(tenant, org_node).scalar_subquery()


def _dealer_of(tenant: str | BindParameter[str], org_node: str | BindParameter[str]) -> Select[Any]:
    return select(org_directory.c.dealer_id).where(
        org_directory.c.tenant == tenant, org_directory.c.id == org_node
    )


async def record_org_change(uow: UnitOfWork, event: OrgChangedEvent) -> None:
    values = {
        "tenant": event.tenant,
        "parent_id": event.data.parent_id,
        "kind": event.data.kind,
        "path": event.data.path,
        "dealer_id": event.data.dealer_id,
        "active": event.data.active,
    }
    await uow.session.execute(
        insert(org_directory)
        .values(id=event.data.org_id, **values)
        .on_conflict_do_update(index_elements=[org_directory.c.id], set_=values)
    )


async def record_sharing_change(uow: UnitOfWork, event: SharingPolicyChangedEvent) -> None:
    level = SharingLevel.parse(event.data.level).value
    await uow.session.execute(
        insert(sharing_levels)
        .values(
            tenant=event.tenant,
            data_type=event.data.data_type,
            direction=event.data.direction,
            dealer_id=event.data.dealer_id,
            partner_id=event.data.partner_id,
            level=level,
        )
        .on_conflict_do_update(
            index_elements=list(sharing_levels.primary_key), set_={"level": level}
        )
    )


def policy_subscriptions(settings: Settings) -> Sequence[Subscription]:
    """Every service that scopes queries consumes these (its own groups and inboxes)."""
    return [
        Subscription(
            consumer=f"{settings.service_name}.org-directory",
            topic=ORG_TOPIC,
            handles=[Handles(OrgChanged, record_org_change)],
            description="Keeps this service's copy of the org tree.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.sharing-levels",
            topic=SHARING_TOPIC,
            handles=[Handles(SharingPolicyChanged, record_sharing_change)],
            description="Keeps this service's copy of the sharing agreements.",
        ),
    ]
