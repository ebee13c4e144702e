"""OEM distribution: HQ and regions send pooled leads to dealers; a dealer may send one back,
and one it does not work in time goes back up by itself.

A dealer that runs its own deployment (docs/dealer-deployments.md) gets the distributed lead
from HQ's ``LeadDistributed`` (version 2 carries the lead), come down through the link, and
works it there; what it reports (follow-ups, conversion, loss, sending it back) comes up as its
events and HQ's copy follows. Each side follows the other's events without publishing any of
its own for them (the other side's event is on the topics already); on a deployment where
both sides are one, the lead has changed already and following finds nothing to do."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final, Literal
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import (
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
from crm_common.contracts.events.leads.v2 import (
    LeadConvertedV2,
    LeadDistributedV2,
    LeadGradedV2,
)
from crm_common.db import UnitOfWork
from crm_leads.adapters import (
    book_store,
    customer_dedup,
    distribution_store,
    lead_store,
    pool_store,
)
from crm_leads.application.handlers import auto_assign_in, lead_to_change, publish_for
from crm_leads.domain.distribution import route_to_dealer
from crm_leads.domain.lead import (
    Lead,
    LeadConflict,
    LeadStatus,
    LeadUnavailable,
    arrived_by_distribution,
    normalise_phone,
)

DISTRIBUTION_SLA: Final = "distribution_sla"
REJECTED: Final = "rejected"


class DealerNotFound(LookupError):
    """No such active dealer below the lead's org node (answered 404)."""


class NoDealerAvailable(LeadConflict):
    """Every dealer that could take the lead is at capacity or already works the customer."""


async def distribute_lead(
    lead_id: UUID, dealer_id: str | None, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    """Send a pooled lead of the caller's HQ/region book to a dealer: the named one, or the
    one routing picks (customer's region, spare capacity, least loaded)."""
    async with uow:
        session = uow.session
        lead = await lead_to_change(uow, lead_id, actor)
        loads = await distribution_store.dealer_loads(
            session, tenant=lead.tenant, under=lead.owner_org, phone=lead.phone
        )
        if dealer_id is None:
            chosen = route_to_dealer(loads, lead.region_hint)
            if chosen is None:
                raise NoDealerAvailable("no dealer has room for the lead; distribute it by hand")
            routed: Literal["manual", "automatic"] = "automatic"
        else:
            match = [d for d in loads if d.dealer_id == dealer_id]
            if not match:
                raise DealerNotFound(f"no active dealer {dealer_id!r} below {lead.owner_org}")
            chosen, routed = match[0], "manual"
            if chosen.works_customer:
                raise LeadUnavailable(f"{dealer_id} already works this customer")
        rules = (await pool_store.pool(session, lead.home_pool_id)).rules
        origin = lead.owner_org
        work_by = lead.distribute(
            dealer=chosen.dealer_id,
            dealer_pool=await book_store.default_pool(
                session, tenant=lead.tenant, owner_org=chosen.dealer_id, now=now
            ),
            dealer_customer=await customer_dedup.customer_for(
                session,
                tenant=lead.tenant,
                owner_org=chosen.dealer_id,
                phone=lead.phone,
                name=lead.customer_name,
                now=now,
            ),
            actor=actor.user_id,
            work_within=timedelta(hours=rules.distribution.work_within_hours),
            now=now,
        )
        await lead_store.save_lead(session, lead)
        await publish_for(
            uow,
            lead,
            actor.user_id,
            [
                LeadDistributedV2(
                    lead_id=lead.id,
                    dealer_id=lead.owner_org,
                    at=now,
                    origin_org=origin,
                    work_by=work_by,
                    routed=routed,
                    customer_name=lead.customer_name,
                    phone=lead.phone,
                    source=lead.source.value,
                    vehicle_interest=lead.vehicle_interest,
                    region_hint=lead.region_hint,
                    created_at=lead.created_at,
                )
            ],
        )
        await auto_assign_in(uow, lead, now)
    return lead


async def reject_distribution(
    lead_id: UUID, reason: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    """The dealer sends a distributed lead back with a reason; HQ may send it elsewhere."""
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        await return_to_origin(uow, lead, actor.user_id, reason, REJECTED, now)
    return lead


async def return_unworked_distributions(uow: UnitOfWork, *, now: datetime, batch: int) -> int:
    """Distributed leads the dealer did not follow up in time go back up (one batch)."""
    returned = 0
    for lead in await lead_store.distributions_past_deadline(uow.session, now=now, batch=batch):
        await return_to_origin(
            uow, lead, "distribution-sweep", "not worked in time", DISTRIBUTION_SLA, now
        )
        returned += 1
    return returned


async def return_to_origin(
    uow: UnitOfWork,
    lead: Lead,
    actor: str,
    reason: str,
    rule: Literal["rejected", "distribution_sla"],
    now: datetime,
) -> None:
    previous_owner = lead.owner_user
    from_dealer = await _back_to_origin(uow, lead, actor, reason, rule, now)
    # Back in its origin's book: the event belongs to that book.
    await publish_for(
        uow,
        lead,
        actor,
        [
            LeadReturned(
                lead_id=lead.id,
                dealer_id=lead.owner_org,
                at=now,
                from_dealer=from_dealer,
                previous_owner=previous_owner,
                reason=reason,
                rule=rule,
            )
        ],
    )


async def _back_to_origin(
    uow: UnitOfWork,
    lead: Lead,
    actor: str,
    reason: str,
    rule: Literal["rejected", "distribution_sla"],
    now: datetime,
) -> str:
    """The lead into its origin's book (pool and customer file); the dealer it left."""
    if lead.origin_org is None:
        raise LeadUnavailable("the lead was not distributed; it has nowhere to go back to")
    session = uow.session
    origin = lead.origin_org
    from_dealer = lead.return_to_origin(
        origin_pool=await book_store.default_pool(
            session, tenant=lead.tenant, owner_org=origin, now=now
        ),
        origin_customer=await customer_dedup.customer_for(
            session,
            tenant=lead.tenant,
            owner_org=origin,
            phone=lead.phone,
            name=lead.customer_name,
            now=now,
        ),
        actor=actor,
        reason=reason,
        rule=rule,
        now=now,
    )
    await lead_store.save_lead(session, lead)
    return from_dealer


async def take_in_distributed_lead(uow: UnitOfWork, event: Envelope[LeadDistributedV2]) -> None:
    """A dealer's own deployment: the lead HQ distributed to the dealer came down and enters
    the dealer's book, in its pool (or straight to a consultant, by the pool's strategy); a
    lead it had sent back before (recalled by HQ, or rejected) enters it again. A dealer that
    already works the customer sends it back up at once (one owner per customer), as a dealer
    that rejects a distribution does."""
    data, session = event.data, uow.session
    sent_back = await lead_store.sent_back_lead(session, data.lead_id)
    if sent_back is None and await lead_store.lead_exists(session, data.lead_id):
        return  # distributed by this deployment, or taken in already
    customer = await customer_dedup.customer_for(
        session,
        tenant=event.tenant,
        owner_org=data.dealer_id,
        phone=normalise_phone(data.phone),
        name=data.customer_name,
        now=data.at,
    )
    pool = await book_store.default_pool(
        session, tenant=event.tenant, owner_org=data.dealer_id, now=data.at
    )
    if sent_back is None:
        lead = _arrived(event, customer, pool)
    elif sent_back.distributed_again(
        dealer=data.dealer_id, origin=data.origin_org, pool=pool, customer=customer, at=data.at
    ):
        lead = sent_back
    else:
        return  # the distribution it came back from: this deployment distributed it
    if await lead_store.open_lead_of_customer(session, customer) is not None:
        await uow.publish_about(
            [
                LeadReturned(
                    lead_id=data.lead_id,
                    dealer_id=data.origin_org,
                    at=data.at,
                    from_dealer=data.dealer_id,
                    previous_owner=None,
                    reason="the dealer already works this customer",
                    rule=REJECTED,
                )
            ],
            tenant=event.tenant,
            owner_org=data.origin_org,
            actor=data.dealer_id,
        )
        return
    if sent_back is None:
        await lead_store.add_lead(session, lead)
    else:
        await lead_store.save_lead(session, lead)
    await auto_assign_in(uow, lead, data.at)


def _arrived(event: Envelope[LeadDistributedV2], customer: UUID, pool: UUID) -> Lead:
    data = event.data
    return arrived_by_distribution(
        lead_id=data.lead_id,
        tenant=event.tenant,
        dealer=data.dealer_id,
        origin_org=data.origin_org,
        customer_id=customer,
        customer_name=data.customer_name,
        phone=normalise_phone(data.phone),
        source=data.source,
        vehicle_interest=data.vehicle_interest,
        region_hint=data.region_hint,
        created_at=data.created_at,
        pool_id=pool,
        distributed_at=data.at,
    )


class DistributionWithoutTheLead(LeadUnavailable):
    """``LeadDistributed`` version 1 names the lead only: a deployment that does not hold the
    lead cannot take it in from that (dead-lettered, so that it shows)."""


async def check_distributed_lead_is_here(uow: UnitOfWork, event: Envelope[LeadDistributed]) -> None:
    if not await lead_store.lead_exists(uow.session, event.data.lead_id):
        raise DistributionWithoutTheLead(
            f"lead {event.data.lead_id} came as LeadDistributed version 1, without the lead;"
            " HQ's leads service must publish version 2"
        )


async def follow_dealer_follow_up(uow: UnitOfWork, event: Envelope[LeadFollowedUp]) -> None:
    """The dealer followed up a lead distributed to it: the work-by deadline is met."""
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    if lead is not None and lead.worked_at_dealer(data.dealer_id, data.owner_user, data.at):
        await lead_store.save_lead(uow.session, lead)


async def follow_dealer_claim(uow: UnitOfWork, event: Envelope[LeadClaimed]) -> None:
    """Who works the lead at the dealer: the copy's history says (its owner stays empty)."""
    data = event.data
    await _follow_worker(
        uow, data.lead_id, data.dealer_id, "claimed", data.owner_user, data, None, data.at
    )


async def follow_dealer_assignment(uow: UnitOfWork, event: Envelope[LeadAssigned]) -> None:
    data = event.data
    await _follow_worker(
        uow, data.lead_id, data.dealer_id, "assigned", data.assigned_by, data, data.reason, data.at
    )


async def follow_dealer_release(uow: UnitOfWork, event: Envelope[LeadReleased]) -> None:
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    if lead is not None and lead.worker_changed_at_dealer(
        data.dealer_id,
        "released",
        by=data.released_by,
        from_user=data.previous_owner,
        to_user=None,
        reason=data.reason,
        at=data.at,
    ):
        await lead_store.save_lead(uow.session, lead)


async def _follow_worker(
    uow: UnitOfWork,
    lead_id: UUID,
    dealer: str,
    kind: str,
    by: str,
    data: LeadClaimed | LeadAssigned,
    reason: str | None,
    at: datetime,
) -> None:
    lead = await lead_store.distributed_lead(uow.session, lead_id)
    if lead is not None and lead.worker_changed_at_dealer(
        dealer,
        kind,
        by=by,
        from_user=data.previous_owner,
        to_user=data.owner_user,
        reason=reason,
        at=at,
    ):
        await lead_store.save_lead(uow.session, lead)


async def follow_dealer_grade(
    uow: UnitOfWork, event: Envelope[LeadGraded] | Envelope[LeadGradedV2]
) -> None:
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    by = data.owner_user or data.dealer_id
    if lead is not None and lead.graded_at_dealer(
        data.dealer_id, data.grade, data.next_follow_up_due, by, data.at
    ):
        await lead_store.save_lead(uow.session, lead)


async def follow_dealer_conversion(
    uow: UnitOfWork, event: Envelope[LeadConverted] | Envelope[LeadConvertedV2]
) -> None:
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    if lead is not None and lead.closed_at_dealer(
        data.dealer_id, LeadStatus.CONVERTED, data.owner_user, None, data.at
    ):
        await lead_store.save_lead(uow.session, lead)


async def follow_dealer_loss(uow: UnitOfWork, event: Envelope[LeadLost]) -> None:
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    if lead is not None and lead.closed_at_dealer(
        data.dealer_id, LeadStatus.LOST, data.owner_user, data.reason, data.at
    ):
        await lead_store.save_lead(uow.session, lead)


async def follow_return(uow: UnitOfWork, event: Envelope[LeadReturned]) -> None:
    """The lead went back to its origin on the other side of a dealer's link: HQ recalled it
    (its work-by deadline passed) or the dealer sent it back; this copy goes back too."""
    data = event.data
    lead = await lead_store.distributed_lead(uow.session, data.lead_id)
    if lead is not None and lead.sent_back_elsewhere(data.from_dealer, data.dealer_id, data.at):
        await _back_to_origin(
            uow, lead, event.actor or data.from_dealer, data.reason, data.rule, data.at
        )
