"""A dealer's sales settings: discount limits, its order process, and how its quotes print
(letterhead, days a quote stays valid). Defaults when the dealer has set nothing."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from crm_opportunities.domain.discounts import DiscountPolicy
from crm_opportunities.domain.order import OrderProcess


class Letterhead(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="The dealer's name as printed")
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)


class SalesSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    discount_policy: DiscountPolicy = DiscountPolicy()
    order_process: OrderProcess = OrderProcess.DEPOSIT_FIRST
    letterhead: Letterhead | None = Field(
        default=None, description="Printed on quotes; the dealer's id when not set"
    )
    quote_valid_days: int = Field(default=7, ge=1, le=90)
