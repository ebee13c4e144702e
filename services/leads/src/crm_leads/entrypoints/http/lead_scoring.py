"""HTTP API of lead scoring: the models' quality report. Scores themselves travel with the
leads (``GET /leads``, ``GET /pools/{id}/leads``); the worker trains and scores."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database
from crm_common.runtime.paging import Page
from crm_leads.views import lead_scores as views
from crm_leads.views.lead_scores import ScoreModelReport

router = APIRouter(prefix="/lead-scoring", tags=["lead scoring"])
BookManager = Annotated[Principal, requires("pool.manage")]


@router.get(
    "/models",
    response_model=list[ScoreModelReport],
    responses={403: {"description": "The role lacks the function"}},
)
async def list_models(
    principal: BookManager,
    db: Database,
    page: Page,
    book: Annotated[
        str | None,
        Query(
            max_length=64, pattern=r"^[\w.-]+$", description="Only this book's models (an org id)"
        ),
    ] = None,
) -> list[ScoreModelReport]:
    """The lead-scoring models of the books whose figures the caller may see, newest first:
    each version's training history, its quality on the held-out month (AUC, Brier score,
    calibration), whether it scores leads and what it learnt matters. A book with none has too
    little closed history yet (its leads show no score, or its region's)."""
    return await views.score_models(db, principal, book=book, limit=page.limit, offset=page.offset)
