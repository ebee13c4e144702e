"""Who may manage whom: HQ admins the whole tenant, a dealer admin only the own dealer."""

from __future__ import annotations

from crm_common.policy.roles import role
from crm_identity.domain.org_tree import within


def may_manage_users_in(
    actor_roles: frozenset[str], actor_org_path: str, target_org_path: str
) -> bool:
    if "hq_admin" in actor_roles:
        return True
    return "dealer_admin" in actor_roles and within(target_org_path, actor_org_path)


def may_grant(actor_roles: frozenset[str], granted: frozenset[str]) -> bool:
    """A dealer admin grants only dealer-level roles; HQ admins grant any."""
    if "hq_admin" in actor_roles:
        return True
    return "dealer_admin" in actor_roles and all(role(r).dealer_level for r in granted)
