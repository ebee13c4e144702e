"""Pools: loaded for a command, added, their members (with how many open leads each holds,
for automatic assignment), and their settings as their managers change them — only pools of
the books the caller may change (``access.managed_pools``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory, staff
from crm_common.policy.roles import has_function
from crm_leads.adapters.access import managed_pools
from crm_leads.adapters.tables import LEAD_IS_OPEN, leads, pool_members, pools
from crm_leads.domain.assignment import Candidate
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules


@dataclass(frozen=True, slots=True)
class Pool:
    id: UUID
    tenant: str
    owner_org: str
    name: str
    kind: PoolKind
    auto_assignment: AutoAssignment
    rules: PoolRules


async def pool(session: AsyncSession, pool_id: UUID) -> Pool:
    found = await pool_or_none(session, pool_id)
    if found is None:
        raise LookupError(f"pool {pool_id} does not exist")
    return found


async def pool_or_none(session: AsyncSession, pool_id: UUID) -> Pool | None:
    row = (await session.execute(select(pools).where(pools.c.id == pool_id))).mappings().first()
    if row is None:
        return None
    return Pool(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        name=row["name"],
        kind=PoolKind(row["kind"]),
        auto_assignment=AutoAssignment(row["auto_assignment"]),
        rules=PoolRules.model_validate(row["rules"]),
    )


async def add_pool(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
    now: datetime,
) -> UUID:
    pool_id = uuid4()
    await session.execute(
        insert(pools).values(
            id=pool_id,
            tenant=tenant,
            owner_org=owner_org,
            name=name,
            kind=kind.value,
            auto_assignment=auto_assignment.value,
            rules=rules.model_dump(mode="json"),
            is_default=False,
            created_at=now,
        )
    )
    return pool_id


async def replace_members(
    session: AsyncSession, pool_id: UUID, members: list[tuple[str, str, int, int]]
) -> None:
    """``members``: (user id, org node, weight, level); who is not listed is no longer a
    member."""
    await session.execute(delete(pool_members).where(pool_members.c.pool_id == pool_id))
    if members:
        await session.execute(
            insert(pool_members),
            [
                {"pool_id": pool_id, "user_id": u, "org_node": node, "weight": w, "level": lv}
                for u, node, w, lv in members
            ],
        )


async def pool_candidates(session: AsyncSession, pool_id: UUID) -> list[Candidate]:
    """The pool's explicit members who are active staff, with how many open leads they own."""
    owned = (
        select(func.count())
        .where(
            leads.c.owner_user == pool_members.c.user_id,
            LEAD_IS_OPEN,
        )
        .correlate(pool_members)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            pool_members.c.user_id,
            staff.c.org_node,
            owned,
            pool_members.c.weight,
            pool_members.c.last_assigned_at,
            pool_members.c.level,
        )
        .join(staff, staff.c.user_id == pool_members.c.user_id)
        .where(pool_members.c.pool_id == pool_id, staff.c.active)
    )
    return [Candidate(*row) for row in rows]


async def book_consultants(session: AsyncSession, tenant: str, book: str) -> list[Candidate]:
    """The active consultants (who may claim leads) working in ``book`` — at the dealer or a
    node below it, or at the node itself above dealers — with how many open leads they own."""
    owned = (
        select(func.count())
        .where(leads.c.tenant == tenant, leads.c.owner_user == staff.c.user_id, LEAD_IS_OPEN)
        .correlate(staff)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(staff.c.user_id, staff.c.org_node, staff.c.roles, owned)
        .select_from(staff.outerjoin(org_directory, org_directory.c.id == staff.c.org_node))
        .where(
            staff.c.tenant == tenant,
            staff.c.active,
            or_(staff.c.org_node == book, org_directory.c.dealer_id == book),
        )
        .order_by(staff.c.user_id)
    )
    return [
        Candidate(row.user_id, row.org_node, row[3])
        for row in rows
        if has_function(frozenset(row.roles), "lead.claim")
    ]


async def note_assignment(
    session: AsyncSession, pool_id: UUID, user_id: str, now: datetime
) -> None:
    await session.execute(
        update(pool_members)
        .where(pool_members.c.pool_id == pool_id, pool_members.c.user_id == user_id)
        .values(last_assigned_at=now)
    )


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
