"""HTTP API of sales expenses (销售费用): entered by who plans the book's sales, summed by the
sales-expense KPI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page
from crm_kpi.application.expenses import RecordExpense, record_expense
from crm_kpi.domain.expenses import ExpenseCategory
from crm_kpi.domain.kpis import check_span
from crm_kpi.views import expenses as views
from crm_kpi.views.expenses import ExpensePublic

router = APIRouter(prefix="/kpi/expenses", tags=["expenses"])
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


class ExpenseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: date = Field(description="The business day it was spent")
    category: ExpenseCategory
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2, examples=["12800.00"])
    consultant: str | None = Field(
        default=None, max_length=64, description="The consultant it was spent for, if any"
    )
    note: str | None = Field(default=None, max_length=500)


class ExpenseRecorded(BaseModel):
    id: UUID


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ExpenseRecorded,
    responses=_FORBIDDEN,
)
async def enter_expense(
    body: ExpenseCreate,
    principal: Annotated[Principal, requires("target.manage")],
    db: Database,
    now: Now,
) -> ExpenseRecorded:
    """Record a sales expense of the caller's book (their dealer's, or their own node's above
    dealers), counted by the ``sales_expense`` KPI on its day."""
    expense_id = await record_expense(
        UnitOfWork(db),
        principal,
        RecordExpense(body.day, body.category, body.amount, body.consultant, body.note),
        now=now,
    )
    return ExpenseRecorded(id=expense_id)


@router.get("", response_model=list[ExpensePublic], responses=_FORBIDDEN)
async def list_expenses(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: Annotated[date, Query(alias="from", description="First day, inclusive")],
    date_to: Annotated[date, Query(alias="to", description="Last day, inclusive (2 years max)")],
    page: Page,
) -> list[ExpensePublic]:
    """The expenses the caller may see, newest day first: a dealer's own; another dealer's
    where it shares KPI records (masked or full) with the OEM."""
    check_span(date_from, date_to)
    return await views.expenses(
        db, principal, date_from=date_from, date_to=date_to, limit=page.limit, offset=page.offset
    )
