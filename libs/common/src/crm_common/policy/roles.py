"""Roles of the value chain, their data scope and their functions (DOMAIN.md "permissions").

Identity grants roles; every service checks the functions a role carries before acting.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_common.auth.principal import DataScope
from crm_common.errors import InvalidInput

_SCOPE_ORDER = [
    DataScope.OWN,
    DataScope.TEAM,
    DataScope.DEALER,
    DataScope.SUBTREE,
    DataScope.TENANT,
]


@dataclass(frozen=True)
class Role:
    name: str
    data_scope: DataScope
    functions: frozenset[str]
    dealer_level: bool
    """A dealer admin may grant it to employees of the dealer."""


def _role(name: str, scope: DataScope, *functions: str, dealer_level: bool = False) -> Role:
    return Role(name, scope, frozenset(functions), dealer_level)


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        _role(
            "hq_admin",
            DataScope.TENANT,
            "call.read",
            "org.manage",
            "user.manage",
            "user.read",
            "sharing.manage",
            "audit.read",
            "kpi.read",
            "kpi.define",
            "lead.read",
            "lead.create",
            "lead.distribute",
            "lead.import",
            "pool.manage",
            "campaign.manage",
            "opportunity.read",
            "pipeline.manage",
            "catalog.publish",
            "target.manage",
            "ticket.read",
            "ticket.manage",
            "ticket.assign",
            "service.configure",
        ),
        _role(
            "hq_analyst",
            DataScope.TENANT,
            "kpi.read",
            "kpi.define",
            "lead.read",
            "opportunity.read",
            "ticket.read",
        ),
        # Tiered assessment's reviewers (逐级考核): the sales VP reviews each score first, then
        # HR. Both read across the tenant: the people (user.read) and their figures.
        _role(
            "sales_vp",
            DataScope.TENANT,
            "user.read",
            "kpi.read",
            "lead.read",
            "opportunity.read",
            "assessment.review",
        ),
        _role("hr", DataScope.TENANT, "user.read", "kpi.read", "assessment.review"),
        _role(
            "region_manager",
            DataScope.SUBTREE,
            "call.read",
            "user.read",
            "kpi.read",
            "kpi.define",
            "lead.read",
            "lead.create",
            "lead.assign",
            "lead.distribute",
            "lead.import",
            "pool.manage",
            "campaign.manage",
            "opportunity.read",
            "target.manage",
            "ticket.read",
            # The escalation ladder raises a dealer's late tickets to its region (dealer
            # management → region → HQ): the region works them (replies, notes, resolution,
            # hand-back to someone of the dealer). Its write scope is the tickets raised to it
            # and the region's own book, never a dealer's other tickets.
            "ticket.manage",
            "ticket.assign",
            "service.configure",
        ),
        _role(
            "dealer_admin",
            DataScope.DEALER,
            "call.read",
            "call.review",
            "call.manage",
            "user.manage",
            "user.read",
            "sharing.manage",
            "audit.read",
            "kpi.read",
            "kpi.define",
            "lead.read",
            "lead.assign",
            "lead.import",
            "pool.manage",
            "campaign.manage",
            "opportunity.read",
            "opportunity.assign",
            "pipeline.manage",
            "catalog.manage",
            "quote.approve",
            "quote.approve.dealer",
            "sales.configure",
            "order.cancel",
            "commission.manage",
            "commission.issue",
            "target.manage",
            "ticket.read",
            "ticket.manage",
            "ticket.assign",
            "service.configure",
            dealer_level=True,
        ),
        _role(
            "sales_manager",
            DataScope.DEALER,
            "call.read",
            "call.review",
            "call.manage",
            "user.read",
            "kpi.read",
            "kpi.define",
            "lead.read",
            "lead.assign",
            "lead.create",
            "lead.import",
            "lead.work",
            "pool.manage",
            "campaign.manage",
            "opportunity.read",
            "opportunity.work",
            "opportunity.assign",
            "pipeline.manage",
            "catalog.manage",
            "quote.approve",
            "order.manage",
            "order.cancel",
            "commission.manage",
            "commission.approve",
            "target.manage",
            "ticket.read",
            dealer_level=True,
        ),
        _role(
            "sales_consultant",
            DataScope.OWN,
            "call.read",
            "call.make",
            "lead.read",
            "lead.create",
            "lead.claim",
            "lead.work",
            "kpi.read",
            "opportunity.read",
            "opportunity.work",
            "order.manage",
            dealer_level=True,
        ),
        _role(
            "service_advisor",
            DataScope.DEALER,
            "ticket.read",
            "ticket.manage",
            dealer_level=True,
        ),
        _role(
            "renewal_specialist",
            DataScope.OWN,
            "call.read",
            "call.make",
            "lead.read",
            dealer_level=True,
        ),
        _role(
            "call_center_agent",
            DataScope.OWN,
            "call.read",
            "call.make",
            "call.route",
            # An unknown caller's lead, into the agent's own node's book (the hotline's: HQ,
            # which distributes it); it waits in that book's pool, the agent works no leads.
            "lead.create",
            "ticket.read",
            "ticket.manage",
        ),
        _role(
            "call_center_supervisor",
            DataScope.SUBTREE,
            "call.read",
            "user.read",
            "call.make",
            "call.manage",
            "call.route",
            "call.review",
            "ticket.read",
            "ticket.manage",
            "ticket.assign",
            "kpi.read",
        ),
        _role("partner_user", DataScope.OWN, "partner.read", "partner.update"),
    )
}


class UnknownRole(InvalidInput):
    def __init__(self, message: str) -> None:
        super().__init__("roles", message)


def widest_scope(role_names: frozenset[str]) -> DataScope:
    """A user with several roles sees as far as the widest of them reaches."""
    scopes = [role(name).data_scope for name in role_names]
    return max(scopes, key=_SCOPE_ORDER.index) if scopes else DataScope.OWN


def has_function(role_names: frozenset[str], function: str) -> bool:
    return any(function in ROLES[name].functions for name in role_names if name in ROLES)


def role(name: str) -> Role:
    try:
        return ROLES[name]
    except KeyError:
        raise UnknownRole(f"unknown role {name!r}") from None
