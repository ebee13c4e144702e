"""Read side of identity: the org nodes and users a principal may see."""

from __future__ import annotations

from sqlalchemy import RowMapping, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_identity.adapters.repository import org_path
from crm_identity.adapters.tables import org_nodes, sharing_agreements, users


def _visible_paths(principal: Principal, own_path: str) -> Select[tuple[str]]:
    """Tenant-wide scopes see the tree; everyone else the subtree of their own node."""
    query = select(org_nodes.c.path).where(org_nodes.c.tenant == principal.tenant)
    if principal.data_scope is not DataScope.TENANT:
        query = query.where(org_nodes.c.path.startswith(own_path, autoescape=True))
    return query


async def org_nodes_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[RowMapping]:
    """A page of the org nodes the caller sees, each after its parent (by path)."""
    async with session_factory() as session:
        own = await org_path(session, principal.tenant, principal.org_node)
        if own is None:
            return []
        query = (
            select(org_nodes)
            .where(org_nodes.c.path.in_(_visible_paths(principal, own)))
            .order_by(org_nodes.c.path)
            .limit(limit)
            .offset(offset)
        )
        return list((await session.execute(query)).mappings())


async def users_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[RowMapping]:
    async with session_factory() as session:
        own = await org_path(session, principal.tenant, principal.org_node)
        if own is None:
            return []
        query = (
            select(users)
            .join(org_nodes, org_nodes.c.id == users.c.org_node)
            .where(users.c.tenant == principal.tenant)
            .order_by(users.c.username)
            .limit(limit)
            .offset(offset)
        )
        if principal.data_scope is not DataScope.TENANT:
            query = query.where(org_nodes.c.path.startswith(own, autoescape=True))
        return list((await session.execute(query)).mappings())


async def sharing_agreements_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[RowMapping]:
    """A page of the agreements: tenant-wide roles see every one; others those of their own
    node and the defaults."""
    s = sharing_agreements
    query = (
        select(s)
        .where(s.c.tenant == principal.tenant)
        .order_by(s.c.data_type, s.c.direction, s.c.dealer_id, s.c.partner_id)
        .limit(limit)
        .offset(offset)
    )
    if principal.data_scope is not DataScope.TENANT:
        query = query.where(or_(s.c.dealer_id == principal.org_node, s.c.dealer_id == "*"))
    async with session_factory() as session:
        return list((await session.execute(query)).mappings())
