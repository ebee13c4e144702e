"""Partner applications and planned collections of orders in PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import DataType, visible_to_partner
from crm_opportunities.adapters.sales_tables import partner_applications
from crm_opportunities.adapters.tables import planned_collections
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.partner_application import ApplicationStatus, PartnerApplication
from crm_opportunities.domain.quote import LineKind


def _row(application: PartnerApplication) -> dict[str, Any]:
    return {
        "tenant": application.tenant,
        "owner_org": application.owner_org,
        "opportunity_id": application.opportunity_id,
        "quote_id": application.quote_id,
        "order_id": application.order_id,
        "partner_id": application.partner_id,
        "kind": application.kind.value,
        "product_code": application.product_code,
        "description": application.description,
        "amount": application.amount,
        "status": application.status.value,
        "note": application.note,
        "updated_by": application.updated_by,
        "updated_at": application.updated_at,
        "created_at": application.created_at,
    }


def application_of(row: Any) -> PartnerApplication:
    return PartnerApplication(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        opportunity_id=row["opportunity_id"],
        quote_id=row["quote_id"],
        order_id=row["order_id"],
        partner_id=row["partner_id"],
        kind=LineKind(row["kind"]),
        product_code=row["product_code"],
        description=row["description"],
        amount=row["amount"],
        status=ApplicationStatus(row["status"]),
        note=row["note"],
        updated_by=row["updated_by"],
        updated_at=row["updated_at"],
        created_at=row["created_at"],
    )


async def add_applications(
    session: AsyncSession, applications: Sequence[PartnerApplication]
) -> None:
    await session.execute(
        insert(partner_applications), [{"id": a.id, **_row(a)} for a in applications]
    )


async def application_for_change(
    session: AsyncSession, partner: Principal, application_id: UUID, *, data_type: DataType
) -> PartnerApplication | None:
    """The application, locked, if it names the caller's partner org and the dealer shares
    ``data_type`` with it: two updates of one application take turns."""
    pa = partner_applications
    row = (
        (
            await session.execute(
                select(pa)
                .where(
                    pa.c.id == application_id,
                    visible_to_partner(
                        partner,
                        data_type,
                        tenant=pa.c.tenant,
                        owner_org=pa.c.owner_org,
                        partner_column=pa.c.partner_id,
                    ),
                )
                .with_for_update(of=pa)
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else application_of(row)


async def save_application(session: AsyncSession, application: PartnerApplication) -> None:
    pa = partner_applications
    await session.execute(update(pa).where(pa.c.id == application.id).values(**_row(application)))


async def plan_collections(
    session: AsyncSession, order: Order, plan: Sequence[tuple[date, Decimal, str]]
) -> None:
    """What the order will bring in and when: (due on, amount, note) each."""
    await session.execute(
        insert(planned_collections),
        [
            {
                "id": uuid4(),
                "tenant": order.tenant,
                "owner_org": order.owner_org,
                "opportunity_id": order.opportunity_id,
                "order_id": order.id,
                "due_on": due,
                "amount": amount,
                "note": note,
            }
            for due, amount, note in plan
        ],
    )


async def settle_collection(
    session: AsyncSession, order_id: UUID, note: str, amount: Decimal | None, today: date
) -> None:
    """The order's planned collection ``note`` (or its single payment) came in today: the
    amount given, else the amount planned."""
    plan = planned_collections
    await session.execute(
        update(plan)
        .where(plan.c.order_id == order_id, plan.c.note.in_((note, "payment")))
        .values(
            collected_on=today, collected_amount=amount if amount is not None else plan.c.amount
        )
    )
