"""Request and answer bodies of the commission API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from crm_kpi.domain.commission import MOST_VERSIONS, LineKind, PlanRules, Status

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class _Request(BaseModel):
    """Tenancy and ownership come from the token: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")


class PlanCreate(_Request):
    dealer_id: str | None = Field(
        default=None, max_length=64, description="The dealer; the caller's own if left out"
    )
    name: str = Field(min_length=1, max_length=200)
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    effective_from: date
    rules: PlanRules


class PlanVersionCreate(_Request):
    effective_from: date = Field(
        description="After the latest version's start; it ends the day before"
    )
    rules: PlanRules


class PlanVersionPublic(BaseModel):
    version: int
    effective_from: date
    effective_to: date | None
    rules: PlanRules


class PlanPublic(BaseModel):
    id: UUID
    dealer_id: str
    name: str
    currency: str
    versions: list[PlanVersionPublic] = Field(
        max_length=MOST_VERSIONS,
        description=f"Oldest first; a plan keeps {MOST_VERSIONS} at most (more are refused)",
    )


class TargetSet(_Request):
    units: int = Field(ge=1, le=10_000, description="Units to sell in the month")
    dealer_id: str | None = Field(default=None, max_length=64)


class TargetPublic(BaseModel):
    dealer_id: str
    user_id: str
    month: str
    units: int


class RunCreate(_Request):
    dealer_id: str | None = Field(default=None, max_length=64)
    month: str = Field(pattern=MONTH, description="YYYY-MM")


class DealerRunPublic(BaseModel):
    dealer_id: str
    run_id: UUID
    statements: int
    lines: int
    total: Decimal


class Dispute(_Request):
    note: str = Field(min_length=1, max_length=2000)


class ReviewPublic(BaseModel):
    id: UUID
    status: Status


class EstimateLine(BaseModel):
    kind: LineKind
    rule: str
    amount: Decimal


class EstimatePublic(BaseModel):
    plan_id: UUID
    plan_version: int
    units_this_month: Decimal
    target_units: int | None
    attainment_percent: Decimal | None
    band: str
    lines: list[EstimateLine]
    total: Decimal
