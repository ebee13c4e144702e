"""What the call-center worker consumes: identity's org tree and sharing (the shared policy
copies), leads' grades and due callbacks (the cadence pushes call tasks) and hand-overs (a leaver's
tasks go to the successors), and the service desk's care calls and phone surveys (call lists
dealt out by the queues) and the tickets it opened for calls or that calls joined (linked to the
calls)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from crm_call_center.application.calls import link_ticket
from crm_call_center.application.distribution import care_call, push_rule_calls, survey_call
from crm_call_center.application.tasks import callback_for_grade, hand_over_tasks
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import (
    CUSTOMER_TOPIC,
    LEAD_TOPIC,
    ConsultantHandedOver,
    LeadCallbackDue,
    LeadGraded,
)
from crm_common.contracts.events.leads.v2 import LeadGradedV2
from crm_common.contracts.events.service_desk.v1 import (
    CARE_TOPIC,
    SURVEY_TOPIC,
    TICKET_TOPIC,
    CallAttached,
    CareDue,
    SurveyRequested,
    TicketOpened,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings


async def push_grade_callback(
    uow: UnitOfWork, event: Envelope[LeadGraded] | Envelope[LeadGradedV2]
) -> None:
    graded = event.data
    if graded.owner_user is None or graded.next_follow_up_due is None:
        return  # a lead in a pool has nobody to call it; a grade without cadence sets no date
    await callback_for_grade(
        uow,
        tenant=event.tenant,
        dealer_id=graded.dealer_id,
        lead_id=graded.lead_id,
        owner_user=graded.owner_user,
        due_at=graded.next_follow_up_due,
        graded_at=graded.at,
        now=event.occurred_at,
    )


async def push_due_callback(uow: UnitOfWork, event: Envelope[LeadCallbackDue]) -> None:
    """The callback fell due: its task, unless the grading made it already (same lead and due
    time: one task). A follow-up that kept the grade set a new due time but no task: this is
    where it gets one."""
    due = event.data
    await callback_for_grade(
        uow,
        tenant=event.tenant,
        dealer_id=due.dealer_id,
        lead_id=due.lead_id,
        owner_user=due.owner_user,
        due_at=due.due_at,
        graded_at=due.at,
        now=event.occurred_at,
    )


async def take_over_tasks(uow: UnitOfWork, event: Envelope[ConsultantHandedOver]) -> None:
    await hand_over_tasks(uow, event)


async def opened_without_a_call(uow: UnitOfWork, event: Envelope[TicketOpened]) -> None:
    """Version 1 of ``TicketOpened`` never named a call: nothing to link (read, not refused,
    so the tickets opened before version 2 pass)."""


async def push_survey_calls(uow: UnitOfWork, events: Sequence[Envelope[SurveyRequested]]) -> None:
    await push_rule_calls(uow, [c for c in map(survey_call, events) if c is not None])


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    business_tz = ZoneInfo(settings.business_timezone)

    async def push_care_calls(uow: UnitOfWork, events: Sequence[Envelope[CareDue]]) -> None:
        await push_rule_calls(uow, [care_call(e, business_tz) for e in events])

    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=f"{settings.service_name}.grade-callbacks",
            own_deployment_only=True,
            topic=LEAD_TOPIC,
            # Version 2 names the follow-up that set the grade; the cadence is the same.
            handles=[
                *(Handles(event, push_grade_callback) for event in (LeadGraded, LeadGradedV2)),
                Handles(LeadCallbackDue, push_due_callback),
            ],
            description="A lead's grade sets when its owner must call back: a call task; a "
            "callback falling due has one (made then if the grading did not make it).",
        ),
        Subscription(
            consumer=f"{settings.service_name}.hand-overs",
            own_deployment_only=True,
            topic=CUSTOMER_TOPIC,
            handles=[Handles(ConsultantHandedOver, take_over_tasks)],
            description="A leaver's hand-over: their open call tasks go to the successors "
            "leads named, a lead's to the lead's new owner.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.care-calls",
            own_deployment_only=True,
            topic=CARE_TOPIC,
            handles=[Handles(CareDue, batch_effect=push_care_calls)],
            description="A care rule's call (policy renewal, maintenance, care) becomes a call "
            "task dealt out by the dealer's queue taking its kind.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.call-tickets",
            own_deployment_only=True,
            topic=TICKET_TOPIC,
            handles=[
                Handles(TicketOpened, opened_without_a_call),
                Handles(TicketOpenedV2, link_ticket),
                Handles(CallAttached, link_ticket),
            ],
            description="A ticket the service desk opened for a call, or the open ticket a "
            "call joined, goes on the call's record.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.survey-calls",
            own_deployment_only=True,
            topic=SURVEY_TOPIC,
            handles=[Handles(SurveyRequested, batch_effect=push_survey_calls)],
            description="A survey asked by phone becomes a survey call task dealt out by the "
            "dealer's queue taking survey calls.",
        ),
    ]
