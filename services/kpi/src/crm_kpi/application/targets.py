"""Sales targets set down the org tree: each level for the levels below it (rules in
``crm_kpi.domain.targets``; reading them back is ``crm_kpi.views.targets``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_kpi.adapters.target_store import org_nodes, save_targets
from crm_kpi.domain.targets import Target, check_targets


async def set_targets(
    uow: UnitOfWork, principal: Principal, items: Sequence[Target], *, now: datetime
) -> None:
    """Upserts the targets the caller may set (``check_targets``), or none of them."""
    async with uow:
        nodes = await org_nodes(
            uow.session, principal.tenant, [principal.org_node, *(i.org_node for i in items)]
        )
        checked = check_targets(nodes.get(principal.org_node), nodes, items)
        await save_targets(
            uow.session, principal.tenant, checked, set_by=principal.user_id, now=now
        )
