"""Rows of service agreements and what a ticket's coverage is computed from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_service_desk.adapters.tables import (
    agreement_visits,
    service_agreements,
    ticket_categories,
    vehicles,
)
from crm_service_desk.domain.agreements import Agreement, AgreementKind

s = service_agreements
MOST_COVERING = 200
"""Agreements of a vehicle or customer a ticket's coverage weighs, the oldest first."""


async def add_agreement(session: AsyncSession, values: dict[str, Any]) -> dict[str, Any]:
    return dict((await session.execute(insert(s).values(**values).returning(s))).mappings().one())


async def unknown_categories(
    session: AsyncSession, tenant: str, chain: Sequence[str], codes: Sequence[str]
) -> list[str]:
    """The codes no node of ``chain`` defines."""
    c = ticket_categories
    known = await session.execute(
        select(c.c.code).where(c.c.tenant == tenant, c.c.owner_org.in_(chain), c.c.code.in_(codes))
    )
    found = set(known.scalars())
    return [code for code in codes if code not in found]


async def agreements_of(
    session: AsyncSession,
    tenant: str,
    books: Sequence[str],
    *,
    vin: str | None,
    customer_id: UUID | None,
    limit: int = MOST_COVERING,
    offset: int = 0,
    lock: bool = False,
) -> list[dict[str, Any]]:
    """The agreements ``books`` sold for the vehicle or the customer, oldest first (a ticket's
    coverage looks at the first MOST_COVERING); ``lock``: locked, to count a visit."""
    names = []
    if vin is not None:
        names.append(s.c.vin == vin)
    if customer_id is not None:
        names.append(s.c.customer_id == customer_id)
    if not names:
        return []
    query = (
        select(s)
        .where(s.c.tenant == tenant, s.c.owner_org.in_(books), or_(*names))
        .order_by(s.c.created_at, s.c.id)
        .limit(limit)
        .offset(offset)
    )
    if lock:
        query = query.with_for_update()
    return [dict(r) for r in (await session.execute(query)).mappings()]


async def visit_of_ticket(session: AsyncSession, ticket_id: UUID) -> UUID | None:
    """The agreement whose visit the ticket used up, if any."""
    found = await session.execute(
        select(agreement_visits.c.agreement_id).where(agreement_visits.c.ticket_id == ticket_id)
    )
    agreement_id: UUID | None = found.scalar_one_or_none()
    return agreement_id


async def use_visit(session: AsyncSession, values: dict[str, Any]) -> None:
    """One of the agreement's visits, used up by the ticket (the agreement is locked)."""
    await session.execute(insert(agreement_visits).values(**values))
    await session.execute(
        update(s).where(s.c.id == values["agreement_id"]).values(visits_used=s.c.visits_used + 1)
    )


def agreement_of(row: dict[str, Any]) -> Agreement:
    return Agreement(
        id=row["id"],
        kind=AgreementKind(row["kind"]),
        name=row["name"],
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        categories=tuple(row["categories"]),
        max_km=row["max_km"],
        visits=row["visits"],
        visits_used=row["visits_used"],
    )


async def category_codes(session: AsyncSession, category_id: UUID | None) -> list[str]:
    """The category's code and its parents', nearest first."""
    c = ticket_categories
    codes: list[str] = []
    while category_id is not None and len(codes) < 10:
        row = (await session.execute(select(c).where(c.c.id == category_id))).mappings().first()
        if row is None:
            break
        codes.append(row["code"])
        category_id = row["parent_id"]
    return codes


async def mileage_of(session: AsyncSession, tenant: str, vin: str | None) -> int | None:
    if vin is None:
        return None
    v = vehicles
    found = await session.execute(
        select(v.c.mileage_km).where(v.c.tenant == tenant, v.c.vin == vin)
    )
    mileage: int | None = found.scalar_one_or_none()
    return mileage
