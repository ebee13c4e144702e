"""Rows of the knowledge base: articles and the tickets they helped with."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_service_desk.adapters.tables import knowledge_article_uses, knowledge_articles

a = knowledge_articles


async def add_article(session: AsyncSession, values: dict[str, Any]) -> dict[str, Any]:
    row = (await session.execute(insert(a).values(**values).returning(a))).mappings().one()
    return dict(row)


async def article_in_books(
    session: AsyncSession, tenant: str, books: list[str], article_id: UUID, *, lock: bool = False
) -> dict[str, Any] | None:
    """The article if one of ``books`` wrote it."""
    query = select(a).where(a.c.id == article_id, a.c.tenant == tenant, a.c.owner_org.in_(books))
    if lock:
        query = query.with_for_update()
    row = (await session.execute(query)).mappings().first()
    return None if row is None else dict(row)


async def revise_article(
    session: AsyncSession, article_id: UUID, values: dict[str, Any]
) -> dict[str, Any]:
    query = update(a).where(a.c.id == article_id).values(**values).returning(a)
    return dict((await session.execute(query)).mappings().one())


async def count_use(
    session: AsyncSession, *, tenant: str, article_id: UUID, ticket_id: UUID, used_by: str, at: Any
) -> int | None:
    """Records that the article helped with the ticket; the article's new count, or None when
    this ticket was counted already."""
    added = await session.execute(
        pg_insert(knowledge_article_uses)
        .values(
            article_id=article_id, ticket_id=ticket_id, tenant=tenant, used_by=used_by, used_at=at
        )
        .on_conflict_do_nothing()
        .returning(knowledge_article_uses.c.article_id)
    )
    if added.first() is None:
        return None
    counted = await session.execute(
        update(a).where(a.c.id == article_id).values(uses=a.c.uses + 1).returning(a.c.uses)
    )
    uses: int = counted.scalar_one()
    return uses
