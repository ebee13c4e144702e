"""What a repair or service partner may reach of the service desk: only the tickets whose job
names it, as far as each dealer's agreement with it reaches (``crm_common.policy.partners``)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, visible_to_partner
from crm_service_desk.adapters.tables import tickets

PARTNER_DATA = DataType.TICKET
"""What a dealer shares with a partner of a job: the ticket."""


def jobs_of(partner: Principal) -> ColumnElement[bool]:
    return visible_to_partner(
        partner,
        PARTNER_DATA,
        tenant=tickets.c.tenant,
        owner_org=tickets.c.owner_org,
        partner_column=tickets.c.partner_org,
    )


async def is_partner(session: AsyncSession, tenant: str, org_node: str) -> bool:
    """Whether the node is a partner org of the tenant (identity's tree, as copied here)."""
    d = org_directory
    found = await session.execute(
        select(d.c.id).where(
            d.c.tenant == tenant, d.c.id == org_node, d.c.kind == "partner", d.c.active
        )
    )
    return found.first() is not None
