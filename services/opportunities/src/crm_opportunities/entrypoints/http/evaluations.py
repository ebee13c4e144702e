"""HTTP API of evaluation questionnaires and opportunity evaluations."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page
from crm_opportunities.application import evaluations as commands
from crm_opportunities.entrypoints.http.schemas import (
    EvaluationCreate,
    EvaluationPublic,
    QuestionnaireCreate,
    QuestionnairePublic,
)
from crm_opportunities.views import evaluations as views

router = APIRouter(tags=["evaluations"])


def _public(found: views.QuestionnaireView) -> QuestionnairePublic:
    return QuestionnairePublic(
        id=found.id,
        owner_org=found.owner_org,
        name=found.name,
        questions=list(found.questionnaire.questions),
        max_score=found.questionnaire.max_score,
    )


@router.post(
    "/questionnaires",
    status_code=status.HTTP_201_CREATED,
    response_model=QuestionnairePublic,
    responses={403: {"description": "The role lacks pipeline.manage"}},
)
async def define_questionnaire(
    body: QuestionnaireCreate,
    actor: Annotated[Principal, requires("pipeline.manage")],
    db: Database,
    now: Now,
) -> QuestionnairePublic:
    """A questionnaire of the caller's dealer, or (from HQ or a region) for its dealers."""
    questionnaire_id = await commands.define_questionnaire(
        body.name, body.questionnaire(), actor, UnitOfWork(db), now=now
    )
    return _public(await views.questionnaire(db, actor.tenant, questionnaire_id))


@router.get(
    "/questionnaires",
    response_model=list[QuestionnairePublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_questionnaires(
    actor: Annotated[Principal, requires("opportunity.read")],
    db: Database,
    page: Page,
) -> list[QuestionnairePublic]:
    """The questionnaires the caller's dealer evaluates with (its own, its region's, HQ's);
    for HQ and regions, their own. Oldest first, a page at a time."""
    found = await views.questionnaires_for(db, actor, limit=page.limit, offset=page.offset)
    return [_public(q) for q in found]


@router.post(
    "/opportunities/{opportunity_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    response_model=EvaluationPublic,
    responses={
        403: {"description": "The role lacks opportunity.work"},
        404: {"description": "No such opportunity or questionnaire visible to the caller"},
        409: {"description": "The opportunity is closed"},
    },
)
async def evaluate_opportunity(
    opportunity_id: UUID,
    body: EvaluationCreate,
    actor: Annotated[Principal, requires("opportunity.work")],
    db: Database,
    now: Now,
) -> EvaluationPublic:
    """Scores the opportunity with the answers (every question answered, 422 naming the answer
    otherwise); the opportunity shows its latest score."""
    evaluation_id, score, max_score = await commands.evaluate_opportunity(
        opportunity_id,
        body.questionnaire_id,
        body.answers,
        actor,
        UnitOfWork(db),
        now=now,
    )
    return EvaluationPublic(
        id=evaluation_id, questionnaire_id=body.questionnaire_id, score=score, max_score=max_score
    )
