"""Field-level permissions: who sees personal data in full, and who sees it masked."""

from __future__ import annotations

from crm_common.auth.principal import Principal
from crm_common.policy.sharing import SharingLevel

# Roles that manage a dealer's customers and so see their data in full within that dealer.
DEALER_MANAGERS = frozenset({"dealer_admin", "sales_manager"})


def personal_data_level(
    principal: Principal, *, owner_user: str | None, owner_org: str
) -> SharingLevel:
    """The owning user and the managers of the owning org see personal data in full; every
    other principal that may see the row at all (other consultants, HQ analysts) sees it masked.
    """
    if owner_user is not None and principal.user_id == owner_user:
        return SharingLevel.FULL
    if principal.org_node == owner_org and principal.roles & DEALER_MANAGERS:
        return SharingLevel.FULL
    return SharingLevel.MASKED
