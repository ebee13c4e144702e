"""Read side of tiered assessment: forms of the tenant, and the assessments a caller takes
part in — HQ's reviewers every one, a scorer those they scored, the person scored their own
once final."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.policy.roles import has_function
from crm_kpi.adapters.assessment_tables import assessment_forms, assessments
from crm_kpi.domain.assessments import Criterion, Status, Tier


class FormPublic(BaseModel):
    id: UUID
    name: str
    tier: Tier
    criteria: list[Criterion]
    created_by: str
    created_at: datetime


class AssessmentPublic(BaseModel):
    id: UUID
    form_id: UUID
    subject_user: str
    owner_org: str
    period: str
    scores: dict[str, int]
    total: Decimal = Field(description="Weighted, out of 100")
    comment: str | None
    status: Status
    scored_by: str
    scored_at: datetime
    vp: str | None
    vp_note: str | None
    hr: str | None
    hr_note: str | None


async def forms(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[FormPublic]:
    """A page of the tenant's scoring forms, oldest first."""
    f = assessment_forms
    query = (
        select(f)
        .where(f.c.tenant == principal.tenant)
        .order_by(f.c.created_at, f.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).mappings()
        return [FormPublic.model_validate(row) for row in rows]


def _reviews_all(principal: Principal) -> bool:
    """HQ's reviewers (the sales VP, HR) and the sales planning department who runs it."""
    return principal.data_scope is DataScope.TENANT and (
        has_function(principal.roles, "assessment.review")
        or has_function(principal.roles, "target.manage")
    )


async def assessments_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    period: str | None,
    limit: int,
    offset: int,
) -> list[AssessmentPublic]:
    """A page of the assessments the caller takes part in, latest period first."""
    a = assessments
    taking_part: Any = (
        true()
        if _reviews_all(principal)
        else or_(
            a.c.scored_by == principal.user_id,
            and_(a.c.subject_user == principal.user_id, a.c.status == Status.FINAL.value),
        )
    )
    query = select(a).where(a.c.tenant == principal.tenant, taking_part)
    if period is not None:
        query = query.where(a.c.period == period)
    query = query.order_by(a.c.period.desc(), a.c.subject_user, a.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings()
        return [AssessmentPublic.model_validate(row) for row in rows]
