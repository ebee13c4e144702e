"""Read side of service agreements: a vehicle's or customer's agreements as the caller's book
reads them (its own and those of the nodes above it, e.g. HQ's warranty programme), and
whether a ticket's work is covered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_service_desk.adapters import agreement_store, repository
from crm_service_desk.adapters.access import visible_tickets
from crm_service_desk.adapters.tables import tickets
from crm_service_desk.domain.agreements import Coverage, coverage


async def agreements_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    vin: str | None,
    customer_id: UUID | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    async with sessions() as session:
        book = await repository.book_of(session, principal.tenant, principal.org_node)
        chain = await repository.org_chain(session, principal.tenant, book)
        return await agreement_store.agreements_of(
            session,
            principal.tenant,
            chain,
            vin=vin,
            customer_id=customer_id,
            limit=limit,
            offset=offset,
        )


@dataclass(frozen=True, slots=True)
class TicketCoverage:
    coverage: Coverage
    agreements: list[dict[str, Any]]
    mileage_km: int | None


async def coverage_of_ticket(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    on: date,
) -> TicketCoverage | None:
    """Whether the agreements the ticket's book honours (its own and those above it) cover
    the ticket's work on ``on``; None when the ticket is not visible."""
    t = tickets
    async with sessions() as session:
        row = (
            (
                await session.execute(
                    select(
                        t.c.tenant, t.c.owner_org, t.c.vin, t.c.customer_id, t.c.category_id
                    ).where(t.c.id == ticket_id, visible_tickets(principal))
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        chain = await repository.org_chain(session, row["tenant"], row["owner_org"])
        rows = await agreement_store.agreements_of(
            session, row["tenant"], chain, vin=row["vin"], customer_id=row["customer_id"]
        )
        path = await agreement_store.category_codes(session, row["category_id"])
        mileage = await agreement_store.mileage_of(session, row["tenant"], row["vin"])
    found = coverage(
        [agreement_store.agreement_of(r) for r in rows],
        category_path=path,
        on=on,
        mileage_km=mileage,
    )
    return TicketCoverage(found, rows, mileage)
