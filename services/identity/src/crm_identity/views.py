"""Read side of identity: the org nodes, users and sharing agreements a principal may see."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.policy.sharing import DataType, Direction
from crm_identity.adapters.repository import org_path
from crm_identity.adapters.tables import org_nodes, sharing_agreements, users
from crm_identity.domain.org_tree import OrgKind, PartnerType, paths_above


class OrgNodePublic(BaseModel):
    id: str
    parent_id: str | None
    kind: OrgKind
    name: str
    partner_type: PartnerType | None
    path: str
    active: bool


class PartnerPublic(BaseModel):
    id: str
    name: str
    partner_type: PartnerType | None


class UserPublic(BaseModel):
    id: UUID
    username: str
    display_name: str
    org_node: str
    roles: list[str]
    active: bool


class SharingAgreementPublic(BaseModel):
    data_type: DataType
    direction: Direction
    dealer_id: str
    partner_id: str
    level: Literal["none", "aggregate", "masked", "full"]
    updated_by: str


def _visible_paths(principal: Principal, own_path: str) -> Select[tuple[str]]:
    """Tenant-wide scopes see the tree; everyone else the subtree of their own node and the
    nodes above it (by name: whose care rules, articles and programmes reach their book, whom
    they share with)."""
    query = select(org_nodes.c.path).where(org_nodes.c.tenant == principal.tenant)
    if principal.data_scope is not DataScope.TENANT:
        query = query.where(
            or_(
                org_nodes.c.path.startswith(own_path, autoescape=True),
                org_nodes.c.path.in_(paths_above(own_path)),
            )
        )
    return query


async def org_nodes_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[OrgNodePublic]:
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
        rows = (await session.execute(query)).mappings()
        return [OrgNodePublic.model_validate(row) for row in rows]


async def partners_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    partner_type: PartnerType | None,
    limit: int,
    offset: int,
) -> list[PartnerPublic]:
    """A page of the tenant's active partner orgs (of one type, if asked), by name: whom a
    book sends work to — a repair job, a parts claim —, wherever in the tree the partner
    hangs (a dealer's staff see no node outside their dealer in the org tree)."""
    n = org_nodes
    query = select(n.c.id, n.c.name, n.c.partner_type).where(
        n.c.tenant == principal.tenant, n.c.kind == OrgKind.PARTNER.value, n.c.active
    )
    if partner_type is not None:
        query = query.where(n.c.partner_type == partner_type.value)
    query = query.order_by(n.c.name, n.c.id).limit(limit).offset(offset)
    async with session_factory() as session:
        rows = (await session.execute(query)).mappings()
        return [PartnerPublic.model_validate(row) for row in rows]


async def users_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[UserPublic]:
    """A page of the users of the caller's scope, by username."""
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
        rows = (await session.execute(query)).mappings()
        return [UserPublic.model_validate(row) for row in rows]


async def sharing_agreements_for(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[SharingAgreementPublic]:
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
        rows = (await session.execute(query)).mappings()
        return [SharingAgreementPublic.model_validate(row) for row in rows]
