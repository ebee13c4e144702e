"""What distributing a lead from HQ or a region to a dealer weighs: each dealer's load."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_leads.adapters import customer_dedup
from crm_leads.adapters.tables import LEAD_IS_OPEN, leads, pools
from crm_leads.domain.distribution import DealerLoad
from crm_leads.domain.pool_rules import PoolRules


async def dealer_loads(
    session: AsyncSession, *, tenant: str, under: str, phone: str
) -> list[DealerLoad]:
    """Active dealers below ``under`` with their region, open distributed leads, capacity
    (their default pool's rule) and whether they already work this phone's customer."""
    d = org_directory
    under_path = select(d.c.path).where(d.c.tenant == tenant, d.c.id == under).scalar_subquery()
    dealers = (
        await session.execute(
            select(d.c.id, d.c.path).where(
                d.c.tenant == tenant,
                d.c.kind == "dealer",
                d.c.active,
                d.c.path.startswith(under_path),
            )
        )
    ).all()
    if not dealers:
        return []
    ids = [row.id for row in dealers]
    open_distributed: dict[str, int] = dict(
        (
            await session.execute(
                select(leads.c.owner_org, func.count())
                .where(
                    leads.c.tenant == tenant,
                    leads.c.owner_org.in_(ids),
                    leads.c.origin_org.is_not(None),
                    LEAD_IS_OPEN,
                )
                .group_by(leads.c.owner_org)
            )
        ).all()
    )
    rules: dict[str, Any] = dict(
        (
            await session.execute(
                select(pools.c.owner_org, pools.c.rules).where(
                    pools.c.tenant == tenant, pools.c.owner_org.in_(ids), pools.c.is_default
                )
            )
        ).all()
    )
    # The dealer's customer of the phone, by the one dedup rule (a merged file counts as the
    # one it was merged into), and whether one of the dealer's leads of it is open.
    customer_of = await customer_dedup.customers_of_phone(
        session, tenant=tenant, books=ids, phone=phone
    )
    working: set[str] = set()
    if customer_of:
        of_the_phone = tuple_(leads.c.owner_org, leads.c.customer_id).in_(list(customer_of.items()))
        found = await session.execute(
            select(leads.c.owner_org).where(leads.c.tenant == tenant, of_the_phone, LEAD_IS_OPEN)
        )
        working = set(found.scalars())
    return [
        DealerLoad(
            dealer_id=row.id,
            region_id=_region_of(row.path),
            open_distributed=open_distributed.get(row.id, 0),
            capacity=PoolRules.model_validate(rules.get(row.id, {})).distribution.capacity,
            works_customer=row.id in working,
        )
        for row in dealers
    ]


def _region_of(path: str) -> str | None:
    """The region of a dealer: the node below HQ in ``/hq/region/[group/]dealer/``."""
    nodes = [n for n in path.split("/") if n]
    return nodes[1] if len(nodes) >= 3 else None
