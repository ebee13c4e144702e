"""Merging customer files (合并客户): one person recorded twice in a dealer's book (two phone
numbers) becomes one customer with one owner; the merge is audited and published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import CustomerMerged
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_leads.adapters import customer_files
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
    async with uow:
        session = uow.session
        files = await customer_files.lock_managed(session, actor, [source_id, into_id])
        source, into = files.get(source_id), files.get(into_id)
        if source is None or into is None or source.merged_into or into.merged_into:
            raise CustomerNotFound("customer not found")
        if (source.tenant, source.owner_org) != (into.tenant, into.owner_org):
            raise MergeRefused("customers of different books are different customers")
        open_leads = await customer_files.with_open_lead(session, [source_id, into_id])
        if open_leads == {source_id, into_id}:
            raise MergeRefused("both customers have an open lead: release or close one first")
        moved = await customer_files.merge(session, source, into, actor=actor.user_id, now=now)
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
