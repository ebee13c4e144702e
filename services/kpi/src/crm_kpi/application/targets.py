"""Sales targets set down the org tree: each level for the levels below it (rules in
``crm_kpi.domain.targets``; reading them back is ``crm_kpi.views.targets``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.kpi.v1 import TargetSet
from crm_common.db import UnitOfWork
from crm_kpi.adapters.target_store import org_nodes, save_targets
from crm_kpi.domain.targets import Measure, Target, check_targets, target


async def set_targets(
    uow: UnitOfWork, principal: Principal, items: Sequence[Target], *, now: datetime
) -> None:
    """Upserts the targets the caller may set (``check_targets``), or none of them; each is
    published (``TargetSet``), so a dealer that runs its own deployment receives its own."""
    async with uow:
        nodes = await org_nodes(
            uow.session, principal.tenant, [principal.org_node, *(i.org_node for i in items)]
        )
        checked = check_targets(nodes.get(principal.org_node), nodes, items)
        await save_targets(
            uow.session, principal.tenant, checked, set_by=principal.user_id, now=now
        )
        await uow.publish(
            *(
                new_event(
                    TargetSet(
                        org_node=item.org_node,
                        dealer_id=dealer,
                        user_id=item.user_id,
                        product_line=item.product_line,
                        month=item.month,
                        measure=item.measure.value,
                        amount=item.amount,
                        set_by=principal.user_id,
                        at=now,
                    ),
                    tenant=principal.tenant,
                    owner_org=item.org_node,
                    actor=principal.user_id,
                )
                for item, dealer in checked
            )
        )


async def take_target_from_hq(uow: UnitOfWork, event: Envelope[TargetSet]) -> None:
    """At a dealer's deployment: a target HQ or its region set for the dealer (or below it),
    come down over the link, stored as it was set there (HQ checked who may set it). The inbox
    and the upsert of its place make a redelivery change nothing."""
    data = event.data
    item = target(
        org_node=data.org_node,
        month=data.month,
        measure=Measure(data.measure),
        amount=data.amount,
        product_line=data.product_line,
        user_id=data.user_id,
    )
    await save_targets(
        uow.session, event.tenant, [(item, data.dealer_id)], set_by=data.set_by, now=data.at
    )
