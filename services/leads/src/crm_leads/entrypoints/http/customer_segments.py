"""HTTP API of customer segmentation and lifecycle (客户细分 / 生命周期)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database
from crm_common.runtime.paging import capped
from crm_leads.domain.segments import Segments, Thresholds
from crm_leads.entrypoints.http.routes import business_tz
from crm_leads.views.customer_segments import segments_for

router = APIRouter(tags=["customers"])
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


class SegmentsPublic(BaseModel):
    node: str = Field(description="The dealer, the region, or 'all'")
    customers: int
    buyers: int = Field(description="Customers with an order standing")
    value: Decimal = Field(description="What the buyers paid for their orders")
    value_per_buyer: Decimal | None = Field(description="Customer value: the average buyer's")
    stages: dict[str, int] = Field(description="prospect, signed, end_user, repeat")
    quadrants: dict[str, int] = Field(
        description="Buyers by order frequency x order value: frequent_high_value, "
        "frequent_low_value, occasional_high_value, occasional_low_value"
    )

    @classmethod
    def of(cls, s: Segments) -> SegmentsPublic:
        return cls(
            node=s.node,
            customers=s.customers,
            buyers=s.buyers,
            value=s.value,
            value_per_buyer=s.value_per_buyer,
            stages={str(k): v for k, v in s.stages.items()},
            quadrants={str(k): v for k, v in s.quadrants.items()},
        )


MOST_NODES = 1_000
"""Dealers (or regions) the segments list: an OEM's 500 dealers whole; total counts all."""
_FEWER = "ask for one dealer (dealer_id) for fewer"


class CustomerSegments(BaseModel):
    frequent_orders: int
    high_value: Decimal
    dealers: list[SegmentsPublic] = Field(
        max_length=MOST_NODES, description=f"By dealer id, the first {MOST_NODES:,}"
    )
    dealers_truncated: bool = Field(description=f"More dealers than listed: {_FEWER}")
    regions: list[SegmentsPublic] = Field(
        max_length=MOST_NODES, description=f"By region id, the first {MOST_NODES:,}"
    )
    regions_truncated: bool = Field(description=f"More regions than listed: {_FEWER}")
    total: SegmentsPublic = Field(description="Every customer counted, listed or not")


@router.get("/customer-segments", response_model=CustomerSegments, responses=_FORBIDDEN)
async def customer_segments(
    principal: Annotated[Principal, requires("lead.read")],
    db: Database,
    tz: Annotated[ZoneInfo, Depends(business_tz)],
    dealer_id: Annotated[str | None, Query(max_length=64, pattern=r"^[\w.-]+$")] = None,
    since: Annotated[
        date | None, Query(description="Count orders won since this business day (default: all)")
    ] = None,
    frequent_orders: Annotated[int, Query(ge=2, le=100)] = 2,
    high_value: Annotated[
        Decimal, Query(gt=0, le=10**10, max_digits=12, decimal_places=2)
    ] = Decimal(300_000),
) -> CustomerSegments:
    """Customers by lifecycle stage (prospect → signed → end user → repeat) and buyers by order
    frequency x order value, per dealer and region and in all, over the customers the caller
    may count (figures: a dealer sharing leads with the OEM at least as aggregate counts)."""
    thresholds = Thresholds(frequent_orders, high_value)
    since_at = None if since is None else datetime.combine(since, time(0), tzinfo=tz)
    dealers, regions, total = await segments_for(
        db, principal, thresholds, since=since_at, dealer_id=dealer_id
    )
    # The read is a row per book and segment (as large as the org, not its customers).
    shown_dealers, dealers_cut = capped(dealers, MOST_NODES)
    shown_regions, regions_cut = capped(regions, MOST_NODES)
    return CustomerSegments(
        frequent_orders=frequent_orders,
        high_value=high_value,
        dealers=[SegmentsPublic.of(s) for s in shown_dealers],
        dealers_truncated=dealers_cut,
        regions=[SegmentsPublic.of(s) for s in shown_regions],
        regions_truncated=regions_cut,
        total=SegmentsPublic.of(total),
    )
