"""Evaluation questionnaires: defined by a dealer (or by HQ or a region for their dealers),
answered for an opportunity, which scores it (OpportunityEvaluated)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts import Envelope
from crm_common.contracts.events.opportunities.v1 import (
    EvaluationQuestion,
    OpportunityEvaluated,
    QuestionnaireDefined,
)
from crm_common.db import UnitOfWork
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters import evaluations as repository
from crm_opportunities.application.opportunities import opportunity_for_change
from crm_opportunities.domain.evaluation import Questionnaire
from crm_opportunities.domain.opportunity import OpportunityClosed, OpportunityStatus


class QuestionnaireNotFound(LookupError):
    """No such questionnaire for the opportunity's dealer (answered 404)."""


async def define_questionnaire(
    name: str, questionnaire: Questionnaire, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """Owned by the caller's org node: a dealer's for itself, HQ's or a region's for every
    dealer below it (published: a dealer's own deployment receives those above it)."""
    async with uow:
        questionnaire_id = await repository.add_questionnaire(
            uow.session, actor.tenant, actor.org_node, name, questionnaire, now
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=actor.tenant,
            owner_org=actor.org_node,
            events=[
                QuestionnaireDefined(
                    questionnaire_id=questionnaire_id,
                    org_node=actor.org_node,
                    dealer_id=await dealer_of(uow.session, actor.tenant, actor.org_node),
                    name=name,
                    questions=[
                        EvaluationQuestion.model_validate(q.model_dump())
                        for q in questionnaire.questions
                    ],
                    defined_by=actor.user_id,
                    at=now,
                )
            ],
        )
        return questionnaire_id


async def take_questionnaire_from_hq(
    uow: UnitOfWork, event: Envelope[QuestionnaireDefined]
) -> None:
    """At a dealer's own deployment: a questionnaire of HQ or of the dealer's region, come down
    over the link, kept under its id and node, as there: the dealer's consultants evaluate
    with it. A redelivery changes nothing."""
    data = event.data
    await repository.keep_questionnaire(
        uow.session,
        questionnaire_id=data.questionnaire_id,
        tenant=event.tenant,
        owner_org=data.org_node,
        name=data.name,
        questions=[q.model_dump() for q in data.questions],
        created_at=data.at,
    )


async def evaluate_opportunity(
    opportunity_id: UUID,
    questionnaire_id: UUID,
    answers: dict[str, str],
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> tuple[UUID, int, int]:
    """Scores an open opportunity: (evaluation id, score, max score)."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        questionnaire = await repository.questionnaire_for(
            uow.session, questionnaire_id, opportunity.tenant, opportunity.owner_org
        )
        if questionnaire is None:
            raise QuestionnaireNotFound("questionnaire not found")
        score = questionnaire.score(answers)
        evaluation_id = await repository.add_evaluation(
            uow.session,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            opportunity_id=opportunity.id,
            questionnaire_id=questionnaire_id,
            answers=answers,
            score=score,
            max_score=questionnaire.max_score,
            evaluated_by=actor.user_id,
            at=now,
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            events=[
                OpportunityEvaluated(
                    opportunity_id=opportunity.id,
                    dealer_id=opportunity.owner_org,
                    at=now,
                    questionnaire_id=questionnaire_id,
                    score=score,
                    max_score=questionnaire.max_score,
                    evaluated_by=actor.user_id,
                )
            ],
        )
        return evaluation_id, score, questionnaire.max_score
