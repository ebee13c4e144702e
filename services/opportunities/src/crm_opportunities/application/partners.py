"""Finance and insurance applications: opened with each partner whose product an accepted quote
includes, then moved on (approved, declined, resubmitted) by the partner through its own API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.contracts.events.opportunities.v1 import FinanceApplicationUpdated
from crm_common.db import UnitOfWork
from crm_opportunities.adapters import partner_store as store
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.partner_application import (
    APPLICATION_DATA,
    ApplicationConflict,
    ApplicationNotFound,
    ApplicationStatus,
    PartnerApplication,
)
from crm_opportunities.domain.quote import PARTNER_PRODUCTS, Quote


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
    await store.add_applications(uow.session, applications)
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
    async with uow:
        application = await store.application_for_change(
            uow.session, actor, application_id, data_type=APPLICATION_DATA
        )
        if application is None:
            raise ApplicationNotFound("application not found")
        if application.order_id is None:
            raise ApplicationConflict("the application has no order yet")
        application.move_to(status, note, actor.user_id, now)
        await store.save_application(uow.session, application)
        await uow.publish_about(
            actor=actor.user_id,
            tenant=application.tenant,
            owner_org=application.owner_org,
            events=[_updated(application, application.order_id)],
        )
        return application
