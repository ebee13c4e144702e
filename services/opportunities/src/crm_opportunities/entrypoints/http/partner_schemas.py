"""Request and answer bodies of the finance and insurance applications."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from crm_opportunities.domain.order import OrderProcess, Step
from crm_opportunities.domain.partner_application import ApplicationStatus
from crm_opportunities.entrypoints.http.schemas import Request

ProductKind = Literal["finance", "insurance"]


class StatusChange(Request):
    status: ApplicationStatus
    note: str | None = Field(default=None, max_length=500, description="e.g. why it was declined")


class OrderFacts(BaseModel):
    """How far the order is, so the partner knows when to pay out or start the policy."""

    process: OrderProcess
    steps_done: list[str]
    next_step: Step | None
    cancelled: bool


class PartnerApplicationPublic(BaseModel):
    """What the partner sees: its product on the dealer's quote and order; the customer's name
    and phone masked unless the dealer agreed to share them in full."""

    id: UUID
    dealer_id: str
    quote_id: UUID
    order_id: UUID | None
    kind: ProductKind
    product_code: str
    description: str
    amount: Decimal
    status: ApplicationStatus
    note: str | None
    created_at: datetime
    updated_at: datetime
    quote_total: Decimal
    vehicle: str | None = Field(description="The quote's vehicle line")
    order: OrderFacts | None
    customer_name: str
    phone: str | None


class OrderApplicationPublic(BaseModel):
    """What the dealer sees of an order's applications."""

    id: UUID
    order_id: UUID | None
    quote_id: UUID
    partner_id: str
    kind: ProductKind
    product_code: str
    description: str
    amount: Decimal
    status: ApplicationStatus
    note: str | None
    updated_by: str
    created_at: datetime
    updated_at: datetime
