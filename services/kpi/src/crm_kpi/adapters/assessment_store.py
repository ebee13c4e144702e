"""Reads and writes of tiered assessment for its commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import any_, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory, staff
from crm_kpi.adapters.assessment_tables import assessment_forms, assessments
from crm_kpi.domain.assessments import Criterion, FormContent, Status, Step, Tier


@dataclass(frozen=True, slots=True)
class StoredForm:
    tier: Tier
    content: FormContent


@dataclass(frozen=True, slots=True)
class UnderReview:
    status: Status
    scored_by: str
    vp: str | None


async def add_form(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(assessment_forms).values(**values))


async def form(session: AsyncSession, tenant: str, form_id: UUID) -> StoredForm | None:
    row = (
        await session.execute(
            select(
                assessment_forms.c.name, assessment_forms.c.tier, assessment_forms.c.criteria
            ).where(assessment_forms.c.tenant == tenant, assessment_forms.c.id == form_id)
        )
    ).first()
    if row is None:
        return None
    tier = Tier(row.tier)
    criteria = [Criterion.model_validate(c) for c in row.criteria]
    return StoredForm(tier, FormContent(name=row.name, tier=tier, criteria=criteria))


async def subject(session: AsyncSession, scorer: Principal, user_id: str, tier: Tier) -> str | None:
    """The node of the person to score, when the scorer scores them: a consultant working
    below the scorer's node (their region), or any region manager of the tenant."""
    role = "sales_consultant" if tier is Tier.CONSULTANT else "region_manager"
    query = (
        select(staff.c.org_node)
        .select_from(staff.join(org_directory, org_directory.c.id == staff.c.org_node))
        .where(
            staff.c.tenant == scorer.tenant,
            staff.c.user_id == user_id,
            staff.c.active,
            literal(role) == any_(staff.c.roles),
        )
    )
    if tier is Tier.CONSULTANT:
        mine = (
            select(org_directory.c.path)
            .where(org_directory.c.tenant == scorer.tenant, org_directory.c.id == scorer.org_node)
            .scalar_subquery()
        )
        query = query.where(func.starts_with(org_directory.c.path, mine))
    node: str | None = await session.scalar(query)
    return node


async def existing(
    session: AsyncSession, tenant: str, form_id: UUID, subject_user: str, period: str
) -> tuple[UUID, Status, str] | None:
    a = assessments
    row = (
        await session.execute(
            select(a.c.id, a.c.status, a.c.scored_by)
            .where(
                a.c.tenant == tenant,
                a.c.form_id == form_id,
                a.c.subject_user == subject_user,
                a.c.period == period,
            )
            .with_for_update()
        )
    ).first()
    return None if row is None else (row.id, Status(row.status), row.scored_by)


async def add_assessment(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(assessments).values(**values))


async def rescore(
    session: AsyncSession,
    assessment_id: UUID,
    scores: dict[str, int],
    total: Decimal,
    comment: str | None,
    now: datetime,
) -> None:
    await session.execute(
        update(assessments)
        .where(assessments.c.id == assessment_id)
        .values(
            scores=scores,
            total=total,
            comment=comment,
            status=Status.SCORED.value,
            scored_at=now,
            vp=None,
            vp_note=None,
            vp_at=None,
            hr=None,
            hr_note=None,
            hr_at=None,
        )
    )


async def lock_for_review(
    session: AsyncSession, tenant: str, assessment_id: UUID
) -> UnderReview | None:
    a = assessments
    row = (
        await session.execute(
            select(a.c.status, a.c.scored_by, a.c.vp)
            .where(a.c.tenant == tenant, a.c.id == assessment_id)
            .with_for_update()
        )
    ).first()
    return None if row is None else UnderReview(Status(row.status), row.scored_by, row.vp)


async def record_review(
    session: AsyncSession,
    assessment_id: UUID,
    step: Step,
    reviewer: str,
    note: str | None,
    status: Status,
    now: datetime,
) -> None:
    prefix = step.value
    await session.execute(
        update(assessments)
        .where(assessments.c.id == assessment_id)
        .values(
            {
                "status": status.value,
                prefix: reviewer,
                f"{prefix}_note": note,
                f"{prefix}_at": now,
            }
        )
    )
