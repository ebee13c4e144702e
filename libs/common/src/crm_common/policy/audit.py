"""Audit of personal data: every read and change of it, by whom, through which endpoint."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth.principal import Principal
from crm_common.db.tables import personal_data_audit
from crm_common.policy.sharing import DataType, SharingLevel
from crm_common.policy.visibility import visible_to


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
        insert(personal_data_audit).values(
            tenant=principal.tenant,
            owner_org=owner_org,
            actor=principal.user_id,
            actor_org=principal.org_node,
            action=action,
            resource_type=resource_type.value,
            resource_id=resource_id,
            fields=list(fields),
            level=level.label,
            endpoint=endpoint,
        )
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
