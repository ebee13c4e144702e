"""Row visibility by tenant, data scope and sharing agreements.

Every business row carries ``tenant`` and ``owner_org``. The service's copy of the org tree
(``org_directory``) says which dealer an org node belongs to and what lies below it; the copy
of the sharing agreements (``sharing_levels``) says how much each dealer shares with the OEM.

- ``own``: rows the principal owns (``owner_user``); ``team``: rows owned by anyone of the
  principal's team node (``owner_team``) — on tables without an owning user, the own org node;
- ``dealer``: every node of the principal's dealer;
- ``subtree``/``tenant``: the nodes below the principal's node (or the whole tenant), where a
  node of another dealer counts only if that dealer shares the data type at the needed level.

Changes (``changeable_by``) reach the same scopes without the sharing agreements: another
dealer's rows are never changeable, whatever it shares.

A principal whose node the directory does not know sees its own node's rows and nothing else.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    String,
    and_,
    any_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnClause

from crm_common.auth.principal import DataScope, Principal
from crm_common.db.tables import org_directory, sharing_levels
from crm_common.policy.sharing import (
    ALL_ORGS,
    DataType,
    Direction,
    SharingLevel,
    default_level,
)

Column = ColumnElement[str] | ColumnClause[str]


def _principal_node(principal: Principal, column: ColumnClause[str]) -> ColumnElement[str]:
    me = org_directory.alias("principal_node")
    return (
        select(me.c[column.name])
        .where(me.c.id == principal.org_node, me.c.tenant == principal.tenant)
        .scalar_subquery()
    )


def shared_level(
    tenant: str, data_type: DataType, direction: Direction, dealer_id: Column
) -> ColumnElement[int]:
    """The agreed level for one dealer: its own agreement, else the tenant's, else the default."""
    s = sharing_levels

    def agreed(dealer: Column | str) -> ColumnElement[int]:
        return (
            select(s.c.level)
            .where(
                s.c.tenant == tenant,
                s.c.data_type == data_type.value,
                s.c.direction == direction.value,
                s.c.dealer_id == dealer,
                s.c.partner_id == ALL_ORGS,
            )
            .correlate_except(s)
            .scalar_subquery()
        )

    return func.coalesce(
        agreed(dealer_id), agreed(ALL_ORGS), default_level(direction, data_type).value
    )


def visible_to(
    principal: Principal,
    data_type: DataType,
    *,
    tenant: Column,
    owner_org: Column,
    owner_user: Column | None = None,
    owner_team: Column | None = None,
    need: SharingLevel = SharingLevel.MASKED,
    within_or: bool = False,
) -> ColumnElement[bool]:
    """SQL condition: the rows ``principal`` may see of ``data_type`` at level ``need``.

    ``owner_user``/``owner_team``: the owning user and the node they work in, for tables whose
    rows a single user owns (the own and team scopes narrow to them). ``within_or``: the
    condition is one branch of an ``OR`` (e.g. a table shared as two data types): the books are
    then computed once, before the scan, as ``owner_org = ANY(ARRAY(…))``, which an index
    serves inside the ``OR`` (a bitmap per branch), where ``IN (…)`` would become a subplan
    run for every row of the table."""
    return _in_scope(
        principal,
        (data_type, need),
        tenant=tenant,
        owner_org=owner_org,
        owner_user=owner_user,
        owner_team=owner_team,
        within_or=within_or,
    )


def changeable_by(
    principal: Principal,
    *,
    tenant: Column,
    owner_org: Column,
    owner_user: Column | None = None,
    owner_team: Column | None = None,
) -> ColumnElement[bool]:
    """SQL condition: the rows ``principal`` may change — the "may change" policy every command
    finds its target through (DESIGN.md "Tenancy and tiered sharing").

    The caller's own write scope over the row's book, by the data scope of their roles: own,
    team and dealer as for reads; subtree and tenant reach the org nodes below (or the whole
    tenant) that belong to no dealer (HQ, regions) and the caller's own dealer. A sharing
    agreement never widens it: what another dealer shares with the OEM is readable (at the
    agreed level), never changeable. Nothing but this condition says which rows a command may
    touch; the permission-matrix test holds every command of every service to it."""
    return _in_scope(
        principal,
        None,
        tenant=tenant,
        owner_org=owner_org,
        owner_user=owner_user,
        owner_team=owner_team,
    )


def _in_scope(
    principal: Principal,
    shared: tuple[DataType, SharingLevel] | None,
    *,
    tenant: Column,
    owner_org: Column,
    owner_user: Column | None,
    owner_team: Column | None,
    within_or: bool = False,
) -> ColumnElement[bool]:
    """``shared``: the data type and level another dealer's sharing agreement must grant for
    its rows to count (reads); None: other dealers' rows never count (changes)."""
    same_tenant = tenant == principal.tenant
    own_node = owner_org == principal.org_node
    if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
        if owner_user is None:
            return and_(same_tenant, own_node)
        return and_(same_tenant, or_(*_owners(principal, owner_user, owner_team)))
    # One ``owner_org IN (nodes)``, the own node among them (even when the directory does not
    # know it), never ``own OR IN (…)``: the planner turns the IN into a semi-join on the
    # (tenant, owner_org) indexes, while an OR around it makes it scan the whole table.
    reachable = _books(principal, shared)
    if within_or:
        books = func.array(reachable.scalar_subquery(), type_=ARRAY(String))
        return and_(same_tenant, owner_org == any_(books))
    return and_(same_tenant, owner_org.in_(reachable))


def books_of(
    principal: Principal, data_type: DataType, need: SharingLevel = SharingLevel.MASKED
) -> ColumnElement[list[str]] | None:
    """The org nodes whose rows of ``data_type`` ``principal`` sees at level ``need``, as an
    array computed once before the scan — what ``visible_to`` admits by book, for a query that
    walks each book in its own order (newest first, stopping at a page); None for the own and
    team scopes, which see rows by their owner, not by book."""
    if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
        return None
    return func.array(_books(principal, (data_type, need)).scalar_subquery(), type_=ARRAY(String))


def owners_of(
    principal: Principal, *, owner_user: Column, owner_team: Column | None = None
) -> list[ColumnElement[bool]] | None:
    """What ``visible_to`` admits by owner in the own and team scopes, one condition per owner
    column (the caller's own rows; their team's): for a query that walks each through its own
    index newest first and stops at a page, where the ``OR`` of the two could only be read
    whole and sorted. None for the scopes that see rows by book (``books_of``)."""
    if principal.data_scope not in (DataScope.OWN, DataScope.TEAM):
        return None
    return _owners(principal, owner_user, owner_team)


def _owners(
    principal: Principal, owner_user: Column, owner_team: Column | None
) -> list[ColumnElement[bool]]:
    """The own scope's rows are the caller's; the team scope's also those of their team."""
    found = [owner_user == principal.user_id]
    if principal.data_scope is DataScope.TEAM and owner_team is not None:
        found.append(owner_team == principal.org_node)
    return found


def _books(principal: Principal, shared: tuple[DataType, SharingLevel] | None) -> Any:
    """The nodes of the dealer, subtree or tenant scopes, the principal's own among them."""
    d = org_directory
    my_dealer = _principal_node(principal, d.c.dealer_id)
    if principal.data_scope is DataScope.DEALER:
        below = select(d.c.id).where(d.c.tenant == principal.tenant, d.c.dealer_id == my_dealer)
    else:
        reaches = [d.c.dealer_id.is_(None), d.c.dealer_id == my_dealer]
        if shared is not None:
            data_type, need = shared
            reaches.append(
                shared_level(principal.tenant, data_type, Direction.DEALER_TO_OEM, d.c.dealer_id)
                >= need.value
            )
        conditions = [d.c.tenant == principal.tenant, or_(*reaches)]
        if principal.data_scope is DataScope.SUBTREE:
            conditions.append(d.c.path.startswith(_principal_node(principal, d.c.path)))
        below = select(d.c.id).where(*conditions)
    return union_all(select(literal(principal.org_node, String)), below)


def level_shared_with(
    principal: Principal, data_type: DataType, *, owner_org: Column
) -> ColumnElement[int]:
    """SQL expression: how much of a row's data reaches ``principal`` (FULL within the own
    dealer or for rows above dealers; the agreed level for another dealer's rows)."""
    d = org_directory.alias("row_node")
    # Correlated with the row's table even when nested inside the sharing-level subquery.
    row_dealer = (
        select(d.c.dealer_id).where(d.c.id == owner_org).correlate_except(d).scalar_subquery()
    )
    my_dealer = _principal_node(principal, org_directory.c.dealer_id)
    return case(
        (owner_org == principal.org_node, literal(SharingLevel.FULL.value)),
        (row_dealer.is_(None), literal(SharingLevel.FULL.value)),
        (row_dealer == my_dealer, literal(SharingLevel.FULL.value)),
        else_=shared_level(principal.tenant, data_type, Direction.DEALER_TO_OEM, row_dealer),
    )
