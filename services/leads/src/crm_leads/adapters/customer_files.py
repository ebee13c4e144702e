"""Customer files: locked against recycling by their owner, what became of their opportunities
(from opportunities' events), and merged by a manager (合并客户) — locked in one order, their
open leads, and the move of one file's leads and identifiers into the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import changeable_by
from crm_leads.adapters.tables import (
    LEAD_IS_OPEN,
    customer_identifiers,
    customer_opportunities,
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


async def locked_customers_of(session: AsyncSession, tenant: str, user_id: str) -> int:
    count: int = (
        await session.execute(
            select(func.count())
            .select_from(leads.join(customers, customers.c.id == leads.c.customer_id))
            .where(
                leads.c.tenant == tenant,
                leads.c.owner_user == user_id,
                LEAD_IS_OPEN,
                customers.c.locked,
            )
        )
    ).scalar_one()
    return count


async def set_customer_locked(session: AsyncSession, customer_id: UUID, locked: bool) -> None:
    await session.execute(
        update(customers).where(customers.c.id == customer_id).values(locked=locked)
    )


async def record_customer_opportunity(
    session: AsyncSession,
    *,
    tenant: str,
    opportunity_id: UUID,
    customer_id: UUID,
    status: str,
    at: datetime,
) -> None:
    """Upserts the opportunity's status unless a later event already set it."""
    statement = pg_insert(customer_opportunities).values(
        opportunity_id=opportunity_id,
        tenant=tenant,
        customer_id=customer_id,
        status=status,
        status_at=at,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[customer_opportunities.c.opportunity_id],
            set_={"status": statement.excluded.status, "status_at": statement.excluded.status_at},
            where=customer_opportunities.c.status_at <= statement.excluded.status_at,
        )
    )


async def reopen_customer_opportunity(
    session: AsyncSession, *, opportunity_id: UUID, at: datetime
) -> None:
    """A cancelled order reopens a won opportunity (known only if its opening was seen)."""
    await session.execute(
        update(customer_opportunities)
        .where(
            customer_opportunities.c.opportunity_id == opportunity_id,
            customer_opportunities.c.status_at <= at,
        )
        .values(status="open", status_at=at)
    )
