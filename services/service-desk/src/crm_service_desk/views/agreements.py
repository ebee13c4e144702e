"""Read side of service agreements: a vehicle's or customer's agreements as the caller's book
reads them (its own and those of the nodes above it, e.g. HQ's warranty programme), and
whether a ticket's work is covered."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.runtime.paging import capped
from crm_service_desk.adapters import agreement_store, repository
from crm_service_desk.adapters.access import visible_tickets
from crm_service_desk.adapters.agreement_store import MOST_COVERING
from crm_service_desk.adapters.tables import tickets
from crm_service_desk.domain.agreements import AgreementKind, coverage


class AgreementPublic(BaseModel):
    id: UUID
    owner_org: str
    kind: AgreementKind
    name: str
    vin: str | None
    customer_id: UUID | None
    categories: list[str]
    valid_from: date
    valid_until: date
    max_km: int | None
    visits: int | None
    visits_used: int
    created_by: str
    created_at: datetime


class CoveragePublic(BaseModel):
    covered: bool
    agreement_id: UUID | None = Field(description="The agreement that covers the work")
    reason: str
    visit_used: bool = Field(
        description="The ticket, resolved, used up a visit of the agreement that covers it"
    )
    mileage_km: int | None = Field(description="The vehicle's last known mileage")
    agreements: list[AgreementPublic] = Field(
        max_length=MOST_COVERING,
        description=f"The vehicle's or customer's agreements, the oldest {MOST_COVERING}: the"
        " ones coverage weighed",
    )
    agreements_truncated: bool = Field(
        description="The vehicle or customer has more agreements than coverage weighed"
    )


async def agreements_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    vin: str | None,
    customer_id: UUID | None,
    limit: int,
    offset: int,
) -> list[AgreementPublic]:
    """A page of the agreements the caller's book honours, oldest first."""
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        rows = await agreement_store.agreements_of(
            session,
            principal.tenant,
            chain,
            vin=vin,
            customer_id=customer_id,
            limit=limit,
            offset=offset,
        )
    return [AgreementPublic.model_validate(row) for row in rows]


async def coverage_of_ticket(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    on: date,
) -> CoveragePublic | None:
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
        # One more than weighed: whether any was left out.
        read = await agreement_store.agreements_of(
            session,
            row["tenant"],
            chain,
            vin=row["vin"],
            customer_id=row["customer_id"],
            limit=MOST_COVERING + 1,
        )
        path = await agreement_store.category_codes(session, row["category_id"])
        mileage = await agreement_store.mileage_of(session, row["tenant"], row["vin"])
        used = await agreement_store.visit_of_ticket(session, ticket_id)
    rows, truncated = capped(read, MOST_COVERING)
    found = coverage(
        [agreement_store.agreement_of(r) for r in rows],
        category_path=path,
        on=on,
        mileage_km=mileage,
        visit_used_of=used,
    )
    return CoveragePublic(
        covered=found.covered,
        agreement_id=found.agreement_id,
        reason=found.reason,
        visit_used=used is not None and used == found.agreement_id,
        mileage_km=mileage,
        agreements=[AgreementPublic.model_validate(row) for row in rows],
        agreements_truncated=truncated,
    )
