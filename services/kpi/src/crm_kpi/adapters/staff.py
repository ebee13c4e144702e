"""Which of the staff copy (``crm_common.policy.staff``) the caller manages: a consultant's
target names someone at a dealer in the caller's own write scope."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory, staff
from crm_common.policy import changeable_by


async def managed_member(
    session: AsyncSession, principal: Principal, user_id: str
) -> tuple[str, frozenset[str]] | None:
    """The dealer and roles of a user whose dealer lies in ``principal``'s own write scope
    (the shared "may change" policy); None for anyone else, or a user kpi does not know."""
    d = org_directory
    row = (
        await session.execute(
            select(d.c.dealer_id, staff.c.roles)
            .join(d, (d.c.id == staff.c.org_node) & (d.c.tenant == staff.c.tenant))
            .where(
                staff.c.user_id == user_id,
                staff.c.tenant == principal.tenant,
                d.c.dealer_id.is_not(None),
                changeable_by(principal, tenant=d.c.tenant, owner_org=d.c.dealer_id),
            )
        )
    ).first()
    return None if row is None else (str(row.dealer_id), frozenset(row.roles))
