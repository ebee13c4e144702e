"""Events published by services/kpi, version 1. Changing one means a new version.

Money travels as decimal strings in the currency named beside it (CNY unless said)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import EventData

COMMISSION_TOPIC = "crm.kpi.commission.v1"


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


ALL = (CommissionStatementIssued,)
