"""What other facts mean for after-sales: a delivered vehicle joins it (and the delivery
survey goes out), a resolved ticket gets its survey (a service visit's when it had an
appointment). Consumer effects: inside the consumer's inbox transaction."""

from __future__ import annotations

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.opportunities.v1 import VehicleDelivered
from crm_common.contracts.events.service_desk.v1 import TicketResolved
from crm_common.db import UnitOfWork
from crm_service_desk.adapters import repository, survey_store
from crm_service_desk.adapters.access import any_ticket
from crm_service_desk.application.surveys import SurveyFor, request_survey
from crm_service_desk.domain.surveys import Trigger
from crm_service_desk.domain.tickets import Channel


async def vehicle_delivered(
    uow: UnitOfWork, event: Envelope[VehicleDelivered], *, link_base_url: str
) -> None:
    delivery = event.data
    book = await repository.book_of(uow.session, event.tenant, delivery.dealer_id)
    await survey_store.record_delivery(
        uow.session,
        {
            "tenant": event.tenant,
            "vin": delivery.vin,
            "owner_org": book,
            "customer_id": delivery.customer_id,
            "model": delivery.model_code,
            "order_id": delivery.order_id,
            "delivered_on": delivery.delivered_on,
        },
    )
    await request_survey(
        uow,
        SurveyFor(
            tenant=event.tenant,
            book=book,
            trigger=Trigger.VEHICLE_DELIVERED,
            source=f"order:{delivery.order_id}:delivered",
            customer_id=delivery.customer_id,
            vin=delivery.vin,
            fallback_owner=delivery.owner_user,
        ),
        now=event.occurred_at,
        link_base_url=link_base_url,
    )


async def ticket_resolved(
    uow: UnitOfWork, event: Envelope[TicketResolved], *, link_base_url: str
) -> None:
    ticket = await repository.ticket_for_change(
        uow.session, event.data.ticket_id, any_ticket(event.tenant)
    )
    if ticket is None or ticket.channel is Channel.SURVEY:
        return  # a complaint a survey opened is not surveyed again
    if ticket.vehicle.vin is not None and ticket.appointment is not None:
        await survey_store.record_service(
            uow.session, ticket.tenant, ticket.vehicle.vin, event.data.at.date(), None
        )
    await request_survey(
        uow,
        SurveyFor(
            tenant=ticket.tenant,
            book=ticket.owner_org,
            trigger=Trigger.SERVICE_VISIT
            if ticket.appointment is not None
            else Trigger.TICKET_RESOLVED,
            source=f"ticket:{ticket.id}:resolved",
            customer_id=ticket.customer.customer_id,
            customer_name=ticket.customer.name,
            phone=ticket.customer.phone,
            vin=ticket.vehicle.vin,
            ticket_id=ticket.id,
            fallback_owner=ticket.owner_user,
        ),
        now=event.occurred_at,
        link_base_url=link_base_url,
    )
