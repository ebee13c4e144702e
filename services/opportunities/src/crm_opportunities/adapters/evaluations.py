"""Evaluation questionnaires and the evaluations of opportunities in PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_opportunities.adapters.tables import evaluations, opportunities, questionnaires
from crm_opportunities.domain.evaluation import Questionnaire


def usable_by(tenant: str, dealer: str) -> ColumnElement[bool]:
    """The dealer's own questionnaires and those HQ or a region publish for their dealers."""
    above_dealers = select(org_directory.c.id).where(
        org_directory.c.tenant == tenant, org_directory.c.dealer_id.is_(None)
    )
    return (
        (questionnaires.c.tenant == tenant)
        & questionnaires.c.active
        & or_(questionnaires.c.owner_org == dealer, questionnaires.c.owner_org.in_(above_dealers))
    )


async def add_questionnaire(
    session: AsyncSession,
    tenant: str,
    owner_org: str,
    name: str,
    questionnaire: Questionnaire,
    now: datetime,
) -> UUID:
    questionnaire_id = uuid4()
    await session.execute(
        insert(questionnaires).values(
            id=questionnaire_id,
            tenant=tenant,
            owner_org=owner_org,
            name=name,
            questions=questionnaire.model_dump(mode="json")["questions"],
            created_at=now,
        )
    )
    return questionnaire_id


async def keep_questionnaire(
    session: AsyncSession,
    *,
    questionnaire_id: UUID,
    tenant: str,
    owner_org: str,
    name: str,
    questions: list[dict[str, Any]],
    created_at: datetime,
) -> None:
    """Another installation's questionnaire under its id (defined once: a redelivery changes
    nothing)."""
    await session.execute(
        pg_insert(questionnaires)
        .values(
            id=questionnaire_id,
            tenant=tenant,
            owner_org=owner_org,
            name=name,
            questions=questions,
            created_at=created_at,
        )
        .on_conflict_do_nothing(index_elements=[questionnaires.c.id])
    )


async def questionnaire_for(
    session: AsyncSession, questionnaire_id: UUID, tenant: str, dealer: str
) -> Questionnaire | None:
    questions = (
        await session.execute(
            select(questionnaires.c.questions).where(
                questionnaires.c.id == questionnaire_id, usable_by(tenant, dealer)
            )
        )
    ).scalar_one_or_none()
    return None if questions is None else Questionnaire.model_validate({"questions": questions})


async def add_evaluation(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    opportunity_id: UUID,
    questionnaire_id: UUID,
    answers: dict[str, str],
    score: int,
    max_score: int,
    evaluated_by: str,
    at: datetime,
) -> UUID:
    """The evaluation, and the opportunity's latest score (what its card and lists show)."""
    evaluation_id = uuid4()
    await session.execute(
        insert(evaluations).values(
            id=evaluation_id,
            tenant=tenant,
            owner_org=owner_org,
            opportunity_id=opportunity_id,
            questionnaire_id=questionnaire_id,
            answers=answers,
            score=score,
            max_score=max_score,
            evaluated_by=evaluated_by,
            at=at,
        )
    )
    await session.execute(
        update(opportunities)
        .where(opportunities.c.id == opportunity_id)
        .values(evaluation_score=score, evaluation_max_score=max_score)
    )
    return evaluation_id
