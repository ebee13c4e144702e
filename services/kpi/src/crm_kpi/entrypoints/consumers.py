"""What kpi consumes: every event becomes facts, exactly once per consumer."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.call_center.v1 import CALL_TOPIC, TASK_TOPIC, CallCompleted
from crm_common.contracts.events.call_center.v2 import CallCompletedV2
from crm_common.contracts.events.kpi.v1 import (
    COMMISSION_TOPIC,
    TARGET_TOPIC,
    CommissionPlanSet,
    TargetSet,
)
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.contracts.events.opportunities.v1 import (
    CATALOG_TOPIC,
    OPPORTUNITY_TOPIC,
    ORDER_TOPIC,
    CatalogPublished,
    OrderStepCompleted,
)
from crm_common.contracts.events.service_desk.v1 import (
    SURVEY_TOPIC,
    TICKET_TOPIC,
    SurveyAnswered,
    TicketEscalated,
    TicketOpened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.staff import staff_subscription
from crm_common.settings import Settings
from crm_kpi.application.call_projections import (
    CALL_TASK_EVENTS,
    CallTaskEvent,
    record_call_facts,
    record_call_task_facts,
)
from crm_kpi.application.commission import take_plan_from_hq
from crm_kpi.application.projections import (
    record_collections,
    record_deal_outcomes,
    record_lead_activity,
    record_leads_created,
    record_product_lines,
)
from crm_kpi.application.service_projections import (
    TicketEvent,
    record_survey_facts,
    record_ticket_facts,
)
from crm_kpi.application.targets import take_target_from_hq
from crm_kpi.domain.facts import (
    DEAL_EVENTS,
    LEAD_ACTIVITY_EVENTS,
    ORDER_EVENTS,
    DealEventData,
    LeadEventData,
)

LEAD_FACTS_CONSUMER = "kpi.lead-facts"
DEAL_FACTS_CONSUMER = "kpi.deal-facts"
ORDER_FACTS_CONSUMER = "kpi.order-facts"
# Their own groups: a new consumer reads the topics from the start, so collections and product
# lines published before targets existed are projected too.
COLLECTION_FACTS_CONSUMER = "kpi.collection-facts"
PRODUCT_LINES_CONSUMER = "kpi.product-lines"
TICKET_FACTS_CONSUMER = "kpi.ticket-facts"
SURVEY_FACTS_CONSUMER = "kpi.survey-facts"
CALL_FACTS_CONSUMER = "kpi.call-facts"
CALL_TASK_FACTS_CONSUMER = "kpi.call-task-facts"
TARGETS_FROM_HQ_CONSUMER = "kpi.targets-from-hq"
PLANS_FROM_HQ_CONSUMER = "kpi.commission-plans-from-hq"


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    async def leads_created(uow: UnitOfWork, events: Sequence[LeadCreatedEvent]) -> None:
        await record_leads_created(uow, events, settings.business_timezone)

    async def leads_changed(uow: UnitOfWork, events: Sequence[Envelope[LeadEventData]]) -> None:
        await record_lead_activity(uow, events, settings.business_timezone)

    async def deals_closed(uow: UnitOfWork, events: Sequence[Envelope[DealEventData]]) -> None:
        await record_deal_outcomes(uow, events, settings.business_timezone)

    async def money_collected(
        uow: UnitOfWork, events: Sequence[Envelope[OrderStepCompleted]]
    ) -> None:
        await record_collections(uow, events, settings.business_timezone)

    async def tickets_changed(uow: UnitOfWork, events: Sequence[Envelope[TicketEvent]]) -> None:
        await record_ticket_facts(uow, events, settings.business_timezone)

    async def surveys_answered(uow: UnitOfWork, events: Sequence[Envelope[SurveyAnswered]]) -> None:
        await record_survey_facts(uow, events, settings.business_timezone)

    async def calls_completed(uow: UnitOfWork, events: Sequence[Envelope[CallCompleted]]) -> None:
        await record_call_facts(uow, events, settings.business_timezone)

    async def call_tasks_changed(
        uow: UnitOfWork, events: Sequence[Envelope[CallTaskEvent]]
    ) -> None:
        await record_call_task_facts(uow, events, settings.business_timezone)

    return [
        *policy_subscriptions(settings),
        staff_subscription(
            settings, description="Keeps the staff whose targets the dealers' managers set."
        ),
        Subscription(
            consumer=TICKET_FACTS_CONSUMER,
            topic=TICKET_TOPIC,
            handles=[
                Handles(event, batch_effect=tickets_changed)
                # Version 2 of TicketOpened names the call it came from; the facts are the same.
                for event in (TicketOpened, TicketOpenedV2, TicketResolved, TicketEscalated)
            ],
            description="Projects service-desk tickets (opened, resolved, escalated) into facts.",
        ),
        Subscription(
            consumer=SURVEY_FACTS_CONSUMER,
            topic=SURVEY_TOPIC,
            handles=[Handles(SurveyAnswered, batch_effect=surveys_answered)],
            description="Projects answered surveys (NPS, CSI) into facts.",
        ),
        Subscription(
            consumer=CALL_FACTS_CONSUMER,
            topic=CALL_TOPIC,
            handles=[
                Handles(event, batch_effect=calls_completed)
                # Version 2 names the hotline call a part belongs to; the facts are the same.
                for event in (CallCompleted, CallCompletedV2)
            ],
            description="Projects the call center's finished calls into call facts.",
        ),
        Subscription(
            consumer=CALL_TASK_FACTS_CONSUMER,
            topic=TASK_TOPIC,
            handles=[Handles(event, batch_effect=call_tasks_changed) for event in CALL_TASK_EVENTS],
            description="Projects call tasks (created, cleared, cancellations, escalations) "
            "into call-task facts.",
        ),
        Subscription(
            consumer=LEAD_FACTS_CONSUMER,
            topic=LEAD_TOPIC,
            handles=[
                Handles(LeadCreated, batch_effect=leads_created),
                *(Handles(event, batch_effect=leads_changed) for event in LEAD_ACTIVITY_EVENTS),
            ],
            description="Projects lead events into daily lead facts.",
        ),
        Subscription(
            consumer=DEAL_FACTS_CONSUMER,
            topic=OPPORTUNITY_TOPIC,
            handles=[Handles(event, batch_effect=deals_closed) for event in DEAL_EVENTS],
            description="Projects won and lost deals into deal facts.",
        ),
        Subscription(
            consumer=ORDER_FACTS_CONSUMER,
            topic=ORDER_TOPIC,
            handles=[Handles(event, batch_effect=deals_closed) for event in ORDER_EVENTS],
            description="Projects deliveries and cancelled orders into deal facts.",
        ),
        Subscription(
            consumer=COLLECTION_FACTS_CONSUMER,
            topic=ORDER_TOPIC,
            handles=[Handles(OrderStepCompleted, batch_effect=money_collected)],
            description="Projects money taken on orders (deposits, payments) into collections.",
        ),
        Subscription(
            consumer=PRODUCT_LINES_CONSUMER,
            topic=CATALOG_TOPIC,
            handles=[Handles(CatalogPublished, batch_effect=record_product_lines)],
            description="Keeps the product line of each model, from the catalogues published.",
        ),
        Subscription(
            consumer=TARGETS_FROM_HQ_CONSUMER,
            topic=TARGET_TOPIC,
            handles=[Handles(TargetSet, take_target_from_hq)],
            description="At a dealer's own deployment: the targets HQ and its region set for "
            "the dealer, as they come down over the link.",
            downlinked_only=True,
        ),
        Subscription(
            consumer=PLANS_FROM_HQ_CONSUMER,
            topic=COMMISSION_TOPIC,
            handles=[Handles(CommissionPlanSet, take_plan_from_hq)],
            description="At a dealer's own deployment: the dealer's commission plan as HQ or "
            "its region set it, every version, as it comes down over the link (the "
            "deployment's commission runs with it).",
            downlinked_only=True,
        ),
    ]
