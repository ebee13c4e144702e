"""Configuring pools: who claims, how leads are handed out, and the pool's rules."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import update

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, visible_to
from crm_leads.adapters.tables import pools
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules


class PoolNotFound(LookupError):
    """No such pool among those the caller manages (answered 404)."""


async def configure_pool(
    pool_id: UUID,
    *,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
    actor: Principal,
    uow: UnitOfWork,
) -> None:
    """Only managers of the pool's org node (by their data scope) change its settings."""
    managed = visible_to(actor, DataType.LEAD, tenant=pools.c.tenant, owner_org=pools.c.owner_org)
    async with uow:
        changed = await uow.session.execute(
            update(pools)
            .where(pools.c.id == pool_id, managed)
            .values(
                name=name,
                kind=kind.value,
                auto_assignment=auto_assignment.value,
                rules=rules.model_dump(mode="json"),
            )
            .returning(pools.c.id)
        )
        if changed.first() is None:
            raise PoolNotFound("pool not found")
