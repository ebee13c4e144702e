"""Commission records one at a time, for the commands (the monthly run's set-based reads and
writes are in ``commission_store``): plans and their versions, statements under review, and
what an estimate reads. Each query is scoped by the shared policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, changeable_by, visible_to
from crm_kpi.adapters.commission_tables import (
    commission_plan_versions,
    commission_plans,
    commission_statements,
    deal_credits,
)
from crm_kpi.adapters.tables import deal_facts
from crm_kpi.adapters.target_tables import targets
from crm_kpi.domain.commission import HUNDRED, PlanRules, PlanVersion
from crm_kpi.domain.targets import ALL_PRODUCT_LINES, Measure


def _records_visible(principal: Principal, table: Any, owner_user: Any = None) -> Any:
    return visible_to(
        principal,
        DataType.KPI,
        tenant=table.c.tenant,
        owner_org=table.c.owner_org,
        owner_user=owner_user,
        need=SharingLevel.FULL,
    )


def _records_changeable(principal: Principal, table: Any, owner_user: Any = None) -> Any:
    """The plans and statements a command of the caller may change: their own write scope
    (the shared "may change" policy), never what a sharing agreement lets them read."""
    return changeable_by(
        principal, tenant=table.c.tenant, owner_org=table.c.owner_org, owner_user=owner_user
    )


async def managed_dealer(session: AsyncSession, principal: Principal, dealer_id: str) -> bool:
    """Whether ``dealer_id`` is a dealer in the caller's own write scope (its plans, runs and
    targets are the caller's to change; what it shares with the caller never makes them so)."""
    d = org_directory
    found = (
        await session.execute(
            select(d.c.id).where(
                d.c.tenant == principal.tenant,
                d.c.id == dealer_id,
                d.c.dealer_id == d.c.id,
                changeable_by(principal, tenant=d.c.tenant, owner_org=d.c.id),
            )
        )
    ).scalar_one_or_none()
    return found is not None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: UUID
    dealer_id: str
    name: str
    currency: str


async def add_plan(
    session: AsyncSession,
    plan: PlanRecord,
    *,
    tenant: str,
    created_by: str,
    now: datetime,
) -> bool:
    """False when the dealer has a plan already."""
    created = await session.execute(
        insert(commission_plans)
        .values(
            id=plan.id,
            tenant=tenant,
            owner_org=plan.dealer_id,
            dealer_id=plan.dealer_id,
            name=plan.name,
            currency=plan.currency,
            created_by=created_by,
            created_at=now,
        )
        .on_conflict_do_nothing(constraint="uq_commission_plans_dealer")
        .returning(commission_plans.c.id)
    )
    return created.scalar_one_or_none() is not None


async def lock_managed_plan(
    session: AsyncSession, principal: Principal, plan_id: UUID
) -> PlanRecord | None:
    """Locks the plan for a new version; None when it is not in the caller's write scope."""
    p = commission_plans
    found = (
        await session.execute(
            select(p.c.id, p.c.dealer_id, p.c.name, p.c.currency)
            .where(p.c.id == plan_id, _records_changeable(principal, p))
            .with_for_update()
        )
    ).first()
    return None if found is None else PlanRecord(*found)


async def keep_plan(
    session: AsyncSession,
    plan: PlanRecord,
    versions: Sequence[PlanVersion],
    *,
    tenant: str,
    set_by: str,
    at: datetime,
) -> bool:
    """Another installation's plan as it is there, under its id: added, or its name and
    versions replaced. False (nothing written) when the dealer has a plan of its own under
    another id."""
    p, v = commission_plans, commission_plan_versions
    if not await add_plan(session, plan, tenant=tenant, created_by=set_by, now=at):
        mine = await plan_of_dealer(session, tenant, plan.dealer_id)
        if mine != plan.id:
            return False
        await session.execute(
            update(p).where(p.c.id == plan.id).values(name=plan.name, currency=plan.currency)
        )
    await session.execute(v.delete().where(v.c.plan_id == plan.id))
    for version in versions:
        await add_version(session, version, created_by=set_by, now=at)
    return True


async def visible_plans(
    session: AsyncSession, principal: Principal, *, limit: int, offset: int
) -> list[PlanRecord]:
    """A page of the plans of the dealers whose records the caller may read, by dealer."""
    p = commission_plans
    rows = await session.execute(
        select(p.c.id, p.c.dealer_id, p.c.name, p.c.currency)
        .where(_records_visible(principal, p))
        .order_by(p.c.dealer_id, p.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [PlanRecord(*row) for row in rows]


async def plan_of_dealer(session: AsyncSession, tenant: str, dealer: str) -> UUID | None:
    p = commission_plans
    plan_id: UUID | None = (
        await session.execute(select(p.c.id).where(p.c.tenant == tenant, p.c.dealer_id == dealer))
    ).scalar_one_or_none()
    return plan_id


async def add_version(
    session: AsyncSession, version: PlanVersion, *, created_by: str, now: datetime
) -> None:
    await session.execute(
        insert(commission_plan_versions).values(
            plan_id=version.plan_id,
            version=version.version,
            effective_from=version.effective_from,
            effective_to=version.effective_to,
            rules=version.rules.model_dump(mode="json"),
            created_by=created_by,
            created_at=now,
        )
    )


async def close_version(session: AsyncSession, version: PlanVersion) -> None:
    """Stores the end the version was given (the day before its successor starts)."""
    v = commission_plan_versions
    await session.execute(
        update(v)
        .where(v.c.plan_id == version.plan_id, v.c.version == version.version)
        .values(effective_to=version.effective_to)
    )


async def versions_of(
    session: AsyncSession, plan_ids: Sequence[UUID]
) -> dict[UUID, list[PlanVersion]]:
    """Each plan's versions, oldest first."""
    v = commission_plan_versions
    rows = await session.execute(
        select(v).where(v.c.plan_id.in_(plan_ids)).order_by(v.c.plan_id, v.c.version)
    )
    versions: dict[UUID, list[PlanVersion]] = {}
    for r in rows:
        versions.setdefault(r.plan_id, []).append(
            PlanVersion(
                r.plan_id,
                r.version,
                r.effective_from,
                r.effective_to,
                PlanRules.model_validate(r.rules),
            )
        )
    return versions


@dataclass(frozen=True, slots=True)
class StatementUnderReview:
    id: UUID
    tenant: str
    owner_org: str
    dealer_id: str
    user_id: str
    team: str | None
    month: str
    status: str
    total: Decimal
    currency: str
    lines: int


async def statement_for_review(
    session: AsyncSession, principal: Principal, statement_id: UUID
) -> StatementUnderReview | None:
    """The statement, locked for its next review step, if it lies in the caller's write scope
    (the consultant it pays, the managers of its dealer)."""
    s = commission_statements
    row = (
        await session.execute(
            select(*(s.c[field.name] for field in fields(StatementUnderReview)))
            .where(s.c.id == statement_id, _records_changeable(principal, s, s.c.user_id))
            .with_for_update()
        )
    ).one_or_none()
    return None if row is None else StatementUnderReview(*row)


async def set_statement_status(
    session: AsyncSession, statement_id: UUID, status: str, stamp: dict[str, Any]
) -> None:
    """The statement's new status with who moved it there, and when (``stamp``'s columns)."""
    s = commission_statements
    await session.execute(update(s).where(s.c.id == statement_id).values(status=status, **stamp))


async def credited_units(
    session: AsyncSession, tenant: str, dealer: str, user_id: str, first: date, today: date
) -> Decimal:
    """The units credited to the consultant from ``first`` to ``today``: their share of each
    won deal not cancelled by ``today``."""
    f, c = deal_facts, deal_credits
    cancelled = deal_facts.alias("cancelled")
    not_cancelled: ColumnElement[bool] = ~(
        select(cancelled.c.event_id)
        .where(
            and_(
                cancelled.c.order_id == f.c.order_id,
                cancelled.c.outcome == "cancelled",
                cancelled.c.day <= today,
            )
        )
        .exists()
    )
    credited = (
        await session.execute(
            select(
                func.coalesce(
                    func.sum(f.c.units * func.coalesce(c.c.share_percent, HUNDRED) / HUNDRED),
                    0,
                )
            )
            .select_from(f.outerjoin(c, c.c.event_id == f.c.event_id))
            .where(
                f.c.tenant == tenant,
                f.c.dealer_id == dealer,
                f.c.outcome == "won",
                f.c.day.between(first, today),
                func.coalesce(c.c.user_id, f.c.consultant) == user_id,
                not_cancelled,
            )
        )
    ).scalar_one()
    return Decimal(credited)


async def units_target(
    session: AsyncSession, tenant: str, dealer: str, user_id: str, month: str
) -> int | None:
    """The consultant's units target of the month at the dealer (their leaf), if set."""
    t, d = targets, org_directory
    amount = (
        await session.execute(
            select(t.c.amount)
            .join(d, and_(d.c.tenant == t.c.tenant, d.c.id == t.c.org_node))
            .where(
                t.c.tenant == tenant,
                d.c.dealer_id == dealer,
                t.c.user_id == user_id,
                t.c.month == month,
                t.c.measure == Measure.UNITS.value,
                t.c.product_line == ALL_PRODUCT_LINES,
            )
        )
    ).scalar_one_or_none()
    return None if amount is None else int(amount)
