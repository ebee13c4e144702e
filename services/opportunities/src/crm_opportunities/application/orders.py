"""Orders through their process: steps (deposit, ordered, delivered, paid), cancellation with the
deposit to refund (the won deal is undone), and the refund itself."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.opportunities.v1 import (
    DepositRefunded,
    OrderCancelled,
    OrderStepCompleted,
    VehicleDelivered,
)
from crm_common.db import UnitOfWork
from crm_opportunities.adapters import partner_store, sales_repository
from crm_opportunities.adapters.access import changeable_opportunities
from crm_opportunities.application.opportunities import (
    advance_to_stage,
    opportunity_for_change,
    reopen_after_cancellation,
)
from crm_opportunities.domain.order import Order, OrderConflict, Step

__all__ = ["OrderConflict"]

# The planned collection a payment step settles.
SETTLES = {Step.DEPOSIT_PAID: "deposit", Step.PAID: "balance"}


class OrderNotFound(LookupError):
    """No such order the caller may act on (answered 404)."""


async def _order_for_change(uow: UnitOfWork, order_id: UUID, actor: Principal) -> Order:
    order = await sales_repository.order_for_change(
        uow.session, order_id, changeable_opportunities(actor)
    )
    if order is None:
        raise OrderNotFound("order not found")
    return order


async def complete_step(
    order_id: UUID,
    step: Step,
    *,
    amount: Decimal | None,
    vin: str | None,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
    today: date,
) -> Order:
    """The next step of the order's process; a delivery (交车) publishes VehicleDelivered."""
    async with uow:
        order = await _order_for_change(uow, order_id, actor)
        order.complete(step, amount=amount, vin=vin, on=today)
        await sales_repository.save_order(uow.session, order)
        events: list[EventData] = [
            OrderStepCompleted(
                order_id=order.id,
                opportunity_id=order.opportunity_id,
                dealer_id=order.owner_org,
                at=now,
                step=step.value,
                amount=amount,
                recorded_by=actor.user_id,
            )
        ]
        if step in SETTLES:
            await _settle(uow, order, SETTLES[step], amount, today)
        if step is Step.DELIVERED and order.vin is not None:
            opportunity = await opportunity_for_change(uow, order.opportunity_id, actor)
            await advance_to_stage(uow, opportunity, "delivery", actor, now)
            events.append(
                VehicleDelivered(
                    order_id=order.id,
                    opportunity_id=order.opportunity_id,
                    dealer_id=order.owner_org,
                    at=now,
                    customer_id=opportunity.customer_id,
                    owner_user=order.owner_user,
                    vin=order.vin,
                    model_code=opportunity.model_code or "",
                    delivered_on=today,
                )
            )
        await uow.publish_about(
            actor=actor.user_id, tenant=order.tenant, owner_org=order.owner_org, events=events
        )
        return order


async def _settle(
    uow: UnitOfWork, order: Order, note: str, amount: Decimal | None, today: date
) -> None:
    await partner_store.settle_collection(uow.session, order.id, note, amount, today)


async def cancel_order(
    order_id: UUID, reason: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Order:
    """Before delivery only; the deal is undone (the opportunity is open again)."""
    async with uow:
        order = await _order_for_change(uow, order_id, actor)
        to_refund = order.cancel(reason, now)
        await sales_repository.save_order(uow.session, order)
        opportunity = await opportunity_for_change(uow, order.opportunity_id, actor)
        await reopen_after_cancellation(uow, opportunity, actor, now)
        await uow.publish_about(
            actor=actor.user_id,
            tenant=order.tenant,
            owner_org=order.owner_org,
            events=[
                OrderCancelled(
                    order_id=order.id,
                    opportunity_id=order.opportunity_id,
                    dealer_id=order.owner_org,
                    at=now,
                    owner_user=order.owner_user,
                    reason=order.cancel_reason or reason,
                    cancelled_by=actor.user_id,
                    deposit_to_refund=to_refund,
                )
            ],
        )
        return order


async def refund_deposit(
    order_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Order:
    async with uow:
        order = await _order_for_change(uow, order_id, actor)
        amount = order.refund(now)
        await sales_repository.save_order(uow.session, order)
        await uow.publish_about(
            actor=actor.user_id,
            tenant=order.tenant,
            owner_org=order.owner_org,
            events=[
                DepositRefunded(
                    order_id=order.id,
                    opportunity_id=order.opportunity_id,
                    dealer_id=order.owner_org,
                    at=now,
                    amount=amount,
                    recorded_by=actor.user_id,
                )
            ],
        )
        return order
