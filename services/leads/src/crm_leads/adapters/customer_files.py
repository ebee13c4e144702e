"""Customer files as a manager merges them (合并客户): locked in one order, their open leads,
and the move of one file's leads and identifiers into the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import changeable_by
from crm_leads.adapters.tables import (
    LEAD_IS_OPEN,
    customer_identifiers,
    customers,
    lead_history,
    leads,
)


@dataclass(frozen=True, slots=True)
class CustomerFile:
    id: UUID
    tenant: str
    owner_org: str
    merged_into: UUID | None


async def lock_managed(
    session: AsyncSession, manager: Principal, ids: Sequence[UUID]
) -> dict[UUID, CustomerFile]:
    """The files among ``ids`` in books the caller may change, locked in one order for every
    merge."""
    managed = changeable_by(manager, tenant=customers.c.tenant, owner_org=customers.c.owner_org)
    rows = await session.execute(
        select(customers.c.id, customers.c.tenant, customers.c.owner_org, customers.c.merged_into)
        .where(customers.c.id.in_(ids), managed)
        .order_by(customers.c.id)
        .with_for_update()
    )
    return {row.id: CustomerFile(*row) for row in rows}


async def with_open_lead(session: AsyncSession, ids: Sequence[UUID]) -> set[UUID]:
    """Which of the customers have an open lead."""
    found = await session.execute(
        select(leads.c.customer_id).where(leads.c.customer_id.in_(ids), LEAD_IS_OPEN)
    )
    return set(found.scalars())


async def merge(
    session: AsyncSession, source: CustomerFile, into: CustomerFile, *, actor: str, now: datetime
) -> list[UUID]:
    """Moves ``source``'s leads (each with a history entry) and identifiers to ``into`` and
    marks ``source`` merged; returns the leads moved."""
    moved = list(
        (
            await session.execute(
                update(leads)
                .where(leads.c.customer_id == source.id)
                .values(customer_id=into.id)
                .returning(leads.c.id)
            )
        ).scalars()
    )
    await session.execute(
        update(customers).where(customers.c.id == source.id).values(merged_into=into.id)
    )
    # Its WeChat id, email and ID number are the merged customer's now (unique per book:
    # nothing to reconcile).
    await session.execute(
        update(customer_identifiers)
        .where(customer_identifiers.c.customer_id == source.id)
        .values(customer_id=into.id)
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
                    "actor": actor,
                    "reason": f"customer {source.id} merged into {into.id}",
                    "at": now,
                }
                for lead_id in moved
            ],
        )
    return moved
