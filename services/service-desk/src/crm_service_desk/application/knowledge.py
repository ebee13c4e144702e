"""The knowledge base (problems and their solutions): a node writes articles for its own book
and every book below it (HQ for the whole network, a dealer for itself); staff find them with
the tickets' search, get them suggested while writing a ticket, and count each ticket an
article solved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import knowledge_store, repository
from crm_service_desk.application.tickets import changing
from crm_service_desk.domain.search import grams


class ArticleNotFound(LookupError):
    """No such article the caller may read (or revise): answered 404."""


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    title: str
    problem: str
    solution: str
    category: str | None = None
    """A category code of the writer's book or of a node above it."""
    published: bool = True
    """False: a draft only the writing book sees."""


async def _values(
    uow: UnitOfWork, actor: Principal, book: str, draft: ArticleDraft
) -> dict[str, Any]:
    for name in ("title", "problem", "solution"):
        if not getattr(draft, name).strip():
            raise InvalidInput(name, "needs some text")
    category_id = None
    if draft.category is not None:
        chain = await repository.org_chain(uow.session, actor.tenant, book)
        path = await repository.category_path(uow.session, actor.tenant, chain, draft.category)
        if not path:
            raise InvalidInput("category", f"unknown category {draft.category!r}")
        category_id = path[0]["id"]
    return {
        "category_id": category_id,
        "title": draft.title.strip(),
        "problem": draft.problem.strip(),
        "solution": draft.solution.strip(),
        "published": draft.published,
        "search_grams": grams(f"{draft.title} {draft.problem} {draft.solution}"),
    }


async def write_article(
    draft: ArticleDraft, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> dict[str, Any]:
    """A new article of the caller's book."""
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        return await knowledge_store.add_article(
            uow.session,
            {
                **await _values(uow, actor, book, draft),
                "id": uuid4(),
                "tenant": actor.tenant,
                "owner_org": book,
                "uses": 0,
                "created_by": actor.user_id,
                "created_at": now,
                "updated_at": now,
            },
        )


async def revise_article(
    article_id: UUID, draft: ArticleDraft, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> dict[str, Any]:
    """Only the book that wrote an article revises it (a dealer reads HQ's, never edits it)."""
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        found = await knowledge_store.article_in_books(
            uow.session, actor.tenant, [book], article_id, lock=True
        )
        if found is None:
            raise ArticleNotFound("article not found")
        values = await _values(uow, actor, book, draft)
        return await knowledge_store.revise_article(
            uow.session, article_id, {**values, "updated_at": now}
        )


async def count_use(
    article_id: UUID, ticket_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> int:
    """The article solved (or helped with) a ticket the caller works: counted once per ticket,
    noted in the ticket's history. The article must be one the ticket's book reads."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        chain = await repository.org_chain(uow.session, ticket.tenant, ticket.owner_org)
        article = await knowledge_store.article_in_books(
            uow.session, ticket.tenant, chain, article_id, lock=True
        )
        if article is None or not (
            article["published"] or article["owner_org"] == ticket.owner_org
        ):
            raise ArticleNotFound("article not found")
        uses = await knowledge_store.count_use(
            uow.session,
            tenant=ticket.tenant,
            article_id=article_id,
            ticket_id=ticket.id,
            used_by=actor.user_id,
            at=now,
        )
        if uses is None:
            return int(article["uses"])
        await repository.add_history(
            uow.session,
            ticket,
            actor=actor.user_id,
            action="article_used",
            at=now,
            detail={"article": str(article_id), "title": article["title"]},
        )
        return uses
