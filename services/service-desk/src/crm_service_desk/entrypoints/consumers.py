"""What the service-desk worker consumes: identity's org tree and sharing (the shared policy
copies) and its users (who may work tickets); deliveries (the vehicle joins after-sales, the
delivery survey goes out), its own resolved tickets (the service survey goes out), and the
call center's ticket requests (a call opens a phone ticket or joins an open one); at a dealer's
own deployment, the care rules, survey designs and survey rules of the nodes above it that
come down from HQ."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.call_center.v1 import CALL_TOPIC, CallTicketRequested
from crm_common.contracts.events.opportunities.v1 import ORDER_TOPIC, VehicleDelivered
from crm_common.contracts.events.service_desk.v1 import (
    CARE_RULE_TOPIC,
    SURVEY_DESIGN_TOPIC,
    TICKET_TOPIC,
    CareRuleSet,
    SurveyDesignSet,
    SurveyRuleSet,
    TicketResolved,
)
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.staff import staff_subscription
from crm_common.settings import Settings
from crm_service_desk.application import after_sales
from crm_service_desk.application.care import take_rule_from_hq
from crm_service_desk.application.surveys import take_design_from_hq, take_survey_rule_from_hq
from crm_service_desk.application.tickets import ticket_from_call


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    link_base = settings.survey_link_base_url

    async def delivered(uow: UnitOfWork, event: Envelope[VehicleDelivered]) -> None:
        await after_sales.vehicle_delivered(uow, event, link_base_url=link_base)

    async def resolved(uow: UnitOfWork, event: Envelope[TicketResolved]) -> None:
        await after_sales.ticket_resolved(uow, event, link_base_url=link_base)

    async def call_ticket(uow: UnitOfWork, event: Envelope[CallTicketRequested]) -> None:
        await ticket_from_call(uow, event, timezone=settings.business_timezone)

    return [
        *policy_subscriptions(settings),
        staff_subscription(settings, description="Keeps the staff who may work and watch tickets."),
        Subscription(
            consumer=f"{settings.service_name}.care-rules-from-hq",
            downlinked_only=True,
            topic=CARE_RULE_TOPIC,
            handles=[Handles(CareRuleSet, take_rule_from_hq)],
            description="At a dealer's own deployment: the care rules of HQ and of the dealer's "
            "region, as they come down over the link.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.survey-designs-from-hq",
            downlinked_only=True,
            topic=SURVEY_DESIGN_TOPIC,
            handles=[
                Handles(SurveyDesignSet, take_design_from_hq),
                Handles(SurveyRuleSet, take_survey_rule_from_hq),
            ],
            description="At a dealer's own deployment: the survey designs of HQ and of the "
            "dealer's region and their rules, as they come down over the link (the dealer "
            "sends its customers' surveys itself).",
        ),
        Subscription(
            consumer=f"{settings.service_name}.deliveries",
            own_deployment_only=True,
            topic=ORDER_TOPIC,
            handles=[Handles(VehicleDelivered, delivered)],
            description="A delivered vehicle joins after-sales; the delivery survey goes out.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.resolution-surveys",
            own_deployment_only=True,
            topic=TICKET_TOPIC,
            handles=[Handles(TicketResolved, resolved)],
            description="A resolved ticket (or service visit) gets its survey.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.call-tickets",
            own_deployment_only=True,
            topic=CALL_TOPIC,
            handles=[Handles(CallTicketRequested, call_ticket)],
            description="A call the call center asks a ticket for opens one (channel phone) "
            "or joins the open ticket it names.",
        ),
    ]
