"""HTTP API of finance and insurance applications: partners see theirs and move them on
through their own API access; the dealer sees an order's applications."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, ShortPage
from crm_opportunities.application import partners as commands
from crm_opportunities.application import queries
from crm_opportunities.application.orders import OrderNotFound
from crm_opportunities.domain.partner_application import ApplicationStatus
from crm_opportunities.entrypoints.http.partner_schemas import (
    OrderApplicationPublic,
    PartnerApplicationPublic,
    StatusChange,
)
from crm_opportunities.views import partners as views

router = APIRouter(tags=["partners"])
Partner = Annotated[Principal, requires("partner.read")]
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such application (or order) visible to the caller"},
}


async def _one(
    db: async_sessionmaker[AsyncSession], partner: Principal, application_id: UUID, endpoint: str
) -> PartnerApplicationPublic:
    found = await queries.application_shown(db, partner, application_id, endpoint=endpoint)
    return PartnerApplicationPublic.model_validate(found, from_attributes=True)


@router.get(
    "/partner/applications", response_model=list[PartnerApplicationPublic], responses=_RESPONSES
)
async def list_partner_applications(
    actor: Partner,
    db: Database,
    page: ShortPage,
    status_is: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
) -> list[PartnerApplicationPublic]:
    """The caller partner's applications, newest first."""
    found = await views.applications_of_partner(
        db, actor, status=status_is, limit=page.limit, offset=page.offset
    )
    return [PartnerApplicationPublic.model_validate(a, from_attributes=True) for a in found]


@router.get(
    "/partner/applications/{application_id}",
    response_model=PartnerApplicationPublic,
    responses=_RESPONSES,
)
async def get_partner_application(
    application_id: UUID, actor: Partner, db: Database
) -> PartnerApplicationPublic:
    return await _one(db, actor, application_id, "GET /partner/applications/{id}")


@router.post(
    "/partner/applications/{application_id}/status",
    response_model=PartnerApplicationPublic,
    responses={
        **_RESPONSES,
        409: {"description": "The status does not allow the move (approval is final)"},
    },
)
async def update_application_status(
    application_id: UUID,
    body: StatusChange,
    actor: Annotated[Principal, requires("partner.update")],
    db: Database,
    now: Now,
) -> PartnerApplicationPublic:
    """Approved or declined (from submitted), or submitted again (after a decline)."""
    await commands.update_application_status(
        application_id, body.status, body.note, actor, UnitOfWork(db), now=now
    )
    return await _one(db, actor, application_id, "POST /partner/applications/{id}/status")


@router.get(
    "/orders/{order_id}/applications",
    response_model=list[OrderApplicationPublic],
    responses=_RESPONSES,
)
async def list_order_applications(
    order_id: UUID,
    actor: Annotated[Principal, requires("opportunity.read")],
    db: Database,
    page: Page,
) -> list[OrderApplicationPublic]:
    """The order's finance and insurance applications and where each partner has them, a
    page at a time."""
    found = await views.applications_of_order(
        db, actor, order_id, limit=page.limit, offset=page.offset
    )
    if found is None:
        raise OrderNotFound("order not found")
    return [OrderApplicationPublic.model_validate(a, from_attributes=True) for a in found]
