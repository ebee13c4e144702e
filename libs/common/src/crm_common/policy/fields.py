"""Field-level permissions: who sees personal data in full, and who sees it masked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from crm_common.auth.principal import Principal
from crm_common.policy.sharing import SharingLevel

# Roles that manage the customers of their own org node's book (a dealer's, or HQ's and a
# region's own leads) and so see their data in full there.
BOOK_MANAGERS = frozenset({"dealer_admin", "sales_manager", "hq_admin", "region_manager"})


def personal_data_level(
    principal: Principal, *, owner_user: str | None, owner_org: str, shared: SharingLevel
) -> SharingLevel:
    """Within what the owning org shares with the principal (``shared``), the owning user and
    the managers of the owning org see personal data in full; everyone else sees it masked."""
    is_owner = owner_user is not None and principal.user_id == owner_user
    manages_owner_org = principal.org_node == owner_org and bool(principal.roles & BOOK_MANAGERS)
    role_level = SharingLevel.FULL if is_owner or manages_owner_org else SharingLevel.MASKED
    return min(role_level, shared)


def reads_in_full(
    principal: Principal,
    *,
    owner_user: ColumnElement[Any],
    owner_org: ColumnElement[Any],
    shared: ColumnElement[int],
) -> ColumnElement[bool]:
    """SQL condition: ``personal_data_level`` is FULL for the row — where a query may match
    on personal data only for those who would see it (a search by name must not confirm a
    name to a reader who sees it masked)."""
    role_full = owner_user == principal.user_id
    if principal.roles & BOOK_MANAGERS:
        role_full = or_(role_full, owner_org == principal.org_node)
    return and_(role_full, shared >= SharingLevel.FULL.value)
