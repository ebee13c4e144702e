"""Evaluation questionnaires as the API shows them: those a dealer evaluates with, or those
HQ or a region published."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters.evaluations import usable_by
from crm_opportunities.adapters.tables import questionnaires
from crm_opportunities.domain.evaluation import Questionnaire


@dataclass(frozen=True, slots=True)
class QuestionnaireView:
    id: UUID
    owner_org: str
    name: str
    questionnaire: Questionnaire


async def questionnaire(
    db: async_sessionmaker[AsyncSession], tenant: str, questionnaire_id: UUID
) -> QuestionnaireView:
    """One questionnaire of the tenant (the one its caller has just defined)."""
    q = questionnaires
    async with db() as session:
        row = (
            await session.execute(
                select(q.c.id, q.c.owner_org, q.c.name, q.c.questions).where(
                    q.c.tenant == tenant, q.c.id == questionnaire_id
                )
            )
        ).one()
    return QuestionnaireView(
        row.id, row.owner_org, row.name, Questionnaire.model_validate({"questions": row.questions})
    )


async def questionnaires_for(
    db: async_sessionmaker[AsyncSession], actor: Principal, *, limit: int, offset: int
) -> list[QuestionnaireView]:
    """A page of the questionnaires the caller's dealer evaluates with (its own, its
    region's, HQ's); for HQ and regions, their own. Oldest first."""
    q = questionnaires
    async with db() as session:
        dealer = await dealer_of(session, actor.tenant, actor.org_node)
        condition = (
            usable_by(actor.tenant, dealer)
            if dealer is not None
            else (q.c.tenant == actor.tenant) & (q.c.owner_org == actor.org_node) & q.c.active
        )
        rows = await session.execute(
            select(q.c.id, q.c.owner_org, q.c.name, q.c.questions)
            .where(condition)
            .order_by(q.c.created_at, q.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [
            QuestionnaireView(
                r.id, r.owner_org, r.name, Questionnaire.model_validate({"questions": r.questions})
            )
            for r in rows
        ]
