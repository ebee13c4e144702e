"""A leaver's hand-over as leads announces it (``leads.ConsultantHandedOver``): the
opportunities someone must go on working — with their quotes, which belong to them, and their
orders — go to the successors, a customer's to the successor of the customer's lead."""

from __future__ import annotations

from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.leads.v1 import ConsultantHandedOver
from crm_common.contracts.events.opportunities.v1 import OpportunityReassigned
from crm_common.db import UnitOfWork
from crm_common.policy import hand_overs
from crm_opportunities.adapters import repository, sales_repository


async def take_over_from_leaver(uow: UnitOfWork, event: Envelope[ConsultantHandedOver]) -> None:
    """Once per event (the consumer's inbox). A part that is not the final one moves only the
    records of the leads and customers it names; the final one moves all that is left."""
    handed = event.data
    session = uow.session
    actor = event.actor or "hand-over"
    # Kept for a conversion of the leaver's still on its way (open_from_converted_lead).
    await hand_overs.keep_part(session, event.tenant, handed)
    published: list[EventData] = []
    for opportunity in await repository.opportunities_to_hand_over(
        session, event.tenant, handed.dealer_id, handed.consultant
    ):
        about = {"lead_id": opportunity.lead_id, "customer_id": opportunity.customer_id}
        if not handed.final and not handed.names(**about):
            continue
        successor = handed.successor_for(**about, record_id=opportunity.id)
        previous = opportunity.hand_over(successor.user_id, successor.org_node, handed.at)
        await repository.save_opportunity(session, opportunity)
        published.append(
            OpportunityReassigned(
                opportunity_id=opportunity.id,
                dealer_id=opportunity.owner_org,
                at=handed.at,
                owner_user=successor.user_id,
                owner_team=successor.org_node,
                previous_owner=previous,
                assigned_by=actor,
            )
        )
    await sales_repository.orders_follow_their_opportunities(
        session, event.tenant, handed.dealer_id, handed.consultant
    )
    await uow.publish_about(published, tenant=event.tenant, owner_org=handed.dealer_id, actor=actor)
