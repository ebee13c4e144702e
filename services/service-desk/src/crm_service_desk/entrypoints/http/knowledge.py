"""HTTP API of the knowledge base: articles (problem → solution) shared down the org tree,
searched like tickets, suggested while a ticket is written, their uses counted."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.db import UnitOfWork
from crm_common.runtime.paging import Paging, ShortPage, first_of
from crm_service_desk.application import knowledge as commands
from crm_service_desk.entrypoints.http.dependencies import (
    FORBIDDEN,
    NOT_FOUND,
    Configurer,
    Database,
    Now,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import (
    ArticleIn,
    ArticleUse,
    ArticleUses,
)
from crm_service_desk.views import knowledge as views
from crm_service_desk.views.knowledge import ArticlePublic, ArticleSuggestion

router = APIRouter(prefix="/knowledge-articles", tags=["knowledge base"])
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such article the caller's book reads (or wrote)"}
}


def _draft(body: ArticleIn) -> commands.ArticleDraft:
    return commands.ArticleDraft(
        title=body.title,
        problem=body.problem,
        solution=body.solution,
        category=body.category,
        published=body.published,
    )


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ArticlePublic, responses=FORBIDDEN
)
async def write_article(
    body: ArticleIn, principal: Configurer, db: Database, now: Now
) -> ArticlePublic:
    """An article of the caller's book, read by it and every book below it (an unknown
    ``category`` answers 422)."""
    article = await commands.write_article(_draft(body), principal, UnitOfWork(db), now=now)
    return ArticlePublic.model_validate({**article, "category": body.category})


@router.put("/{article_id}", response_model=ArticlePublic, responses={**FORBIDDEN, **_NOT_FOUND})
async def revise_article(
    article_id: UUID, body: ArticleIn, principal: Configurer, db: Database, now: Now
) -> ArticlePublic:
    """Only the book that wrote the article revises it."""
    article = await commands.revise_article(
        article_id, _draft(body), principal, UnitOfWork(db), now=now
    )
    return ArticlePublic.model_validate({**article, "category": body.category})


@router.get("", response_model=list[ArticlePublic], responses=FORBIDDEN)
async def list_articles(
    principal: TicketReader,
    db: Database,
    page: ShortPage,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Words of the title, problem or solution"),
    ] = None,
    category: Annotated[str | None, Query(max_length=60)] = None,
) -> list[ArticlePublic]:
    """The articles the caller's book reads, most used first; search in Chinese or English
    as tickets are searched."""
    return await views.articles_for(
        db, principal, text=q, category=category, limit=page.limit, offset=page.offset
    )


@router.get("/suggestions", response_model=list[ArticleSuggestion], responses=FORBIDDEN)
async def suggest_articles(
    principal: TicketReader,
    db: Database,
    text: Annotated[
        str, Query(min_length=1, max_length=2000, description="The ticket being written")
    ],
    page: Annotated[Paging, first_of(default=5, most=20)],
    category: Annotated[str | None, Query(max_length=60)] = None,
) -> list[ArticleSuggestion]:
    """Articles for a ticket being written: those sharing most words with its text first."""
    return await views.suggestions_for(
        db, principal, text=text, category=category, limit=page.limit
    )


@router.get("/{article_id}", response_model=ArticlePublic, responses={**FORBIDDEN, **_NOT_FOUND})
async def get_article(article_id: UUID, principal: TicketReader, db: Database) -> ArticlePublic:
    article = await views.article_for(db, principal, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="article not found")
    return article


@router.post("/{article_id}/uses", response_model=ArticleUses, responses={**FORBIDDEN, **NOT_FOUND})
async def count_use(
    article_id: UUID, body: ArticleUse, principal: TicketWorker, db: Database, now: Now
) -> ArticleUses:
    """The article helped with a ticket the caller works: counted once per ticket and noted
    in the ticket's history (404 for a ticket or an article the caller may not use)."""
    uses = await commands.count_use(article_id, body.ticket_id, principal, UnitOfWork(db), now=now)
    return ArticleUses(uses=uses)
