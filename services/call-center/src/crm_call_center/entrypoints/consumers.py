"""What the call-center worker consumes: identity's org tree and sharing (the shared policy
copies) and leads' grades (the callback cadence pushes call tasks)."""

from __future__ import annotations

from collections.abc import Sequence

from crm_call_center.application.tasks import callback_for_grade
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadGraded
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings


async def push_grade_callback(uow: UnitOfWork, event: Envelope[LeadGraded]) -> None:
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
        now=event.occurred_at,
    )


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        Subscription(
            consumer=f"{settings.service_name}.grade-callbacks",
            topic=LEAD_TOPIC,
            handles=[Handles(LeadGraded, push_grade_callback)],
            description="A lead's grade sets when its owner must call back: a call task.",
        ),
    ]
