"""Which leads a principal may act on: the shared policy for records, pool membership for the
public sea. Conditions only; the stores and the views apply them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, exists, false, func, literal, or_, select

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, changeable_by, level_shared_with, visible_to
from crm_leads.adapters.tables import leads, pool_members, pools


def visible_leads(principal: Principal) -> ColumnElement[bool]:
    """The shared policy on the lead's book and owner, plus, for HQ and region roles, the
    leads their nodes distributed to dealers (OEM-originated leads are shared back in full)."""
    in_scope = visible_to(
        principal,
        DataType.LEAD,
        tenant=leads.c.tenant,
        owner_org=leads.c.owner_org,
        owner_user=leads.c.owner_user,
        owner_team=leads.c.owner_team,
    )
    return or_(in_scope, distributed_by(principal))


def changeable_leads(principal: Principal) -> ColumnElement[bool]:
    """The leads a command of the principal may change: the caller's own write scope over the
    lead's book and owner (never what a sharing agreement or a distribution lets them read)."""
    return changeable_by(
        principal,
        tenant=leads.c.tenant,
        owner_org=leads.c.owner_org,
        owner_user=leads.c.owner_user,
        owner_team=leads.c.owner_team,
    )


def managed_pools(principal: Principal) -> ColumnElement[bool]:
    """Pools of the books the principal may change: their rules, members and reports."""
    return changeable_by(principal, tenant=pools.c.tenant, owner_org=pools.c.owner_org)


def distributed_by(principal: Principal) -> ColumnElement[bool]:
    if principal.data_scope not in (DataScope.SUBTREE, DataScope.TENANT):
        return false()
    return leads.c.origin_org.is_not(None) & visible_to(
        principal, DataType.LEAD, tenant=leads.c.tenant, owner_org=leads.c.origin_org
    )


def lead_level(principal: Principal) -> ColumnElement[int]:
    """How much of a visible lead's data reaches the principal (before field permissions)."""
    return case(
        (distributed_by(principal), literal(SharingLevel.FULL.value)),
        else_=level_shared_with(principal, DataType.LEAD, owner_org=leads.c.owner_org),
    )


def pools_open_to(principal: Principal) -> ColumnElement[bool]:
    """Pools the principal is a member of; a pool without members is open to everyone whose
    node lies below (or is) the pool's org node."""
    my_path = (
        select(org_directory.c.path)
        .where(org_directory.c.id == principal.org_node, org_directory.c.tenant == principal.tenant)
        .scalar_subquery()
    )
    above_me = select(org_directory.c.id).where(
        org_directory.c.tenant == principal.tenant,
        func.starts_with(my_path, org_directory.c.path),
    )
    member = exists().where(
        pool_members.c.pool_id == pools.c.id, pool_members.c.user_id == principal.user_id
    )
    has_members = exists().where(pool_members.c.pool_id == pools.c.id)
    return (pools.c.tenant == principal.tenant) & or_(
        member,
        ~has_members
        & or_(pools.c.owner_org == principal.org_node, pools.c.owner_org.in_(above_me)),
    )


def in_pools_open_to(principal: Principal) -> ColumnElement[bool]:
    """Leads waiting in a pool the principal may see and claim from."""
    return (leads.c.tenant == principal.tenant) & leads.c.pool_id.in_(
        select(pools.c.id).where(pools_open_to(principal))
    )


def from_pools_open_to(principal: Principal) -> ColumnElement[bool]:
    """Leads that wait in, or belong to, a pool open to the principal: a claimant who lost the
    race learns the lead is taken (409) instead of that it does not exist."""
    open_pools = select(pools.c.id).where(pools_open_to(principal))
    return (leads.c.tenant == principal.tenant) & or_(
        leads.c.pool_id.in_(open_pools), leads.c.home_pool_id.in_(open_pools)
    )
