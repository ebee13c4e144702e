"""HTTP API of evaluation questionnaires and opportunity evaluations."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, status
from sqlalchemy import select

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.policy.directory import dealer_of
from crm_common.runtime.dependencies import Database, Now
from crm_opportunities.adapters.evaluations import usable_by
from crm_opportunities.adapters.tables import questionnaires
from crm_opportunities.application import evaluations as commands
from crm_opportunities.domain.evaluation import Questionnaire
from crm_opportunities.entrypoints.http.schemas import (
    EvaluationCreate,
    EvaluationPublic,
    QuestionnaireCreate,
    QuestionnairePublic,
)

router = APIRouter(tags=["evaluations"])


def _public(row: Any) -> QuestionnairePublic:
    questionnaire = Questionnaire.model_validate({"questions": row["questions"]})
    return QuestionnairePublic(
        id=row["id"],
        owner_org=row["owner_org"],
        name=row["name"],
        questions=list(questionnaire.questions),
        max_score=questionnaire.max_score,
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
) -> Any:
    """A questionnaire of the caller's dealer, or (from HQ or a region) for its dealers."""
    questionnaire_id = await commands.define_questionnaire(
        body.name, body.questionnaire(), actor, UnitOfWork(db), now=now
    )
    async with db() as session:
        row = (
            (
                await session.execute(
                    select(questionnaires).where(questionnaires.c.id == questionnaire_id)
                )
            )
            .mappings()
            .one()
        )
    return _public(row)


@router.get(
    "/questionnaires",
    response_model=list[QuestionnairePublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_questionnaires(
    actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> list[QuestionnairePublic]:
    """The questionnaires the caller's dealer evaluates with (its own, its region's, HQ's);
    for HQ and regions, their own."""
    async with db() as session:
        dealer = await dealer_of(session, actor.tenant, actor.org_node)
        condition = (
            usable_by(actor.tenant, dealer)
            if dealer is not None
            else (questionnaires.c.tenant == actor.tenant)
            & (questionnaires.c.owner_org == actor.org_node)
            & questionnaires.c.active
        )
        rows = (
            await session.execute(
                select(questionnaires).where(condition).order_by(questionnaires.c.created_at)
            )
        ).mappings()
        return [_public(r) for r in rows]


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
