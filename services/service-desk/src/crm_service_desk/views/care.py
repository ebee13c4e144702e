"""Read side of customer care: the rules that apply to the caller's book and the actions
taken for the customers the caller may see."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.tables import care_actions, care_rules
from crm_service_desk.domain.care import CareAction, RuleKind, Segment


class CareRulePublic(BaseModel):
    id: UUID
    owner_org: str
    kind: RuleKind
    segment: Segment
    action: CareAction
    message: str
    months: int | None
    km: int | None
    days_before: int
    window_days: int
    complaints: int
    active: bool
    changed_by: str | None = Field(description="Who last changed or stopped it, if anyone")
    changed_at: datetime | None


class CareActionPublic(BaseModel):
    id: UUID
    owner_org: str
    rule_id: UUID
    customer_id: UUID
    period: str
    action: CareAction
    due_on: date
    reason: str
    fired_at: datetime


async def rules_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int | None = None,
    offset: int = 0,
    rule_id: UUID | None = None,
) -> list[CareRulePublic]:
    """The care rules of the caller's book and the nodes above it, oldest first (a page of
    them with ``limit``; only that one with ``rule_id``)."""
    r = care_rules
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        query = (
            select(r)
            .where(r.c.tenant == principal.tenant, r.c.owner_org.in_(chain))
            .where(*([r.c.id == rule_id] if rule_id is not None else []))
            .order_by(r.c.created_at, r.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [CareRulePublic.model_validate(row) for row in rows]


async def actions_of(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[CareActionPublic]:
    """What the care rules did for the customers the caller may see, newest first."""
    a = care_actions
    query = (
        select(a)
        .where(visible_to(principal, DataType.CUSTOMER, tenant=a.c.tenant, owner_org=a.c.owner_org))
        .order_by(a.c.fired_at.desc(), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).mappings()
        return [CareActionPublic.model_validate(row) for row in rows]
