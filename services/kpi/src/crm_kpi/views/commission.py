"""Read side of commission: statements and their lines, scoped by the shared policy. Records
need the full sharing level; other dealers' figures reach the caller as totals per dealer."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.commission_tables import commission_lines, commission_statements
from crm_kpi.domain.commission import LineKind, Status

S = commission_statements
MOST_LINES = 1_000
"""Lines a statement shows: a consultant's month has far fewer deals; ``lines`` counts all."""


class LinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: LineKind
    order_id: UUID
    opportunity_id: UUID
    deal_day: date
    plan_id: UUID
    plan_version: int
    rule: str = Field(description="The plan version's rule that produced the amount")
    basis: Decimal = Field(description="Units, gross margin, base amount or 1 deal")
    rate: Decimal
    origin_rate: Decimal
    share_percent: Decimal
    amount: Decimal = Field(description="Rounded to cents, ROUND_HALF_UP, on its own")
    clawback_of: UUID | None = Field(
        description="Clawbacks: the statement whose line (same order and rule) is undone"
    )


class StatementPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    dealer_id: str
    user_id: str
    team: str | None
    month: str
    status: Status
    units: Decimal
    target_units: int | None
    attainment_percent: Decimal | None
    total: Decimal
    currency: str
    lines: int
    computed_at: datetime
    dispute_note: str | None


class StatementWithLines(StatementPublic):
    items: list[LinePublic] = Field(
        max_length=MOST_LINES,
        description=f"The first {MOST_LINES:,} lines in their order; ``lines`` counts them all",
    )


class DealerTotal(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    dealer_id: str
    statements: int
    total: Decimal
    issued_total: Decimal


class Statements(BaseModel):
    """A page of the month's statements and a page of its totals per dealer: ``limit`` and
    ``offset`` page both lists (HQ's month holds every consultant of the tenant); a list
    shorter than ``limit`` is the last of its kind."""

    month: str
    statements: list[StatementPublic] = Field(
        description="Statements the caller may read in full (a consultant: their own), by"
        " dealer and consultant"
    )
    dealers: list[DealerTotal] = Field(
        description="Totals per dealer, including dealers shared only at the aggregate level"
    )


def _visible(principal: Principal, need: SharingLevel) -> Any:
    return visible_to(
        principal,
        DataType.KPI,
        tenant=S.c.tenant,
        owner_org=S.c.owner_org,
        owner_user=S.c.user_id,
        need=need,
    )


async def month_statements(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    month: str,
    *,
    limit: int,
    offset: int,
) -> Statements:
    """A page of the month's statements the caller may read in full, and of the totals per
    dealer."""
    async with sessions() as session:
        records = (
            await session.execute(
                select(S)
                .where(S.c.month == month, _visible(principal, SharingLevel.FULL))
                .order_by(S.c.dealer_id, S.c.user_id)
                .limit(limit)
                .offset(offset)
            )
        ).all()
        totals = (
            await session.execute(
                select(
                    S.c.dealer_id,
                    func.count().label("statements"),
                    func.sum(S.c.total).label("total"),
                    func.sum(case((S.c.status == "issued", S.c.total), else_=0))
                    .cast(S.c.total.type)
                    .label("issued_total"),
                )
                .where(S.c.month == month, _visible(principal, SharingLevel.AGGREGATE))
                .group_by(S.c.dealer_id)
                .order_by(S.c.dealer_id)
                .limit(limit)
                .offset(offset)
            )
        ).all()
    return Statements(
        month=month,
        statements=[StatementPublic.model_validate(r) for r in records],
        dealers=[DealerTotal.model_validate(t) for t in totals],
    )


async def statement_with_lines(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, statement_id: UUID
) -> StatementWithLines | None:
    """The statement with its lines, if the caller may read it in full."""
    async with sessions() as session:
        statement = (
            await session.execute(
                select(S).where(S.c.id == statement_id, _visible(principal, SharingLevel.FULL))
            )
        ).one_or_none()
        if statement is None:
            return None
        lines = (
            await session.execute(
                select(commission_lines)
                .where(commission_lines.c.statement_id == statement_id)
                .order_by(commission_lines.c.id)
                .limit(MOST_LINES)
            )
        ).all()
    return StatementWithLines(
        **StatementPublic.model_validate(statement).model_dump(),
        items=[LinePublic.model_validate(line) for line in lines],
    )
