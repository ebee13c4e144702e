"""Audit of personal data: every read and change of it, by whom, through which endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert, RowMapping, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth.principal import Principal
from crm_common.db.tables import personal_data_audit
from crm_common.policy.sharing import DataType, SharingLevel
from crm_common.policy.visibility import visible_to

_ENTRY_COLUMNS = (
    "tenant",
    "owner_org",
    "actor",
    "actor_org",
    "action",
    "resource_type",
    "resource_id",
    "fields",
    "level",
    "endpoint",
)
AUDIT_ENTRY: Insert = insert(personal_data_audit).values(
    {name: bindparam(f"audit_{name}") for name in _ENTRY_COLUMNS}
)
"""One entry, built once (SQLAlchemy keeps its compiled form); its values are
``audit_values``. A command may send it with its change as a CTE: one round trip for both."""


def audit_values(
    principal: Principal,
    *,
    action: str,
    resource_type: DataType,
    resource_id: str,
    owner_org: str,
    fields: Sequence[str],
    level: SharingLevel,
    endpoint: str,
) -> dict[str, Any]:
    """The bound values of ``AUDIT_ENTRY``: ``principal`` read or changed these fields of a
    resource owned by ``owner_org`` through ``endpoint``."""
    return {
        "audit_tenant": principal.tenant,
        "audit_owner_org": owner_org,
        "audit_actor": principal.user_id,
        "audit_actor_org": principal.org_node,
        "audit_action": action,
        "audit_resource_type": resource_type.value,
        "audit_resource_id": resource_id,
        "audit_fields": list(fields),
        "audit_level": level.label,
        "audit_endpoint": endpoint,
    }


async def record_personal_data_access(
    session: AsyncSession,
    principal: Principal,
    *,
    action: str,
    resource_type: DataType,
    resource_id: str,
    owner_org: str,
    fields: Sequence[str],
    level: SharingLevel,
    endpoint: str,
) -> None:
    """Written in the caller's transaction: a change and its audit entry commit together."""
    await session.execute(
        AUDIT_ENTRY,
        audit_values(
            principal,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            owner_org=owner_org,
            fields=fields,
            level=level,
            endpoint=endpoint,
        ),
    )


async def audit_entries(
    session: AsyncSession,
    principal: Principal,
    resource_id: str,
    *,
    limit: int = 200,
    offset: int = 0,
) -> list[RowMapping]:
    """Entries of one resource, oldest first, a page at a time, for admins who may see the
    owning org's records in full."""
    a = personal_data_audit
    query = (
        select(a)
        .where(
            a.c.resource_id == resource_id,
            visible_to(
                principal,
                DataType.CUSTOMER,
                tenant=a.c.tenant,
                owner_org=a.c.owner_org,
                need=SharingLevel.FULL,
            ),
        )
        .order_by(a.c.id)
        .limit(limit)
        .offset(offset)
    )
    return list((await session.execute(query)).mappings())
