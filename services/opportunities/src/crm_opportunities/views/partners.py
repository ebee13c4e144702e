"""Finance and insurance applications as the API shows them: to the partner, with the quote's,
order's and customer's facts as far as each dealer's agreement with it reaches (the customer
masked unless shared in full; ``application/queries.py`` audits the read of one); to the
dealer, an order's applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import (
    SharingLevel,
    name_seen_at,
    partner_level,
    phone_seen_at,
    visible_to_partner,
)
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.sales_repository import order_of
from crm_opportunities.adapters.sales_tables import orders, partner_applications, quotes
from crm_opportunities.adapters.tables import opportunities
from crm_opportunities.domain.order import OrderProcess, Step
from crm_opportunities.domain.partner_application import APPLICATION_DATA, ApplicationStatus
from crm_opportunities.domain.quote import LineKind

pa = partner_applications


@dataclass(frozen=True, slots=True)
class OrderProgress:
    """How far the order is, so the partner knows when to pay out or start the policy."""

    process: OrderProcess
    steps_done: list[str]
    next_step: Step | None
    cancelled: bool


@dataclass(frozen=True, slots=True)
class PartnerApplicationView:
    id: UUID
    dealer_id: str
    quote_id: UUID
    order_id: UUID | None
    kind: str
    product_code: str
    description: str
    amount: Decimal
    status: ApplicationStatus
    note: str | None
    created_at: datetime
    updated_at: datetime
    quote_total: Decimal
    vehicle: str | None
    order: OrderProgress | None
    customer_name: str
    phone: str | None


@dataclass(frozen=True, slots=True)
class OrderApplicationView:
    id: UUID
    order_id: UUID | None
    quote_id: UUID
    partner_id: str
    kind: str
    product_code: str
    description: str
    amount: Decimal
    status: ApplicationStatus
    note: str | None
    updated_by: str
    created_at: datetime
    updated_at: datetime


def _partner_view(partner: Principal) -> Select[Any]:
    return (
        select(
            pa,
            quotes.c.total.label("quote_total"),
            quotes.c.lines.label("quote_lines"),
            opportunities.c.customer_name,
            opportunities.c.phone,
            partner_level(
                partner.tenant,
                APPLICATION_DATA,
                dealer_id=pa.c.owner_org,
                partner_id=partner.org_node,
            ).label("shared_level"),
            *(c.label(f"placed_{c.name}") for c in orders.c),
        )
        .join(quotes, quotes.c.id == pa.c.quote_id)
        .join(opportunities, opportunities.c.id == pa.c.opportunity_id)
        .outerjoin(orders, orders.c.id == pa.c.order_id)
        .where(
            visible_to_partner(
                partner,
                APPLICATION_DATA,
                tenant=pa.c.tenant,
                owner_org=pa.c.owner_org,
                partner_column=pa.c.partner_id,
            )
        )
    )


def _shown(row: Any) -> PartnerApplicationView:
    level = SharingLevel(row["shared_level"])
    order = None
    if row["order_id"] is not None:
        placed = order_of({c.name: row[f"placed_{c.name}"] for c in orders.c})
        order = OrderProgress(
            process=placed.process,
            steps_done=list(placed.steps_done),
            next_step=placed.next_step,
            cancelled=placed.cancelled_at is not None,
        )
    return PartnerApplicationView(
        id=row["id"],
        dealer_id=row["owner_org"],
        quote_id=row["quote_id"],
        order_id=row["order_id"],
        kind=row["kind"],
        product_code=row["product_code"],
        description=row["description"],
        amount=row["amount"],
        status=ApplicationStatus(row["status"]),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        quote_total=row["quote_total"],
        vehicle=next(
            (ln["description"] for ln in row["quote_lines"] if ln["kind"] == LineKind.VEHICLE),
            None,
        ),
        order=order,
        customer_name=name_seen_at(level, row["customer_name"]),
        phone=phone_seen_at(level, row["phone"]),
    )


async def applications_of_partner(
    db: async_sessionmaker[AsyncSession],
    partner: Principal,
    *,
    status: ApplicationStatus | None,
    limit: int,
    offset: int,
) -> list[PartnerApplicationView]:
    """The partner's applications, newest first."""
    query = _partner_view(partner).order_by(pa.c.created_at.desc(), pa.c.id).limit(limit)
    if status is not None:
        query = query.where(pa.c.status == status.value)
    async with db() as session:
        rows = (await session.execute(query.offset(offset))).mappings().all()
    return [_shown(row) for row in rows]


@dataclass(frozen=True, slots=True)
class ShownApplication:
    """One application as the partner may see it, and how much of the customer's data that
    is (what an audit of the read records)."""

    application: PartnerApplicationView
    opportunity_id: UUID
    level: SharingLevel


async def application_for(
    session: AsyncSession, partner: Principal, application_id: UUID
) -> ShownApplication | None:
    """One application of the partner (None: none it may see), read in the caller's
    transaction, which audits the read."""
    row = (
        (await session.execute(_partner_view(partner).where(pa.c.id == application_id)))
        .mappings()
        .first()
    )
    if row is None:
        return None
    return ShownApplication(_shown(row), row["opportunity_id"], SharingLevel(row["shared_level"]))


async def applications_of_order(
    db: async_sessionmaker[AsyncSession],
    actor: Principal,
    order_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[OrderApplicationView] | None:
    """A page of the order's applications and where each partner has them (None: no such
    order the caller may see)."""
    async with db() as session:
        order = (
            await session.execute(
                select(orders.c.id)
                .join(opportunities, opportunities.c.id == orders.c.opportunity_id)
                .where(orders.c.id == order_id, visible_opportunities(actor))
            )
        ).scalar_one_or_none()
        if order is None:
            return None
        rows = await session.execute(
            select(
                pa.c.id,
                pa.c.order_id,
                pa.c.quote_id,
                pa.c.partner_id,
                pa.c.kind,
                pa.c.product_code,
                pa.c.description,
                pa.c.amount,
                pa.c.status,
                pa.c.note,
                pa.c.updated_by,
                pa.c.created_at,
                pa.c.updated_at,
            )
            .where(pa.c.order_id == order_id)
            .order_by(pa.c.created_at, pa.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [
            OrderApplicationView(**{**r._asdict(), "status": ApplicationStatus(r.status)})
            for r in rows
        ]
