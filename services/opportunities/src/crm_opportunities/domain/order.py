"""Sales orders (销售订单) as configurable processes: deposit first (deposit → order → delivery
→ payment) or payment first (payment → order → delivery), with cancellation and the deposit's
refund."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from crm_common.errors import InvalidInput


class OrderProcess(StrEnum):
    DEPOSIT_FIRST = "deposit_first"
    PAYMENT_FIRST = "payment_first"


class Step(StrEnum):
    DEPOSIT_PAID = "deposit_paid"
    ORDERED = "ordered"
    DELIVERED = "delivered"
    PAID = "paid"


STEPS: dict[OrderProcess, tuple[Step, ...]] = {
    OrderProcess.DEPOSIT_FIRST: (Step.DEPOSIT_PAID, Step.ORDERED, Step.DELIVERED, Step.PAID),
    OrderProcess.PAYMENT_FIRST: (Step.PAID, Step.ORDERED, Step.DELIVERED),
}


class OrderConflict(Exception):
    """Not the step the process expects now, or the order is closed (answered 409)."""


@dataclass
class Order:
    id: UUID
    tenant: str
    owner_org: str
    opportunity_id: UUID
    quote_id: UUID
    owner_user: str
    process: OrderProcess
    total: Decimal
    steps_done: list[str]
    deposit: Decimal
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    refunded_at: datetime | None = None
    vin: str | None = None
    delivered_on: date | None = None
    created_at: datetime | None = None
    recorded: list[Step] = field(default_factory=list)

    @property
    def next_step(self) -> Step | None:
        remaining = STEPS[self.process][len(self.steps_done) :]
        return remaining[0] if remaining else None

    @property
    def delivered(self) -> bool:
        return Step.DELIVERED.value in self.steps_done

    def complete(self, step: Step, *, amount: Decimal | None, vin: str | None, on: date) -> None:
        if self.cancelled_at is not None:
            raise OrderConflict("the order was cancelled")
        expected = self.next_step
        if step is not expected:
            raise OrderConflict(
                "the order is complete" if expected is None else f"next step is {expected.value}"
            )
        if step is Step.DEPOSIT_PAID:
            if amount is None or amount <= 0:
                raise InvalidInput("amount", "the deposit paid")
            self.deposit = amount
        if step is Step.DELIVERED:
            if vin is None or len(vin) != 17:
                raise InvalidInput("vin", "the delivered vehicle's 17-character VIN")
            self.vin, self.delivered_on = vin.upper(), on
        self.steps_done.append(step.value)

    def cancel(self, reason: str, now: datetime) -> Decimal:
        """Cancelled before delivery; returns the deposit to refund."""
        if not reason.strip():
            raise InvalidInput("reason", "say why the order is cancelled")
        if self.cancelled_at is not None:
            raise OrderConflict("the order was cancelled already")
        if self.delivered:
            raise OrderConflict("a delivered vehicle is not cancelled; it is returned")
        self.cancelled_at, self.cancel_reason = now, reason.strip()
        return self.deposit

    def refund(self, now: datetime) -> Decimal:
        if self.cancelled_at is None:
            raise OrderConflict("only a cancelled order's deposit is refunded")
        if self.refunded_at is not None:
            raise OrderConflict("the deposit was refunded already")
        if self.deposit <= 0:
            raise OrderConflict("no deposit was paid")
        self.refunded_at = now
        return self.deposit
