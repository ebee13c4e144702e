from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_identity.adapters.tables import org_nodes


async def org_path(session: AsyncSession, tenant: str, org_id: str) -> str | None:
    """The materialised path of an org node of the tenant, or None if there is no such node."""
    path: str | None = (
        await session.execute(
            select(org_nodes.c.path).where(org_nodes.c.id == org_id, org_nodes.c.tenant == tenant)
        )
    ).scalar_one_or_none()
    return path
