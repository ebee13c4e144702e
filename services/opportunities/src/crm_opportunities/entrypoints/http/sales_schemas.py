"""Request and answer bodies of quotes and orders."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from crm_opportunities.domain.catalog import Configuration
from crm_opportunities.domain.discounts import Approver
from crm_opportunities.domain.order import OrderProcess, Step
from crm_opportunities.domain.quote import PARTNER_PRODUCTS, LineKind, QuoteLine, QuoteStatus
from crm_opportunities.entrypoints.http.schemas import Request

Amount = Decimal


class QuoteLineIn(Request):
    kind: LineKind
    code: str = Field(min_length=1, max_length=40, description="Model, accessory or product code")
    description: str = Field(min_length=1, max_length=200)
    list_price: Decimal = Field(max_digits=14, decimal_places=2, description="MSRP or list price")
    price: Decimal = Field(max_digits=14, decimal_places=2, description="What the customer pays")
    cost: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    partner_id: str | None = Field(
        default=None, max_length=64, description="The partner whose insurance or finance it is"
    )

    @classmethod
    def of(cls, line: QuoteLine) -> QuoteLineIn:
        return cls(
            kind=line.kind,
            code=line.code,
            description=line.description,
            list_price=line.list_price,
            price=line.price,
            cost=line.cost,
            partner_id=line.partner_id,
        )

    def quote_line(self) -> QuoteLine:
        return QuoteLine(
            kind=self.kind,
            code=self.code,
            description=self.description,
            list_price=self.list_price,
            price=self.price,
            cost=self.cost,
            partner_id=self.partner_id,
        )

    @model_validator(mode="after")
    def _partner_products_name_their_partner(self) -> QuoteLineIn:
        if (self.kind in PARTNER_PRODUCTS) != (self.partner_id is not None):
            raise ValueError("insurance and finance lines (and only they) name their partner_id")
        if self.kind is LineKind.TRADE_IN_CREDIT and self.price > 0:
            raise ValueError("a trade-in credit is negative")
        return self


class ConfigurationIn(Request):
    """A vehicle as the configurator takes it (the current catalogue's codes)."""

    model_code: str = Field(min_length=1, max_length=40)
    trim_code: str = Field(min_length=1, max_length=40)
    colour_code: str = Field(min_length=1, max_length=40)
    options: list[str] = Field(default_factory=list, max_length=100)
    accessories: list[str] = Field(default_factory=list, max_length=100)

    @classmethod
    def of(cls, configuration: Configuration) -> ConfigurationIn:
        return cls(
            model_code=configuration.model_code,
            trim_code=configuration.trim_code,
            colour_code=configuration.colour_code,
            options=list(configuration.options),
            accessories=list(configuration.accessories),
        )

    def configuration(self) -> Configuration:
        return Configuration(
            model_code=self.model_code,
            trim_code=self.trim_code,
            colour_code=self.colour_code,
            options=tuple(self.options),
            accessories=tuple(self.accessories),
        )


class QuoteCreate(Request):
    configuration: ConfigurationIn | None = Field(
        default=None,
        description="Priced by the configurator with the dealer's prices into the vehicle "
        "line and accessory lines, ahead of `lines`",
    )
    lines: list[QuoteLineIn] = Field(default_factory=list, max_length=100)
    extra_discount: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)

    template_id: UUID | None = Field(
        default=None,
        description="The dealer's template to start from: its configuration (unless this body "
        "has one) and lines come first",
    )

    @model_validator(mode="after")
    def _something_to_quote(self) -> QuoteCreate:
        if self.configuration is None and not self.lines and self.template_id is None:
            raise ValueError("a quote needs a configuration, lines or a template")
        return self


class QuoteTemplateCreate(Request):
    name: str = Field(min_length=1, max_length=200)
    configuration: ConfigurationIn | None = None
    lines: list[QuoteLineIn] = Field(default_factory=list, max_length=100)
    extra_discount: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)

    @model_validator(mode="after")
    def _something_to_quote(self) -> QuoteTemplateCreate:
        if self.configuration is None and not self.lines:
            raise ValueError("a template needs a configuration or lines")
        return self


class QuoteTemplatePublic(BaseModel):
    id: UUID
    name: str
    configuration: ConfigurationIn | None
    lines: list[QuoteLineIn]
    extra_discount: Decimal


class ApprovalDecision(Request):
    approve: bool
    note: str | None = Field(default=None, max_length=500)


class QuotePublic(BaseModel):
    id: UUID
    opportunity_id: UUID
    version: int
    status: QuoteStatus
    lines: list[QuoteLineIn]
    list_total: Decimal
    extra_discount: Decimal
    discount: Decimal
    discount_percent: Decimal
    total: Decimal
    gross_margin: Decimal
    approver_needed: Approver | None
    decided_by: str | None
    issued_at: datetime | None
    accepted_at: datetime | None
    order_id: UUID | None


class OrderStep(Request):
    step: Step
    amount: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)
    vin: str | None = Field(default=None, min_length=17, max_length=17)


class Cancellation(Request):
    reason: str = Field(min_length=1, max_length=500)


class OrderPublic(BaseModel):
    id: UUID
    opportunity_id: UUID
    quote_id: UUID
    owner_user: str
    process: OrderProcess
    total: Decimal
    deposit: Decimal
    steps_done: list[str]
    next_step: Step | None
    vin: str | None
    delivered_on: date | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    refunded_at: datetime | None
