"""Events published by services/kpi, version 1. Changing one means a new version.

Money travels as decimal strings in the currency named beside it (CNY unless said)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from crm_common.contracts.envelope import EventData

COMMISSION_TOPIC = "crm.kpi.commission.v1"
TARGET_TOPIC = "crm.kpi.target.v1"


class CommissionStatementIssued(EventData):
    """Finance issued a consultant's commission statement for a month (佣金): it may be paid."""

    event_type: ClassVar[str] = "kpi.CommissionStatementIssued"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = COMMISSION_TOPIC
    shared_as: ClassVar[str | None] = "kpi"

    statement_id: UUID
    dealer_id: str = Field(description="Org node of the dealer whose book it is in")
    user_id: str = Field(description="The consultant it pays")
    team: str | None
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    total: Decimal = Field(description="Sum of the statement's lines, clawbacks included")
    currency: str = "CNY"
    lines: int = Field(ge=0, description="Number of lines, each citing its deal and rule")
    issued_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.statement_id)


class TargetSet(EventData):
    """A level set a sales target (目标) for a node below it, or for a consultant working there
    (the month's amount by measure and product line; a later one for the same place replaces
    it). A dealer that runs its own deployment receives those set for it and below it."""

    event_type: ClassVar[str] = "kpi.TargetSet"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = TARGET_TOPIC

    org_node: str = Field(description="The node the target is for (or the consultant works in)")
    dealer_id: str | None = Field(
        description="The dealer the node belongs to; none above dealers (a region, HQ)"
    )
    user_id: str | None = Field(description="The consultant it is for; none: the node's own")
    product_line: str = Field(description="A product line, or * for all")
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    measure: Literal["units", "revenue", "collections", "gross_margin"]
    amount: Decimal = Field(ge=0, description="Whole units, or money in CNY")
    set_by: str
    at: datetime

    def aggregate_key(self) -> str:
        """A dealer's targets in one order (a consultant's target moves between its nodes)."""
        return self.dealer_id or self.org_node


class CommissionPlanVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = Field(ge=1)
    effective_from: date
    effective_to: date | None = Field(description="The day before the next version starts")
    rules: dict[str, Any] = Field(
        description="The version's rules (the schema of POST /commission/plans' rules)"
    )


class CommissionPlanSet(EventData):
    """A dealer's commission plan (佣金方案), set by HQ, a region or the dealer, got a version
    (its first, or the next): the whole plan as it is now. A dealer that runs its own
    deployment receives the plan set for it and runs its commission with it there."""

    event_type: ClassVar[str] = "kpi.CommissionPlanSet"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = COMMISSION_TOPIC

    plan_id: UUID
    dealer_id: str = Field(description="The dealer whose plan it is")
    name: str
    currency: str
    versions: list[CommissionPlanVersion] = Field(description="Oldest first")
    set_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.plan_id)


ALL = (CommissionStatementIssued, TargetSet, CommissionPlanSet)
