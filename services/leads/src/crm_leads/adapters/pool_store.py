"""A pool's settings as its managers change them: only pools of the books the caller may
change (``access.managed_pools``)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_leads.adapters.access import managed_pools
from crm_leads.adapters.tables import pools
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules


async def configure_managed_pool(
    session: AsyncSession,
    manager: Principal,
    pool_id: UUID,
    *,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
) -> bool:
    """False when the pool is not one the caller manages."""
    changed = await session.execute(
        update(pools)
        .where(pools.c.id == pool_id, managed_pools(manager))
        .values(
            name=name,
            kind=kind.value,
            auto_assignment=auto_assignment.value,
            rules=rules.model_dump(mode="json"),
        )
        .returning(pools.c.id)
    )
    return changed.first() is not None


async def lock_managed_pool(session: AsyncSession, manager: Principal, pool_id: UUID) -> str | None:
    """The pool's book, the pool locked for a change of its members; None when the pool is not
    one the caller manages."""
    book: str | None = (
        await session.execute(
            select(pools.c.owner_org)
            .where(pools.c.id == pool_id, managed_pools(manager))
            .with_for_update()
        )
    ).scalar()
    return book
