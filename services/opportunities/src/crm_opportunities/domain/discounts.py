"""Who may grant how much discount (折扣审批): a consultant up to a limit, beyond it the sales
manager, beyond the manager's limit the dealer. Limits are per dealer."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Approver(StrEnum):
    SALES_MANAGER = "sales_manager"
    DEALER = "dealer"


class DiscountPolicy(BaseModel):
    """Discount as a percentage of the quote's list total."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    consultant_percent: Decimal = Field(default=Decimal(3), ge=0, le=100)
    manager_percent: Decimal = Field(default=Decimal(8), ge=0, le=100)

    @model_validator(mode="after")
    def _manager_above_consultant(self) -> DiscountPolicy:
        if self.manager_percent < self.consultant_percent:
            raise ValueError("manager_percent is below consultant_percent")
        return self

    def approver_needed(self, discount_percent: Decimal) -> Approver | None:
        if discount_percent <= self.consultant_percent:
            return None
        if discount_percent <= self.manager_percent:
            return Approver.SALES_MANAGER
        return Approver.DEALER


def approver_level(functions: frozenset[str]) -> Approver | None:
    """The highest level the caller's functions approve at (``quote.approve.dealer`` covers the
    manager's level too)."""
    if "quote.approve.dealer" in functions:
        return Approver.DEALER
    if "quote.approve" in functions:
        return Approver.SALES_MANAGER
    return None


def covers(held: Approver, needed: Approver) -> bool:
    return held is Approver.DEALER or needed is Approver.SALES_MANAGER
