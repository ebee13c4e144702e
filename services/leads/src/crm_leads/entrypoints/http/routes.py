from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel, mask_name, mask_phone, personal_data_level
from crm_common.policy.audit import audit_entries, record_personal_data_access
from crm_common.runtime.http import database
from crm_leads import views
from crm_leads.application.handlers import PERSONAL_FIELDS, CreateLead, create_lead
from crm_leads.entrypoints.http.schemas import LeadCreate, LeadPublic

router = APIRouter(prefix="/leads", tags=["leads"])
Database = Annotated[async_sessionmaker[AsyncSession], Depends(database)]
LeadCreator = Annotated[Principal, requires("lead.create")]
LeadReader = Annotated[Principal, requires("lead.read")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=LeadPublic, responses=_FORBIDDEN
)
async def register_lead(body: LeadCreate, principal: LeadCreator, db: Database) -> LeadPublic:
    """Record a lead for the caller's org node; publishes ``leads.LeadCreated``."""
    lead = await create_lead(
        CreateLead(
            customer_name=body.customer_name,
            phone=body.phone,
            source=body.source,
            vehicle_interest=body.vehicle_interest,
        ),
        principal,
        UnitOfWork(db),
        via="POST /leads",
    )
    return LeadPublic.model_validate(lead, from_attributes=True)


@router.get(
    "/{lead_id}",
    response_model=LeadPublic,
    responses={**_FORBIDDEN, 404: {"description": "No such lead visible to the caller"}},
)
async def get_lead(lead_id: UUID, principal: LeadReader, db: Database) -> LeadPublic:
    row = await views.lead_for(db, principal, lead_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="lead not found")
    lead = dict(row)
    level = personal_data_level(
        principal,
        owner_user=lead["created_by"],
        owner_org=lead["owner_org"],
        shared=SharingLevel(lead.pop("shared_level")),
    )
    if level < SharingLevel.FULL:
        lead["customer_name"] = mask_name(lead["customer_name"])
        lead["phone"] = mask_phone(lead["phone"])
    async with UnitOfWork(db) as uow:
        await record_personal_data_access(
            uow.session,
            principal,
            action="read",
            resource_type=DataType.LEAD,
            resource_id=str(lead_id),
            owner_org=lead["owner_org"],
            fields=PERSONAL_FIELDS,
            level=level,
            endpoint="GET /leads/{lead_id}",
        )
    return LeadPublic.model_validate(lead)


class AuditEntryPublic(BaseModel):
    actor: str
    actor_org: str
    action: str
    fields: list[str]
    level: str
    endpoint: str
    at: datetime


@router.get(
    "/{lead_id}/audit",
    response_model=list[AuditEntryPublic],
    responses={**_FORBIDDEN},
)
async def personal_data_audit_of_lead(
    lead_id: UUID, principal: Annotated[Principal, requires("audit.read")], db: Database
) -> list[AuditEntryPublic]:
    """Who read or changed the lead's personal data, when and through which endpoint."""
    async with db() as session:
        entries = await audit_entries(session, principal, str(lead_id))
    return [AuditEntryPublic.model_validate(dict(e)) for e in entries]
