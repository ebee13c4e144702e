"""OEM distribution: HQ and regions send pooled leads to dealers; a dealer may send one back,
and one it does not work in time goes back up by itself."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final, Literal
from uuid import UUID

from crm_common.auth import Principal
from crm_common.contracts.events.leads.v1 import LeadDistributed, LeadReturned
from crm_common.db import UnitOfWork
from crm_leads.adapters import customer_dedup, repository
from crm_leads.application.handlers import auto_assign_in, lead_to_change, publish_for
from crm_leads.domain.distribution import route_to_dealer
from crm_leads.domain.lead import Lead, LeadConflict, LeadUnavailable

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
        loads = await repository.dealer_loads(
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
        rules = (await repository.pool(session, lead.home_pool_id)).rules
        origin = lead.owner_org
        work_by = lead.distribute(
            dealer=chosen.dealer_id,
            dealer_pool=await repository.default_pool(
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
        await repository.save_lead(session, lead)
        await publish_for(
            uow,
            lead,
            actor.user_id,
            [
                LeadDistributed(
                    lead_id=lead.id,
                    dealer_id=lead.owner_org,
                    at=now,
                    origin_org=origin,
                    work_by=work_by,
                    routed=routed,
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
    for lead in await repository.distributions_past_deadline(uow.session, now=now, batch=batch):
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
    if lead.origin_org is None:
        raise LeadUnavailable("the lead was not distributed; it has nowhere to go back to")
    session = uow.session
    origin = lead.origin_org
    previous_owner = lead.owner_user
    from_dealer = lead.return_to_origin(
        origin_pool=await repository.default_pool(
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
    await repository.save_lead(session, lead)
    # Back in its origin's book: the event belongs to that book.
    await publish_for(
        uow,
        lead,
        actor,
        [
            LeadReturned(
                lead_id=lead.id,
                dealer_id=origin,
                at=now,
                from_dealer=from_dealer,
                previous_owner=previous_owner,
                reason=reason,
                rule=rule,
            )
        ],
    )
