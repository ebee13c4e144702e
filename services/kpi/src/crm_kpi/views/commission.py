"""Read side of commission: statements and their lines, scoped by the shared policy. Records
need the full sharing level; other dealers' figures reach the caller as totals per dealer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import case, func, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.commission_tables import commission_lines, commission_statements

S = commission_statements


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
    sessions: async_sessionmaker[AsyncSession], principal: Principal, month: str
) -> tuple[Sequence[Row[Any]], Sequence[Row[Any]]]:
    """(statements readable in full, totals per dealer) of the month."""
    async with sessions() as session:
        records = (
            await session.execute(
                select(S)
                .where(S.c.month == month, _visible(principal, SharingLevel.FULL))
                .order_by(S.c.dealer_id, S.c.user_id)
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
            )
        ).all()
    return records, totals


async def statement_with_lines(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, statement_id: UUID
) -> tuple[Row[Any], Sequence[Row[Any]]] | None:
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
            )
        ).all()
    return statement, lines
