"""Which calls a principal may see: the shared policy over the call's org and agent.
Conditions only; the views and repositories apply them."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from crm_call_center.adapters.tables import calls
from crm_common.auth import Principal
from crm_common.policy import DataType, changeable_by, level_shared_with, visible_to


def visible_calls(principal: Principal) -> ColumnElement[bool]:
    """Agents (own scope) see the calls they took or made; supervisors and managers the
    calls of the org nodes their scope reaches."""
    return visible_to(
        principal,
        DataType.CALL,
        tenant=calls.c.tenant,
        owner_org=calls.c.owner_org,
        owner_user=calls.c.agent_user,
    )


def call_level(principal: Principal) -> ColumnElement[int]:
    return level_shared_with(principal, DataType.CALL, owner_org=calls.c.owner_org)


def changeable_calls(principal: Principal) -> ColumnElement[bool]:
    """The calls the principal may change (wrap up, link): their own write scope, never what a
    sharing agreement lets them read."""
    return changeable_by(
        principal, tenant=calls.c.tenant, owner_org=calls.c.owner_org, owner_user=calls.c.agent_user
    )
