"""Row visibility by tenant and data scope.

Every business row carries ``tenant`` and ``owner_org``. ``subtree`` reaches the org nodes below
the principal's own, as the service's copy of the org tree (``org_directory``) knows them; a
principal whose node is not (yet) known sees nothing rather than too much. ``own`` and ``team``
see no further than their own org node until records carry an owning user (leads, issue #4).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.sql.elements import ColumnClause

from crm_common.auth.principal import DataScope, Principal
from crm_common.db.tables import org_directory


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
            own_path = (
                select(org_directory.c.path)
                .where(
                    org_directory.c.id == principal.org_node,
                    org_directory.c.tenant == principal.tenant,
                )
                .scalar_subquery()
            )
            below = select(org_directory.c.id).where(
                org_directory.c.tenant == principal.tenant,
                org_directory.c.path.startswith(own_path),
            )
            return and_(same_tenant, owner_org.in_(below))
