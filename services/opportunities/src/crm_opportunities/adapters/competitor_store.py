"""The statements over competitors and the competitors opportunities meet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_opportunities.adapters.tables import competitors, opportunity_competitors
from crm_opportunities.domain.competition import Competitor, InPlay


def lists_usable_by(tenant: str, book: str) -> ColumnElement[bool]:
    """Competitors on the list of the book or of a node above it (HQ's list is every
    dealer's)."""
    book_path = (
        select(org_directory.c.path)
        .where(org_directory.c.tenant == tenant, org_directory.c.id == book)
        .scalar_subquery()
    )
    above = select(org_directory.c.id).where(
        org_directory.c.tenant == tenant, func.starts_with(book_path, org_directory.c.path)
    )
    return (competitors.c.tenant == tenant) & or_(
        competitors.c.owner_org == book, competitors.c.owner_org.in_(above)
    )


async def add(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    name: str,
    models: Sequence[str],
    now: datetime,
) -> UUID | None:
    """The new competitor's id; None when the book lists one of that name already."""
    added = await session.execute(
        pg_insert(competitors)
        .values(
            id=uuid4(),
            tenant=tenant,
            owner_org=owner_org,
            name=name,
            models=list(models),
            active=True,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing()
        .returning(competitors.c.id)
    )
    found: UUID | None = added.scalar_one_or_none()
    return found


async def book_of(
    session: AsyncSession, competitor_id: UUID, changeable: ColumnElement[bool]
) -> tuple[str, str] | None:
    """The (tenant, book) of the competitor, locked, if the caller may change it."""
    row = (
        await session.execute(
            select(competitors.c.tenant, competitors.c.owner_org)
            .where(competitors.c.id == competitor_id, changeable)
            .with_for_update()
        )
    ).first()
    return None if row is None else (row.tenant, row.owner_org)


async def name_taken(
    session: AsyncSession, tenant: str, book: str, name: str, other_than: UUID
) -> bool:
    taken = await session.execute(
        select(competitors.c.id).where(
            competitors.c.tenant == tenant,
            competitors.c.owner_org == book,
            func.lower(competitors.c.name) == name.lower(),
            competitors.c.id != other_than,
        )
    )
    return taken.first() is not None


async def change(
    session: AsyncSession,
    competitor_id: UUID,
    *,
    name: str,
    models: Sequence[str],
    active: bool,
    now: datetime,
) -> None:
    await session.execute(
        update(competitors)
        .where(competitors.c.id == competitor_id)
        .values(name=name, models=list(models), active=active, updated_at=now)
    )


async def usable_by(session: AsyncSession, tenant: str, book: str) -> dict[UUID, Competitor]:
    rows = await session.execute(
        select(
            competitors.c.id, competitors.c.name, competitors.c.models, competitors.c.active
        ).where(lists_usable_by(tenant, book))
    )
    return {r.id: Competitor(r.id, r.name, tuple(r.models), r.active) for r in rows}


async def replace_in_play(
    session: AsyncSession,
    *,
    opportunity_id: UUID,
    tenant: str,
    owner_org: str,
    in_play: Sequence[InPlay],
    by: str,
    now: datetime,
) -> None:
    oc = opportunity_competitors
    await session.execute(delete(oc).where(oc.c.opportunity_id == opportunity_id))
    if in_play:
        await session.execute(
            insert(oc),
            [
                {
                    "opportunity_id": opportunity_id,
                    "competitor_id": entry.competitor_id,
                    "tenant": tenant,
                    "owner_org": owner_org,
                    "models": list(entry.models),
                    "recorded_by": by,
                    "recorded_at": now,
                }
                for entry in in_play
            ],
        )
