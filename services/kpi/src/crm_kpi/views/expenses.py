"""Read side of sales expenses: the records the caller may see, like other kpi figures but as
records (a dealer's expenses reach the OEM only where it shares KPI records, masked or full)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.expense_tables import sales_expenses


class ExpensePublic(BaseModel):
    id: UUID
    owner_org: str
    dealer_id: str
    day: date
    category: str
    amount: Decimal
    consultant: str | None
    note: str | None
    recorded_by: str
    recorded_at: datetime


async def expenses(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    limit: int,
    offset: int,
) -> list[ExpensePublic]:
    """A page of the expenses the caller may see, newest day first."""
    e = sales_expenses
    query: Any = (
        select(e)
        .where(
            visible_to(
                principal,
                DataType.KPI,
                tenant=e.c.tenant,
                owner_org=e.c.owner_org,
                owner_user=e.c.consultant,
                need=SharingLevel.MASKED,
            ),
            e.c.day.between(date_from, date_to),
        )
        .order_by(e.c.day.desc(), e.c.recorded_at.desc(), e.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).mappings()
        return [ExpensePublic.model_validate(row) for row in rows]
