"""Finance and insurance applications: opened with each partner whose product an accepted quote
includes, then moved on (approved, declined, resubmitted) by the partner through its own API."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert, select, update

from crm_common.auth import Principal
from crm_common.contracts.events.opportunities.v1 import FinanceApplicationUpdated
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, visible_to_partner
from crm_opportunities.adapters.sales_tables import partner_applications
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.partner_application import (
    ApplicationConflict,
    ApplicationStatus,
    PartnerApplication,
)
from crm_opportunities.domain.quote import PARTNER_PRODUCTS, LineKind, Quote

# Applications are part of the order a dealer shares with the partner (its agreements on
# "order" data decide what the partner sees).
APPLICATION_DATA = DataType.ORDER
__all__ = ["APPLICATION_DATA", "ApplicationConflict", "ApplicationNotFound"]


class ApplicationNotFound(LookupError):
    """No such application the caller may act on (answered 404)."""


def _updated(application: PartnerApplication, order_id: UUID) -> FinanceApplicationUpdated:
    return FinanceApplicationUpdated(
        order_id=order_id,
        opportunity_id=application.opportunity_id,
        dealer_id=application.owner_org,
        at=application.updated_at,
        application_id=application.id,
        partner_id=application.partner_id,
        product_code=application.product_code,
        status=application.status.value,
        updated_by=application.updated_by,
    )


def _row(application: PartnerApplication) -> dict[str, Any]:
    return {
        "tenant": application.tenant,
        "owner_org": application.owner_org,
        "opportunity_id": application.opportunity_id,
        "quote_id": application.quote_id,
        "order_id": application.order_id,
        "partner_id": application.partner_id,
        "kind": application.kind.value,
        "product_code": application.product_code,
        "description": application.description,
        "amount": application.amount,
        "status": application.status.value,
        "note": application.note,
        "updated_by": application.updated_by,
        "updated_at": application.updated_at,
        "created_at": application.created_at,
    }


def application_of(row: Any) -> PartnerApplication:
    return PartnerApplication(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        opportunity_id=row["opportunity_id"],
        quote_id=row["quote_id"],
        order_id=row["order_id"],
        partner_id=row["partner_id"],
        kind=LineKind(row["kind"]),
        product_code=row["product_code"],
        description=row["description"],
        amount=row["amount"],
        status=ApplicationStatus(row["status"]),
        note=row["note"],
        updated_by=row["updated_by"],
        updated_at=row["updated_at"],
        created_at=row["created_at"],
    )


async def open_applications(
    uow: UnitOfWork, quote: Quote, order: Order, now: datetime, actor: Principal
) -> None:
    """In the acceptance's transaction: one submitted application per partner product (two
    lines of the same product for the same partner make one application of their sum)."""
    products: dict[tuple[str, str], PartnerApplication] = {}
    for line in quote.lines:
        if line.kind not in PARTNER_PRODUCTS or line.partner_id is None:
            continue
        same = products.get((line.partner_id, line.code))
        if same is not None:
            same.amount += line.price
            continue
        products[(line.partner_id, line.code)] = PartnerApplication(
            id=uuid4(),
            tenant=quote.tenant,
            owner_org=quote.owner_org,
            opportunity_id=quote.opportunity_id,
            quote_id=quote.id,
            order_id=order.id,
            partner_id=line.partner_id,
            kind=line.kind,
            product_code=line.code,
            description=line.description,
            amount=line.price,
            status=ApplicationStatus.SUBMITTED,
            note=None,
            updated_by=actor.user_id,
            updated_at=now,
            created_at=now,
        )
    if not products:
        return
    applications = list(products.values())
    await uow.session.execute(
        insert(partner_applications), [{"id": a.id, **_row(a)} for a in applications]
    )
    await uow.publish_about(
        actor=actor.user_id,
        tenant=quote.tenant,
        owner_org=quote.owner_org,
        events=[_updated(a, order.id) for a in applications],
    )


async def update_application_status(
    application_id: UUID,
    status: ApplicationStatus,
    note: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> PartnerApplication:
    """The partner named on the application moves it on; the row is locked so that two
    updates of the same application take turns."""
    pa = partner_applications
    async with uow:
        row = (
            (
                await uow.session.execute(
                    select(pa)
                    .where(
                        pa.c.id == application_id,
                        visible_to_partner(
                            actor,
                            APPLICATION_DATA,
                            tenant=pa.c.tenant,
                            owner_org=pa.c.owner_org,
                            partner_column=pa.c.partner_id,
                        ),
                    )
                    .with_for_update(of=pa)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            raise ApplicationNotFound("application not found")
        application = application_of(row)
        if application.order_id is None:
            raise ApplicationConflict("the application has no order yet")
        application.move_to(status, note, actor.user_id, now)
        await uow.session.execute(
            update(pa).where(pa.c.id == application.id).values(**_row(application))
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=application.tenant,
            owner_org=application.owner_org,
            events=[_updated(application, application.order_id)],
        )
        return application
