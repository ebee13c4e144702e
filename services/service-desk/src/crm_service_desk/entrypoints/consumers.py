"""What the service-desk worker consumes: identity's org tree and sharing (the shared policy
copies) and its users (who may work tickets); deliveries (the vehicle joins after-sales, the
delivery survey goes out) and its own resolved tickets (the service survey goes out)."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.opportunities.v1 import ORDER_TOPIC, VehicleDelivered
from crm_common.contracts.events.service_desk.v1 import TICKET_TOPIC, TicketResolved
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.staff import staff_subscription
from crm_common.settings import Settings
from crm_service_desk.application import after_sales


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    link_base = settings.survey_link_base_url

    async def delivered(uow: UnitOfWork, event: Envelope[VehicleDelivered]) -> None:
        await after_sales.vehicle_delivered(uow, event, link_base_url=link_base)

    async def resolved(uow: UnitOfWork, event: Envelope[TicketResolved]) -> None:
        await after_sales.ticket_resolved(uow, event, link_base_url=link_base)

    return [
        *policy_subscriptions(settings),
        staff_subscription(settings, description="Keeps the staff who may work and watch tickets."),
        Subscription(
            consumer=f"{settings.service_name}.deliveries",
            topic=ORDER_TOPIC,
            handles=[Handles(VehicleDelivered, delivered)],
            description="A delivered vehicle joins after-sales; the delivery survey goes out.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.resolution-surveys",
            topic=TICKET_TOPIC,
            handles=[Handles(TicketResolved, resolved)],
            description="A resolved ticket (or service visit) gets its survey.",
        ),
    ]
