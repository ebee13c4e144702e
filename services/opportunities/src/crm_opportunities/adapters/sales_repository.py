"""Quotes, orders, quote templates and sales settings in PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, level_shared_with
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.sales_tables import orders, quote_templates, quotes, sales_settings
from crm_opportunities.adapters.tables import opportunities
from crm_opportunities.domain.catalog import Configuration, QuoteTemplate
from crm_opportunities.domain.discounts import Approver, DiscountPolicy
from crm_opportunities.domain.order import Order, OrderProcess
from crm_opportunities.domain.quote import LineKind, Quote, QuoteLine, QuoteStatus
from crm_opportunities.domain.sales_settings import Letterhead, SalesSettings


def _line_json(line: QuoteLine) -> dict[str, Any]:
    return {
        "kind": line.kind.value,
        "code": line.code,
        "description": line.description,
        "list_price": str(line.list_price),
        "price": str(line.price),
        "cost": str(line.cost),
        "partner_id": line.partner_id,
    }


def _line_of(data: dict[str, Any]) -> QuoteLine:
    return QuoteLine(
        kind=LineKind(data["kind"]),
        code=data["code"],
        description=data["description"],
        list_price=Decimal(data["list_price"]),
        price=Decimal(data["price"]),
        cost=Decimal(data["cost"]),
        partner_id=data["partner_id"],
    )


def _quote_row(quote: Quote) -> dict[str, Any]:
    return {
        "tenant": quote.tenant,
        "owner_org": quote.owner_org,
        "opportunity_id": quote.opportunity_id,
        "version": quote.version,
        "lines": [_line_json(line) for line in quote.lines],
        "extra_discount": quote.extra_discount,
        "list_total": quote.list_total,
        "total": quote.total,
        "cost_total": quote.cost_total,
        "status": quote.status.value,
        "approver_needed": quote.approver_needed.value if quote.approver_needed else None,
        "decided_by": quote.decided_by,
        "created_by": quote.created_by,
        "created_at": quote.created_at,
        "issued_at": quote.issued_at,
        "accepted_at": quote.accepted_at,
        "order_id": quote.order_id,
    }


def quote_of(row: Any) -> Quote:
    return Quote(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        opportunity_id=row["opportunity_id"],
        version=row["version"],
        lines=[_line_of(line) for line in row["lines"]],
        extra_discount=row["extra_discount"],
        status=QuoteStatus(row["status"]),
        approver_needed=Approver(row["approver_needed"]) if row["approver_needed"] else None,
        decided_by=row["decided_by"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        issued_at=row["issued_at"],
        accepted_at=row["accepted_at"],
        order_id=row["order_id"],
    )


async def next_version(session: AsyncSession, opportunity_id: UUID) -> int:
    latest = await session.execute(
        select(func.max(quotes.c.version)).where(quotes.c.opportunity_id == opportunity_id)
    )
    return int(latest.scalar() or 0) + 1


async def add_quote(session: AsyncSession, quote: Quote) -> None:
    await session.execute(insert(quotes).values(id=quote.id, **_quote_row(quote)))


async def save_quote(session: AsyncSession, quote: Quote) -> None:
    await session.execute(update(quotes).where(quotes.c.id == quote.id).values(**_quote_row(quote)))


async def quote_for_change(
    session: AsyncSession, quote_id: UUID, visible: ColumnElement[bool]
) -> Quote | None:
    """Locked; ``visible`` is a condition on the quote's opportunity (joined)."""
    row = (
        (
            await session.execute(
                select(quotes)
                .join(opportunities, opportunities.c.id == quotes.c.opportunity_id)
                .where(quotes.c.id == quote_id, visible)
                .with_for_update(of=quotes)
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else quote_of(row)


async def settings_of(session: AsyncSession, tenant: str, dealer: str) -> SalesSettings:
    row = (
        (
            await session.execute(
                select(sales_settings).where(
                    sales_settings.c.tenant == tenant, sales_settings.c.owner_org == dealer
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return SalesSettings()
    return SalesSettings(
        discount_policy=DiscountPolicy.model_validate(row["discount_policy"]),
        order_process=OrderProcess(row["order_process"]),
        letterhead=None
        if row["letterhead"] is None
        else Letterhead.model_validate(row["letterhead"]),
        quote_valid_days=row["quote_valid_days"],
    )


async def save_settings(
    session: AsyncSession, tenant: str, dealer: str, settings: SalesSettings
) -> None:
    values = {
        "discount_policy": settings.discount_policy.model_dump(mode="json"),
        "order_process": settings.order_process.value,
        "letterhead": None if settings.letterhead is None else settings.letterhead.model_dump(),
        "quote_valid_days": settings.quote_valid_days,
    }
    await session.execute(
        pg_insert(sales_settings)
        .values(tenant=tenant, owner_org=dealer, **values)
        .on_conflict_do_update(
            index_elements=[sales_settings.c.tenant, sales_settings.c.owner_org], set_=values
        )
    )


def _order_row(order: Order) -> dict[str, Any]:
    return {
        "tenant": order.tenant,
        "owner_org": order.owner_org,
        "opportunity_id": order.opportunity_id,
        "quote_id": order.quote_id,
        "owner_user": order.owner_user,
        "process": order.process.value,
        "total": order.total,
        "deposit": order.deposit,
        "steps_done": list(order.steps_done),
        "vin": order.vin,
        "delivered_on": order.delivered_on,
        "cancelled_at": order.cancelled_at,
        "cancel_reason": order.cancel_reason,
        "refunded_at": order.refunded_at,
        "created_at": order.created_at,
    }


def order_of(row: Any) -> Order:
    return Order(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        opportunity_id=row["opportunity_id"],
        quote_id=row["quote_id"],
        owner_user=row["owner_user"],
        process=OrderProcess(row["process"]),
        total=row["total"],
        steps_done=list(row["steps_done"]),
        deposit=row["deposit"],
        cancelled_at=row["cancelled_at"],
        cancel_reason=row["cancel_reason"],
        refunded_at=row["refunded_at"],
        vin=row["vin"],
        delivered_on=row["delivered_on"],
        created_at=row["created_at"],
    )


async def add_order(session: AsyncSession, order: Order) -> None:
    await session.execute(insert(orders).values(id=order.id, **_order_row(order)))


async def save_order(session: AsyncSession, order: Order) -> None:
    await session.execute(update(orders).where(orders.c.id == order.id).values(**_order_row(order)))


async def order_for_change(
    session: AsyncSession, order_id: UUID, visible: ColumnElement[bool]
) -> Order | None:
    row = (
        (
            await session.execute(
                select(orders)
                .join(opportunities, opportunities.c.id == orders.c.opportunity_id)
                .where(orders.c.id == order_id, visible)
                .with_for_update(of=orders)
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else order_of(row)


def _configuration_json(configuration: Configuration) -> dict[str, Any]:
    return {
        "model_code": configuration.model_code,
        "trim_code": configuration.trim_code,
        "colour_code": configuration.colour_code,
        "options": list(configuration.options),
        "accessories": list(configuration.accessories),
    }


def template_of(row: Any) -> QuoteTemplate:
    stored = row["configuration"]
    return QuoteTemplate(
        name=row["name"],
        configuration=None
        if stored is None
        else Configuration(
            model_code=stored["model_code"],
            trim_code=stored["trim_code"],
            colour_code=stored["colour_code"],
            options=tuple(stored["options"]),
            accessories=tuple(stored["accessories"]),
        ),
        lines=[_line_of(line) for line in row["lines"]],
        extra_discount=Decimal(row["extra_discount"]),
    )


async def add_template(
    session: AsyncSession,
    *,
    tenant: str,
    dealer: str,
    template: QuoteTemplate,
    created_by: str,
    now: datetime,
) -> UUID:
    template_id = uuid4()
    await session.execute(
        insert(quote_templates).values(
            id=template_id,
            tenant=tenant,
            owner_org=dealer,
            name=template.name,
            configuration=None
            if template.configuration is None
            else _configuration_json(template.configuration),
            lines=[_line_json(line) for line in template.lines],
            extra_discount=template.extra_discount,
            created_by=created_by,
            created_at=now,
        )
    )
    return template_id


async def dealer_template(
    session: AsyncSession, template_id: UUID, tenant: str, dealer: str
) -> QuoteTemplate | None:
    row = (
        (
            await session.execute(
                select(quote_templates).where(
                    quote_templates.c.id == template_id,
                    quote_templates.c.tenant == tenant,
                    quote_templates.c.owner_org == dealer,
                )
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else template_of(row)


@dataclass(frozen=True, slots=True)
class QuoteForPrint:
    quote: Quote
    customer_name: str
    phone: str | None
    owner_user: str
    shared: SharingLevel
    """How much of the opportunity's data reaches the caller by sharing."""


async def quote_for_print(
    session: AsyncSession, principal: Principal, quote_id: UUID
) -> QuoteForPrint | None:
    """The quote with its customer, if the caller may see its opportunity."""
    row = (
        (
            await session.execute(
                select(
                    quotes,
                    opportunities.c.customer_name,
                    opportunities.c.phone,
                    opportunities.c.owner_user,
                    level_shared_with(
                        principal, DataType.OPPORTUNITY, owner_org=opportunities.c.owner_org
                    ).label("shared_level"),
                )
                .join(opportunities, opportunities.c.id == quotes.c.opportunity_id)
                .where(quotes.c.id == quote_id, visible_opportunities(principal))
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return QuoteForPrint(
        quote_of(row),
        row["customer_name"],
        row["phone"],
        row["owner_user"],
        SharingLevel(row["shared_level"]),
    )


async def orders_follow_their_opportunities(
    session: AsyncSession, tenant: str, book: str, previous_owner: str
) -> int:
    """After a hand-over: the leaver's orders go to whoever now owns their opportunity."""
    result = await session.execute(
        update(orders)
        .where(
            orders.c.tenant == tenant,
            orders.c.owner_org == book,
            orders.c.owner_user == previous_owner,
            orders.c.opportunity_id == opportunities.c.id,
            opportunities.c.owner_user != previous_owner,
        )
        .values(owner_user=opportunities.c.owner_user)
        .returning(orders.c.id)
    )
    return len(result.all())
