"""Read side of the knowledge base: the articles a caller's book reads (its own and those of
every node above it; drafts only the writing book's), searched like tickets, and the
suggestions for a ticket being written."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, Text, any_, func, literal, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.tables import knowledge_articles, ticket_categories
from crm_service_desk.domain.search import grams
from crm_service_desk.views.search import text_matches

a = knowledge_articles


class ArticlePublic(BaseModel):
    id: UUID
    owner_org: str
    category: str | None
    title: str
    problem: str
    solution: str
    published: bool
    uses: int = Field(description="Tickets the article helped with")
    created_by: str
    created_at: datetime
    updated_at: datetime


class ArticleSuggestion(ArticlePublic):
    shared_keys: int = Field(description="Search keys shared with the text being written")


async def _readable(session: AsyncSession, principal: Principal) -> ColumnElement[bool]:
    book = await repository.book_of(session, principal.tenant, principal.org_node)
    chain = await repository.org_chain(session, principal.tenant, book)
    return (
        (a.c.tenant == principal.tenant)
        & a.c.owner_org.in_(chain)
        & or_(a.c.published, a.c.owner_org == book)
    )


def _with_category(query: Select[Any]) -> Select[Any]:
    return query.add_columns(ticket_categories.c.code.label("category")).outerjoin(
        ticket_categories, ticket_categories.c.id == a.c.category_id
    )


async def article_list_query(
    session: AsyncSession,
    principal: Principal,
    *,
    text: str | None,
    category: str | None,
    limit: int,
    offset: int,
) -> Select[Any]:
    """The articles the caller reads, matching, most used first, then the latest revised."""
    query = _with_category(select(a)).where(await _readable(session, principal))
    if text is not None:
        query = query.where(*text_matches(a.c.search_grams, a.c.search_text, text))
    if category is not None:
        query = query.where(ticket_categories.c.code == category)
    query = query.order_by(a.c.uses.desc(), a.c.updated_at.desc(), a.c.id)
    return query.limit(limit).offset(offset)


async def articles_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    text: str | None,
    category: str | None,
    limit: int,
    offset: int,
) -> list[ArticlePublic]:
    async with sessions() as session:
        query = await article_list_query(
            session, principal, text=text, category=category, limit=limit, offset=offset
        )
        rows = await session.execute(query)
        return [ArticlePublic.model_validate(row) for row in rows.mappings()]


async def article_for(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, article_id: UUID
) -> ArticlePublic | None:
    async with sessions() as session:
        query = _with_category(select(a)).where(
            a.c.id == article_id, await _readable(session, principal)
        )
        row = (await session.execute(query)).mappings().first()
    return None if row is None else ArticlePublic.model_validate(row)


async def suggestions_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    text: str,
    category: str | None,
    limit: int,
) -> list[ArticleSuggestion]:
    """Published articles sharing the most search keys (Chinese bigrams, Latin words) with
    what is being written, then the most used; a category narrows them."""
    async with sessions() as session:
        query = await suggestion_query(session, principal, text=text, category=category)
        if query is None:
            return []
        rows = await session.execute(query.limit(limit))
        return [ArticleSuggestion.model_validate(row) for row in rows.mappings()]


async def suggestion_query(
    session: AsyncSession, principal: Principal, *, text: str, category: str | None
) -> Select[Any] | None:
    """The suggestions for ``text``, best first (None: the text has no search keys)."""
    keys = grams(text)
    if not keys:
        return None
    wanted = literal(keys, ARRAY(Text))
    key = func.unnest(a.c.search_grams).table_valued("key").render_derived(name="k")
    shared = (
        select(func.count())
        .select_from(key)
        .where(key.c.key == any_(wanted))
        .scalar_subquery()
        .label("shared_keys")
    )
    query = (
        _with_category(select(a, shared))
        .where(
            await _readable(session, principal),
            a.c.published,
            a.c.search_grams.overlap(wanted),
        )
        .order_by(shared.desc(), a.c.uses.desc(), a.c.id)
    )
    if category is not None:
        query = query.where(ticket_categories.c.code == category)
    return query
