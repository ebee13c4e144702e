"""Which tickets a principal may see and which they may change: the shared policy for reads,
the caller's own write scope for commands. Conditions only; the repository and the views
apply them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, and_, case, literal, or_, select, union_all

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, level_shared_with, visible_to
from crm_service_desk.adapters.tables import tickets

COMPLAINT = "complaint"


def _data_type_visible(principal: Principal, data_type: DataType) -> ColumnElement[bool]:
    return visible_to(
        principal,
        data_type,
        tenant=tickets.c.tenant,
        owner_org=tickets.c.owner_org,
        owner_user=tickets.c.owner_user,
        owner_team=tickets.c.owner_team,
    )


def raised_to_me(principal: Principal) -> ColumnElement[bool]:
    """Tickets the escalation ladder raised to the principal's node (dealer management, the
    region, HQ service quality): that node works them, whatever the book shares otherwise."""
    return and_(tickets.c.tenant == principal.tenant, tickets.c.raised_to_org == principal.org_node)


def visible_tickets(principal: Principal) -> ColumnElement[bool]:
    """Complaints are shared as their own data type (``complaint``, masked towards the OEM by
    default), every other kind as ``ticket`` (figures only towards the OEM by default)."""
    return or_(
        and_(tickets.c.kind == COMPLAINT, _data_type_visible(principal, DataType.COMPLAINT)),
        and_(tickets.c.kind != COMPLAINT, _data_type_visible(principal, DataType.TICKET)),
        raised_to_me(principal),
    )


def ticket_level(principal: Principal) -> ColumnElement[int]:
    """How much of a visible ticket's data reaches the principal (before field permissions)."""
    return case(
        (raised_to_me(principal), literal(SharingLevel.FULL.value)),
        (
            tickets.c.kind == COMPLAINT,
            level_shared_with(principal, DataType.COMPLAINT, owner_org=tickets.c.owner_org),
        ),
        else_=level_shared_with(principal, DataType.TICKET, owner_org=tickets.c.owner_org),
    )


def changeable_tickets(principal: Principal) -> ColumnElement[bool]:
    """The caller's own write scope (sharing grants reads only): their own tickets (own and
    team scope), every node of their dealer (dealer scope), the nodes below theirs that belong
    to no dealer or to their own (subtree and tenant scope) — never another dealer's book —
    and the tickets raised to their node."""
    same_tenant = tickets.c.tenant == principal.tenant
    if principal.data_scope is DataScope.OWN:
        mine = tickets.c.owner_user == principal.user_id
    elif principal.data_scope is DataScope.TEAM:
        mine = or_(
            tickets.c.owner_user == principal.user_id,
            tickets.c.owner_team == principal.org_node,
        )
    else:
        d = org_directory
        me = org_directory.alias("writer_node")
        my_dealer = (
            select(me.c.dealer_id)
            .where(me.c.id == principal.org_node, me.c.tenant == principal.tenant)
            .scalar_subquery()
        )
        if principal.data_scope is DataScope.DEALER:
            nodes = select(d.c.id).where(d.c.tenant == principal.tenant, d.c.dealer_id == my_dealer)
        else:
            my_path = (
                select(me.c.path)
                .where(me.c.id == principal.org_node, me.c.tenant == principal.tenant)
                .scalar_subquery()
            )
            conditions = [
                d.c.tenant == principal.tenant,
                or_(d.c.dealer_id.is_(None), d.c.dealer_id == my_dealer),
            ]
            if principal.data_scope is DataScope.SUBTREE:
                conditions.append(d.c.path.startswith(my_path))
            nodes = select(d.c.id).where(*conditions)
        mine = tickets.c.owner_org.in_(
            union_all(select(literal(principal.org_node, String)), nodes)
        )
    return and_(same_tenant, or_(mine, raised_to_me(principal)))


def any_ticket(tenant: str) -> ColumnElement[bool]:
    """System work on a tenant's tickets (a consumer acting on its own event)."""
    return tickets.c.tenant == tenant
