"""Row visibility by tenant and data scope.

Every business row carries ``tenant`` and ``owner_org``. Until identity publishes the org tree
(issue #3), scopes that need the tree (``subtree``) are refused loudly rather than guessed, and
``own``/``team`` see no further than their own org node.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_
from sqlalchemy.sql.elements import ColumnClause

from crm_common.auth.principal import DataScope, Principal


class PolicyNotAvailable(Exception):
    """The caller's data scope needs policy data this deployment does not have yet."""


def visible_to(
    principal: Principal,
    *,
    tenant: ColumnElement[str] | ColumnClause[str],
    owner_org: ColumnElement[str] | ColumnClause[str],
) -> ColumnElement[bool]:
    """SQL condition: the rows of ``tenant``/``owner_org`` columns that ``principal`` may see."""
    same_tenant = tenant == principal.tenant
    match principal.data_scope:
        case DataScope.TENANT:
            return same_tenant
        case DataScope.DEALER | DataScope.TEAM | DataScope.OWN:
            return and_(same_tenant, owner_org == principal.org_node)
        case DataScope.SUBTREE:
            raise PolicyNotAvailable(
                "data scope 'subtree' needs the org tree from identity (not built yet, issue #3)"
            )
