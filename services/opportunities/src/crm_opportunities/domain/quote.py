"""Quotes (报价): line items, discounts, the approval a discount beyond the consultant's limit
needs, and acceptance, which turns the quote into an order (报价单→销售订单)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from uuid import UUID

from crm_opportunities.domain.discounts import Approver, DiscountPolicy, covers

CENT = Decimal("0.01")


class LineKind(StrEnum):
    VEHICLE = "vehicle"
    ACCESSORY = "accessory"
    EXTENDED_WARRANTY = "extended_warranty"
    INSURANCE = "insurance"
    FINANCE = "finance"
    TRADE_IN_CREDIT = "trade_in_credit"
    FEE = "fee"


PARTNER_PRODUCTS = (LineKind.INSURANCE, LineKind.FINANCE)


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    ISSUED = "issued"
    REJECTED = "rejected"
    ACCEPTED = "accepted"


class QuoteConflict(Exception):
    """The quote's state does not allow it (answered 409)."""


@dataclass(frozen=True, slots=True)
class QuoteLine:
    kind: LineKind
    code: str
    description: str
    list_price: Decimal
    price: Decimal
    cost: Decimal
    partner_id: str | None = None


@dataclass
class Quote:
    id: UUID
    tenant: str
    owner_org: str
    opportunity_id: UUID
    version: int
    lines: list[QuoteLine]
    extra_discount: Decimal
    status: QuoteStatus
    approver_needed: Approver | None
    decided_by: str | None
    created_by: str
    created_at: datetime
    issued_at: datetime | None = None
    accepted_at: datetime | None = None
    order_id: UUID | None = None
    events: list[str] = field(default_factory=list)

    @property
    def list_total(self) -> Decimal:
        return sum((line.list_price for line in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((line.price for line in self.lines), Decimal(0)) - self.extra_discount

    @property
    def discount(self) -> Decimal:
        return self.list_total - self.total

    @property
    def discount_percent(self) -> Decimal:
        """Of the vehicle and goods sold: a trade-in credit is not a discount."""
        base = sum(
            (ln.list_price for ln in self.lines if ln.kind is not LineKind.TRADE_IN_CREDIT),
            Decimal(0),
        )
        credit = sum(
            (ln.price for ln in self.lines if ln.kind is LineKind.TRADE_IN_CREDIT), Decimal(0)
        )
        if base <= 0:
            return Decimal(0)
        given = base - (self.total - credit)
        return (given * 100 / base).quantize(CENT, ROUND_HALF_UP)

    @property
    def cost_total(self) -> Decimal:
        return sum((line.cost for line in self.lines), Decimal(0))

    @property
    def gross_margin(self) -> Decimal:
        return self.total - self.cost_total

    @property
    def vehicle(self) -> QuoteLine | None:
        return next((ln for ln in self.lines if ln.kind is LineKind.VEHICLE), None)

    def partner_ids(self) -> list[str]:
        return sorted({ln.partner_id for ln in self.lines if ln.partner_id is not None})

    def has(self, kind: LineKind) -> bool:
        return any(ln.kind is kind for ln in self.lines)

    def issue(self, policy: DiscountPolicy, now: datetime) -> Approver | None:
        """Issued to the customer, or held for the approver the discount needs (returned)."""
        if self.status is not QuoteStatus.DRAFT:
            raise QuoteConflict(f"quote is {self.status.value}")
        if self.vehicle is None:
            raise QuoteConflict("a quote needs a vehicle line")
        self.approver_needed = policy.approver_needed(self.discount_percent)
        if self.approver_needed is None:
            self.status, self.issued_at = QuoteStatus.ISSUED, now
        else:
            self.status = QuoteStatus.PENDING_APPROVAL
        return self.approver_needed

    def decide(self, approve: bool, held: Approver | None, by: str, now: datetime) -> None:
        """The approver approves (the quote is issued) or rejects the discount."""
        if self.status is not QuoteStatus.PENDING_APPROVAL or self.approver_needed is None:
            raise QuoteConflict(f"quote is {self.status.value}, not waiting for approval")
        if held is None or not covers(held, self.approver_needed):
            raise QuoteConflict(
                f"a {self.discount_percent}% discount needs the {self.approver_needed.value}'s "
                "approval"
            )
        self.decided_by = by
        if approve:
            self.status, self.issued_at = QuoteStatus.ISSUED, now
        else:
            self.status = QuoteStatus.REJECTED

    def accept(self, order_id: UUID, now: datetime) -> None:
        if self.status is not QuoteStatus.ISSUED:
            raise QuoteConflict(f"quote is {self.status.value}; only an issued quote is accepted")
        self.status, self.accepted_at, self.order_id = QuoteStatus.ACCEPTED, now, order_id
