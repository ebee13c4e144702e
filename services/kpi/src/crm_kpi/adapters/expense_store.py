"""Writes of sales expenses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_kpi.adapters.expense_tables import sales_expenses


async def add_expense(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(sales_expenses).values(**values))
