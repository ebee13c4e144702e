"""Sales expenses recorded for the caller's book: the sales-expense KPI sums them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.directory import dealer_of
from crm_common.policy.staff import staff_in_book
from crm_kpi.adapters import expense_store
from crm_kpi.domain.expenses import ExpenseCategory


@dataclass(frozen=True, slots=True)
class RecordExpense:
    day: date
    category: ExpenseCategory
    amount: Decimal
    consultant: str | None
    """The consultant it was spent for (a customer gift), if any."""
    note: str | None


async def record_expense(
    uow: UnitOfWork, principal: Principal, expense: RecordExpense, *, now: datetime
) -> UUID:
    """In the caller's book: their dealer's, or their own node's above dealers. A consultant
    named must work in that book (422 naming ``consultant`` otherwise)."""
    async with uow:
        session = uow.session
        book = await dealer_of(session, principal.tenant, principal.org_node) or principal.org_node
        if expense.consultant is not None and (
            await staff_in_book(session, principal.tenant, expense.consultant, book) is None
        ):
            raise InvalidInput("consultant", f"no one {expense.consultant!r} works in {book}")
        expense_id = uuid4()
        await expense_store.add_expense(
            session,
            id=expense_id,
            tenant=principal.tenant,
            owner_org=book,
            dealer_id=book,
            consultant=expense.consultant,
            category=expense.category.value,
            amount=expense.amount,
            note=expense.note,
            day=expense.day,
            recorded_by=principal.user_id,
            recorded_at=now,
        )
    return expense_id
