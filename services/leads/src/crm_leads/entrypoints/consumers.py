"""What the leads worker consumes: identity's org tree and sharing (the shared policy copies),
its users (who may own leads; a deactivated user's leads go back to their pools), the
opportunities of leads' customers (what the "not won" and exclusion recycle rules read), the
call center's records of connected calls (real contact with the customer), the lead events
of the other side of a dealer deployment's link (distribution across deployments), and what
every service records of leads' customers (their files' timeline)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.call_center.v1 import CALL_TOPIC, CallCompleted
from crm_common.contracts.events.call_center.v2 import CallCompletedV2
from crm_common.contracts.events.leads.v1 import (
    LEAD_TOPIC,
    LeadAssigned,
    LeadClaimed,
    LeadConverted,
    LeadDistributed,
    LeadFollowedUp,
    LeadGraded,
    LeadLost,
    LeadReleased,
    LeadReturned,
)
from crm_common.contracts.events.leads.v2 import LeadConvertedV2, LeadDistributedV2, LeadGradedV2
from crm_common.contracts.events.opportunities.v1 import (
    OPPORTUNITY_TOPIC,
    ORDER_TOPIC,
    OrderCancelled,
)
from crm_common.db import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.roles import has_function
from crm_common.policy.staff import UserChange, staff_subscription
from crm_common.settings import Settings
from crm_leads.application import distribution
from crm_leads.application.customer_file import record_customer_event
from crm_leads.application.customer_opportunities import (
    OPPORTUNITY_STATUS,
    record_customer_opportunity,
    reopen_customer_opportunity,
)
from crm_leads.application.hand_over import spread_records_of_deactivated
from crm_leads.application.handlers import PhoneCall, follow_up_from_call, hand_back_leads_of
from crm_leads.domain.customer_file import TIMELINE_EVENTS

log = logging.getLogger(__name__)


async def hand_back_if_deactivated(uow: UnitOfWork, event: UserChange) -> None:
    """A deactivated user's leads go back to their pools; their other records (opportunities,
    quotes, orders, call tasks) — a consultant's — are spread over the book's consultants by
    the services that keep them (``leads.ConsultantHandedOver``). A manager's hand-over before
    the deactivation left nothing of theirs to move."""
    if event.data.active:
        return
    user_id = str(event.data.user_id)
    released = await hand_back_leads_of(
        uow, tenant=event.tenant, user_id=user_id, now=event.occurred_at
    )
    roles = frozenset(event.data.roles)
    spread = (
        event.data.change == "deactivated"
        and (has_function(roles, "lead.claim") or has_function(roles, "opportunity.work"))
        and await spread_records_of_deactivated(
            uow,
            tenant=event.tenant,
            user_id=user_id,
            org_node=event.data.org_id,
            now=event.occurred_at,
        )
    )
    log.info(
        "leads of a deactivated user released",
        extra={"released": released, "rest_spread": spread},
    )


CALL_COMPLETED = (CallCompleted, CallCompletedV2)


async def record_connected_call(uow: UnitOfWork, event: Envelope[CallCompleted]) -> None:
    call = event.data
    if not call.connected or call.agent_user is None:
        return  # an attempt is not contact; the consultant records it if they wish
    await follow_up_from_call(
        uow,
        PhoneCall(
            call_id=call.call_id,
            tenant=event.tenant,
            by=call.agent_user,
            lead_id=call.lead_id,
            phone=call.customer_phone,
            talk_seconds=call.talk_seconds,
            ended_at=call.ended_at,
            disposition=call.disposition,
        ),
    )


def customer_file_subscriptions(settings: Settings) -> list[Subscription]:
    """One consumer group per topic: a new group reads its topic from the start, so the files
    hold what happened before they existed."""
    topics: dict[str, list[Handles]] = {}
    for event in TIMELINE_EVENTS:
        topics.setdefault(event.topic, []).append(Handles(event, record_customer_event))
    found = []
    for topic, handles in topics.items():
        _, service, aggregate, _ = topic.split(".")
        found.append(
            Subscription(
                consumer=f"{settings.service_name}.customer-file.{aggregate}",
                # A dealer's deployment keeps its own customers' files.
                own_deployment_only=True,
                topic=topic,
                handles=handles,
                description=f"Keeps what {service} records of leads' customers ({aggregate} "
                "events) in their files' timeline.",
            )
        )
    return found


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        staff_subscription(
            settings,
            description="Keeps the staff who may own leads; hands back a deactivated user's "
            "leads and has the rest of their records spread over the book's consultants.",
            then=hand_back_if_deactivated,
        ),
        Subscription(
            consumer=f"{settings.service_name}.customer-opportunities",
            own_deployment_only=True,
            topic=OPPORTUNITY_TOPIC,
            handles=[Handles(event, record_customer_opportunity) for event in OPPORTUNITY_STATUS],
            description="Keeps which customers have open, won or lost opportunities.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.customer-orders",
            own_deployment_only=True,
            topic=ORDER_TOPIC,
            handles=[Handles(OrderCancelled, reopen_customer_opportunity)],
            description="A cancelled order reopens the customer's won opportunity.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.calls",
            own_deployment_only=True,
            topic=CALL_TOPIC,
            # Version 2 names the hotline call a part belongs to: a part is its consultant's
            # contact all the same.
            handles=[Handles(event, record_connected_call) for event in CALL_COMPLETED],
            description="A connected call the phone system recorded is a verified call "
            "follow-up of the owner's lead: real contact resets the recycle clock.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.distribution-link",
            topic=LEAD_TOPIC,
            handles=[
                Handles(LeadDistributedV2, distribution.take_in_distributed_lead),
                Handles(LeadDistributed, distribution.check_distributed_lead_is_here),
                Handles(LeadClaimed, distribution.follow_dealer_claim),
                Handles(LeadAssigned, distribution.follow_dealer_assignment),
                Handles(LeadReleased, distribution.follow_dealer_release),
                Handles(LeadGraded, distribution.follow_dealer_grade),
                Handles(LeadGradedV2, distribution.follow_dealer_grade),
                Handles(LeadFollowedUp, distribution.follow_dealer_follow_up),
                Handles(LeadConverted, distribution.follow_dealer_conversion),
                Handles(LeadConvertedV2, distribution.follow_dealer_conversion),
                Handles(LeadLost, distribution.follow_dealer_loss),
                Handles(LeadReturned, distribution.follow_return),
            ],
            description="Distribution across a dealer deployment's link: at the dealer, a "
            "lead HQ distributed to it enters its book (again, after it was sent back); at HQ, "
            "the copy of a distributed lead follows what the dealer reports (who works it, its "
            "grade, follow-up, conversion, loss, sending it back). Where both sides are one "
            "deployment there is nothing to follow.",
        ),
        *customer_file_subscriptions(settings),
    ]
