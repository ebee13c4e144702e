"""HTTP API of campaigns and their public web forms."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Cache, Database, Now
from crm_common.runtime.paging import Page
from crm_leads.application.campaigns import (
    CampaignKeyRefused,
    FormLimits,
    TooManySubmissions,
    create_campaign,
    receive_campaign_lead,
)
from crm_leads.application.handlers import CreateLead
from crm_leads.domain.lead import LeadSource
from crm_leads.entrypoints.http.routes import IdNumberKey
from crm_leads.entrypoints.http.schemas import CustomerContact
from crm_leads.views.campaigns import campaigns_visible_to

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
CampaignManager = Annotated[Principal, requires("campaign.manage")]
_campaign_key = APIKeyHeader(
    name="X-Campaign-Key", auto_error=False, description="The campaign's form key"
)
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


async def campaign_key(key: Annotated[str | None, Depends(_campaign_key)]) -> str:
    """The form's key must be there before anything else is looked at (401 like a token)."""
    if not key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="missing campaign key")
    return key


class CampaignCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, examples=["Spring SUV test-drive week"])


class CampaignPublic(BaseModel):
    id: UUID
    name: str
    owner_org: str
    active: bool
    created_at: datetime


class CampaignCreated(CampaignPublic):
    key: str = Field(description="The form's key, shown only now: send it as X-Campaign-Key")
    form_path: str


class CampaignFormLead(CustomerContact):
    """What the public form sends (its source is ``campaign_form``)."""


class Received(BaseModel):
    received: bool = True


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CampaignCreated,
    responses=_FORBIDDEN,
)
async def start_campaign(
    body: CampaignCreate, principal: CampaignManager, db: Database, now: Now
) -> CampaignCreated:
    """A campaign of the caller's book whose web form posts leads into the book's pool."""
    created = await create_campaign(body.name, principal, UnitOfWork(db), now=now)
    return CampaignCreated(
        id=created.id,
        name=created.name,
        owner_org=created.owner_org,
        active=True,
        created_at=now,
        key=created.key,
        form_path=f"/campaigns/{created.id}/leads",
    )


@router.get("", response_model=list[CampaignPublic], responses=_FORBIDDEN)
async def list_campaigns(
    principal: CampaignManager,
    db: Database,
    page: Page,
) -> list[CampaignPublic]:
    """The campaigns the caller may see, newest first, a page at a time."""
    found = await campaigns_visible_to(db, principal, limit=page.limit, offset=page.offset)
    return [CampaignPublic.model_validate(campaign, from_attributes=True) for campaign in found]


@router.post(
    "/{campaign_id}/leads",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Received,
    responses={
        401: {"description": "Missing or wrong campaign key"},
        429: {
            "description": "Too many submissions for this campaign, or from the caller's "
            "address; retry later"
        },
    },
)
async def submit_campaign_form(
    campaign_id: UUID,
    body: CampaignFormLead,
    key: Annotated[str, Depends(campaign_key)],
    request: Request,
    db: Database,
    redis: Cache,
    id_number_key: IdNumberKey,
    now: Now,
) -> Received:
    """The campaign's public form. The answer never says whether the customer was known."""
    settings = request.app.state.settings
    try:
        await receive_campaign_lead(
            campaign_id,
            key,
            CreateLead(
                customer_name=body.customer_name,
                phone=body.phone,
                source=LeadSource.CAMPAIGN_FORM,
                vehicle_interest=body.vehicle_interest,
                region_hint=body.region_hint,
                identifiers=body.identifiers(id_number_key),
            ),
            UnitOfWork(db),
            now=now,
            business_tz=ZoneInfo(settings.business_timezone),
            client=request.client.host if request.client else "",
            limits=FormLimits(
                redis,
                per_campaign=settings.campaign_form_rate_limit_per_minute,
                per_client=settings.campaign_form_client_rate_limit_per_minute,
            ),
        )
    except TooManySubmissions as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=str(exc),
            headers={"Retry-After": str(exc.retry_after_seconds)},
        ) from exc
    except CampaignKeyRefused as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=str(exc)) from exc
    return Received()
