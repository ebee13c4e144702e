"""Which opportunities a principal may see, and which they may change: the shared policy applied
to the opportunities table (its owning consultant and team narrow the own and team scopes)."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, changeable_by, visible_to
from crm_opportunities.adapters.tables import competitors, opportunities


def visible_opportunities(
    principal: Principal, need: SharingLevel = SharingLevel.MASKED
) -> ColumnElement[bool]:
    return visible_to(
        principal,
        DataType.OPPORTUNITY,
        tenant=opportunities.c.tenant,
        owner_org=opportunities.c.owner_org,
        owner_user=opportunities.c.owner_user,
        owner_team=opportunities.c.owner_team,
        need=need,
    )


def changeable_opportunities(principal: Principal) -> ColumnElement[bool]:
    """The opportunities (and their quotes and orders) a command of the principal may change:
    their own write scope, never what a sharing agreement lets them read."""
    return changeable_by(
        principal,
        tenant=opportunities.c.tenant,
        owner_org=opportunities.c.owner_org,
        owner_user=opportunities.c.owner_user,
        owner_team=opportunities.c.owner_team,
    )


def changeable_competitors(principal: Principal) -> ColumnElement[bool]:
    """The competitor lists a principal may change: their own book's (or the nodes' below
    them that belong to no dealer, e.g. HQ's list for an HQ admin)."""
    return changeable_by(principal, tenant=competitors.c.tenant, owner_org=competitors.c.owner_org)
