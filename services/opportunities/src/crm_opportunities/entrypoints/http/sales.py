"""HTTP API of quotes and orders: thin — parse, call one command, shape the answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.http import database
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.sales_repository import order_of, quote_of
from crm_opportunities.adapters.sales_tables import orders, quotes
from crm_opportunities.adapters.tables import opportunities
from crm_opportunities.application import orders as order_commands
from crm_opportunities.application import quotes as quote_commands
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.quote import Quote, QuoteLine
from crm_opportunities.entrypoints.http.sales_schemas import (
    ApprovalDecision,
    Cancellation,
    OrderPublic,
    OrderStep,
    QuoteCreate,
    QuoteLineIn,
    QuotePublic,
)

router = APIRouter(tags=["quotes and orders"])
Database = Annotated[async_sessionmaker[AsyncSession], Depends(database)]
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such record visible to the caller"},
    409: {"description": "Its state does not allow it (the detail says why)"},
}


def _quote_public(quote: Quote) -> QuotePublic:
    return QuotePublic(
        id=quote.id,
        opportunity_id=quote.opportunity_id,
        version=quote.version,
        status=quote.status,
        lines=[
            QuoteLineIn(
                kind=ln.kind,
                code=ln.code,
                description=ln.description,
                list_price=ln.list_price,
                price=ln.price,
                cost=ln.cost,
                partner_id=ln.partner_id,
            )
            for ln in quote.lines
        ],
        list_total=quote.list_total,
        extra_discount=quote.extra_discount,
        discount=quote.discount,
        discount_percent=quote.discount_percent,
        total=quote.total,
        gross_margin=quote.gross_margin,
        approver_needed=quote.approver_needed,
        decided_by=quote.decided_by,
        issued_at=quote.issued_at,
        accepted_at=quote.accepted_at,
        order_id=quote.order_id,
    )


def _order_public(order: Order) -> OrderPublic:
    return OrderPublic(
        id=order.id,
        opportunity_id=order.opportunity_id,
        quote_id=order.quote_id,
        owner_user=order.owner_user,
        process=order.process,
        total=order.total,
        deposit=order.deposit,
        steps_done=order.steps_done,
        next_step=order.next_step,
        vin=order.vin,
        delivered_on=order.delivered_on,
        cancelled_at=order.cancelled_at,
        cancel_reason=order.cancel_reason,
        refunded_at=order.refunded_at,
    )


@router.post(
    "/opportunities/{opportunity_id}/quotes",
    status_code=status.HTTP_201_CREATED,
    response_model=QuotePublic,
    responses=_RESPONSES,
)
async def draft_quote(
    opportunity_id: UUID,
    body: QuoteCreate,
    actor: Annotated[Principal, requires("opportunity.work")],
    db: Database,
) -> QuotePublic:
    """The next version of the opportunity's quote, as a draft: a configuration priced by the
    configurator with the dealer's prices, and lines that carry their own list price, price and
    cost (accessories off the list, warranty, partners' products, trade-in credit, fees)."""
    quote = await quote_commands.draft_quote(
        opportunity_id,
        quote_commands.QuoteDraft(
            lines=[
                QuoteLine(
                    kind=ln.kind,
                    code=ln.code,
                    description=ln.description,
                    list_price=ln.list_price,
                    price=ln.price,
                    cost=ln.cost,
                    partner_id=ln.partner_id,
                )
                for ln in body.lines
            ],
            extra_discount=body.extra_discount,
            configuration=body.configuration.configuration() if body.configuration else None,
        ),
        actor,
        UnitOfWork(db),
        now=datetime.now(UTC),
    )
    return _quote_public(quote)


@router.get("/quotes/{quote_id}", response_model=QuotePublic, responses=_RESPONSES)
async def get_quote(
    quote_id: UUID, actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> QuotePublic:
    async with db() as session:
        row = (
            (
                await session.execute(
                    select(quotes)
                    .join(opportunities, opportunities.c.id == quotes.c.opportunity_id)
                    .where(quotes.c.id == quote_id, visible_opportunities(actor))
                )
            )
            .mappings()
            .first()
        )
    if row is None:
        raise quote_commands.QuoteNotFound("quote not found")
    return _quote_public(quote_of(row))


@router.post("/quotes/{quote_id}/issue", response_model=QuotePublic, responses=_RESPONSES)
async def issue_quote(
    quote_id: UUID, actor: Annotated[Principal, requires("opportunity.work")], db: Database
) -> QuotePublic:
    """Issued to the customer, or (a discount beyond the consultant's limit) held for the
    sales manager's or the dealer's approval. Moves the opportunity to the quote stage."""
    quote = await quote_commands.issue_quote(quote_id, actor, UnitOfWork(db), now=datetime.now(UTC))
    return _quote_public(quote)


@router.post("/quotes/{quote_id}/approval", response_model=QuotePublic, responses=_RESPONSES)
async def decide_quote(
    quote_id: UUID,
    body: ApprovalDecision,
    actor: Annotated[Principal, requires("quote.approve")],
    db: Database,
) -> QuotePublic:
    """A sales manager decides up to the manager's limit, a dealer admin beyond it (409 when
    the discount is beyond the caller's level)."""
    quote = await quote_commands.decide_quote(
        quote_id, body.approve, body.note, actor, UnitOfWork(db), now=datetime.now(UTC)
    )
    return _quote_public(quote)


@router.post(
    "/quotes/{quote_id}/acceptance",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderPublic,
    responses=_RESPONSES,
)
async def accept_quote(
    quote_id: UUID, actor: Annotated[Principal, requires("order.manage")], db: Database
) -> OrderPublic:
    """The customer accepts: the order is placed and the opportunity won (DealWon)."""
    order = await quote_commands.accept_quote(
        quote_id, actor, UnitOfWork(db), now=datetime.now(UTC)
    )
    return _order_public(order)


@router.get("/orders/{order_id}", response_model=OrderPublic, responses=_RESPONSES)
async def get_order(
    order_id: UUID, actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> OrderPublic:
    async with db() as session:
        row = (
            (
                await session.execute(
                    select(orders)
                    .join(opportunities, opportunities.c.id == orders.c.opportunity_id)
                    .where(orders.c.id == order_id, visible_opportunities(actor))
                )
            )
            .mappings()
            .first()
        )
    if row is None:
        raise order_commands.OrderNotFound("order not found")
    return _order_public(order_of(row))


@router.post("/orders/{order_id}/steps", response_model=OrderPublic, responses=_RESPONSES)
async def complete_step(
    order_id: UUID,
    body: OrderStep,
    request: Request,
    actor: Annotated[Principal, requires("order.manage")],
    db: Database,
) -> OrderPublic:
    """The next step of the dealer's order process (deposit_paid → ordered → delivered → paid,
    or paid → ordered → delivered); delivery needs the VIN."""
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo(request.app.state.settings.business_timezone)).date()
    order = await order_commands.complete_step(
        order_id,
        body.step,
        amount=body.amount,
        vin=body.vin,
        actor=actor,
        uow=UnitOfWork(db),
        now=now,
        today=today,
    )
    return _order_public(order)


@router.post("/orders/{order_id}/cancellation", response_model=OrderPublic, responses=_RESPONSES)
async def cancel_order(
    order_id: UUID,
    body: Cancellation,
    actor: Annotated[Principal, requires("order.cancel")],
    db: Database,
) -> OrderPublic:
    """Before delivery; the won deal is undone and the deposit is to be refunded."""
    order = await order_commands.cancel_order(
        order_id, body.reason, actor, UnitOfWork(db), now=datetime.now(UTC)
    )
    return _order_public(order)


@router.post("/orders/{order_id}/refund", response_model=OrderPublic, responses=_RESPONSES)
async def refund_deposit(
    order_id: UUID, actor: Annotated[Principal, requires("order.cancel")], db: Database
) -> OrderPublic:
    """The cancelled order's deposit was paid back (once)."""
    order = await order_commands.refund_deposit(
        order_id, actor, UnitOfWork(db), now=datetime.now(UTC)
    )
    return _order_public(order)
