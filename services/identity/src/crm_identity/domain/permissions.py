"""Who may manage whom: HQ admins the whole tenant, a dealer admin only the own dealer."""

from __future__ import annotations

from crm_common.policy.roles import ROLES, role
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


ADMIN_ROLES = frozenset(r.name for r in ROLES.values() if "user.manage" in r.functions)
"""Roles that manage users: a node must keep an active holder of each it has, or nobody could
manage its users (or log anyone back in) any more."""


def refusal_to_deactivate(
    actor_id: str, target_id: str, target_roles: frozenset[str], others_holding: frozenset[str]
) -> str | None:
    """Why the actor may not deactivate the target, if so. ``others_holding``: the admin
    roles other active users of the target's node hold."""
    if actor_id == target_id:
        return "you may not deactivate yourself"
    orphaned = sorted((target_roles & ADMIN_ROLES) - others_holding)
    if orphaned:
        return (
            f"the user is the last active {', '.join(orphaned)} of the org node;"
            " give another user the role first"
        )
    return None
