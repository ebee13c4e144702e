"""Merging customer files (合并客户): one person recorded twice in a dealer's book (two phone
numbers) becomes one customer with one owner; the merge is audited and published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select, update

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import CustomerMerged
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel, changeable_by
from crm_common.policy.audit import record_personal_data_access
from crm_leads.adapters.tables import (
    LEAD_IS_OPEN,
    customer_identifiers,
    customers,
    lead_history,
    leads,
)
from crm_leads.application.handlers import PERSONAL_FIELDS


class CustomerNotFound(LookupError):
    """No such customer (not merged away) in a book the caller manages (answered 404)."""


class MergeRefused(Exception):
    """The two files cannot be merged as they are (answered 409, the detail says why)."""


@dataclass(frozen=True, slots=True)
class Merge:
    customer_id: UUID
    moved_leads: list[UUID]


async def merge_customers(
    source_id: UUID, into_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Merge:
    """Moves every lead and identifier of ``source_id`` to ``into_id`` and marks the source
    merged. Both files must be of the same book; if both have an open lead, one must be
    released or closed first (which consultant keeps the customer is the manager's decision,
    not the merge's)."""
    if source_id == into_id:
        raise MergeRefused("a customer cannot be merged into itself")
    managed = changeable_by(actor, tenant=customers.c.tenant, owner_org=customers.c.owner_org)
    async with uow:
        session = uow.session
        rows = {
            row.id: row
            for row in await session.execute(
                select(customers)
                .where(customers.c.id.in_([source_id, into_id]), managed)
                .order_by(customers.c.id)  # one lock order for every merge
                .with_for_update()
            )
        }
        source, into = rows.get(source_id), rows.get(into_id)
        if source is None or into is None or source.merged_into or into.merged_into:
            raise CustomerNotFound("customer not found")
        if (source.tenant, source.owner_org) != (into.tenant, into.owner_org):
            raise MergeRefused("customers of different books are different customers")
        open_leads = (
            (
                await session.execute(
                    select(leads.c.customer_id).where(
                        leads.c.customer_id.in_([source_id, into_id]), LEAD_IS_OPEN
                    )
                )
            )
            .scalars()
            .all()
        )
        if set(open_leads) == {source_id, into_id}:
            raise MergeRefused("both customers have an open lead: release or close one first")
        moved = list(
            (
                await session.execute(
                    update(leads)
                    .where(leads.c.customer_id == source_id)
                    .values(customer_id=into_id)
                    .returning(leads.c.id)
                )
            ).scalars()
        )
        await session.execute(
            update(customers).where(customers.c.id == source_id).values(merged_into=into_id)
        )
        # Its WeChat id, email and ID number are the merged customer's now (unique per book:
        # nothing to reconcile).
        await session.execute(
            update(customer_identifiers)
            .where(customer_identifiers.c.customer_id == source_id)
            .values(customer_id=into_id)
        )
        if moved:
            await session.execute(
                insert(lead_history),
                [
                    {
                        "lead_id": lead_id,
                        "tenant": into.tenant,
                        "owner_org": into.owner_org,
                        "kind": "merged",
                        "actor": actor.user_id,
                        "reason": f"customer {source_id} merged into {into_id}",
                        "at": now,
                    }
                    for lead_id in moved
                ],
            )
        await record_personal_data_access(
            session,
            actor,
            action="merge",
            resource_type=DataType.CUSTOMER,
            resource_id=str(into_id),
            owner_org=into.owner_org,
            fields=PERSONAL_FIELDS,
            level=SharingLevel.FULL,
            endpoint="POST /customers/{customer_id}/merge",
        )
        await uow.publish(
            new_event(
                CustomerMerged(
                    customer_id=into_id,
                    merged_customer_id=source_id,
                    dealer_id=into.owner_org,
                    moved_leads=moved,
                    at=now,
                ),
                tenant=into.tenant,
                owner_org=into.owner_org,
                actor=actor.user_id,
            )
        )
    return Merge(into_id, moved)
