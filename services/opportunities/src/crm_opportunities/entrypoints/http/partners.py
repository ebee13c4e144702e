"""HTTP API of finance and insurance applications: partners see theirs and move them on
through their own API access; the dealer sees an order's applications."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.policy import (
    DataType,
    SharingLevel,
    mask_name,
    mask_phone,
    partner_level,
    visible_to_partner,
)
from crm_common.policy.audit import record_personal_data_access
from crm_common.runtime.dependencies import Database, Now
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.sales_repository import order_of
from crm_opportunities.adapters.sales_tables import orders, partner_applications, quotes
from crm_opportunities.adapters.tables import opportunities
from crm_opportunities.application import partners as commands
from crm_opportunities.application.orders import OrderNotFound
from crm_opportunities.domain.partner_application import ApplicationStatus
from crm_opportunities.domain.quote import LineKind
from crm_opportunities.entrypoints.http.partner_schemas import (
    OrderApplicationPublic,
    OrderFacts,
    PartnerApplicationPublic,
    StatusChange,
)

router = APIRouter(tags=["partners"])
Partner = Annotated[Principal, requires("partner.read")]
PERSONAL_FIELDS = ("customer_name", "phone")
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such application (or order) visible to the caller"},
}
pa = partner_applications


def _partner_view(partner: Principal) -> Select[Any]:
    """The partner's applications with the quote's, order's and customer's facts, as far as
    each dealer's agreement with the partner reaches."""
    return (
        select(
            pa,
            quotes.c.total.label("quote_total"),
            quotes.c.lines.label("quote_lines"),
            opportunities.c.customer_name,
            opportunities.c.phone,
            partner_level(
                partner.tenant,
                commands.APPLICATION_DATA,
                dealer_id=pa.c.owner_org,
                partner_id=partner.org_node,
            ).label("shared_level"),
            *(c.label(f"placed_{c.name}") for c in orders.c),
        )
        .join(quotes, quotes.c.id == pa.c.quote_id)
        .join(opportunities, opportunities.c.id == pa.c.opportunity_id)
        .outerjoin(orders, orders.c.id == pa.c.order_id)
        .where(
            visible_to_partner(
                partner,
                commands.APPLICATION_DATA,
                tenant=pa.c.tenant,
                owner_org=pa.c.owner_org,
                partner_column=pa.c.partner_id,
            )
        )
    )


def _shown(row: Any) -> PartnerApplicationPublic:
    full = SharingLevel(row["shared_level"]) >= SharingLevel.FULL
    order = None
    if row["order_id"] is not None:
        placed = order_of({c.name: row[f"placed_{c.name}"] for c in orders.c})
        order = OrderFacts(
            process=placed.process,
            steps_done=placed.steps_done,
            next_step=placed.next_step,
            cancelled=placed.cancelled_at is not None,
        )
    phone = row["phone"]
    return PartnerApplicationPublic(
        id=row["id"],
        dealer_id=row["owner_org"],
        quote_id=row["quote_id"],
        order_id=row["order_id"],
        kind=row["kind"],
        product_code=row["product_code"],
        description=row["description"],
        amount=row["amount"],
        status=row["status"],
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        quote_total=row["quote_total"],
        vehicle=next(
            (ln["description"] for ln in row["quote_lines"] if ln["kind"] == LineKind.VEHICLE),
            None,
        ),
        order=order,
        customer_name=row["customer_name"] if full else mask_name(row["customer_name"]),
        phone=phone if full or phone is None else mask_phone(phone),
    )


async def _one(
    db: async_sessionmaker[AsyncSession], partner: Principal, application_id: UUID, endpoint: str
) -> PartnerApplicationPublic:
    """One application; the read of the customer's data is audited."""
    async with db() as session, session.begin():
        row = (
            (await session.execute(_partner_view(partner).where(pa.c.id == application_id)))
            .mappings()
            .first()
        )
        if row is None:
            raise commands.ApplicationNotFound("application not found")
        await record_personal_data_access(
            session,
            partner,
            action="read",
            resource_type=DataType.OPPORTUNITY,
            resource_id=str(row["opportunity_id"]),
            owner_org=row["owner_org"],
            fields=PERSONAL_FIELDS,
            level=SharingLevel(row["shared_level"]),
            endpoint=endpoint,
        )
    return _shown(row)


@router.get(
    "/partner/applications", response_model=list[PartnerApplicationPublic], responses=_RESPONSES
)
async def list_partner_applications(
    actor: Partner,
    db: Database,
    status_is: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[PartnerApplicationPublic]:
    """The caller partner's applications, newest first."""
    query = _partner_view(actor).order_by(pa.c.created_at.desc(), pa.c.id).limit(limit)
    if status_is is not None:
        query = query.where(pa.c.status == status_is.value)
    async with db() as session:
        rows = (await session.execute(query.offset(offset))).mappings().all()
    return [_shown(row) for row in rows]


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
    order_id: UUID, actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> list[OrderApplicationPublic]:
    """The order's finance and insurance applications and where each partner has them."""
    async with db() as session:
        order = (
            await session.execute(
                select(orders.c.id)
                .join(opportunities, opportunities.c.id == orders.c.opportunity_id)
                .where(orders.c.id == order_id, visible_opportunities(actor))
            )
        ).scalar_one_or_none()
        if order is None:
            raise OrderNotFound("order not found")
        rows = (
            await session.execute(
                select(pa).where(pa.c.order_id == order_id).order_by(pa.c.created_at, pa.c.id)
            )
        ).mappings()
        return [OrderApplicationPublic.model_validate(dict(row)) for row in rows]
