"""Request and answer bodies of the vehicle catalogue and the configurator."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from crm_opportunities.entrypoints.http.sales_schemas import QuoteLineIn
from crm_opportunities.entrypoints.http.schemas import Request

Code = Annotated[str, Field(min_length=1, max_length=40)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class PricedThing(Request):
    code: Code
    name: Name
    msrp: Price
    invoice_price: Decimal = Field(
        ge=0, max_digits=14, decimal_places=2, description="What the dealer pays the OEM"
    )


class TrimIn(PricedThing):
    colours: list[PricedThing] = Field(min_length=1, max_length=100)
    options: list[PricedThing] = Field(default_factory=list, max_length=300)
    standard_options: list[str] = Field(
        default_factory=list, max_length=300, description="Option codes included in the trim"
    )


class ModelIn(Request):
    code: Code
    name: Name
    product_line: str = Field(min_length=1, max_length=40)
    trims: list[TrimIn] = Field(min_length=1, max_length=100)


class RuleIn(Request):
    kind: Literal["requires", "excludes"]
    option: Code
    others: list[str] = Field(min_length=1, max_length=50)
    message: str | None = Field(default=None, max_length=200)


class CatalogIn(Request):
    """The whole catalogue of a version (each publication replaces the previous one)."""

    models: list[ModelIn] = Field(min_length=1, max_length=500)
    rules: list[RuleIn] = Field(default_factory=list, max_length=2000)


class CatalogPublic(BaseModel):
    version: int
    models: list[ModelIn]
    rules: list[RuleIn]


class AccessoryIn(Request):
    code: Code
    name: Name
    price: Price
    cost: Price
    fits_models: list[str] = Field(
        default_factory=list, max_length=100, description="Model codes; empty fits every model"
    )


class DealerPricingIn(Request):
    trim_prices: dict[str, Decimal] = Field(
        default_factory=dict,
        max_length=1000,
        description="Trim code → the dealer's selling price, where it differs from MSRP",
    )
    accessories: list[AccessoryIn] = Field(default_factory=list, max_length=1000)


class DealerPricingPublic(BaseModel):
    trim_prices: dict[str, Decimal]
    accessories: list[AccessoryIn]


class ProblemPublic(BaseModel):
    field: str
    message: str


class PricedItemPublic(BaseModel):
    kind: str
    code: str
    name: str
    msrp: Decimal
    price: Decimal
    cost: Decimal


class ConfiguredPublic(BaseModel):
    catalog_version: int
    valid: bool
    problems: list[ProblemPublic] = Field(description="Each names the field to change")
    items: list[PricedItemPublic]
    msrp_total: Decimal | None
    price_total: Decimal | None
    quote_lines: list[QuoteLineIn] = Field(description="What a quote of it would carry")
