"""The org tree as each service knows it: kept current from identity.OrgChanged events."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert

from crm_common.contracts.events.identity.v1 import ORG_TOPIC, OrgChanged, OrgChangedEvent
from crm_common.db.tables import org_directory
from crm_common.db.unit_of_work import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.settings import Settings


async def record_org_change(uow: UnitOfWork, event: OrgChangedEvent) -> None:
    values = {
        "tenant": event.tenant,
        "parent_id": event.data.parent_id,
        "kind": event.data.kind,
        "path": event.data.path,
        "active": event.data.active,
    }
    await uow.session.execute(
        insert(org_directory)
        .values(id=event.data.org_id, **values)
        .on_conflict_do_update(index_elements=[org_directory.c.id], set_=values)
    )


def org_directory_subscription(settings: Settings) -> Subscription:
    """Every service that scopes queries by subtree consumes this (its own group and inbox)."""
    return Subscription(
        consumer=f"{settings.service_name}.org-directory",
        topic=ORG_TOPIC,
        handles=[Handles(OrgChanged, record_org_change)],
        description="Keeps this service's copy of the org tree for the subtree data scope.",
    )
