"""Custom KPI definitions kept: written when defined, deleted by their owner (the read side,
``views/kpis.py``, lists those a caller may see)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_kpi.adapters.kpi_tables import kpi_definitions
from crm_kpi.domain.kpis import KpiDefinition, Sharing


async def known_nodes(session: AsyncSession, tenant: str, nodes: Iterable[str]) -> set[str]:
    """Those of ``nodes`` that kpi's copy of the org tree knows."""
    d = org_directory
    found = await session.scalars(select(d.c.id).where(d.c.tenant == tenant, d.c.id.in_(nodes)))
    return set(found)


async def add_definition(
    session: AsyncSession,
    *,
    definition_id: UUID,
    tenant: str,
    name: str,
    definition: KpiDefinition,
    sharing: Sharing,
    created_at: datetime,
) -> None:
    await session.execute(
        insert(kpi_definitions).values(
            id=definition_id,
            tenant=tenant,
            owner_org=sharing.owner_org,
            owner_user=sharing.owner_user,
            name=name,
            definition=definition.model_dump(mode="json"),
            shared_roles=sorted(sharing.roles),
            shared_nodes=sorted(sharing.nodes),
            shared_users=sorted(sharing.users),
            created_at=created_at,
        )
    )


async def delete_own_definition(
    session: AsyncSession, tenant: str, owner_user: str, definition_id: UUID
) -> bool:
    """False when the user owns no such definition."""
    k = kpi_definitions
    deleted = await session.execute(
        delete(k)
        .where(k.c.id == definition_id, k.c.tenant == tenant, k.c.owner_user == owner_user)
        .returning(k.c.id)
    )
    return deleted.first() is not None
