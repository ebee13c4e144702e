"""HTTP API of the showroom reception form (客户接待表)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, status
from pydantic import AwareDatetime, BaseModel, Field, ValidationInfo, field_validator

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application.handlers import CreateLead
from crm_leads.application.receptions import RecordReception, record_reception
from crm_leads.domain.lead import LeadSource
from crm_leads.entrypoints.http.routes import IdNumberKey, business_tz
from crm_leads.entrypoints.http.schemas import CustomerContact

router = APIRouter(prefix="/receptions", tags=["receptions"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "The named consultant does not work in this dealer"},
}


class ReceptionCreate(CustomerContact):
    source: LeadSource = LeadSource.WALK_IN
    visitors: int = Field(default=1, ge=1, le=50, description="People in the party")
    companions: str | None = Field(default=None, max_length=500, examples=["wife and son"])
    interest: str | None = Field(default=None, max_length=1000, examples=["7-seat SUV, hybrid"])
    arrived_at: AwareDatetime
    left_at: AwareDatetime | None = None
    received_by: str | None = Field(
        default=None,
        max_length=64,
        description="The consultant who received them (a manager recording for them)",
    )

    @field_validator("left_at")
    @classmethod
    def _left_after_arriving(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        arrived = info.data.get("arrived_at")
        if value is not None and arrived is not None and value < arrived:
            raise ValueError("left_at is before arrived_at")
        return value


class ReceptionRecorded(BaseModel):
    reception_id: UUID
    lead_id: UUID
    attached: bool = Field(description="The customer already had a lead in this dealer")
    owner_user: str | None = Field(description="Who works the customer")


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ReceptionRecorded, responses=_ERRORS
)
async def record_walk_in(
    body: ReceptionCreate,
    principal: Annotated[Principal, requires("lead.work")],
    db: Database,
    key: IdNumberKey,
    now: Now,
    tz: Annotated[ZoneInfo, Depends(business_tz)],
) -> ReceptionRecorded:
    """Record a showroom visit: a new customer becomes a lead of the receiving consultant; a
    known customer's visit counts as a verified visit for the consultant who owns them."""
    reception = await record_reception(
        RecordReception(
            contact=CreateLead(
                customer_name=body.customer_name,
                phone=body.phone,
                source=body.source,
                vehicle_interest=body.vehicle_interest,
                region_hint=body.region_hint,
                identifiers=body.identifiers(key),
            ),
            visitors=body.visitors,
            companions=body.companions,
            interest=body.interest,
            arrived_at=body.arrived_at,
            left_at=body.left_at,
            received_by=body.received_by,
        ),
        principal,
        UnitOfWork(db),
        now=now,
        business_tz=tz,
    )
    lead = reception.registration.lead
    return ReceptionRecorded(
        reception_id=reception.id,
        lead_id=lead.id,
        attached=reception.registration.attached,
        owner_user=lead.owner_user,
    )
