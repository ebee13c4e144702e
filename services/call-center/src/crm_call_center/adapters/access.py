"""Which calls a principal may see: the shared policy over the call's org and agent.
Conditions only; the views and repositories apply them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, FromClause, and_, or_

from crm_call_center.adapters.tables import calls
from crm_common.auth import Principal
from crm_common.policy import DataType, changeable_by, level_shared_with, visible_to


def visible_calls(principal: Principal, of: FromClause = calls) -> ColumnElement[bool]:
    """Agents (own scope) see the calls they took or made and those a transfer handed to
    them; supervisors and managers the calls of the org nodes their scope reaches — a call
    handed to a dealer's consultant is in that dealer's book as well as the one it was taken
    in. ``of``: the calls table or an alias of it."""
    return or_(
        counted_calls(principal, of),
        and_(
            of.c.handed_to_org.is_not(None),
            visible_to(
                principal,
                DataType.CALL,
                tenant=of.c.tenant,
                owner_org=of.c.handed_to_org,
                owner_user=of.c.handed_to,
            ),
        ),
    )


def counted_calls(principal: Principal, of: FromClause = calls) -> ColumnElement[bool]:
    """The calls the principal's figures count: those of the books (or, for an agent, of the
    calls) they reach — not a call merely handed to them, whose handed part is a call of its
    own in their book."""
    return visible_to(
        principal,
        DataType.CALL,
        tenant=of.c.tenant,
        owner_org=of.c.owner_org,
        owner_user=of.c.agent_user,
    )


def call_level(principal: Principal) -> ColumnElement[int]:
    return level_shared_with(principal, DataType.CALL, owner_org=calls.c.owner_org)


def handed_level(principal: Principal) -> ColumnElement[int]:
    """How much of a call the book it was handed to shares with the principal (read only
    where the call was handed to one)."""
    return level_shared_with(principal, DataType.CALL, owner_org=calls.c.handed_to_org)


def changeable_calls(principal: Principal) -> ColumnElement[bool]:
    """The calls the principal may change (wrap up, link): their own write scope, never what a
    sharing agreement lets them read."""
    return changeable_by(
        principal, tenant=calls.c.tenant, owner_org=calls.c.owner_org, owner_user=calls.c.agent_user
    )
