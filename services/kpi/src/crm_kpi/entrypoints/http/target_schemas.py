"""Request and answer bodies of the targets API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from crm_kpi.domain.targets import ALL_PRODUCT_LINES, Measure
from crm_kpi.views.targets import MOST_CHILDREN


class TargetItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    node: str = Field(min_length=1, max_length=64, description="The org node the target is for")
    user_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="A consultant working at the node (their leaf of the cascade); the units "
        "target of product line '*' is what commission's attainment tiers read",
    )
    product_line: str = Field(
        default=ALL_PRODUCT_LINES, min_length=1, max_length=40, description="'*': all lines"
    )
    measure: Measure
    amount: Decimal = Field(
        ge=0, max_digits=14, decimal_places=2, description="Whole units for units"
    )


class TargetsSet(BaseModel):
    """Tenancy and ownership come from the token: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    targets: list[TargetItem] = Field(min_length=1, max_length=1000)


class CascadeLinePublic(BaseModel):
    node: str
    user_id: str | None = Field(description="Set on a consultant's leaf")
    target: Decimal | None
    allocated: Decimal | None = Field(
        description="What the children's targets add up to (none below a consultant)"
    )
    unallocated: Decimal | None = Field(
        description="Target minus allocated: negative when the children were given more"
    )
    actual: Decimal = Field(
        description="Net of cancellations (units, revenue, gross margin) or money collected"
    )
    attainment_percent: Decimal | None = Field(description="达成率: actual / target, in %")
    forecast: Decimal | None = Field(
        description="Run-rate: actual / days elapsed x days of the month (a finished month: its "
        "actual; a month not started: none)"
    )


class CascadePublic(BaseModel):
    month: str
    measure: Measure
    product_line: str
    today: date = Field(description="The business day the run-rate counts to")
    node: CascadeLinePublic
    children: list[CascadeLinePublic] = Field(
        max_length=MOST_CHILDREN,
        description="Nodes one level down, then consultants at the node: the first"
        f" {MOST_CHILDREN:,}",
    )
    children_truncated: bool = Field(
        description="More children than listed (the node's line counts them all): ask for a"
        " node lower down (node)"
    )


class DayPublic(BaseModel):
    day: date
    target: Decimal | None
    actual: Decimal
    target_so_far: Decimal | None
    actual_so_far: Decimal
    attainment_percent: Decimal | None = Field(description="Of the month so far, in %")


class DailyPublic(BaseModel):
    month: str
    measure: Measure
    product_line: str
    node: str
    user_id: str | None
    target: Decimal | None
    days: list[DayPublic]
